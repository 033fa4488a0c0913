/// The author a `From:` header names, as an actor's name: the display name ("Jane Doe
/// <jd@x.org>", "jd@x.org (Jane Doe)"), with the "Family, Given" form turned around; or,
/// when there is none, the address's local part made readable ("jane.doe" → "Jane Doe").
enum MailAddress {
    static func authorName(_ from: String) -> String? {
        var name = "", address = from
        if let lt = from.firstIndex(of: "<") {
            name = String(from[..<lt])
            let rest = from[from.index(after: lt)...]
            address = String(rest.prefix { $0 != ">" })
        } else if let open = from.firstIndex(of: "("), let close = from[open...].lastIndex(of: ")") {
            name = String(from[from.index(after: open)..<close])
            address = String(from[..<open])
        }
        name = cleanName(name)
        if !name.isEmpty, !name.contains("@") { return familyGivenTurned(name) }
        if address.trimmedBlanks.isEmpty { address = name }   // "(jd@x.org)": the address in the comment
        return readableLocalPart(address.trimmedBlanks)
    }

    /// Without surrounding quotes and white space.
    private static func cleanName(_ s: String) -> String {
        var t = s.trimmedBlanks
        while t.count >= 2, (t.hasPrefix("\"") && t.hasSuffix("\"")) || (t.hasPrefix("'") && t.hasSuffix("'")) {
            t = String(t.dropFirst().dropLast()).trimmedBlanks
        }
        return collapseWhitespace(t.replacingBackslashEscapes)
    }

    /// "Henling, Lawrence M." → "Lawrence M. Henling": one comma between two runs of letters.
    private static func familyGivenTurned(_ name: String) -> String {
        let parts = name.split(separator: ",", omittingEmptySubsequences: false)
        guard parts.count == 2 else { return name }
        let family = parts[0].trimmedBlanks, given = parts[1].trimmedBlanks
        guard !family.isEmpty, !given.isEmpty,
              (family + given).allSatisfy({ $0.isLetter || $0 == " " || $0 == "." || $0 == "-" || $0 == "'" }) else { return name }
        return given + " " + family
    }

    /// "jane.doe@x" → "Jane Doe"; a UUCP path ("host!user") keeps its last step.
    static func readableLocalPart(_ address: String) -> String? {
        var local = Substring(address.prefix { $0 != "@" })
        if let bang = local.lastIndex(of: "!") { local = local[local.index(after: bang)...] }
        let words = local.split(whereSeparator: { $0 == "." || $0 == "_" || $0 == "-" || $0 == "+" || $0 == " " || $0 == "\"" })
        guard !words.isEmpty else { return nil }
        return words.map { word -> String in
            guard word.allSatisfy(\.isLetter) else { return String(word) }
            return word.prefix(1).uppercased() + word.dropFirst().lowercased()
        }.joined(separator: " ")
    }
}

extension String {
    /// Quoted-pair escapes (`\"`) undone.
    fileprivate var replacingBackslashEscapes: String {
        guard contains("\\") else { return self }
        var out = "", escaped = false
        for c in self {
            if escaped { out.append(c); escaped = false } else if c == "\\" { escaped = true } else { out.append(c) }
        }
        return out
    }
}
