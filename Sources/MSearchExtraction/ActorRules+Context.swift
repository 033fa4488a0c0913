/// What the words around an unknown capitalised name say about its kind when no role word or
/// speech verb does: a determiner before it, a plural verb after it, an organisation noun in
/// apposition, a title-case quotation around it. Each is a pattern of English usage, not of a page.
extension ActorRules {
    /// "the Bloglines website", "his Achilles tendon", "the Guardian": English gives a person's
    /// name no article or possessive determiner, so a name after one is a work, a product, a
    /// place, a group or an organisation. ("her" is left out: it is also an object, "told her
    /// Jonny …"; "this"/"that" too: "said that Smith …".)
    func determinerBefore(_ a: Int) -> Bool {
        let d = a - 1
        guard d >= 0, scanner.tokens[d].kind == .word, scanner.tokens[d].line == scanner.tokens[a].line else { return false }
        let w = lower(d)
        // capitalised, only "The": "A Hazell" in a team list is an initial
        guard !scanner.tokens[d].cap || w == "the" else { return false }
        return Words.nameDeterminers.contains(w)
    }

    /// "Blackburn have rejected", "Travis are touring": a plural verb after a one-word name (the
    /// British agreement for teams, bands and companies) makes it a group, not a person. Not
    /// when "and", "or", "&" or a comma comes shortly before, where the verb agrees with a list
    /// ("Smith and Jones are", "Frampton and striker Burton are").
    /// Any length of name: "Aston Villa were drawn" (a person's full name takes no plural verb).
    func pluralVerbAfter(_ a: Int, _ b: Int) -> Bool {
        let toks = scanner.tokens
        guard b > a, b < toks.count, toks[b].kind == .word, !toks[b].cap, toks[b].line == toks[a].line,
              Words.pluralVerbs.contains(lower(b)) else { return false }
        // "would John Terry have gone": after an auxiliary the subject is inverted and "have" is
        // the bare verb of any person
        if a >= 1, toks[a - 1].kind == .word, Words.modals.contains(lower(a - 1)) || ["did", "does", "do"].contains(lower(a - 1)) { return false }
        var j = a - 1
        while j >= 0, j >= a - 6, toks[j].line == toks[a].line {
            if toks[j].kind == .punct, [0x2C, 0x26, 0x2E, 0x3A, 0x3B, 0x21, 0x3F].contains(toks[j].punct) { return toks[j].punct != 0x2C && toks[j].punct != 0x26 }
            if toks[j].kind == .word, ["and", "or", "nor", "with"].contains(lower(j)) { return false }
            // "artists such as Argentina's Mustafa Yoda are": the verb agrees with the noun before "such as"
            if toks[j].kind == .word, lower(j) == "as", j >= 1, toks[j - 1].kind == .word, lower(j - 1) == "such" { return false }
            // a conjunction opens a new clause, whose subject the name is: "Bolton meet Ipswich,
            // while Aston Villa were drawn"
            if toks[j].kind == .word, Words.clauseOpeners.contains(lower(j)) { return true }
            j -= 1
        }
        return true
    }

    /// A name followed by a lower-case word that is not a stop word stands before a noun as
    /// its modifier ("the Robert Palmer track", "the Bobby Charlton school"): an article then
    /// belongs to that noun, not to the name.
    func modifiesNounAfter(_ b: Int) -> Bool {
        let toks = scanner.tokens
        guard b < toks.count, toks[b].kind == .word, !toks[b].cap, !toks[b].allCaps, toks[b].line == toks[b - 1].line else { return false }
        return !has(b, .stop)
    }

    /// "carmaker PSA Peugeot Citroen", "firms such as Retrofone", "Motorola, the US mobile
    /// handset maker": an organisation noun right before the name, before "such as" before it,
    /// or heading an apposition after it ("X, the … maker,").
    func organisationNounAround(_ a: Int, _ b: Int) -> Bool {
        let toks = scanner.tokens
        var j = a - 1
        if j >= 0, toks[j].kind == .punct, toks[j].punct == 0x2C || toks[j].punct == 0x2D { j -= 1 }
        // "developers such as Ubisoft", "companies such as Intel, Microsoft"
        if j >= 2, toks[j].kind == .word, lower(j) == "as", toks[j - 1].kind == .word, lower(j - 1) == "such" { j -= 2 }
        if j >= 0, toks[j].kind == .word, !toks[j].cap, toks[j].line == toks[a].line, Words.organisationNouns.contains(lower(j)) { return true }
        if organisationNounBeforeList(a) { return true }
        // "Motorola, the US mobile handset and infrastructure maker, held …"
        guard b + 2 < toks.count, scanner.isPunct(b, 0x2C), toks[b + 1].kind == .word, lower(b + 1) == "the" else { return false }
        var k = b + 2
        while k < toks.count, k < b + 10, toks[k].kind == .word, toks[k].line == toks[b].line { k += 1 }
        guard k > b + 2, k < toks.count, toks[k].kind == .punct, toks[k].punct == 0x2C || toks[k].punct == 0x2E else { return false }
        return !toks[k - 1].cap && Words.organisationNouns.contains(lower(k - 1))
    }

    /// "Ladbrokes spokesman Warren Lush", "Vodafone chairman", "Vulture magazine": a name right
    /// before one of these words, with no possessive between, is the body the spokesman speaks
    /// for or the publication's own name. A person's spokesman takes the possessive ("Blair's
    /// spokesman"), and a person's name does not stand before "magazine". Not after a verb of
    /// appointing, whose object the name is ("named Charles Hinckley chairman"), nor before
    /// "of"/"for"/"at".
    func organisationWordAfter(_ a: Int, _ b: Int) -> Bool {
        let toks = scanner.tokens
        guard b < toks.count, b > 0, toks[b].kind == .word, !toks[b].cap, !toks[b].allCaps, toks[b].line == toks[b - 1].line,
              Words.organisationWordsAfter.contains(lower(b)) else { return false }
        if a >= 1, toks[a - 1].kind == .word, !toks[a - 1].cap, Words.appointmentVerbs.contains(lower(a - 1)) { return false }
        // "Mike Boswell chairman of Sunshine Mining": the office is held at the body named after
        if b + 1 < toks.count, toks[b + 1].kind == .word, toks[b + 1].line == toks[b].line, ["of", "for", "at"].contains(lower(b + 1)) { return false }
        return true
    }

    /// Tokens inside a quotation written in title case ("The Peopling of the Pacific from a
    /// Bacterial Perspective", "Globalisation, Sovereignty, and the Transformation of …"): the
    /// title of an article, a book, a song or a game, whose capitalised words are not names
    /// unless the gazetteer knows them. A quotation counts when it has three content words or
    /// more, at least 80 % of them capitalised, on one line.
    func titleCaseQuotations() -> [Bool] {
        let toks = scanner.tokens
        var out = Array(repeating: false, count: toks.count)
        var i = 0
        while i < toks.count {
            guard scanner.isPunct(i, 0x22) else { i += 1; continue }
            var e = i + 1
            while e < toks.count, e - i <= 40, toks[e].line == toks[i].line, !scanner.isPunct(e, 0x22) { e += 1 }
            guard e < toks.count, e - i <= 40, scanner.isPunct(e, 0x22), toks[e].line == toks[i].line else { i += 1; continue }
            var content = 0, capitalised = 0
            for x in (i + 1)..<e where toks[x].kind == .word && isContentWord(x) {
                content += 1
                if toks[x].cap || toks[x].allCaps { capitalised += 1 }
            }
            if content >= 3, capitalised * 10 >= content * 8 {
                for x in (i + 1)..<e { out[x] = true }
            }
            i = e + 1
        }
        return out
    }

    /// "Yukos said it would appeal", "Sony has said it will launch": a speech verb whose
    /// reported subject is "it" (or "its") is said by an organisation, not a person. Not the
    /// "it" that stands for a clause ("Davies stressed it would be up to …", "said it was
    /// time"), before a form of "be"; and never for a name the text gives a first name or a
    /// title elsewhere ("Nick Davies", "Mr Davies").
    func itAfterSpeechVerb(_ a: Int, _ b: Int) -> Bool {
        let toks = scanner.tokens
        // a one-word name only: "Alex Salmond said it had received …" is a person speaking of his party
        guard b == a + 1 else { return false }
        var k = b
        func word(_ i: Int) -> String? {
            guard i < toks.count, toks[i].kind == .word, !toks[i].cap, toks[i].line == toks[b - 1].line else { return nil }
            return lower(i)
        }
        if let w = word(k), w == "has" || w == "had" { k += 1 }
        guard let verb = word(k), Words.speechVerbs.contains(verb) else { return false }
        k += 1
        if word(k) == "that" { k += 1 }
        guard let it = word(k), it == "it" || it == "its" else { return false }
        if let next = word(k + 1) {
            if Words.beForms.contains(next) { return false }
            if let after = word(k + 2), after == "be" || after == "have", Words.modals.contains(next) { return false }
        }
        return !namedInFullElsewhere(a)
    }

    /// The one-word name at `a` stands elsewhere in the text after a capitalised word that is a
    /// first name or a title ("Nick Davies", "Mr Davies"): it is a person's surname.
    func namedInFullElsewhere(_ a: Int) -> Bool {
        let toks = scanner.tokens
        let k = key(a)
        for x in 1..<max(toks.count, 1) where x != a && toks[x].kind == .word && toks[x].cap && key(x) == k {
            let p = x - 1
            guard toks[p].kind == .word, toks[p].cap, toks[p].line == toks[x].line, !toks[p].allCaps else { continue }
            if has(p, .title) || Words.personalTitles.contains(key(p)) || !has(p, .stop) { return true }
        }
        return false
    }

    /// "senior manager at Symantec", "an analyst at Blinkx": "at" after a job names the employer,
    /// an organisation, not a place. (Not after a fixture: "the tie at Everton" names a club, but
    /// "the match at Twickenham" a ground.)
    func employerAfterAt(_ a: Int) -> Bool {
        let toks = scanner.tokens
        guard a >= 2, toks[a - 1].kind == .word, lower(a - 1) == "at", toks[a - 2].kind == .word, !toks[a - 2].cap,
              toks[a - 2].line == toks[a].line else { return false }
        let w = lower(a - 2)
        return Words.roleBefore.contains(w)
    }

    /// "a single USB port", "unique IP addresses", "HTTP requests": an acronym right before a
    /// technology noun is a standard or a protocol modifying it, not an actor.
    func modifiesTechnologyNoun(_ b: Int) -> Bool {
        let toks = scanner.tokens
        guard b < toks.count, toks[b].kind == .word, !toks[b].cap, !toks[b].allCaps, toks[b].line == toks[b - 1].line else { return false }
        return Words.technologyNouns.contains(lower(b))
    }

    /// "games giants Electronic Arts and Vivendi", "firms such as Intel, Sonix and Zorvex": a
    /// later member of a list of names that an organisation noun heads is an organisation too.
    func organisationNounBeforeList(_ a: Int) -> Bool {
        let toks = scanner.tokens
        var j = a - 1
        guard j >= 1, scanner.isPunct(j, 0x2C) || toks[j].kind == .word && (lower(j) == "and" || lower(j) == "or") else { return false }
        var steps = 0
        while j >= 0, steps < 16, toks[j].line == toks[a].line {
            let t = toks[j]
            let listPiece = t.kind == .punct ? (t.punct == 0x2C || t.punct == 0x26)
                : (t.cap || t.allCaps || lower(j) == "and" || lower(j) == "or")
            guard listPiece else { break }
            j -= 1; steps += 1
        }
        guard j >= 0, j < a - 2, toks[j].line == toks[a].line, toks[j].kind == .word, !toks[j].cap else { return false }
        if j >= 1, lower(j) == "as", lower(j - 1) == "such" { j -= 2 }
        return j >= 0 && toks[j].kind == .word && !toks[j].cap && Words.organisationNouns.contains(lower(j))
    }
}
