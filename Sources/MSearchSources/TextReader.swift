extension SourceFormat {
    /// Plain text and Markdown (`TextReader`).
    public static let text = SourceFormat(name: "text")
}

/// Plain text and Markdown: the first non-empty line is the title, the rest the body.
///
/// Lines of a paragraph are joined (hard-wrapped text reads as one paragraph); blank lines and
/// lines that start a list item, heading, quote or table row begin a new paragraph. In Markdown
/// files the commonest inline markup (headings, emphasis, links, images, code ticks) is removed so
/// the body is plain text.
enum TextReader {
    /// Text has no signature to sniff: it is what the registry falls back to.
    static let capabilities = FormatCapabilities(
        format: .text, label: "plain text", extensions: ["txt", "md", "markdown", "text"], sniff: nil,
        identity: .fileStem, read: { SourceParts(documents: [try read($0)]) })

    static func read(_ input: SourceInput) throws -> SourceDocument {
        let path = input.path
        let ext = SourceFormat.formatExtension(ofPath: path)
        let markdown = ext == "md" || ext == "markdown"
        var title = ""
        var body = TextBuilder(capacity: input.bytes.count)
        var inFence = false
        var skippedLabel: String?
        input.bytes.withUnsafeBufferPointer { buf in
            var lineStart = 0
            var previousBlank = true
            var afterTitle = false
            while lineStart < buf.count {
                var end = lineStart
                while end < buf.count, buf[end] != 0x0A { end += 1 }
                let next = end + 1
                var line = UnsafeBufferPointer(rebasing: buf[lineStart..<end])
                lineStart = next
                var s = 0
                while s < line.count, isSpace(line[s]) { s += 1 }
                let blank = s == line.count
                if title.isEmpty {
                    if blank { continue }
                    var t = line
                    if markdown { t = UnsafeBufferPointer(rebasing: line[s...]); t = stripHeadingMarks(t) }
                    let candidate = markdown ? plainMarkdown(t) : collapseWhitespace(String(decoding: t, as: UTF8.self))
                    // A page's widget label saved with the article is no title: the next line is.
                    if UILabel.isLabel(candidate) { skippedLabel = skippedLabel ?? candidate; continue }
                    title = candidate
                    afterTitle = true
                    continue
                }
                if afterTitle {
                    afterTitle = false
                    // Setext underline of the title ("=====" / "-----").
                    if markdown, !blank, line[s...].allSatisfy({ $0 == 0x3D || $0 == 0x2D || isSpace($0) }) { continue }
                }
                if blank { previousBlank = true; body.breakParagraph(); continue }
                if markdown {
                    let rest = UnsafeBufferPointer(rebasing: line[s...])
                    if rest.count >= 3, rest[0] == 0x60, rest[1] == 0x60, rest[2] == 0x60 {   // ``` fence
                        inFence.toggle(); body.breakParagraph(); continue
                    }
                    if inFence { body.breakParagraph(); body.append(line); continue }
                    if startsBlock(rest) { body.breakParagraph() }
                    line = stripHeadingMarks(rest)
                    body.append(plainMarkdown(line))
                } else {
                    // A list item or an indented line starts a new paragraph.
                    if !previousBlank, s >= 2 || line[0] == 0x09 || startsBlock(UnsafeBufferPointer(rebasing: line[s...])) {
                        body.breakParagraph()
                    }
                    body.append(line)
                }
                body.space()
                previousBlank = false
            }
        }
        if title.isEmpty, let skippedLabel { title = skippedLabel }   // nothing else to call it
        if title.isEmpty && body.isEmpty { throw SourceProblem(path: path, reason: "empty file", kind: .empty) }
        return SourceDocument(id: input.stem, path: path, title: title, body: body.string(), format: .text)
    }

    /// Lines that begin a new block even without a blank line before them.
    static func startsBlock(_ l: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let c = l.first else { return false }
        if c == 0x23 || c == 0x3E || c == 0x7C { return true }                  // # > |
        if (c == 0x2D || c == 0x2A || c == 0x2B || c == 0xE2), l.count > 1, l[1] == 0x20 { return true } // - * + item
        if c == 0xE2, l.count > 3, l[1] == 0x80, l[2] == 0xA2 { return true }   // • item
        if isDigit(c) {
            var i = 0
            while i < l.count, isDigit(l[i]) { i += 1 }
            if i < 4, i + 1 < l.count, l[i] == 0x2E || l[i] == 0x29, l[i + 1] == 0x20 { return true } // 1. item
        }
        return false
    }

    static func stripHeadingMarks(_ l: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        var i = 0
        while i < l.count, l[i] == 0x23 { i += 1 }
        guard i > 0, i <= 6, i == l.count || l[i] == 0x20 else { return l }
        var end = l.count
        while end > i, l[end - 1] == 0x23 || isSpace(l[end - 1]) { end -= 1 }   // closing #s
        return UnsafeBufferPointer(rebasing: l[i..<max(i, end)])
    }

    /// Markdown inline markup removed: `![alt](url)` → alt, `[text](url)` → text, `**`, `__`,
    /// backticks and leading list/quote markers dropped. Single `*`/`_` stay (too often literal).
    static func plainMarkdown(_ l: UnsafeBufferPointer<UInt8>) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(l.count)
        var i = 0
        let n = l.count
        // Leading quote / list markers.
        while i < n, l[i] == 0x3E || l[i] == 0x20 { i += 1 }
        if i + 1 < n, l[i] == 0x2D || l[i] == 0x2A || l[i] == 0x2B, l[i + 1] == 0x20 { i += 2 }
        while i < n {
            let c = l[i]
            if c == 0x21, i + 1 < n, l[i + 1] == 0x5B { i += 1; continue }   // "![" → "["
            if c == 0x5B {                                                    // [text](url)
                var j = i + 1
                while j < n, l[j] != 0x5D { j += 1 }
                if j + 1 < n, l[j + 1] == 0x28 {
                    var k = j + 2
                    while k < n, l[k] != 0x29 { k += 1 }
                    if k < n {
                        out.append(contentsOf: UnsafeBufferPointer(rebasing: l[(i + 1)..<j]))
                        i = k + 1
                        continue
                    }
                }
            }
            if (c == 0x2A || c == 0x5F), i + 1 < n, l[i + 1] == c { i += 2; continue }   // ** __
            if c == 0x60 { i += 1; continue }                                         // `
            out.append(c)
            i += 1
        }
        return collapseWhitespace(String(decoding: out, as: UTF8.self))
    }
}
