import Foundation

extension SourceFormat {
    /// JSON Lines (`JSONLinesReader`).
    public static let jsonl = SourceFormat(name: "jsonl")
}

/// JSON Lines: one `{"id","title","date","body"}` object per line (`url` optional, `date` may be
/// null). A bad line is a problem for that line only; the other lines still give documents.
///
/// Reading is two steps so a large file can stream (`JSONLinesStream`): `parse` turns any run of
/// complete lines into documents on any thread, and `Deduplicator`, which must see the lines in
/// order, drops ids already seen earlier in the file.
enum JSONLinesReader {
    /// One line's outcome, with its 1-based line number.
    enum Line {
        case document(Int, SourceDocument)
        case problem(Int, String)
    }

    /// Large files stream (`JSONLinesStream`), and `--store none` finds a document again by
    /// parsing its line alone (`JSONLinesDocuments`).
    static let capabilities = FormatCapabilities(
        format: .jsonl, label: "JSON Lines", extensions: ["jsonl", "ndjson"],
        sniff: { isFirstLineAnObject($0.text) },
        identity: .perDocument(key: "\"id\""), read: { read($0) },
        openStream: { file, maxLineBytes in try JSONLinesStream.open(file, maxLineBytes: maxLineBytes) },
        findDocuments: { bytes, path in JSONLinesDocuments(bytes: bytes, path: path) })

    /// Each line is a whole object, so the first starts with "{" and ends with "}" (unless the
    /// prefix sniffed ends before it does): a pretty-printed JSON document is not JSON Lines.
    static func isFirstLineAnObject(_ text: [UInt8]) -> Bool {
        guard text.first == UInt8(ascii: "{") else { return false }
        guard let newline = text.firstIndex(of: 0x0A) else { return true }
        return text[..<newline].last(where: { !isSpace($0) }) == UInt8(ascii: "}")
    }

    static func read(_ input: SourceInput) -> SourceParts {
        let path = input.path
        var dedup = Deduplicator(path: path)
        let lines = input.bytes.withUnsafeBufferPointer { parse($0, firstLine: 1, path: path) }
        return dedup.accept(lines)
    }

    /// Drops documents whose id appeared on an earlier line of the same file.
    struct Deduplicator {
        let path: String
        private var firstLineOfID: [String: Int] = [:]

        init(path: String) { self.path = path }

        mutating func accept(_ lines: [Line]) -> SourceParts {
            var result = SourceParts()
            for line in lines {
                switch line {
                case .problem(let n, let reason):
                    result.problems.append(SourceProblem(path: path, reason: "line \(n): \(reason)"))
                case .document(let n, let doc):
                    if let reason = check(id: doc.id, line: n) {
                        result.problems.append(SourceProblem(path: path, reason: "line \(n): \(reason)"))
                    } else {
                        result.documents.append(doc)
                    }
                }
            }
            return result
        }

        /// Why the document on `line` must be dropped (its id is taken), or nil when it is new.
        mutating func check(id: String, line: Int) -> String? {
            if let first = firstLineOfID[id] { return "duplicate id \"\(id)\" (first on line \(first))" }
            firstLineOfID[id] = line
            return nil
        }
    }

    /// Parses the lines of `buf` (the last one may lack its "\n"), numbering them from `firstLine`.
    static func parse(_ buf: UnsafeBufferPointer<UInt8>, firstLine: Int, path: String) -> [Line] {
        var out: [Line] = []
        let stem = SourceFormat.stem(path)
        forEachLine(buf, firstLine: firstLine) { line, lineNo in
            if let line = parseLine(line, lineNo: lineNo, stem: stem, path: path) { out.append(line) }
        }
        return out
    }

    /// Calls `body` with each line of `buf` that is not blank and its number, counting from
    /// `firstLine` (blank lines count, but yield nothing). The last line may lack its "\n".
    @inline(__always)
    static func forEachLine(_ buf: UnsafeBufferPointer<UInt8>, firstLine: Int, _ body: (UnsafeBufferPointer<UInt8>, Int) -> Void) {
        var start = 0
        var lineNo = firstLine - 1
        while start < buf.count {
            var end = start
            if let nl = memchr(buf.baseAddress! + start, 0x0A, buf.count - start) {
                end = UnsafeRawPointer(nl) - UnsafeRawPointer(buf.baseAddress!)
            } else {
                end = buf.count
            }
            lineNo += 1
            let line = UnsafeBufferPointer(rebasing: buf[start..<end])
            start = end + 1
            if line.allSatisfy(isSpace) { continue }
            body(line, lineNo)
        }
    }

    /// One line that is not blank: its document, or why it gives none. Most lines are decoded
    /// from their bytes (`JSONLineFields`); the others go through JSONSerialization, which also
    /// words the problem of a malformed line.
    static func parseLine(_ line: UnsafeBufferPointer<UInt8>, lineNo: Int, stem: String, path: String) -> Line? {
        if let fields = JSONLineFields(line) {
            return document(lineNo: lineNo, stem: stem, path: path, string: fields.string)
        }
        return parseLineWithFoundation(line, lineNo: lineNo, stem: stem, path: path)
    }

    /// `parseLine` through JSONSerialization, for any line.
    static func parseLineWithFoundation(_ line: UnsafeBufferPointer<UInt8>, lineNo: Int, stem: String, path: String) -> Line? {
        // Invalid UTF-8 is repaired, as for other text.
        let data: Data
        if firstInvalidUTF8(line) != nil {
            data = Data(String(decoding: line, as: UTF8.self).utf8)
        } else {
            data = Data(buffer: line)
        }
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
        } catch {
            let detail = (error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String
            return .problem(lineNo, "invalid JSON" + (detail.map { " (\($0))" } ?? ""))
        }
        guard let dict = object as? [String: Any] else { return .problem(lineNo, "not a JSON object") }
        return document(lineNo: lineNo, stem: stem, path: path) { key in
            switch dict[key] {
            case let s as String: return s
            case let n as NSNumber: return n.stringValue
            default: return nil
            }
        }
    }

    /// The document of a line whose object gives `string(key)` for a field's text (nil when
    /// missing, null or not text), or why it gives none.
    static func document(lineNo: Int, stem: String, path: String, string: (String) -> String?) -> Line {
        let title = collapseWhitespace(string("title") ?? "")
        let body = normalizeBody(string("body") ?? string("text") ?? string("content") ?? "")
        if title.isEmpty && body.isEmpty { return .problem(lineNo, "no title or body") }
        var id = string("id").map { collapseWhitespace($0) } ?? ""
        if id.isEmpty { id = DocumentIdentity.numbered(stem: stem, lineNo) }
        var date: String? = nil
        if let raw = string("date") { date = DateNormalizer.normalize(raw) }
        let url = string("url") ?? string("link")
        var document = SourceDocument(id: id, path: path, title: title, body: body, date: date,
                                      dateEvidence: date == nil ? nil : "jsonl date", url: url, format: .jsonl)
        document.languageHint = string("lang") ?? string("language")
        return .document(lineNo, document)
    }

    /// Paragraphs (lines) kept, whitespace inside each collapsed, empty lines dropped.
    static func normalizeBody(_ s: String) -> String {
        var s = s
        return s.withUTF8 { utf8 in
            var b = TextBuilder(capacity: utf8.count)
            var start = 0
            // Split on bytes: String.split over Characters costs more than the rest of indexing.
            for i in 0...utf8.count where i == utf8.count || utf8[i] == UInt8(ascii: "\n") {
                if i > start {
                    b.breakParagraph()
                    b.append(UnsafeBufferPointer(rebasing: utf8[start..<i]))
                }
                start = i + 1
            }
            return b.string()
        }
    }
}
