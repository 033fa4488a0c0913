/// Acronyms defined in the text ("Immigration and Customs Enforcement (ICE)"): both forms name
/// one organisation; and the initials an undefined acronym is matched against.
extension ActorRules {
    // MARK: acronym definitions

    /// "Immigration and Customs Enforcement (ICE)": acronym key → token range of the long form.
    private func acronymDefinitions() -> [String: (Int, Int)] {
        var out: [String: (Int, Int)] = [:]
        let toks = scanner.tokens
        var i = 1
        while i + 2 < toks.count {
            defer { i += 1 }
            guard scanner.isPunct(i, 0x28), toks[i + 1].kind == .word, scanner.isPunct(i + 2, 0x29) else { continue }
            let acr = scanner.text(i + 1)
            let letters = acr.unicodeScalars.filter { $0.properties.isUppercase }.count
            guard letters >= 2, letters <= 10, toks[i + 1].cap else { continue }
            // the long form: capitalised words (and connectors) right before "("
            var a = i
            var capWords: [String] = []
            while a > 0, i - a < letters * 2 + 3 {
                let t = toks[a - 1]
                guard t.kind == .word, t.line == toks[i].line else { break }
                if t.cap { capWords.insert(scanner.text(a - 1), at: 0); a -= 1; if capWords.count >= letters && acronymFits(acr, words: capWords) { break }; continue }
                if Words.orgConnectors.contains(lower(a - 1)) || isParticle(a - 1) { a -= 1; continue }
                break
            }
            while a < i, !toks[a].cap { a += 1 }
            guard a < i else { continue }
            let longWords = (a..<i).map { scanner.text($0) }
            if acronymFits(acr, words: longWords) {
                out[key(i + 1)] = (a, i)
            }
        }
        return out
    }

    /// "(ICE)" right at token `e`, whose letters fit the words from `from` to `e`.
    func isAcronymDefinitionAfter(_ e: Int, from: Int) -> Bool {
        guard e + 2 < scanner.tokens.count, scanner.isPunct(e, 0x28), scanner.isPunct(e + 2, 0x29), scanner.tokens[e + 1].kind == .word else { return false }
        return acronymFits(scanner.text(e + 1), words: (from..<e).map { scanner.text($0) })
    }

    /// The acronym's capitals are the initials of the long form's words, in order (function
    /// words may be skipped; letters from inside a word may be used).
    private func acronymFits(_ acronym: String, words: [String]) -> Bool {
        let letters = acronym.unicodeScalars.filter { $0.properties.isUppercase }.map { Character($0) }
        guard letters.count >= 2, let firstWord = words.first(where: { !($0.first?.isLowercase ?? true) }),
              let f = firstWord.first, Character(f.uppercased()) == letters[0] else { return false }
        // every capitalised word's initial must appear in order in the acronym letters
        let initials = words.filter { w in w.first.map { $0.isUppercase } ?? false }.map { Character($0.first!.uppercased()) }
        var li = 0
        for c in initials {
            if li < letters.count, letters[li] == c { li += 1 }
        }
        return li == letters.count || (li >= letters.count - 1 && initials.count >= letters.count - 1 && li >= 2)
    }

    /// Both forms of a defined acronym name the same organisation: mentions overlapping a long
    /// form become it, the acronym's own mentions get the long form, and acronyms of non-actors
    /// ("Memorandum of Understanding (MoU)") are dropped.
    func linkAcronymDefinitions(in mentions: inout [Mention]) {
        let defs = acronymDefinitions()
        var acronymTarget: [String: Mention] = [:]
        var nonActorAcronyms = Set<String>()
        for (acrKey, (a, b)) in defs {
            var m: Mention
            if let e = gazetteerEntry(a, b) {
                m = mention(a, b, kind: e.kind, strength: .strong, canonical: e.name)
            } else if let e = gazetteer.lookup(key: acrKey, hasLower: false) {
                m = mention(a, b, kind: e.kind, strength: .strong, canonical: e.name)
            } else {
                var from = a
                let endsOrg = has(b - 1, .orgHead)
                while from < b, !endsOrg && has(from, .demonym) || has(from, .stop) { from += 1 }
                guard from < b else { continue }
                m = mention(from, b, kind: .organisation, strength: .strong)
                let last = key(b - 1)
                if Words.nonActorHeads.contains(last) || (!Words.orgHeads.contains(last) && isLooseCommon(last)) {
                    nonActorAcronyms.insert(acrKey); continue   // "Memorandum of Understanding (MoU)"
                }
            }
            acronymTarget[acrKey] = m
        }
        if !nonActorAcronyms.isEmpty {
            mentions.removeAll { $0.words.count == 1 && nonActorAcronyms.contains($0.words[0]) && acronymTarget[$0.words[0]] == nil }
        }
        if !acronymTarget.isEmpty {
            // replace mentions overlapping a long form, and give acronyms their long form
            var replaced: [Mention] = []
            var added = Set<Int>()
            for m in mentions {
                if let (acrKey, target) = acronymTarget.first(where: { $0.value.first < m.end && m.first < $0.value.end }) {
                    if added.insert(target.first).inserted { replaced.append(target) }
                    _ = acrKey
                    continue
                }
                if m.words.count == 1, scanner.tokens[m.first].allCaps || scanner.tokens[m.first].cap, let target = acronymTarget[m.words[0]], m.canonical == nil {
                    var t = target
                    t.first = m.first; t.end = m.end
                    replaced.append(t)
                    continue
                }
                replaced.append(m)
            }
            for (_, t) in acronymTarget where !added.contains(t.first) && !replaced.contains(where: { $0.first == t.first }) {
                replaced.append(t)
            }
            mentions = replaced.sorted { $0.first < $1.first }
        }
    }

    /// The lower-cased initials of the capitalised words of `surface`, words split at spaces and
    /// hyphens ("Coffee Marketing Board" → "cmb"); ASCII names are read on bytes.
    static func initials(of surface: String) -> String {
        var ascii = true
        for c in surface.utf8 where c >= 0x80 { ascii = false; break }
        if ascii {
            var out = ""
            var wordStart = true
            for c in surface.utf8 {
                if c == 0x20 || c == 0x2D { wordStart = true; continue }
                if wordStart, c >= 0x41, c <= 0x5A { out.unicodeScalars.append(Unicode.Scalar(c + 32)) }
                wordStart = false
            }
            return out
        }
        var initials = ""
        for w in surface.split(whereSeparator: { $0 == " " || $0 == "-" }) where w.first?.isUppercase == true {
            initials.append(w.first!.lowercased())
        }
        return initials
    }
}
