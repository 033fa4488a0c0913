extension SourceFormat {
    /// Mail and Usenet messages, one per file or many in an mbox (`MailReader`).
    public static let mail = SourceFormat(name: "mail")
}

/// Mail and news: RFC 5322 messages (`.eml`, extension-less posts as in Usenet archives) and
/// mbox files, one document per message (`MailMessage`, `Mailbox`). Recognised by content
/// from their header block (`looksLikeMail`).
enum MailReader {
    static let capabilities = FormatCapabilities(
        format: .mail, label: "mail", extensions: ["eml", "mbox"],
        sniff: { looksLikeMail($0) },
        identity: .perDocument(key: "Message-ID"), read: { try read($0) },
        findDocuments: { bytes, path in MailboxDocuments(bytes: bytes, path: path) })

    static func read(_ input: SourceInput) throws -> SourceParts {
        let mailbox = Mailbox(input.bytes, path: input.path)
        var parts = SourceParts(problems: mailbox.problems)
        for entry in mailbox.entries {
            let (document, problems) = MailMessage.document(mailbox.message(input.bytes, entry), id: entry.id,
                                                            path: input.path, limits: input.limits)
            parts.documents.append(document)
            parts.problems += problems
        }
        if parts.documents.isEmpty, parts.problems.isEmpty { throw SourceProblem(path: input.path, reason: "empty file") }
        return parts
    }

    /// A header block: of the lines before the first blank one (the last, perhaps cut, line of
    /// the prefix aside), at least two are fields with names mail and news use, and every other
    /// is a field or a folded continuation, except that the first may be the tail of a field
    /// whose beginning was lost. An mbox's "From " line counts as one known field.
    static func looksLikeMail(_ prefix: SniffedPrefix) -> Bool {
        var lines = prefix.text.split(separator: 0x0A, omittingEmptySubsequences: false)
        if prefix.text.last != 0x0A, lines.count > 1 { lines.removeLast() }
        var known = 0
        for (k, line) in lines.prefix(40).enumerated() {
            var line = line
            if line.last == 0x0D { line = line.dropLast() }
            if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { break }
            if k == 0, line.starts(with: Mailbox.separator.map { $0 | 0x20 }) { known += 1; continue }
            if line.first == 0x20 || line.first == 0x09 { continue }
            let isKnown = Array(line).withUnsafeBufferPointer { buf -> Bool? in
                guard let colon = MailHeaders.fieldNameEnd(buf) else { return nil }
                let name = String(decoding: buf[0..<colon].filter { $0 != 0x20 && $0 != 0x09 }, as: UTF8.self)
                return MailHeaders.knownNames.contains(name)
            }
            switch isKnown {
            case true?: known += 1
            case false?: continue
            case nil: if k == 0 { continue } else { return false }
            }
        }
        return known >= 2
    }
}
