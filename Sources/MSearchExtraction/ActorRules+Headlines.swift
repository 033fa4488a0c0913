/// Lines in capitals and title-cased headlines, where case tells nothing: which lines they are,
/// and the names in them the gazetteer or the document's normal text already gave.
extension ActorRules {
    // MARK: line modes

    /// Short words a title-cased headline leaves in lower case.
    static let headlineMinorWords: Set<String> = Words.set("and of the for in on to a an at by with from or as is")

    func lineMode(_ line: TextScanner.Line) -> LineMode {
        var words = 0, capsWords = 0, lowerWords = 0, capitalisedWords = 0
        for i in line.firstToken..<line.endToken where scanner.tokens[i].kind == .word {
            words += 1
            if scanner.tokens[i].allCaps { capsWords += 1 } else if scanner.tokens[i].hasLower { lowerWords += 1 }
            if scanner.tokens[i].cap || scanner.tokens[i].allCaps { capitalisedWords += 1 }
        }
        if capsWords >= 2 && capsWords > lowerWords * 2 { return .capitals }
        if words < 3 || words > 25 { return .normal }
        // a line ending with a period is no headline: decided before looking words up
        if line.endToken > line.firstToken, scanner.tokens[line.endToken - 1].kind == .punct,
           scanner.tokens[line.endToken - 1].punct == 0x2E { return .normal }
        // A headline has at least 80 % capitalised content words: capitalised ≥ 4 × lower-case
        // ones. The lower-case content words are counted first, against the capitalised words
        // (a bound on the capitalised content words), so in prose counting stops after a word or
        // two and the capitalised words are never looked up.
        var lowerContent = 0
        for i in line.firstToken..<line.endToken where scanner.tokens[i].kind == .word && !(scanner.tokens[i].cap || scanner.tokens[i].allCaps) {
            if isContentWord(i) {
                lowerContent += 1
                if capitalisedWords < 4 * lowerContent { return .normal }
            }
        }
        var capitalised = 0
        for i in line.firstToken..<line.endToken where scanner.tokens[i].kind == .word && (scanner.tokens[i].cap || scanner.tokens[i].allCaps) {
            if isContentWord(i) { capitalised += 1 }
        }
        return capitalised >= 4 * lowerContent && capitalised + lowerContent >= 3 ? .headline : .normal
    }

    /// A word that counts towards a headline's share of capitalised words: four letters or
    /// capitalised, and neither a lower-case stop word nor a minor word ("and", "of", "with").
    func isContentWord(_ i: Int) -> Bool {
        let t = scanner.tokens[i]
        let len = t.end - t.start
        guard len >= 4 || t.cap else { return false }
        // look up only what can match: minor words have at most four letters (and a period), so
        // a longer capitalised word is content as it is
        let w = !t.cap || len <= 5 ? scanner.lowerASCII(i) : ""
        if !t.cap && Words.stop.contains(w) { return false }
        return !(!w.isEmpty && w.utf8.count <= 4 && ActorRules.headlineMinorWords.contains(w))
    }

    // MARK: names in capitals lines and headlines

    /// Names the gazetteer or the normal text already gave, found again in capitals lines and
    /// headlines (and in every line of a caseless text).
    func addKnownNamesInHeadlines(to mentions: inout [Mention]) {
        var known: [String: Mention] = [:]
        for m in mentions where m.strength >= .cue {
            known[m.words.joined(separator: " ")] = m
        }
        var knownFirst = Set<String>()
        for k in known.keys { knownFirst.insert(String(k.prefix { $0 != " " })) }
        for (li, line) in scanner.lines.enumerated() where modes[li] != .normal || caseless {
            matchKnown(in: line, known: known, knownFirst: knownFirst, into: &mentions)
        }
    }

    /// Gazetteer names (and names the document's normal text gave) in capitals lines and headlines.
    private func matchKnown(in line: TextScanner.Line, known: [String: Mention], knownFirst: Set<String>, into out: inout [Mention]) {
        let toks = scanner.tokens
        var i = line.firstToken
        let end = line.endToken
        let maxW = max(gazetteer.maxWords, 4)
        let mode = modes[toks[max(0, min(i, toks.count - 1))].line]
        while i < end {
            guard toks[i].kind == .word, toks[i].cap || toks[i].allCaps || caseless else { i += 1; continue }
            var matched = false
            let k0 = key(i)
            var e = has(i, .gazetteerFirst) || knownFirst.contains(k0) ? min(end, i + maxW) : i
            while e > i {
                var ok = true
                for x in i..<e where toks[x].kind != .word || !(toks[x].cap || toks[x].allCaps || caseless || isParticle(x) || (x > i && x < e - 1 && Words.orgConnectors.contains(lower(x)))) { ok = false; break }
                if ok {
                    let single = e - i == 1
                    if let g = gazetteerEntry(i, e) {
                        // in capitals, an acronym of two letters is too ambiguous ("US" in "LET US")
                        let headlineSubject = i == firstWordOfLine(i) || (e < end && toks[e].kind == .word && has(e, .headlineVerb))
                        let weakAcronym = single && (mode == .capitals || caseless) && !toks[i].dotted && (toks[i].end - toks[i].start) <= 2
                            && !(headlineSubject && !caseless)
                        let caselessAcronym = caseless && single && Gazetteer.isAcronymSpelling(g.name) == false && (toks[i].end - toks[i].start) <= 3
                        if !weakAcronym && !caselessAcronym {
                            out.append(mention(i, e, kind: g.kind, strength: .strong, canonical: g.name))
                            i = e; matched = true; break
                        }
                    }
                    if !caseless {
                        var k = key(i)
                        if e - i > 1 { for x in (i + 1)..<e { k += " " + key(x) } }
                        if let m = known[k] {
                            var copy = Mention(first: i, end: e, words: m.words, surface: m.surface, kind: m.kind, strength: m.strength, canonical: m.canonical)
                            copy.guessed = m.guessed
                            out.append(copy)
                            i = e; matched = true; break
                        }
                        if single, mode == .headline, toks[i].allCaps, !has(i, .nonAcronym), (toks[i].end - toks[i].start) <= 6 {
                            out.append(mention(i, e, kind: .organisation, strength: .weak))
                            i = e; matched = true; break
                        }
                    }
                }
                e -= 1
            }
            // "PRESIDENT REAGAN VOWS", "KING FAHD SAYS"
            if !matched, !caseless, i + 1 < end, toks[i].allCaps, has(i, .title), let e = headlineName(i + 1, end: end, afterTitle: true) {
                let from = has(i, .royalTitle) && e == i + 2 ? i : i + 1
                var m = mention(from, e, kind: .person, strength: .cue)
                m.surface = (from..<e).map { titleCase(scanner.text($0)) }.joined(separator: " ")
                out.append(m)
                i = e; matched = true
            }
            if !matched, !caseless, let e = headlineName(i, end: end) {
                let words = (i..<e).map { titleCase(scanner.text($0)) }
                var m = mention(i, e, kind: .person, strength: .cue)
                m.surface = words.joined(separator: " ")
                out.append(m)
                i = e; matched = true
            }
            if !matched { i += 1 }
        }
    }

    private func firstWordOfLine(_ i: Int) -> Int {
        var j = scanner.lines[scanner.tokens[i].line].firstToken
        while j < i, scanner.tokens[j].kind != .word { j += 1 }
        return j
    }

    private func titleCase(_ w: String) -> String {
        guard let f = w.first else { return w }
        return String(f).uppercased() + w.dropFirst().lowercased()
    }

    /// A name in a headline in capitals: "LAWSON SAYS …", "TREASURY'S BAKER CALLS …",
    /// "… TO STABILIZE DLR, SUMITA": one to three capitalised words that are not common words,
    /// before a headline verb, after a possessive, or ending the line after a comma or dash.
    private func headlineName(_ i: Int, end: Int, afterTitle: Bool = false) -> Int? {
        let toks = scanner.tokens
        func nameLike(_ x: Int) -> Bool {
            guard x < end, toks[x].kind == .word, toks[x].allCaps || toks[x].cap, !toks[x].dotted else { return false }
            let k = key(x)
            guard ActorRules.isLettersAndSpaces(k, atLeast: 3) else { return false }
            let notNames: WordClass = [.looseCommon, .stop, .demonym, .title, .portfolio, .orgHead, .nonAcronym, .headlineVerb, .month, .unit]
            if !wordClass(x).isDisjoint(with: notNames) { return false }
            return gazetteer.lookup(key: k, hasLower: false) == nil
        }
        guard nameLike(i) else { return nil }
        var e = i + 1
        while e < end, e - i < 3, nameLike(e) { e += 1 }
        if afterTitle { return e }
        // followed by a headline verb
        if e < end, toks[e].kind == .word, has(e, .headlineVerb) { return e }
        // after a possessive: "TREASURY'S BAKER"
        if i >= 1, scanner.isPunct(i - 1, 0x27) { return i + 1 }
        // at the start of the headline, before a verb: "REAGAN MAKING STATEMENT", "BAKER REITERATES …"
        if i == firstWordOfLine(i), e < end, toks[e].kind == .word {
            let v = key(e)
            if has(e, .looseCommon) && (v.hasSuffix("s") || v.hasSuffix("ing") || v.hasSuffix("ed")) && !v.hasSuffix("ss") { return e }
        }
        // ending the line after a comma or a dash: "…, SUMITA", "…-WEIZSAECKER"
        if e == end, i > 0, toks[i - 1].kind == .punct, toks[i - 1].punct == 0x2C || toks[i - 1].punct == 0x2D { return e }
        return nil
    }

    /// `k` has at least `count` characters, all letters or spaces (ASCII keys are checked on
    /// their bytes, others with Character properties).
    static func isLettersAndSpaces(_ k: String, atLeast count: Int) -> Bool {
        var ascii = true
        for c in k.utf8 where c >= 0x80 { ascii = false; break }
        if ascii {
            return k.utf8.count >= count && k.utf8.allSatisfy { ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x41 && $0 <= 0x5A) || $0 == 0x20 }
        }
        return k.count >= count && k.allSatisfy({ $0.isLetter || $0 == " " })
    }
}
