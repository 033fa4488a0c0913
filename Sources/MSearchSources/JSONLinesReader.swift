import Foundation

/// JSON Lines: one `{"id","title","date","body"}` object per line (`url` optional, `date` may be
/// null). A bad line is a problem for that line only; the other lines still give documents.
enum JSONLinesReader {
    static func read(_ bytes: [UInt8], path: String) -> SourceParts {
        var result = SourceParts()
        var firstLineOfID: [String: Int] = [:]
        let stem = SourceFormat.stem(path)
        bytes.withUnsafeBufferPointer { buf in
            var start = 0
            var lineNo = 0
            while start < buf.count {
                var end = start
                while end < buf.count, buf[end] != 0x0A { end += 1 }
                lineNo += 1
                let line = UnsafeBufferPointer(rebasing: buf[start..<end])
                start = end + 1
                if line.allSatisfy(isSpace) { continue }
                func problem(_ reason: String) {
                    result.problems.append(SourceProblem(path: path, reason: "line \(lineNo): \(reason)"))
                }
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
                    problem("invalid JSON" + (detail.map { " (\($0))" } ?? ""))
                    continue
                }
                guard let dict = object as? [String: Any] else { problem("not a JSON object"); continue }
                func string(_ key: String) -> String? {
                    switch dict[key] {
                    case let s as String: return s
                    case let n as NSNumber: return n.stringValue
                    default: return nil
                    }
                }
                let title = collapseWhitespace(string("title") ?? "")
                let body = normalizeBody(string("body") ?? string("text") ?? string("content") ?? "")
                if title.isEmpty && body.isEmpty { problem("no title or body"); continue }
                var id = string("id").map { collapseWhitespace($0) } ?? ""
                if id.isEmpty { id = "\(stem)#\(lineNo)" }
                if let first = firstLineOfID[id] { problem("duplicate id \"\(id)\" (first on line \(first))"); continue }
                firstLineOfID[id] = lineNo
                var date: String? = nil
                if let raw = string("date") { date = DateNormalizer.normalize(raw) }
                let url = string("url") ?? string("link")
                result.documents.append(SourceDocument(id: id, path: path, title: title, body: body, date: date,
                                                       dateEvidence: date == nil ? nil : "jsonl date", url: url, format: .jsonl))
            }
        }
        return result
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
