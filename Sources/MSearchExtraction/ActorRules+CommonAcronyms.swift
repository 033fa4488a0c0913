/// Acronyms a document uses as common nouns: "a DVD", "an MEP", "4 GHz", "30 FPS", "DVDs",
/// "video on demand (VOD)", "ISBN 9780786478071". An organisation is a proper noun: it takes
/// no indefinite article, no count, no plural and no lower-case expansion, so one such use
/// anywhere in the text says the acronym names a kind of thing, a unit or a role, not a body.
extension ActorRules {
    /// Folded keys of the acronym-shaped words (two capitals or more, "GHz" too) that some
    /// occurrence in the document uses as a common noun. One pass over the tokens; only
    /// acronym-shaped words are looked at closely.
    func commonNounAcronyms() -> Set<String> {
        var out = Set<String>()
        // "UKIP's leader": a possessive is a body's (or a person's), so it outweighs a
        // rhetorical "a member of a UKIP whose leadership …"
        var possessive = Set<String>()
        let toks = scanner.tokens
        for i in toks.indices where toks[i].kind == .word && toks[i].cap && !toks[i].dotted {
            guard let shape = acronymShape(i) else { continue }
            if scanner.isPunct(i + 1, 0x27), i + 2 < toks.count, toks[i + 2].kind == .word, lower(i + 2) == "s" {
                possessive.insert(key(i))
                continue
            }
            if shape.plural {
                // "DVDs", "MEPs": the plural of a capitalised abbreviation counts things
                let k = key(i)
                out.insert(String(k.dropLast()))
                continue
            }
            if countedOrIndefinite(i) || lowerCaseExpansionBefore(i, letters: shape.letters) || labelsLongNumber(i) {
                out.insert(key(i))
            }
        }
        return possessive.isEmpty ? out : out.subtracting(possessive)
    }

    /// The capitals of an ASCII acronym-shaped word of at most 8 bytes ("DVD", "GHz", "MEPs"),
    /// and whether it is a plural (capitals then a lower-case "s"); nil for other words.
    private func acronymShape(_ i: Int) -> (letters: [UInt8], plural: Bool)? {
        let t = scanner.tokens[i]
        guard t.end - t.start >= 2, t.end - t.start <= 8 else { return nil }
        // Counted first, so the many capitalised words with one capital ("Reuters") are turned
        // away without building an array (this runs on every capitalised word).
        var capitals = 0
        for j in t.start..<t.end {
            let c = scanner.bytes[j]
            if c >= 0x41 && c <= 0x5A { capitals += 1 } else if !(c >= 0x61 && c <= 0x7A) { return nil }
        }
        guard capitals >= 2 else { return nil }
        var letters: [UInt8] = []
        letters.reserveCapacity(capitals)
        for j in t.start..<t.end where scanner.bytes[j] >= 0x41 && scanner.bytes[j] <= 0x5A { letters.append(scanner.bytes[j]) }
        let plural = t.hasLower && scanner.bytes[t.end - 1] == 0x73 && letters.count == t.end - t.start - 1
        return (letters, plural)
    }

    /// "a DVD.", "an MEP but", "4 GHz,", "30 FPS with": an indefinite article or a count right
    /// before, and the noun phrase ending right after (so "a BBC reporter", where the article
    /// belongs to "reporter", and a year before a name, "in 2004 BBC said", are no evidence).
    private func countedOrIndefinite(_ i: Int) -> Bool {
        let toks = scanner.tokens
        guard i >= 1, toks[i - 1].line == toks[i].line, nounPhraseEnds(after: i) else { return false }
        let p = toks[i - 1]
        if p.kind == .word, !p.cap {
            let w = lower(i - 1)
            return w == "a" || w == "an"
        }
        // a count, not a year: "4 GHz", "1.4 GHz", "30 FPS"
        if p.kind == .number {
            let digits = p.end - p.start
            return p.grouped || digits < 4
        }
        return false
    }

    /// Token `i` ends a noun phrase: the text, the line or a clause ends, or a function word,
    /// "be" or a modal follows ("an MEP but", "a CD is").
    private func nounPhraseEnds(after i: Int) -> Bool {
        let toks = scanner.tokens
        let n = i + 1
        guard n < toks.count, toks[n].line == toks[i].line else { return true }
        if toks[n].kind == .punct { return toks[n].punct != 0x27 && toks[n].punct != 0x2D }   // not "DVD's", "DVD-ROM"
        guard toks[n].kind == .word, !toks[n].cap else { return false }
        let w = lower(n)
        return Words.stop.contains(w) || Words.beForms.contains(w) || Words.modals.contains(w) || Words.clauseOpeners.contains(w)
    }

    /// "video on demand (VOD)", "frames per second (FPS)": the acronym in brackets after
    /// lower-case words whose initials spell it (a connector may be skipped). An organisation's
    /// long form is capitalised ("Greek Athletics Federation (Segas)").
    private func lowerCaseExpansionBefore(_ i: Int, letters: [UInt8]) -> Bool {
        let toks = scanner.tokens
        guard i >= 2, scanner.isPunct(i - 1, 0x28), scanner.isPunct(i + 1, 0x29) else { return false }
        var li = letters.count - 1
        var j = i - 2
        while li >= 0, j >= 0, toks[j].kind == .word, !toks[j].cap, !toks[j].allCaps, toks[j].line == toks[i].line {
            // a hyphenated word gives each part's initial: "video-on-demand"
            var initials: [UInt8] = []
            var wordStart = true
            for k in toks[j].start..<toks[j].end {
                let c = scanner.bytes[k]
                if c == 0x2D { wordStart = true; continue }
                if wordStart { initials.append(c >= 0x61 && c <= 0x7A ? c - 32 : c) }
                wordStart = false
            }
            var matched = false
            for c in initials.reversed() where li >= 0 && letters[li] == c { li -= 1; matched = true }
            if !matched && !Words.orgConnectors.contains(lower(j)) && lower(j) != "per" { return false }
            j -= 1
        }
        return li < 0
    }

    /// "ISBN 9780786478071", "ISSN 12345678": a label before a long number names the number's
    /// scheme; no organisation is written with a number of six digits or more after it.
    private func labelsLongNumber(_ i: Int) -> Bool {
        let toks = scanner.tokens
        let n = i + 1
        guard n < toks.count, toks[n].kind == .number, toks[n].line == toks[i].line else { return false }
        return toks[n].end - toks[n].start >= 6
    }
}
