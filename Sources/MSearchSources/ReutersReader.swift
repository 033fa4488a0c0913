#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension SourceFormat {
    /// Reuters-21578 SGML (`ReutersReader`).
    public static let reuters = SourceFormat(name: "reuters")
}

/// Reuters-21578 SGML: one document per `<REUTERS … NEWID="N">`, id = NEWID.
///
/// The files are not valid XML (SGML, unescaped `<` in places, Latin-1 bytes), so they are read by
/// hand on bytes: the format is simple and this is much faster than a general parser.
enum ReutersReader {
    static let capabilities = FormatCapabilities(
        format: .reuters, label: "Reuters-21578 SGML", extensions: ["sgm", "sgml"],
        sniff: { $0.markupStarts(with: "<!doctype lewis", "<reuters") },
        identity: .perDocument(key: "NEWID"), read: { try read($0) })

    static func read(_ input: SourceInput) throws -> SourceParts {
        let path = input.path
        let bytes = input.bytes.withUnsafeBufferPointer { decodeUTF8OrLatin1($0) }
        var result = SourceParts()
        var seen = Set<String>()
        bytes.withUnsafeBufferPointer { buf in
            var pos = 0
            var ordinal = 0
            while let open = find("<REUTERS", in: buf, from: pos, to: buf.count) {
                ordinal += 1
                guard let tagEnd = find(">", in: buf, from: open, to: buf.count) else {
                    result.problems.append(SourceProblem(path: path, reason: "REUTERS element \(ordinal): unterminated start tag"))
                    break
                }
                let next = find("<REUTERS", in: buf, from: tagEnd, to: buf.count) ?? buf.count
                let close = find("</REUTERS>", in: buf, from: tagEnd, to: next)
                let end = close ?? next
                pos = close.map { $0 + 10 } ?? next
                let openTag = UnsafeBufferPointer(rebasing: buf[open..<tagEnd])
                guard let newid = attribute("NEWID", in: openTag), !newid.isEmpty else {
                    result.problems.append(SourceProblem(path: path, reason: "REUTERS element \(ordinal): no NEWID"))
                    continue
                }
                if close == nil {
                    result.problems.append(SourceProblem(path: path, reason: "NEWID \(newid): no </REUTERS> end tag"))
                }
                if !seen.insert(newid).inserted {
                    result.problems.append(SourceProblem(path: path, reason: "NEWID \(newid): duplicate"))
                    continue
                }
                let doc = UnsafeBufferPointer(rebasing: buf[(tagEnd + 1)..<end])
                var date: String? = nil
                if let r = element("DATE", in: doc) {
                    date = DateNormalizer.parse(bytes: UnsafeBufferPointer(rebasing: doc[r]))?.iso
                }
                var title = ""
                if let r = element("TITLE", in: doc) {
                    var t = TextBuilder()
                    t.appendDecodingEntities(UnsafeBufferPointer(rebasing: doc[r]))
                    title = t.string()
                }
                var body = TextBuilder(capacity: doc.count)
                if let r = element("BODY", in: doc) {
                    appendBody(UnsafeBufferPointer(rebasing: doc[r]), to: &body)
                } else if let r = element("TEXT", in: doc) {
                    // Unprocessed and brief stories: the TEXT element without its TITLE.
                    let text = UnsafeBufferPointer(rebasing: doc[r])
                    var plain: [UInt8] = []
                    plain.reserveCapacity(text.count)
                    var i = 0
                    var skipping = false
                    while i < text.count {
                        if text[i] == 0x3C, let gt = find(">", in: text, from: i, to: min(text.count, i + 40)) {
                            let tag = String(decoding: UnsafeBufferPointer(rebasing: text[i..<gt]), as: UTF8.self).uppercased()
                            if tag == "<TITLE" || tag == "<AUTHOR" || tag == "<DATELINE" { skipping = true; i = gt + 1; continue }
                            if tag == "</TITLE" || tag == "</AUTHOR" || tag == "</DATELINE" { skipping = false; i = gt + 1; continue }
                            if tag.first == "<", tag.dropFirst().first.map({ $0.isLetter || $0 == "/" }) == true { i = gt + 1; continue }
                        }
                        if !skipping { plain.append(text[i]) }
                        i += 1
                    }
                    plain.withUnsafeBufferPointer { appendBody($0, to: &body) }
                }
                let bodyText = body.string()
                if title.isEmpty { title = firstLine(of: bodyText) }
                // A story without text (there is one in the corpus) is still kept: NEWIDs are the
                // corpus' identity, and evaluations count on all 21,578 of them.
                result.documents.append(SourceDocument(id: newid, path: path, title: title, body: bodyText, date: date,
                                                       dateEvidence: date == nil ? nil : "reuters DATE", url: nil, format: .reuters))
            }
        }
        if result.documents.isEmpty && result.problems.isEmpty {
            throw SourceProblem(path: path, reason: "no <REUTERS> elements (not Reuters-21578 SGML)")
        }
        return result
    }

    /// Body text: wrapped lines joined, an indented line starts a new paragraph, entities decoded,
    /// the closing "Reuter" sign-off dropped.
    static func appendBody(_ text: UnsafeBufferPointer<UInt8>, to out: inout TextBuilder) {
        var end = text.count
        // Trailing sign-off: "… Reuter\n&#3;" (also "REUTER").
        var e = end
        while e > 0, isSpace(text[e - 1]) || text[e - 1] == 0x03 { e -= 1 }
        if e >= 4, String(decoding: UnsafeBufferPointer(rebasing: text[(e - 4)..<e]), as: UTF8.self) == "&#3;" {
            e -= 4
            while e > 0, isSpace(text[e - 1]) { e -= 1 }
        }
        if e >= 6 {
            let word = String(decoding: UnsafeBufferPointer(rebasing: text[(e - 6)..<e]), as: UTF8.self).lowercased()
            if word == "reuter", e == 6 || isSpace(text[e - 7]) { end = e - 6 }
        }
        var start = 0
        while start < end {
            var lineEnd = start
            while lineEnd < end, text[lineEnd] != 0x0A { lineEnd += 1 }
            if lineEnd > start, isSpace(text[start]) || text[start] == 0x09 { out.breakParagraph() }
            out.appendDecodingEntities(UnsafeBufferPointer(rebasing: text[start..<lineEnd]))
            out.space()
            start = lineEnd + 1
        }
    }

    /// Byte offset of `needle` in buf[from..<to].
    static func find(_ needle: StaticString, in buf: UnsafeBufferPointer<UInt8>, from: Int, to: Int) -> Int? {
        guard to > from else { return nil }
        return findBytes(UnsafeBufferPointer(start: needle.utf8Start, count: needle.utf8CodeUnitCount),
                         in: UnsafeBufferPointer(rebasing: buf[from..<to])).map { $0 + from }
    }

    /// The content range of the first `<NAME …>…</NAME>` in `doc`.
    static func element(_ name: String, in doc: UnsafeBufferPointer<UInt8>) -> Range<Int>? {
        let open = Array("<\(name)".utf8), close = Array("</\(name)>".utf8)
        guard let base = doc.baseAddress else { return nil }
        var from = 0
        while from < doc.count {
            guard let hit = open.withUnsafeBufferPointer({ findBytes($0, in: UnsafeBufferPointer(rebasing: doc[from...])) }) else { return nil }
            let at = hit + from
            let after = at + open.count
            guard after < doc.count else { return nil }
            if doc[after] == 0x3E || isSpace(doc[after]) {
                guard let gt = memchr(base + after, 0x3E, doc.count - after) else { return nil }
                let contentStart = UnsafeRawPointer(gt) - UnsafeRawPointer(base) + 1
                guard let endHit = close.withUnsafeBufferPointer({ findBytes($0, in: UnsafeBufferPointer(rebasing: doc[contentStart...])) }) else {
                    return contentStart..<doc.count
                }
                return contentStart..<(contentStart + endHit)
            }
            from = after
        }
        return nil
    }

    /// The value of `NAME="value"` in a start tag.
    static func attribute(_ name: String, in tag: UnsafeBufferPointer<UInt8>) -> String? {
        let key = Array(" \(name)=\"".utf8)
        guard let hit = key.withUnsafeBufferPointer({ findBytes($0, in: tag) }) else { return nil }
        let start = hit + key.count
        var end = start
        // An unclosed quote ends at the line's end: ids and messages stay on one line.
        while end < tag.count, tag[end] != 0x22, tag[end] >= 0x20 { end += 1 }
        return String(decoding: UnsafeBufferPointer(rebasing: tag[start..<end]), as: UTF8.self)
    }
}
