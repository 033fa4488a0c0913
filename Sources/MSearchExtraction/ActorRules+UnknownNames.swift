/// Runs of capitalised words the gazetteer does not know, judged by their shape (acronyms,
/// "PepsiCo", initials, particles) and by cues around them ("said", "in Tapachula").
extension ActorRules {
    /// A run of capitalised words the gazetteer doesn't know.
    func unknown(_ a0: Int, _ b0: Int, into out: inout [Mention]) {
        var a = a0, b = b0
        while b > a, !scanner.tokens[b - 1].cap && !scanner.tokens[b - 1].allCaps || has(b - 1, .stop) && !scanner.tokens[b - 1].allCaps { b -= 1 }
        while a < b, !isCompassLead(a), isDemonym(a) || has(a, .stop) && !scanner.tokens[a].allCaps
                || nounsCapitalised && has(a, .functionWord) && !scanner.tokens[a].allCaps { a += 1 }   // "Kein Wunder", "Die Frage"
        guard a < b else { return }
        // "La Fiscalía Anticorrupción" opening a sentence: the article is not part of the name
        if b - a >= 2, Words.foreignArticles.contains(key(a)), has(a + 1, .orgFirstHead) { a += 1 }
        if has(b - 1, .nonActorHead) { return }
        // a word of a title in quotation marks ("The Peopling of the Pacific …") names no actor
        if titleQuoted[a] { return }
        // "the film Million Dollar Baby", "the album Hopes and Fears": a work's title
        if a >= 1, scanner.tokens[a - 1].kind == .word, !scanner.tokens[a - 1].cap, scanner.tokens[a - 1].line == scanner.tokens[a].line,
           Words.workNouns.contains(lower(a - 1)) { return }
        let t = scanner.tokens[a]
        let n = b - a
        if n == 1 {
            // "a DVD", "4 GHz", "DVDs" elsewhere in the text: a common noun, not a body
            if !commonAcronyms.isEmpty, commonAcronyms.contains(key(a)) { return }
            if t.allCaps {
                let letters = t.end - t.start
                guard letters <= 7 || t.dotted, !has(a, .nonAcronym), !has(a, .looseCommon) || t.dotted else { return }
                if modifiesTechnologyNoun(b) { return }
                out.append(mention(a, b, kind: .organisation, strength: .cue))
                return
            }
            if t.initial || t.end - t.start < 2 { return }
            // "El", "Las", "Der": a function word of another language is never an actor alone
            if has(a, .functionWord) { return }
            // "la Audiencia", "el Congreso": a head-first institution word alone after an article
            // is the institution (a surname may be spelt so: "Henri Camara" … "Camara scored")
            if has(a, .orgFirstHead), a > 0, scanner.tokens[a - 1].kind == .word, Words.foreignArticles.contains(key(a - 1)) {
                out.append(mention(a, b, kind: .organisation, strength: .cue))
                return
            }
            var uppers = 0, hasDash = false, hasDot = false
            if scanner.bytes[t.start..<t.end].allSatisfy({ $0 < 0x80 }) {
                for j in t.start..<t.end {
                    let c = scanner.bytes[j]
                    if c >= 0x41 && c <= 0x5A { uppers += 1 } else if c == 0x2D { hasDash = true } else if c == 0x2E { hasDot = true }
                }
            } else {
                let text = scanner.text(t)
                for sc in text.unicodeScalars where sc.properties.isUppercase { uppers += 1 }
                hasDash = text.contains("-"); hasDot = text.contains(".")
            }
            // "PCs", "PDAs", "MPs": an acronym in the plural names a class of things or people,
            // whatever verb follows ("while PCs are used")
            if uppers >= 2, isPluralAcronym(t) { return }
            if publicationCue(a) || organisationNounAround(a, b) || organisationWordAfter(a, b) || pluralVerbAfter(a, b) || itAfterSpeechVerb(a, b) || employerAfterAt(a) {
                out.append(mention(a, b, kind: .organisation, strength: .cue))
                return
            }
            if uppers >= 2, t.hasLower, !hasDash, !hasSurnamePrefix(t) {   // MinRex, CiberCuba, PepsiCo
                out.append(mention(a, b, kind: .organisation, strength: .cue))
                return
            }
            if hasDot { out.append(mention(a, b, kind: .organisation, strength: .cue)); return }
            if personCue(a, b) { out.append(mention(a, b, kind: .person, strength: .cue)); return }
            if b < scanner.tokens.count, scanner.tokens[b].kind == .word, !scanner.tokens[b].cap, Words.nonActorHeads.contains(lower(b)) { return }   // "Louvre accord"
            // "in Zukunft", "im Internet": after a preposition a German capital starts any noun
            if !nounsCapitalised, placeCue(a) { out.append(mention(a, b, kind: .place, strength: .weak)); return }
            if !wordClass(a).isDisjoint(with: [.common, .title, .orgHead, .portfolio]) { return }
            if determinerBefore(a) {
                var m = mention(a, b, kind: .person, strength: .weak)
                m.notPerson = true
                out.append(m)
                return
            }
            // Mikheev: a word capitalised only where every word is (a sentence or line start),
            // with no cue, is as likely a common word of a language the lexicon lacks ("Duis",
            // "Acoger", "Gageons") as a name; a citation's "Surname, Given (" is a name
            if t.ambiguous, !midCap.contains(key(a)), !startsList(a, b) { return }
            out.append(mention(a, b, kind: .person, strength: .weak))
            return
        }
        var hasParticle = false, hasInitial = false, allCapsWords = 0
        for i in a..<b {
            if isParticle(i) { hasParticle = true }
            if scanner.tokens[i].initial { hasInitial = true }
            if scanner.tokens[i].allCaps { allCapsWords += 1 }
        }
        if has(a, .orgOfHead) && n >= 3 {   // "Bank of Japan", "University of Chicago"
            out.append(mention(a, b, kind: .organisation, strength: .cue))
            return
        }
        // head first: "Ministerio de Relaciones Exteriores", "Partido Comunista"; a publication
        // or group after a foreign article: "El Nuevo Herald", "Le Monde"; "the news site Café Fuerte"
        if has(a, .orgFirstHead) || Words.foreignArticles.contains(key(a)) || publicationCue(a) {
            out.append(mention(a, b, kind: .organisation, strength: .cue))
            return
        }
        if allCapsWords == n {
            for i in a..<b { unknown(i, i + 1, into: &out) }
            return
        }
        if !itAfterSpeechVerb(a, b), hasParticle || hasInitial || personCue(a, b) {
            out.append(mention(a, b, kind: .person, strength: .cue))
            return
        }
        // "Family Reunification Parole", "Foreign Terrorist Entry": capitalised common words
        if (a..<b).contains(where: { has($0, .common) || has($0, .title) || has($0, .portfolio) }) { return }
        // "Nu River", "Beverly Hills", "the Chatham Islands": a natural feature's name is a place
        if Words.placeHeads.contains(key(b - 1)) {
            out.append(mention(a, b, kind: .place, strength: .cue))
            return
        }
        // "carmaker PSA Peugeot Citroen"; and an acronym of three letters or more inside the name
        // ("PSA Peugeot Citroen"): people's names carry initials, not acronyms
        if organisationNounAround(a, b) || organisationWordAfter(a, b) || pluralVerbAfter(a, b) || itAfterSpeechVerb(a, b) || employerAfterAt(a)
            || (a..<b).contains(where: { scanner.tokens[$0].allCaps && !scanner.tokens[$0].dotted && scanner.tokens[$0].end - scanner.tokens[$0].start >= 3 }) {
            out.append(mention(a, b, kind: .organisation, strength: .cue))
            return
        }
        // "the Daily Telegraph": no article before a person's name, unless it modifies a noun
        // ("the Robert Palmer track"). Only a guess, though: a person is also "the Johnny Carson
        // of podcasting", "the Peter Hain "mongrel" attack", so it does not outvote a person's
        // other mentions.
        if determinerBefore(a) && !modifiesNounAfter(b) {
            var guess = mention(a, b, kind: .organisation, strength: .cue)
            guess.guessed = true
            out.append(guess)
            return
        }
        // no person's name opens with a compass word: "West Ham", "North Face" with no other cue
        // are taken for the place they are named after
        if isCompassLead(a) {
            out.append(mention(a, b, kind: .place, strength: .weak))
            return
        }
        var guess = mention(a, b, kind: .person, strength: n <= 4 ? .cue : .weak)
        guess.guessed = true
        out.append(guess)
    }

    /// A person cue around [a, b): a role word before ("spokesperson, Ned Price"), a speech verb
    /// after ("Rodriguez said"), ", who", "’s administration", a bracketed given name before.
    private func personCue(_ a: Int, _ b: Int) -> Bool {
        let toks = scanner.tokens
        var j = a - 1
        if j >= 0, toks[j].kind == .punct, toks[j].punct == 0x2C { j -= 1 }
        if j >= 0, toks[j].kind == .word, !toks[j].cap, Words.roleBefore.contains(foldedLower(j)) { return true }
        var k = b
        if k < toks.count, toks[k].kind == .punct, toks[k].punct == 0x27 { k += 1 }   // Trump's administration
        if k < toks.count, toks[k].kind == .word, !toks[k].cap {
            let w = foldedLower(k)
            if Words.speechVerbs.contains(w) || w == "administration" { return true }
        }
        if b < toks.count, scanner.isPunct(b, 0x2C), b + 1 < toks.count, toks[b + 1].kind == .word, lower(b + 1) == "who" { return true }
        // a given name set in brackets before it, as quotations are completed: "(Alan) Greenspan"
        if a >= 3, scanner.isPunct(a - 1, 0x29), toks[a - 2].kind == .word, toks[a - 2].cap, scanner.isPunct(a - 3, 0x28) { return true }
        return false
    }

    /// A lower-case word as the word lists spell it: ASCII lower-cased, else folded ("afirmó" →
    /// "afirmo", for the lists of other languages).
    private func foldedLower(_ i: Int) -> String {
        let w = lower(i)
        return w.isEmpty ? key(i) : w
    }

    /// "McManus", "MacDonald", "O'Neill", "DiCaprio", "LeBlanc": a second capital after a surname
    /// prefix is a person's name, not a company's camel case ("PepsiCo").
    private func hasSurnamePrefix(_ t: TextScanner.Token) -> Bool {
        let b = scanner.bytes
        func upper(_ j: Int) -> Bool { j < t.end && b[j] >= 0x41 && b[j] <= 0x5A }
        func lowerAt(_ j: Int, _ c: UInt8) -> Bool { j < t.end && b[j] == c }
        let s = t.start
        guard upper(s) else { return false }
        var uppers = 0
        for j in s..<t.end where upper(j) { uppers += 1 }
        guard uppers == 2 else { return false }
        if b[s] == 0x4D, lowerAt(s + 1, 0x63), upper(s + 2) { return true }                          // Mc
        if b[s] == 0x4D, lowerAt(s + 1, 0x61), lowerAt(s + 2, 0x63), upper(s + 3) { return true }   // Mac
        if b[s] == 0x44 || b[s] == 0x4C, lowerAt(s + 1, 0x65) || lowerAt(s + 1, 0x69) || lowerAt(s + 1, 0x61), upper(s + 2) { return true }   // De, Di, Da, Le, La
        return false
    }

    /// Where a capitalised word at an ambiguous position is still a name: in the first line, the
    /// title (headlines open with their subject: "Sumita welcomes …"), after a colon (a list's
    /// label: "Subs not used: Francis, Kabba"), or opening a list of names ("Sheahan, Horan",
    /// "Collett, John (2010)", "Goodridge; Garvey").
    private func startsList(_ a: Int, _ b: Int) -> Bool {
        let toks = scanner.tokens
        if toks[a].line == 0 { return true }
        if a >= 1, scanner.isPunct(a - 1, 0x3A) { return true }
        guard b + 1 < toks.count, scanner.isPunct(b, 0x2C) || scanner.isPunct(b, 0x3B) else { return false }
        return toks[b + 1].kind == .word && (toks[b + 1].cap || toks[b + 1].initial)
    }

    /// "PCs", "PDAs": capitals, then a lower-case plural "s" (ASCII; two capitals or more).
    private func isPluralAcronym(_ t: TextScanner.Token) -> Bool {
        let b = scanner.bytes
        guard t.end - t.start >= 3, b[t.end - 1] == 0x73 else { return false }
        for j in t.start..<(t.end - 1) where !(b[j] >= 0x41 && b[j] <= 0x5A) { return false }
        return true
    }

    /// "the news site Café Fuerte", "el diario Granma", "newspaper La Nación": a publication.
    private func publicationCue(_ a: Int) -> Bool {
        var j = a - 1
        if j >= 0, scanner.tokens[j].kind == .punct, scanner.tokens[j].punct == 0x2C { j -= 1 }
        guard j >= 0, scanner.tokens[j].kind == .word, !scanner.tokens[j].cap else { return false }
        return Words.publicationBefore.contains(foldedLower(j))
    }

    /// "in Tapachula", "the city of Tapachula", "Tapachula, Chiapas".
    private func placeCue(_ a: Int) -> Bool {
        var j = a - 1
        if j >= 1, scanner.isPunct(j, 0x2C), scanner.tokens[j - 1].kind == .word, scanner.tokens[j - 1].cap { j -= 1 }   // "X, Chiapas"
        while j >= 0, j < a - 1, scanner.tokens[j].kind == .word, scanner.tokens[j].cap { j -= 1 }
        guard j >= 0, scanner.tokens[j].kind == .word, !scanner.tokens[j].cap else { return false }
        let w = lower(j)
        if Words.placeBefore.contains(w) { return true }
        if w == "of", j >= 1, scanner.tokens[j - 1].kind == .word, Words.placeNouns.contains(lower(j - 1)) { return true }
        return false
    }

}
