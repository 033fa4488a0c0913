/// One capitalised run into mentions: a gazetteer name whole, titles stripped ("Treasury
/// Secretary James Baker"), organisations and places before a title, known names inside a
/// longer run; what is left goes to `unknown` (`ActorRules+UnknownNames`).
extension ActorRules {
    // MARK: analysing runs

    /// Mentions in one run [a, b) of capitalised words.
    func analyse(_ a0: Int, _ b0: Int, into out: inout [Mention]) {
        var a = a0, b = b0
        // trailing "&"/connectors never end a name
        while b > a, scanner.tokens[b - 1].kind != .word || Words.orgConnectors.contains(lower(b - 1)) && !scanner.tokens[b - 1].cap { b -= 1 }
        guard b > a else { return }
        if let e = gazetteerEntry(a, b) {
            out.append(mention(a, b, kind: e.kind, strength: .strong, canonical: e.name))
            return
        }
        let endsOrg = has(b - 1, .orgHead)
        // "Director of the Congressional Budget Office": the organisation after the title
        if endsOrg, has(a, .title), a + 2 < b, lower(a + 1) == "of" {
            a += 2
            if a < b - 1, lower(a) == "the" { a += 1 }
        }
        // Titles: "Treasury Secretary James Baker", "President Donald Trump", "Secretary of State Antony Blinken"
        if !endsOrg {
            var t = -1
            for i in a..<b where has(i, .title) && scanner.tokens[i].kind == .word {
                // a title is followed by a name or ends the run
                t = i
            }
            if t >= 0 {
                var nameStart = t + 1
                // "Secretary of State", "Minister of Foreign Affairs", "Chancellor of the Exchequer"
                if nameStart < b, lower(nameStart) == "of" || lower(nameStart) == "for" {
                    while nameStart < b, has(nameStart, .portfolio) { nameStart += 1 }
                }
                // prefix: an organisation or place before the title ("Federal Reserve Board Chairman")
                var pe = t
                while pe > a, has(pe - 1, .portfolio) || has(pe - 1, .title) { pe -= 1 }
                if pe > a { analysePrefix(a, pe, into: &out) }
                var b = b
                // "King Fahd of Saudi Arabia": the name stops at a connector, the rest is analysed apart
                if let c = (nameStart..<b).first(where: { scanner.tokens[$0].kind == .word && !scanner.tokens[$0].cap && !scanner.tokens[$0].allCaps && !isParticle($0) }) {
                    if c + 1 < b { analyse(c + 1, b, into: &out) }
                    b = c
                }
                if nameStart < b {
                    var na = nameStart
                    while na < b, has(na, .title) || has(na, .stop) { na += 1 }
                    if na < b {
                        if let e = gazetteerEntry(na, b) {
                            out.append(mention(na, b, kind: e.kind, strength: .strong, canonical: e.name))
                        } else if has(b - 1, .orgHead) || scanner.tokens[na].allCaps && b - na == 1 {
                            analyseCore(na, b, into: &out)
                        } else if has(t, .royalTitle), b - na == 1, na == t + 1 {
                            out.append(mention(t, b, kind: .person, strength: .cue))   // King Fahd
                        } else {
                            out.append(mention(na, b, kind: .person, strength: .cue))
                        }
                    }
                }
                return
            }
        }
        analyseCore(a, b, into: &out)
    }

    func isDemonym(_ i: Int) -> Bool {
        if has(i, .demonym) { return true }
        let k = key(i)
        return k.count > 4 && k.hasSuffix("s") && Words.demonyms.contains(String(k.dropLast()))   // Filipinos, Cubans
    }

    /// A gazetteer name starts at `a` and ends within `b` ("Soviet Union", "West Germany").
    private func startsGazetteerName(_ a: Int, _ b: Int) -> Bool {
        guard has(a, .gazetteerFirst) else { return false }
        var e = min(b, a + gazetteer.maxWords)
        while e > a { if gazetteerEntry(a, e) != nil { return true }; e -= 1 }
        return false
    }

    /// What comes before a title: keep organisations and places, drop demonyms and portfolios.
    private func analysePrefix(_ a: Int, _ b: Int, into out: inout [Mention]) {
        var a = a
        if let e = gazetteerEntry(a, b) {
            out.append(mention(a, b, kind: e.kind, strength: .strong, canonical: e.name))
            return
        }
        while a < b, isDemonym(a) && !startsGazetteerName(a, b) || has(a, .stop) { a += 1 }
        guard a < b else { return }
        if let e = gazetteerEntry(a, b) {
            out.append(mention(a, b, kind: e.kind, strength: .strong, canonical: e.name))
            return
        }
        if has(b - 1, .orgHead) || (b - a == 1 && scanner.tokens[a].allCaps) {
            analyseCore(a, b, into: &out)
            return
        }
        if b - a >= 3, has(a, .orgOfHead), lower(a + 1) == "of" {   // "Bank of England Governor …"
            out.append(mention(a, b, kind: .organisation, strength: .cue))
            return
        }
        splitByGazetteer(a, b, into: &out, keepRest: false)
    }

    private func analyseCore(_ a0: Int, _ b: Int, into out: inout [Mention]) {
        var a = a0
        let endsOrg = has(b - 1, .orgHead)
        if !endsOrg {
            while a < b, !isCompassLead(a), isDemonym(a) && !startsGazetteerName(a, b) || has(a, .title) && b - a > 1 { a += 1 }
        } else {
            while a < b - 1, has(a, .stop) { a += 1 }
        }
        guard a < b else { return }
        if let e = gazetteerEntry(a, b) {
            out.append(mention(a, b, kind: e.kind, strength: .strong, canonical: e.name))
            return
        }
        if has(b - 1, .nonActorHead) && b - a > 1 { return }
        // a team's nickname after its place: "Tampa Bay Buccaneers", "Leeds Rhinos"
        if b - a >= 2, isPluralNickname(b - 1, afterWords: b - 1 - a), startsWithPlace(a, b - 1) {
            out.append(mention(a, b, kind: .organisation, strength: .cue))
            return
        }
        // "Trump Administration", "Reagan Government": the person
        if b - a >= 2, has(b - 1, .personHead) {
            if let e = gazetteerEntry(a, b - 1) {
                out.append(mention(a, b - 1, kind: e.kind, strength: .strong, canonical: e.name))
                return
            }
            if b - a <= 4, !(a..<(b - 1)).contains(where: { has($0, .orgHead) || scanner.tokens[$0].allCaps }) {
                out.append(mention(a, b - 1, kind: .person, strength: .cue))
                return
            }
        }
        // "Government of Cuba", "Republic of Korea" (unless the gazetteer has it whole): the place
        if b - a >= 3, has(a, .governmentOf), lower(a + 1) == "of" {
            var x = a + 2
            if x < b, lower(x) == "the" { x += 1 }
            if let e = gazetteerEntry(x, b), e.kind == .place {
                out.append(mention(x, b, kind: .place, strength: .strong, canonical: e.name))
                return
            }
        }
        if endsOrg {
            // a known organisation at the end ("U.S. State Department"), places before it
            for x in (a + 1)..<b {
                if let e = gazetteerEntry(x, b), e.kind == .organisation {
                    analysePrefix(a, x, into: &out)
                    out.append(mention(x, b, kind: e.kind, strength: .strong, canonical: e.name))
                    return
                }
            }
            if b - a == 1 && !scanner.tokens[a].allCaps { return }   // "Embassy", "Department" alone
            // a government body's country is a place of the text ("U.S. State Department"); the
            // town of a university, a school or a club is part of that name ("Florida State University")
            if !Words.placeNamedHeads.contains(key(b - 1)) {
                splitByGazetteer(a, b, into: &out, keepRest: false, onlyPlaces: true)
            }
            out.append(mention(a, b, kind: .organisation, strength: .cue))
            return
        }
        if let m = acronymBesidePlace(a, b) { out.append(m); return }   // "AC Milan", "Graz AK"
        // "South London", "West Texas": a compass word before a known place names a part of it
        if b - a >= 2, isCompassLead(a), let e = gazetteerEntry(a + 1, b), e.kind == .place {
            out.append(mention(a, b, kind: .place, strength: .cue))
            return
        }
        splitByGazetteer(a, b, into: &out, keepRest: true)
    }

    /// Gazetteer names inside [a, b), longest first from the left; the words between them are
    /// judged by rules when `keepRest`.
    private func splitByGazetteer(_ a: Int, _ b: Int, into out: inout [Mention], keepRest: Bool, onlyPlaces: Bool = false) {
        var i = a
        var restStart = a
        let maxW = gazetteer.maxWords
        while i < b {
            var matched = false
            if maxW > 0, has(i, .gazetteerFirst) {
                var e = min(b, i + maxW + 1)
                while e > i {
                    if let g = gazetteerEntry(i, e), !onlyPlaces || g.kind == .place {
                        // a one-word place that is also a given name, then a surname: "Victoria
                        // Beckham", "Paris Hilton" is a person
                        if keepRest, g.kind == .place, i == a, e == i + 1, b == e + 1, isSurnameShaped(e) {
                            unknown(a, b, into: &out)
                            return
                        }
                        // and a given name, then a place that is also a surname: "Charles Kennedy"
                        if keepRest, g.kind == .place, e == b, e == i + 1, restStart == a, i == a + 1, isSurnameShaped(a) {
                            unknown(a, b, into: &out)
                            return
                        }
                        // a stray first name before a known person ("Fernando de Cossío") is not another actor
                        let strayFirstName = g.kind == .person && i - restStart == 1
                        if keepRest, restStart < i, !strayFirstName { unknown(restStart, i, into: &out) }
                        out.append(mention(i, e, kind: g.kind, strength: .strong, canonical: g.name))
                        i = e; restStart = e; matched = true
                        break
                    }
                    e -= 1
                }
            }
            if !matched { i += 1 }
        }
        if keepRest, restStart < b { unknown(restStart, b, into: &out) }
    }

    /// "Giants", "Buccaneers": a capitalised plural, not a nationality, after `before` words.
    /// After one word it must be the plural of a common noun, since many surnames end in -s
    /// ("Sydney Roberts"); after two or more ("Tampa Bay Buccaneers") any plural shape will do.
    private func isPluralNickname(_ i: Int, afterWords before: Int) -> Bool {
        let t = scanner.tokens[i]
        guard t.kind == .word, t.cap, !t.allCaps, !isDemonym(i) else { return false }
        let k = key(i)
        guard k.utf8.count > 4, k.hasSuffix("s"), !k.hasSuffix("ss"), !k.hasSuffix("us"), !k.hasSuffix("is") else { return false }
        return before >= 2 || isLooseCommon(String(k.dropLast()))
    }

    /// A gazetteer place spans tokens [a, x) for some x ≤ e.
    private func startsWithPlace(_ a: Int, _ e: Int) -> Bool {
        guard has(a, .gazetteerFirst) else { return false }
        var x = min(e, a + gazetteer.maxWords)
        while x > a {
            if let g = gazetteerEntry(a, x), g.kind == .place { return true }
            x -= 1
        }
        return false
    }

    /// A capitalised word that can only be part of a person's name here: no common word, list
    /// word or gazetteer name ("Beckham", "Roberts", not "Airport", "Daily", "Mayor").
    private func isSurnameShaped(_ i: Int) -> Bool {
        let t = scanner.tokens[i]
        guard t.kind == .word, t.cap, !t.allCaps, !t.initial else { return false }
        if !wordClass(i).isDisjoint(with: [.looseCommon, .demonym, .title, .orgHead, .nonActorHead, .gazetteerFirst, .portfolio, .stop, .functionWord]) { return false }
        return true
    }

    /// The gazetteer entry named by tokens [a, b): their word ids walked through `spans`; a token
    /// whose key has several words falls back to the joined key.
    func gazetteerEntry(_ a: Int, _ b: Int) -> Gazetteer.Entry? {
        guard b > a, b - a <= max(gazetteer.maxWords, 1) + 2 else { return nil }
        var node: Int32 = 0
        var hasLower = caseless
        for i in a..<b {
            let p = place(i)
            if p == GazetteerSpans.manyWords { return gazetteerEntryByKey(a, b) }
            // a word no key has, or an empty key (punctuation): no key can match
            guard p >= 0, let next = spans.child(node, p) else { return nil }
            node = next
            if scanner.tokens[i].hasLower { hasLower = true }
        }
        return spans.entry(at: node, hasLower: hasLower).map { gazetteer.entries[$0] }
    }

    /// `gazetteerEntry` by the joined key of the tokens.
    private func gazetteerEntryByKey(_ a: Int, _ b: Int) -> Gazetteer.Entry? {
        var k = key(a)
        var hasLower = scanner.tokens[a].hasLower
        if b - a > 1 {
            for i in (a + 1)..<b {
                k += " " + key(i)
                if scanner.tokens[i].hasLower { hasLower = true }
            }
        }
        return gazetteer.lookup(key: k, hasLower: hasLower && !caseless ? hasLower : (caseless ? true : hasLower))
    }

}
