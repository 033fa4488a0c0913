/// One RFC 5322 message (a `.eml` file, a news post, a message of an mbox) as a document:
/// `Subject` the title (as written, "Re:" kept), the body's text without any header, `Date`
/// the publication date (the day as written, the full time and zone in `metadata`),
/// `From` the author (a person actor), `Newsgroups`, `To` and the subject without reply and
/// forward prefixes (`thread`, for grouping a discussion) in `metadata`.
enum MailMessage {
    /// The message's id: its Message-ID without the angle brackets, nil when it has none.
    static func messageID(_ headers: MailHeaders) -> String? {
        guard let raw = headers.first("message-id") else { return nil }
        var id = collapseWhitespace(String(decoding: raw, as: UTF8.self))
        if id.hasPrefix("<"), let close = id.firstIndex(of: ">") { id = String(id[id.index(after: id.startIndex)..<close]) }
        return id.isEmpty ? nil : id
    }

    /// The document of the message `bytes`, named `id`, and notes on what could not be read.
    static func document(_ bytes: [UInt8], id: String, path: String, limits: ReadLimits) -> (SourceDocument, [SourceProblem]) {
        bytes.withUnsafeBufferPointer { buf in
            let headers = MailHeaders(buf)
            var problems: [SourceProblem] = []
            let charset = ContentType(headers.first("content-type")).parameters["charset"]
            var mime = MIMEBody(path: path, limits: limits)
            let body = mime.text(headers: headers, body: bytes[headers.bodyStart...]) ?? ""
            problems += mime.problems
            var subject = headers.text("subject", fallbackCharset: charset) ?? ""
            // A value that repeats its own field name ("Subject: Subject: Re: x"), as some
            // software pasted it: the name is not part of the subject.
            while subject.utf8.count > 8, subject.prefix(8).lowercased() == "subject:" { subject = subject.dropFirst(8).trimmedBlanks }
            let author = headers.text("from", fallbackCharset: charset).flatMap(MailAddress.authorName)
            var title = subject
            if title.isEmpty { title = firstParagraph(body) }
            if title.isEmpty { title = author ?? id }
            var document = SourceDocument(id: id, path: path, title: title, body: body, format: .mail)
            if let raw = headers.first("date") {
                if let date = MailDate(raw) {
                    document.date = date.isoDay
                    document.dateEvidence = "mail Date header"
                    document.metadata["date-time"] = date.isoDateTime
                } else {
                    let shown = collapseWhitespace(String(decoding: raw.prefix(80), as: UTF8.self))
                    problems.append(SourceProblem(path: path, reason: "message \(id): Date header \"\(shown)\" is not a date; the message is left undated", partial: true))
                }
            }
            // The header is where a message states its date; dates in its text are quotes and signatures.
            document.textMayDate = false
            if let author { document.actors = [NamedActor(name: author, kind: .person)] }
            for (field, key) in [("newsgroups", "newsgroups"), ("to", "to")] {
                if let value = headers.text(field, fallbackCharset: charset), !value.isEmpty { document.metadata[key] = value }
            }
            let thread = threadSubject(subject)
            if !thread.isEmpty { document.metadata["thread"] = thread }
            return (document, problems)
        }
    }

    /// The subject without its chain of reply and forward prefixes ("Re: Fwd: AW: x" → "x"),
    /// in the languages mail clients write them: Re, Fw/Fwd, AW and WG (German), SV and VS
    /// (Nordic), Antw (Dutch), TR (French), RIF (Italian); counted forms "Re[2]:", "Re^2:".
    static func threadSubject(_ subject: String) -> String {
        var s = Substring(subject)
        let prefixes = ["re", "fw", "fwd", "aw", "wg", "sv", "vs", "antw", "tr", "rif"]
        while true {
            s = s.drop { $0 == " " }
            guard let colon = s.prefix(12).firstIndex(of: ":") else { break }
            var word = s[..<colon].lowercased()
            if let bracket = word.firstIndex(where: { $0 == "[" || $0 == "^" }) {
                let count = word[word.index(after: bracket)...].filter { $0 != "]" }
                guard !count.isEmpty, count.allSatisfy(\.isNumber) else { break }
                word = String(word[..<bracket])
            }
            guard prefixes.contains(word.trimmedBlanks) else { break }
            s = s[s.index(after: colon)...]
        }
        return collapseWhitespace(String(s))
    }

    /// The body's first paragraph, cut at 200 characters.
    private static func firstParagraph(_ body: String) -> String {
        let line = body.prefix { $0 != "\n" }
        return collapseWhitespace(String(line.prefix(200)))
    }
}
