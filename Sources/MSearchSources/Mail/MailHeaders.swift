/// The header block of a message (RFC 5322 §2.2): field names lower-cased, values unfolded,
/// and where the body begins. Parsing is lenient, as Usenet archives need: the block ends at
/// the first blank line, or at the first line that is neither a field nor a folded
/// continuation (a post whose blank line was lost); a continuation line before any field
/// (a header block that opens mid-field) is skipped.
struct MailHeaders {
    struct Field {
        /// Lower-case ASCII ("subject").
        let name: String
        /// The value with folding undone and the line ends removed, raw bytes (not yet decoded).
        var value: [UInt8]
    }

    var fields: [Field] = []
    /// Offset of the body in the bytes parsed.
    var bodyStart: Int

    /// The first field called `name` (lower-case).
    func first(_ name: String) -> [UInt8]? { fields.first { $0.name == name }?.value }

    /// Every field called `name`, in order.
    func all(_ name: String) -> [[UInt8]] { fields.filter { $0.name == name }.map(\.value) }

    /// The value of `name` as text, encoded words decoded and white space collapsed.
    func text(_ name: String, fallbackCharset: String? = nil) -> String? {
        first(name).map { collapseWhitespace(EncodedWords.decode($0, fallbackCharset: fallbackCharset)) }
    }

    init(_ buf: UnsafeBufferPointer<UInt8>) {
        var i = 0
        bodyStart = buf.count
        while i < buf.count {
            var end = i
            while end < buf.count, buf[end] != 0x0A { end += 1 }
            let next = min(end + 1, buf.count)
            var lineEnd = end
            if lineEnd > i, buf[lineEnd - 1] == 0x0D { lineEnd -= 1 }
            let line = UnsafeBufferPointer(rebasing: buf[i..<lineEnd])
            if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { bodyStart = next; return }
            if line[0] == 0x20 || line[0] == 0x09 {
                if !fields.isEmpty { fields[fields.count - 1].value.append(contentsOf: line) }
                i = next
                continue
            }
            guard let colon = MailHeaders.fieldNameEnd(line) else { bodyStart = i; return }
            var name = [UInt8](line[0..<colon])
            while let last = name.last, last == 0x20 || last == 0x09 { name.removeLast() }
            fields.append(Field(name: String(decoding: name.map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }, as: UTF8.self),
                                value: Array(line[(colon + 1)...])))
            i = next
        }
    }

    /// Where the colon of a field line is ("Subject: …", obsolete "Subject : …"), nil when the
    /// line is not a field: a name is printable ASCII without spaces or colons (RFC 5322 §3.6.8).
    static func fieldNameEnd(_ line: UnsafeBufferPointer<UInt8>) -> Int? {
        var k = 0
        while k < line.count, line[k] > 0x20, line[k] < 0x7F, line[k] != UInt8(ascii: ":") { k += 1 }
        guard k > 0 else { return nil }
        var colon = k
        while colon < line.count, line[colon] == 0x20 || line[colon] == 0x09 { colon += 1 }
        return colon < line.count && line[colon] == UInt8(ascii: ":") ? colon : nil
    }

    /// Field names of mail and news (RFC 5322, RFC 5536, MIME, and the commonest
    /// extensions), by which content is recognised as a message and quoted headers are
    /// told apart from text.
    static let knownNames: Set<String> = [
        "from", "to", "cc", "bcc", "subject", "date", "message-id", "newsgroups", "path", "received",
        "return-path", "reply-to", "sender", "mime-version", "content-type", "content-transfer-encoding",
        "organization", "organisation", "references", "in-reply-to", "delivered-to", "xref", "lines",
        "nntp-posting-host", "nntp-posting-date", "distribution", "keywords", "summary", "followup-to",
        "expires", "article-i.d.", "x-mailer", "x-newsreader", "user-agent", "approved",
        "x-to", "x-sender", "x-original-to", "envelope-to", "apparently-to", "status", "x-status",
        "news-software", "originator", "resent-from", "resent-date", "thread-topic", "thread-index",
    ]

    /// Fields that only news and mail software writes, never a person: one of these is header
    /// data even alone in a body (a quoted signature's "Organization:" line).
    static let routingNames: Set<String> = [
        "lines", "nntp-posting-host", "nntp-posting-date", "organization", "organisation", "expires", "message-id",
        "path", "xref", "references", "distribution", "sender", "approved", "followup-to", "x-newsreader",
        "x-mailer", "received", "return-path", "mime-version", "content-transfer-encoding", "article-i.d.",
        "news-software", "in-reply-to", "reply-to",
    ]

    /// What a body line is, after any quote marks ("> ", "|>", "TC>" initials) and indentation:
    /// text, or a field of a routing, known or other name.
    enum FieldLine { case text, other, known, routing }

    static func fieldLine(_ line: UnsafeBufferPointer<UInt8>) -> FieldLine {
        var s = 0
        while s < line.count {
            let b = line[s]
            if b == UInt8(ascii: ">") || b == UInt8(ascii: "|") || b == 0x20 || b == 0x09 { s += 1; continue }
            // Initials before a quote mark ("TC>"), as some newsreaders quote.
            var t = s
            while t < line.count, t - s < 4, (line[t] | 0x20) >= 0x61, (line[t] | 0x20) <= 0x7A { t += 1 }
            if t > s, t < line.count, line[t] == UInt8(ascii: ">") { s = t + 1; continue }
            break
        }
        let rest = UnsafeBufferPointer(rebasing: line[s...])
        guard let colon = fieldNameEnd(rest), colon <= 40,
              (rest[0] | 0x20) >= 0x61, (rest[0] | 0x20) <= 0x7A else { return .text }
        let name = String(decoding: rest[0..<colon].filter { $0 != 0x20 && $0 != 0x09 }.map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }, as: UTF8.self)
        if routingNames.contains(name) { return .routing }
        if knownNames.contains(name) { return .known }
        return name.utf8.allSatisfy({ ($0 | 0x20) >= 0x61 && ($0 | 0x20) <= 0x7A || $0 == UInt8(ascii: "-") || ($0 >= 0x30 && $0 <= 0x39) }) ? .other : .text
    }
}
