// Short strings made from document text: titles and attribute values.

/// Collapses whitespace in a short string (titles, attribute values).
func collapseWhitespace(_ s: String) -> String {
    var b = TextBuilder()
    b.append(s)
    return b.string()
}

/// The first line of a text (a title for documents that have none), cut at a word boundary near 100 characters.
func firstLine(of text: String) -> String {
    let line = text.split(separator: "\n", maxSplits: 1).first.map(String.init) ?? ""
    guard line.count > 100 else { return line }
    let cut = line.prefix(100)
    if let space = cut.lastIndex(of: " ") { return String(cut[..<space]) + " …" }
    return String(cut) + " …"
}

extension String {
    /// Without the ASCII spaces and no-break spaces around it (attribute values, meta contents).
    func trimmingASCIISpaces() -> String {
        var s = Substring(self)
        while let f = s.unicodeScalars.first, f == " " || f == "\n" || f == "\t" || f == "\r" || f == "\u{0C}" || f == "\u{A0}" { s = Substring(s.unicodeScalars.dropFirst()) }
        while let l = s.unicodeScalars.last, l == " " || l == "\n" || l == "\t" || l == "\r" || l == "\u{0C}" || l == "\u{A0}" { s = Substring(s.unicodeScalars.dropLast()) }
        return String(s)
    }
}
