/// Where names may be: the capitalised runs of normal lines, which words may start or continue
/// one (handles, tickers, contractions and "-based" words may not), Mikheev's sentence-start
/// check, and gazetteer names with lower-case connectors inside.
extension ActorRules {
    // MARK: candidates

    /// The token is a capitalised word that may start or continue a name.
    private func isNameWord(_ i: Int) -> Bool {
        let t = scanner.tokens[i]
        guard t.kind == .word, t.cap || t.allCaps || t.initial else { return false }
        // handles and URL pieces: @CarlosFdeCossio, /NIVLOtaIU2
        if i > 0, scanner.adjacent(i - 1), scanner.tokens[i - 1].kind == .punct, [0x40, 0x23, 0x2F, 0x5C, 0x5F, 0x3D].contains(scanner.tokens[i - 1].punct) { return false }
        if scanner.adjacent(i), scanner.isPunct(i + 1, 0x2F) || scanner.isPunct(i + 1, 0x40) { return false }
        // contractions ("I've", "We'll") and hyphenated words with a lower-case or non-name part
        // ("Financially-strapped", "October-September", "D-Tex")
        if !hyphenatedNameOK(t) { return false }
        // Reuters ticker codes: <SIEG.F>, <MATR.PA>
        if t.allCaps || t.dotted, inTicker(i) { return false }
        // "Abidjan-based", "state-owned"
        if t.hasLower, let dash = scanner.bytes[t.start..<t.end].lastIndex(of: 0x2D) {
            let tail = String(decoding: scanner.bytes[(dash + 1)..<t.end], as: UTF8.self)
            if ["based", "led", "owned", "born", "run", "controlled", "backed", "made", "bound", "related", "style", "era", "speaking", "funded"].contains(tail) { return false }
        }
        // words with digits ("H1B", "NIVLOtaIU2") unless the gazetteer knows them
        var hasDigit = false
        for j in t.start..<t.end where scanner.bytes[j] >= 0x30 && scanner.bytes[j] <= 0x39 { hasDigit = true; break }
        if hasDigit { return gazetteer.lookup(key: key(i), hasLower: t.hasLower) != nil }
        return true
    }

    private func hyphenatedNameOK(_ t: TextScanner.Token) -> Bool {
        let b = scanner.bytes
        var hasSep = false
        for j in t.start..<t.end where b[j] == 0x2D || b[j] == 0x27 || (b[j] == 0xE2 && j + 2 < t.end && b[j + 1] == 0x80 && b[j + 2] == 0x99) { hasSep = true; break }
        guard hasSep else { return true }
        let text = scanner.text(t)
        // contractions: an apostrophe followed by lower case
        if let ap = text.firstIndex(where: { $0 == "'" || $0 == "\u{2019}" }) {
            let after = text[text.index(after: ap)...]
            if let f = after.first, f.isLowercase { return false }
        }
        let parts = text.split(whereSeparator: { $0 == "-" })
        guard parts.count >= 2 else { return true }
        var nameParts = 0
        for (pi, p) in parts.enumerated() {
            guard let f = p.first else { continue }
            let k = Fold.key(String(p))
            if f.isLowercase {
                if pi == 0 && Words.particles.contains(k) { continue }   // al-Assad, bin-…
                return false
            }
            if p.count == 1 { return false }                               // D-Tex, R-Fla
            if !(Words.stop.contains(k) || DateRules.monthNames[k] != nil || Words.demonyms.contains(k)) { nameParts += 1 }
        }
        return nameParts > 0
    }

    func isLooseCommon(_ k: String) -> Bool { wordClasses.classes(of: k).contains(.looseCommon) }

    /// A word that is a common word in an inflected form ("Contradicting", "Implements", "Roasters").
    private func inflectedCommon(_ k: String) -> Bool {
        for suffix in ["s", "es", "ed", "d", "ing", "ly", "ers", "er"] where k.hasSuffix(suffix) && k.count > suffix.count + 2 {
            let base = String(k.dropLast(suffix.count))
            if isLooseCommon(base) || isLooseCommon(base + "e") { return true }
        }
        return false
    }

    /// Inside "<XXXX.YY>" without spaces.
    private func inTicker(_ i: Int) -> Bool {
        var j = i
        while j > 0, j > i - 5, !scanner.tokens[j].spaceBefore || j == i {
            if scanner.isPunct(j - 1, 0x3C), scanner.adjacent(j - 1) { break }
            if scanner.tokens[j].spaceBefore { return false }
            j -= 1
        }
        guard j > 0, scanner.isPunct(j - 1, 0x3C) else { return false }
        var k = i
        while k + 1 < scanner.tokens.count, k < i + 5, scanner.adjacent(k) {
            if scanner.isPunct(k + 1, 0x3E) { return true }
            k += 1
        }
        return false
    }

    /// A capitalised word at a sentence start, or any capitalised stop word, is not a name unless
    /// the text also capitalises it mid-sentence or the gazetteer knows it (Mikheev).
    private func eligibleStart(_ i: Int) -> Bool {
        let t = scanner.tokens[i]
        let k = key(i)
        let c = wordClass(i)
        if (t.allCaps || t.dotted), gazetteer.lookup(key: k, hasLower: false) != nil { return true }
        if isCompassLead(i) { return true }   // "South Africa", "West Ham"
        if c.contains(.stop) { return false }
        if t.initial { return true }
        if !t.ambiguous { return true }
        if midCap.contains(k) || c.contains(.gazetteerFirst) { return true }
        if c.contains(.title) { return true }
        if c.contains(.looseCommon) || inflectedCommon(k) || seenLowercase(k) { return false }
        return true
    }

    func isParticle(_ i: Int) -> Bool {
        let t = scanner.tokens[i]
        guard t.kind == .word, !t.cap else {
            // "al-Assad" style: lower-case particle glued by a hyphen is one token already
            return false
        }
        return Words.particles.contains(scanner.lowerASCII(i))
    }

    /// Capitalised runs in normal lines: [first, end) token ranges.
    func runs() -> [(Int, Int)] {
        var out: [(Int, Int)] = []
        let toks = scanner.tokens
        let n = toks.count
        var i = 0
        while i < n {
            let t = toks[i]
            guard t.kind == .word, modes[t.line] == .normal, isNameWord(i) else { i += 1; continue }
            if !eligibleStart(i) { i += 1; continue }
            // "Según el Ministerio …", "Durante la visita": a function word of another language
            // before a lower-case article starts a phrase, not a name
            if has(i, .functionWord), i + 1 < n, isParticle(i + 1), !has(i, .gazetteerFirst) { i += 1; continue }
            if let g = gazetteerSpanWithConnectors(i) { out.append((i, g)); i = g; continue }
            var j = i + 1
            var words = 1
            var hasOrgOfHead = has(i, .orgOfHead) || has(i, .title)
            while j < n, words < 10, toks[j].line == t.line {
                let tj = toks[j]
                if tj.kind == .word, isNameWord(j), !(has(j, .stop) && !tj.allCaps && !tj.dotted) || isCompassLead(j) {
                    if has(j, .orgOfHead) || has(j, .title) { hasOrgOfHead = true }
                    j += 1; words += 1; continue
                }
                // particles inside person names: "Fernández de Cossío", "van der Berg"
                if tj.kind == .word, isParticle(j) {
                    var k = j
                    while k < n, k - j < 3, isParticle(k) { k += 1 }
                    if k < n, toks[k].line == t.line, isNameWord(k), !has(k, .stop) { j = k; continue }
                    break
                }
                // connectors inside organisation names: "Bank of England", "Immigration and Customs Enforcement"
                if tj.kind == .word, !tj.cap {
                    let w = scanner.lowerASCII(j)
                    if Words.orgConnectors.contains(w) && w != "the" {
                        var k = j + 1
                        if k < n, toks[k].kind == .word, scanner.lowerASCII(k) == "the", w != "and" { k += 1 }
                        guard k < n, toks[k].line == t.line, isNameWord(k), !has(k, .stop) else { break }
                        var ok = (w == "of" || w == "for" || w == "on") && hasOrgOfHead
                        // "Securities and Exchange Commission", "Food and Drug Administration": one common
                        // word (or an organisation) before "and", a strong organisation word at the end
                        let andOK = w != "and" || hasOrgOfHead || (j - i == 1 && has(i, .common))
                        if !ok && andOK {
                            // the part after ends with an organisation word: "Customs and Border Protection"
                            var e = k
                            while e < n, toks[e].line == t.line, isNameWord(e), !has(e, .stop) { e += 1 }
                            if e > k, has(e - 1, .strongOrgHead), gazetteerEntry(k, e) == nil { ok = true }
                            if !ok, isAcronymDefinitionAfter(e, from: i) { ok = true }
                        }
                        if ok { j = k; continue }
                    }
                }
                if tj.kind == .punct, tj.punct == 0x26, j + 1 < n, isNameWord(j + 1) { j += 1; continue }   // AT&T, Procter & Gamble
                break
            }
            out.append((i, j))
            i = j
        }
        return out
    }

    /// The end of a gazetteer name with lower-case connectors starting at `i` ("General Agreement
    /// on Tariffs and Trade", "Economic Commission for Latin America and the Caribbean").
    private func gazetteerSpanWithConnectors(_ i: Int) -> Int? {
        let toks = scanner.tokens
        let maxW = gazetteer.maxWords
        guard maxW >= 3, has(i, .gazetteerFirst) else { return nil }
        var limit = i
        var hasConnector = false
        while limit < toks.count, limit - i < maxW, toks[limit].kind == .word, toks[limit].line == toks[i].line {
            if !toks[limit].cap && !toks[limit].allCaps {
                guard toks[limit].end - toks[limit].start <= 3 || Words.orgConnectors.contains(lower(limit)) else { break }
                hasConnector = true
            }
            limit += 1
        }
        guard hasConnector else { return nil }
        var e = limit
        while e >= i + 3 {
            if toks[e - 1].cap || toks[e - 1].allCaps, gazetteerEntry(i, e) != nil { return e }
            e -= 1
        }
        return nil
    }

    /// The text has `k` as a lower-case word somewhere (Mikheev: then a capitalised `k` at a
    /// sentence start is that common word). Compares bytes; no allocation.
    private func seenLowercase(_ k: String) -> Bool {
        let kb = Array(k.utf8)
        for t in scanner.tokens where t.kind == .word && !t.cap && !t.allCaps && t.end - t.start == kb.count {
            var same = true
            var x = 0
            for j in t.start..<t.end {
                var c = scanner.bytes[j]
                if c >= 0x41 && c <= 0x5A { c += 32 }
                if c != kb[x] { same = false; break }
                x += 1
            }
            if same { return true }
        }
        return false
    }

}
