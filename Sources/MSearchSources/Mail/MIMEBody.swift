/// The readable text of a MIME entity (RFC 2045–2046): multipart bodies split at their
/// boundary and read part by part (nested up to `maxDepth`), `multipart/alternative` read as
/// its text/plain version when it has one, text/html through the HTML reader's fragment text,
/// attached messages read as messages, and every other type (images, applications) and
/// attachments other than plain text left out. Transfer encodings are undone and charsets converted first.
struct MIMEBody {
    /// Deeper nesting than any mail client writes is left out rather than followed.
    static let maxDepth = 12

    let path: String
    let limits: ReadLimits
    /// Parts that could not be read (their markup past the limits), as notes.
    private(set) var problems: [SourceProblem] = []

    init(path: String, limits: ReadLimits) { self.path = path; self.limits = limits }

    /// The text of an entity with these headers and this body, in paragraphs; nil when it has
    /// no readable text.
    mutating func text(headers: MailHeaders, body: ArraySlice<UInt8>, depth: Int = 0) -> String? {
        let type = ContentType(headers.first("content-type"))
        if depth > 0, let disposition = headers.first("content-disposition"),
           ContentType(disposition).type == "attachment", !type.type.hasPrefix("text/plain") { return nil }
        if type.type.hasPrefix("multipart/"), let boundary = type.parameters["boundary"], !boundary.isEmpty, depth < MIMEBody.maxDepth {
            return multipart(type: type.type, parts: MIMEBody.parts(of: body, boundary: Array(boundary.utf8)), depth: depth)
        }
        if type.type == "message/rfc822" || type.type == "message/news", depth < MIMEBody.maxDepth {
            let bytes = Array(body)
            let inner = bytes.withUnsafeBufferPointer { MailHeaders($0) }
            return text(headers: inner, body: bytes[inner.bodyStart...], depth: depth + 1)
        }
        guard type.type.hasPrefix("text/") || type.type.hasPrefix("multipart/") else { return nil }
        let encoding = headers.first("content-transfer-encoding").map { collapseWhitespace(String(decoding: $0, as: UTF8.self)) } ?? ""
        let decoded = TransferEncoding.decode(Array(body), encoding: encoding)
        let content = MailCharset.decode(decoded, charset: type.parameters["charset"])
        if type.type == "text/html" {
            do { return try HTMLReader.fragmentText(content, limits: limits, path: path) } catch {
                problems.append(SourceProblem(path: path, reason: "an HTML part left out: \((error as? SourceProblem)?.reason ?? "\(error)")", partial: true))
                return nil
            }
        }
        return MailText.paragraphs(content)
    }

    /// An alternative's first plain-text version (else its first readable one); the texts of
    /// every other multipart's parts in order.
    private mutating func multipart(type: String, parts: [ArraySlice<UInt8>], depth: Int) -> String? {
        var entities: [(MailHeaders, ArraySlice<UInt8>)] = []
        for part in parts {
            let bytes = Array(part)
            let headers = bytes.withUnsafeBufferPointer { MailHeaders($0) }
            entities.append((headers, bytes[headers.bodyStart...]))
        }
        if type == "multipart/alternative" {
            let plainFirst = entities.indices.sorted { a, b in
                rank(entities[a].0) < rank(entities[b].0) || (rank(entities[a].0) == rank(entities[b].0) && a < b)
            }
            for i in plainFirst {
                if let found = text(headers: entities[i].0, body: entities[i].1, depth: depth + 1), !found.isEmpty { return found }
            }
            return nil
        }
        let texts = entities.compactMap { text(headers: $0.0, body: $0.1, depth: depth + 1) }.filter { !$0.isEmpty }
        return texts.isEmpty ? nil : texts.joined(separator: "\n")
    }

    /// The order in which an alternative's versions are tried: plain text, then nested
    /// multiparts (which may hold plain text), then HTML, then anything else.
    private func rank(_ headers: MailHeaders) -> Int {
        let type = ContentType(headers.first("content-type")).type
        if type == "text/plain" { return 0 }
        if type.hasPrefix("multipart/") { return 1 }
        if type == "text/html" { return 2 }
        return 3
    }

    /// The parts between "--boundary" lines, up to "--boundary--" (RFC 2046 §5.1.1); the
    /// preamble and epilogue are not parts. A body whose closing line is missing ends its
    /// last part at the end.
    static func parts(of body: ArraySlice<UInt8>, boundary: [UInt8]) -> [ArraySlice<UInt8>] {
        var parts: [ArraySlice<UInt8>] = []
        var partStart: Int? = nil
        var i = body.startIndex
        while i < body.endIndex {
            var end = i
            while end < body.endIndex, body[end] != 0x0A { end += 1 }
            let next = min(end + 1, body.endIndex)
            if end - i >= boundary.count + 2, body[i] == UInt8(ascii: "-"), body[i + 1] == UInt8(ascii: "-"),
               body[(i + 2)..<(i + 2 + boundary.count)].elementsEqual(boundary) {
                let after = body[(i + 2 + boundary.count)..<end]
                let closing = after.starts(with: [UInt8(ascii: "-"), UInt8(ascii: "-")])
                if closing || after.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) {
                    if let start = partStart { parts.append(body[start..<max(start, i - 1)]) }
                    partStart = closing ? nil : next
                    if closing { return parts }
                }
            }
            i = next
        }
        if let start = partStart, start < body.endIndex { parts.append(body[start...]) }
        return parts
    }
}

/// A Content-Type or Content-Disposition value: "type/subtype" (lower-case, "text/plain" when
/// the header is absent) and its parameters (names lower-case, quotes removed).
struct ContentType {
    var type: String
    var parameters: [String: String] = [:]

    init(_ value: [UInt8]?) {
        guard let value else { type = "text/plain"; return }
        let text = String(decoding: value, as: UTF8.self)
        var pieces = ContentType.split(text)
        type = pieces.isEmpty ? "" : pieces.removeFirst().trimmedBlanks.lowercased()
        if type.isEmpty { type = "text/plain" }
        for piece in pieces {
            guard let eq = piece.firstIndex(of: "=") else { continue }
            let name = piece[..<eq].trimmedBlanks.lowercased()
            var v = piece[piece.index(after: eq)...].trimmedBlanks
            if v.count >= 2, v.hasPrefix("\""), v.hasSuffix("\"") { v = String(v.dropFirst().dropLast()) }
            if parameters[name] == nil { parameters[name] = v }
        }
    }

    /// Splits at semicolons outside quotes.
    private static func split(_ s: String) -> [String] {
        var out: [String] = [], current = "", quoted = false
        for c in s {
            if c == "\"" { quoted.toggle() }
            if c == ";" && !quoted { out.append(current); current = "" } else { current.append(c) }
        }
        out.append(current)
        return out
    }
}

extension StringProtocol {
    /// Without leading and trailing spaces, tabs and line ends.
    var trimmedBlanks: String {
        let blank: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\r" || $0 == "\n" || $0 == "\r\n" }
        guard let first = firstIndex(where: { !blank($0) }), let last = lastIndex(where: { !blank($0) }) else { return "" }
        return String(self[first...last])
    }
}
