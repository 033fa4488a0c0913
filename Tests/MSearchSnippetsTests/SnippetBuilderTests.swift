import Testing
@testable import MSearchSnippets
import MSearchTestSupport

// MARK: - Choosing the passage

@Test func distinctTermsBeatRepeatsOfOneTerm() {
    let repeats = "Cuba Cuba Cuba, Cuba and Cuba again; Cuba. "
    let text = repeats + fillerSentences(6, seed: 1) + " Trump ended the migration talks with Cuba in April. "
        + fillerSentences(6, seed: 2)
    let words = ["Cuba", "Trump", "migration"]
    let snippets = SnippetBuilder.passages(text: text, matches: findMatches(text, words))
    #expect(snippets.count == 1)
    let hl = Set(highlighted(snippets[0]))
    #expect(hl == ["Cuba", "Trump", "migration"])
    #expect(snippets[0].text.contains("Trump ended the migration talks with Cuba"))
}

@Test func termWeightsMakeRareTermsWin() {
    let text = fillerSentences(5, seed: 3) + " The embargo was discussed. " + fillerSentences(5, seed: 4)
        + " A remittances cap was announced. " + fillerSentences(5, seed: 5)
    let matches = findMatches(text, ["embargo", "remittances"])
    let plain = SnippetBuilder.passages(text: text, matches: matches)
    #expect(highlighted(plain[0]) == ["embargo"])  // equal weight: the earlier passage wins
    let weighted = SnippetBuilder.passages(text: text, matches: matches, termWeights: [0.2, 3.5])
    #expect(highlighted(weighted[0]) == ["remittances"])
    // Out-of-range term index or NaN weights do not crash and fall back to weight 1.
    let odd = SnippetBuilder.passages(text: text, matches: matches, termWeights: [.nan])
    #expect(odd.count == 1)
}

@Test func prefersPassageStartingASentence() {
    let before = fillerSentences(4, seed: 7)
    let text = before + " The minister announced the reform of the electoral law today in Havana. "
        + fillerSentences(4, seed: 8)
    let s = SnippetBuilder.passages(text: text, matches: findMatches(text, ["reform"]))[0]
    #expect(s.text.hasPrefix("The minister announced the reform"))
    #expect(highlighted(s) == ["reform"])
}

@Test func sentenceStartBonusOutweighsARepeat() {
    // One mid-sentence window has "reform" twice; a later sentence starts with one "reform".
    let longSentence = "Officials in several provinces said on Monday that the ministry would review the plans "
        + "for regional development and infrastructure after weeks of heated debate in parliament and in local "
        + "council meetings across the country and in the capital, where the opposition had called for delays, "
        + "while the reform of the tax code and the promised reform of pensions were postponed again, according "
        + "to several council members who spoke on condition of anonymity because they were not authorized "
        + "to discuss the budget negotiations with the press or with the opposition parties in the capital."
    let text = fillerSentences(3, seed: 70) + " " + longSentence + " " + fillerSentences(3, seed: 71)
        + " The reform passed on Friday. " + fillerSentences(3, seed: 72)
    let s = SnippetBuilder.passages(text: text, matches: findMatches(text, ["reform"]))[0]
    #expect(s.text.hasPrefix("The reform passed on Friday."))
    #expect(highlighted(s) == ["reform"])
}

@Test func sentenceStartHeuristics() {
    // "U.S. and" is not a sentence break; a line break is.
    let text = fillerSentences(3, seed: 9) + " relations between the U.S. and Cuba worsened\nHavana officials said "
        + "the dialogue channel was closed. " + fillerSentences(3, seed: 10)
    let s = SnippetBuilder.passages(text: text, matches: findMatches(text, ["dialogue"]))[0]
    #expect(s.text.hasPrefix("Havana officials said"))
    #expect(!s.text.hasPrefix("…"))
}

@Test func cutsOnWordBoundariesOnly() {
    var rng = SplitMix64(seed: 11)
    let vocabulary = ["Díaz-Canel", "Cossío", "“quoted”", "naïve", "Zürich", "word", "x", "longerword,", "año"]
    let text = (0..<600).map { _ in vocabulary.randomElement(using: &rng)! }.joined(separator: " ")
    let normalized = normalize(text)
    let words = Set(normalized.split(separator: " ").map(String.init))
    for target in [40, 120, 220] {
        let snippets = SnippetBuilder.passages(text: text, matches: findMatches(text, ["Zürich"]),
                                               options: SnippetOptions(targetLength: target, passages: 3))
        #expect(!snippets.isEmpty)
        for s in snippets {
            let c = core(s)
            #expect(normalized.contains(c))
            for w in c.split(separator: " ") { #expect(words.contains(String(w))) }
            #expect(c.count <= target)
        }
    }
}

@Test func ellipsesMarkMidSentenceCuts() {
    let long = "The talks between the two governments covered human trafficking, immigration fraud, visa "
        + "processing, deportation flights, the backlog of family reunification parole cases, the return of "
        + "irregular migrants intercepted at sea, the exchange of data on criminal records, consular services, "
        + "the situation of the embassy staff, and a long list of other bilateral migration issues that both "
        + "delegations had agreed to review in detail before the next round of meetings scheduled for the "
        + "spring in Washington, according to a statement released by the foreign ministry late on Tuesday."
    let text = fillerSentences(3, seed: 12) + " " + long + " " + fillerSentences(3, seed: 13)
    let s = SnippetBuilder.passages(text: text, matches: findMatches(text, ["consular", "embassy"]))[0]
    #expect(s.text.hasPrefix("…"))
    #expect(s.text.hasSuffix("…"))
    #expect(Set(highlighted(s)) == ["consular", "embassy"])
    // The matches are centred: context on both sides.
    let c = core(s)
    let hl = s.highlights
    let before = String(decoding: Array(s.text.utf8)[3..<hl[0].lowerBound], as: UTF8.self).count
    let after = String(decoding: Array(s.text.utf8)[hl[1].upperBound...], as: UTF8.self).count - 1
    #expect(abs(before - after) < 20, "\(before) vs \(after): \(c)")

    // Custom ellipsis; and no leading ellipsis at the start of the text.
    let t2 = long + " " + fillerSentences(3, seed: 14)
    let s2 = SnippetBuilder.passages(text: t2, matches: findMatches(t2, ["trafficking"]),
                                     options: SnippetOptions(ellipsis: " [...]"))[0]
    #expect(s2.text.hasPrefix("The talks between"))
    #expect(s2.text.hasSuffix(" [...]"))
    #expect(highlighted(s2) == ["trafficking"])

    // A passage that ends with the text gets no trailing ellipsis.
    let t3 = fillerSentences(3, seed: 15) + " The last word is Havana"
    let s3 = SnippetBuilder.passages(text: t3, matches: findMatches(t3, ["Havana"]))[0]
    #expect(s3.text.hasSuffix("Havana"))
    #expect(highlighted(s3) == ["Havana"])
}

@Test func highlightOffsetsWithMultibyteCharacters() {
    let text = "Havana, November 15, 2022. The Vice Minister, Carlos Fernández de Cossío, said “Díaz-Canel "
        + "approved” the talks — naïve or not — in Zürich. 🇨🇺 Cossío returns."
    let matches = findMatches(text, ["Cossío", "Díaz", "Zürich", "talks"])
    let s = SnippetBuilder.passages(text: text, matches: matches)[0]
    #expect(s.text == normalize(text))  // short text: all of it, no ellipsis
    #expect(highlighted(s) == ["Cossío", "Díaz", "talks", "Zürich", "Cossío"])
    #expect(checkInvariants(s))
}

@Test func collapsingWhitespaceKeepsOffsetsRight() {
    let text = "  The\tminister\n\n   said  that\u{00A0}\u{00A0}Cossío   met\r\nDíaz-Canel\u{2003}in\u{000C} Havana.  \n"
    let s = SnippetBuilder.passages(text: text, matches: findMatches(text, ["minister", "Cossío", "Díaz", "Havana"]))[0]
    #expect(s.text == "The minister said that Cossío met Díaz-Canel in Havana.")
    #expect(highlighted(s) == ["minister", "Cossío", "Díaz", "Havana"])
    // Control characters (e.g. ESC) never reach the terminal.
    let t2 = "Alert\u{1B}[31m red\u{07} Cuba"
    let s2 = SnippetBuilder.passages(text: t2, matches: findMatches(t2, ["Cuba"]))[0]
    #expect(!s2.text.unicodeScalars.contains { $0.value < 0x20 })
    #expect(highlighted(s2) == ["Cuba"])
}

@Test func multiplePassagesInDocumentOrderWithoutOverlap() {
    let text = fillerSentences(4, seed: 20) + " Remittances to Cuba were capped. " + fillerSentences(6, seed: 21)
        + " The embargo on Cuba stays. " + fillerSentences(6, seed: 22) + " Havana hosted the migration talks. "
        + fillerSentences(4, seed: 23)
    let matches = findMatches(text, ["Remittances", "embargo", "migration", "Cuba"])
    let snippets = SnippetBuilder.passages(text: text, matches: matches, options: SnippetOptions(passages: 3))
    #expect(snippets.count == 3)
    let normalized = normalize(text)
    var lastEnd = normalized.startIndex
    for s in snippets {
        guard let r = normalized.firstRange(of: core(s)) else { Issue.record("passage not in text"); continue }
        #expect(r.lowerBound >= lastEnd)  // document order, disjoint
        lastEnd = r.upperBound
        #expect(checkInvariants(s))
    }
    #expect(highlighted(snippets[0]).contains("Remittances"))
    #expect(highlighted(snippets[1]).contains("embargo"))
    #expect(highlighted(snippets[2]).contains("migration"))

    // Asking for more passages than there are matching regions: only passages with matches.
    let t2 = fillerSentences(5, seed: 24) + " Only one Cuba mention. " + fillerSentences(5, seed: 25)
    let few = SnippetBuilder.passages(text: t2, matches: findMatches(t2, ["Cuba"]), options: SnippetOptions(passages: 5))
    #expect(few.count == 1)
    #expect(highlighted(few[0]) == ["Cuba"])
    // passages: 0 → nothing.
    #expect(SnippetBuilder.passages(text: t2, matches: [], options: SnippetOptions(passages: 0)).isEmpty)
}

@Test func noMatchesGivesLeadPassage() {
    let text = "\n\n  " + fillerSentences(20, seed: 30)
    let snippets = SnippetBuilder.passages(text: text, matches: [])
    #expect(snippets.count == 1)
    let s = snippets[0]
    #expect(s.highlights.isEmpty)
    #expect(normalize(text).hasPrefix(core(s)))
    #expect(!s.text.hasPrefix("…"))
    #expect((160...250).contains(s.text.count))
    // Matches that are all invalid behave the same.
    let invalid = [TermMatch(start: -5, end: -1, term: 0), TermMatch(start: 10, end: 10, term: 0),
                   TermMatch(start: 1_000_000, end: 1_000_010, term: 1), TermMatch(start: 9, end: 3, term: 0)]
    #expect(SnippetBuilder.passages(text: text, matches: invalid) == snippets)
}

@Test func passageLengthStaysWithinBounds() {
    let text = fillerSentences(60, seed: 40)
    let bytes = Array(text.utf8)
    // Put a match on a word at various places, including the very start and the very end.
    var wordStarts: [Int] = []
    for i in bytes.indices where bytes[i] != 0x20 && (i == 0 || bytes[i - 1] == 0x20) { wordStarts.append(i) }
    for k in [0, 1, 5, wordStarts.count / 3, wordStarts.count / 2, wordStarts.count - 3, wordStarts.count - 1] {
        let start = wordStarts[k]
        var end = start
        while end < bytes.count && bytes[end] != 0x20 { end += 1 }
        let s = SnippetBuilder.passages(text: text, matches: [TermMatch(start: start, end: end, term: 0)])[0]
        #expect((160...250).contains(s.text.count), "word \(k): \(s.text.count) chars")
        #expect(s.highlights.count == 1)
        #expect(slice(s, s.highlights[0]) == String(decoding: bytes[start..<end], as: UTF8.self))
    }
}

@Test func passageCutShortByTheEndIsExtendedBackwards() {
    let longSentence = "Officials in several provinces said on Monday that the ministry would review the plans "
        + "for regional development and infrastructure after weeks of heated debate in parliament and in local "
        + "council meetings across the country and in the capital, where the opposition had called for delays."
    let text = fillerSentences(5, seed: 80) + " " + longSentence + " Talks with Cuba resume."
    let s = SnippetBuilder.passages(text: text, matches: findMatches(text, ["Cuba"]))[0]
    #expect(s.text.hasSuffix("Talks with Cuba resume."))
    #expect(s.text.hasPrefix("…"))  // the long sentence does not fit whole
    #expect((200...222).contains(s.text.count))
    #expect(highlighted(s) == ["Cuba"])
    // If extending to a sentence start gives a long enough passage, it starts there instead.
    let t2 = fillerSentences(5, seed: 81) + " The opposition called for delays. Talks with Cuba resume."
    let s2 = SnippetBuilder.passages(text: t2, matches: findMatches(t2, ["Cuba"]))[0]
    #expect(!s2.text.hasPrefix("…"))
    #expect(s2.text.count >= 165)
}

@Test func shortTextIsReturnedWhole() {
    let text = "Cuba  and\nthe U.S."
    let s = SnippetBuilder.passages(text: text, matches: findMatches(text, ["Cuba"]))
    #expect(s == [Snippet(text: "Cuba and the U.S.", highlights: [0..<4])])
    #expect(SnippetBuilder.passages(text: "", matches: [TermMatch(start: 0, end: 3, term: 0)]).isEmpty)
    #expect(SnippetBuilder.passages(text: " \n\t ", matches: []).isEmpty)
}

@Test func deterministicAndIndependentOfMatchOrder() {
    let text = fillerSentences(30, seed: 50) + " Cuba and Trump. " + fillerSentences(30, seed: 51)
        + " Trump, Cuba, migration. " + fillerSentences(10, seed: 52)
    let matches = findMatches(text, ["Cuba", "Trump", "migration", "budget"])
    let a = SnippetBuilder.passages(text: text, matches: matches, options: SnippetOptions(passages: 2))
    let b = SnippetBuilder.passages(text: text, matches: matches.reversed(), options: SnippetOptions(passages: 2))
    var rng = SplitMix64(seed: 53)
    let c = SnippetBuilder.passages(text: text, matches: matches.shuffled(using: &rng) + matches,
                                    options: SnippetOptions(passages: 2))
    #expect(a == b)
    #expect(a == c)  // duplicates are counted once
    #expect(SnippetBuilder.passages(utf8: Array(text.utf8), matches: matches, options: SnippetOptions(passages: 2)) == a)
}

@Test func phraseMatchesAreMergedIntoOneHighlight() {
    let text = "Officials said Raúl Castro met Raúl, then Castro; later “Raúl — Castro” spoke."
    let ids: [Int: Int] = [0: 7, 1: 7]
    let merged = SnippetBuilder.passages(text: text, matches: findMatches(text, ["Raúl", "Castro"], phrase: ids))[0]
    // Gap of whitespace/punctuation only → merged; "met" between → not merged.
    let expected = ["Raúl Castro", "Raúl", "Castro", "Raúl — Castro"]
    #expect(highlighted(merged) == expected)
    let plain = SnippetBuilder.passages(text: text, matches: findMatches(text, ["Raúl", "Castro"]))[0]
    #expect(highlighted(plain) == ["Raúl", "Castro", "Raúl", "Castro", "Raúl", "Castro"])
}

@Test func overlappingAndMisalignedMatchesAreRepaired() {
    let text = "El canciller Cossío habló con Díaz-Canel."
    let cossio = byteOffset(text, text.firstRange(of: "Cossío")!.lowerBound)
    let i = byteOffset(text, text.firstRange(of: "í")!.lowerBound)  // first "í" (in Cossío)
    let matches = [
        TermMatch(start: cossio, end: i + 1, term: 0),        // ends inside "í": snaps to its end
        TermMatch(start: cossio + 2, end: cossio + 7, term: 1),  // overlaps the first: merged
        TermMatch(start: 13, end: 13, term: 2),               // empty
        TermMatch(start: 12, end: 13, term: 2),               // just a space: ignored
        TermMatch(start: 500, end: 600, term: 3),             // out of range
    ]
    let s = SnippetBuilder.passages(text: text, matches: matches)[0]
    #expect(highlighted(s) == ["Cossío"])
    #expect(checkInvariants(s))
}

@Test func hugeWordAndTextsWithoutSpaces() {
    let giant = String(repeating: "abcdefghij", count: 500) + "needle" + String(repeating: "klmnopqrst", count: 500)
    let text = "Start. " + giant + " end."
    let r = text.firstRange(of: "needle")!
    let m = [TermMatch(start: byteOffset(text, r.lowerBound), end: byteOffset(text, r.upperBound), term: 0)]
    let s = SnippetBuilder.passages(text: text, matches: m)[0]
    #expect(highlighted(s) == ["needle"])
    #expect(core(s).count <= 2 * 220)
    #expect(s.text.hasPrefix("…") && s.text.hasSuffix("…"))

    // Chinese: no spaces, each ideograph is a cut point.
    let zh = String(repeating: "古巴和美国在哈瓦那举行移民会谈。", count: 40) + "外交部长表示谈判将继续。"
        + String(repeating: "双方审查了移民协议的执行情况。", count: 40)
    let zr = zh.firstRange(of: "外交部长")!
    let zm = [TermMatch(start: byteOffset(zh, zr.lowerBound), end: byteOffset(zh, zr.upperBound), term: 0)]
    let zs = SnippetBuilder.passages(text: zh, matches: zm)[0]
    #expect(highlighted(zs) == ["外交部长"])
    #expect(core(zs).count <= 220)
    #expect(zh.contains(core(zs)))
}

// MARK: - Rendering and offsets

@Test func rendererStyles() {
    let s = Snippet(text: "…met Díaz-Canel in Havana…", highlights: [7..<12, 22..<28])
    #expect(highlighted(s) == ["Díaz", "Havana"])
    #expect(SnippetRenderer.render(s, style: .none) == "…met Díaz-Canel in Havana…")
    #expect(SnippetRenderer.render(s, style: .brackets) == "…met [Díaz]-Canel in [Havana]…")
    #expect(SnippetRenderer.render(s, style: .markers(open: "**", close: "**")) == "…met **Díaz**-Canel in **Havana**…")
    #expect(SnippetRenderer.render(s, style: .ansi)
        == "…met \u{1B}[1;33mDíaz\u{1B}[0m-Canel in \u{1B}[1;33mHavana\u{1B}[0m…")
    // Bad highlights from a hand-made snippet: clamped, snapped, overlap dropped.
    let bad = Snippet(text: "Díaz", highlights: [2..<3, 1..<2, -4..<1, 3..<99])
    #expect(SnippetRenderer.render(bad, style: .brackets) == "[D][í][az]")
}

@Test func scalarOffsetsForJSON() {
    let s = Snippet(text: "🇨🇺 “Cossío” met Díaz", highlights: [])
    let text = s.text
    var withHl = s
    for w in ["Cossío", "Díaz"] {
        let r = text.firstRange(of: w)!
        withHl.highlights.append(byteOffset(text, r.lowerBound)..<byteOffset(text, r.upperBound))
    }
    let offsets = withHl.highlightScalarOffsets()
    #expect(offsets == [[4, 10], [16, 20]])
    let scalars = Array(text.unicodeScalars)
    for (o, w) in zip(offsets, ["Cossío", "Díaz"]) {
        var v = String.UnicodeScalarView()
        v.append(contentsOf: scalars[o[0]..<o[1]])
        #expect(String(v) == w)
    }
    #expect(s.highlightScalarOffsets().isEmpty)
}

// MARK: - Robustness

@Test func randomizedInvariants() {
    var rng = SplitMix64(seed: 0x5EED)
    let pieces = ["Cuba", "Havana", "a", "Díaz-Canel", "Cossío", "“quote”", "año", "e\u{301}", "🇨🇺", "👩‍👩‍👧",
                  "会谈", "外", "。", ".", "!", "?", ",", "U.S.", "x", "naïve", "Zürich", "—", "(paren)",
                  String(repeating: "long", count: 30)]
    let spaces = [" ", " ", " ", "  ", "\n", "\n\n", "\t", "\u{00A0}", "", ""]
    for iteration in 0..<3000 {
        var text = ""
        var words: [(Int, Int)] = []  // byte ranges of whole space-delimited pieces
        let count = Int.random(in: 0...120, using: &rng)
        for _ in 0..<count {
            let sep = spaces.randomElement(using: &rng)!
            text += text.isEmpty ? "" : (sep.isEmpty ? " " : sep)
            let start = text.utf8.count
            text += pieces.randomElement(using: &rng)!
            words.append((start, text.utf8.count))
        }
        let n = text.utf8.count
        // Clean matches: whole words, never touching, with their original text.
        var clean: [TermMatch] = []
        var expected: [String: Bool] = [:]
        let bytes = Array(text.utf8)
        for w in words where Int.random(in: 0..<4, using: &rng) == 0 {
            clean.append(TermMatch(start: w.0, end: w.1, term: Int.random(in: 0..<4, using: &rng)))
            expected[String(decoding: bytes[w.0..<w.1], as: UTF8.self)] = true
        }
        let options = SnippetOptions(targetLength: [1, 5, 30, 80, 220, 400].randomElement(using: &rng)!,
                                     passages: Int.random(in: 0...4, using: &rng),
                                     ellipsis: ["…", "...", "", " [...] "].randomElement(using: &rng)!)
        let weights: [Double]? = Bool.random(using: &rng) ? nil : [1, 0, 2.5, -1]
        let normalized = normalize(text)
        let snippets = SnippetBuilder.passages(text: text, matches: clean, termWeights: weights, options: options)
        #expect(snippets.count <= max(0, options.passages))
        if options.passages > 0 && !normalized.isEmpty { #expect(!snippets.isEmpty) }
        for s in snippets {
            #expect(checkInvariants(s) || options.ellipsis.hasPrefix(" "), "iteration \(iteration)")
            for h in highlighted(s) { #expect(expected[h] == true, "iteration \(iteration): \(h)") }
            if options.ellipsis.isEmpty { #expect(containsBytes(normalized, s.text)) }
        }
        #expect(SnippetBuilder.passages(text: text, matches: clean, termWeights: weights, options: options) == snippets)
        // The lead passage (no matches: only a prefix of the text is examined) is the same as
        // when all matches are invalid (the whole text is examined).
        #expect(SnippetBuilder.passages(text: text, matches: [], options: options)
            == SnippetBuilder.passages(text: text, matches: [TermMatch(start: -9, end: -1, term: 0)], options: options),
            "iteration \(iteration)")

        // Garbage matches: any offsets, overlapping, reversed, mid-sequence, phrases.
        var garbage: [TermMatch] = []
        for _ in 0..<Int.random(in: 0...30, using: &rng) {
            let a = Int.random(in: -5...(n + 5), using: &rng)
            let b = Bool.random(using: &rng) ? a + Int.random(in: -3...40, using: &rng) : Int.random(in: -5...(n + 5), using: &rng)
            garbage.append(TermMatch(start: a, end: b, term: Int.random(in: -2...5, using: &rng),
                                     phrase: Bool.random(using: &rng) ? 1 : nil))
        }
        let g = SnippetBuilder.passages(text: text, matches: garbage, termWeights: weights,
                                        options: SnippetOptions(targetLength: options.targetLength, passages: 3))
        for s in g {
            #expect(checkInvariants(s), "garbage iteration \(iteration)")
            // Byte-wise: garbage offsets may split a grapheme cluster (never a scalar).
            for h in highlighted(s) { #expect(containsBytes(normalized, h), "garbage iteration \(iteration)") }
            _ = SnippetRenderer.render(s, style: .ansi)
            #expect(s.highlightScalarOffsets().count == s.highlights.count)
        }
    }
}

@Test func extremeOptionsDoNotTrap() {
    let text = "Cuba and the U.S. " + String(repeating: "x", count: 300) + " end."
    let m = findMatches(text, ["Cuba"])
    for target in [Int.min, -1, 0, 1, Int.max] {
        for passages in [Int.min, 0, 1, Int.max] {
            let s = SnippetBuilder.passages(text: text, matches: m, termWeights: [.infinity],
                                            options: SnippetOptions(targetLength: target, passages: passages))
            #expect(passages < 1 ? s.isEmpty : !s.isEmpty)
            for p in s { #expect(checkInvariants(p)) }
        }
    }
    let whole = SnippetBuilder.passages(text: text, matches: m, options: SnippetOptions(targetLength: Int.max))
    #expect(whole.map(\.text) == [text])
}

@Test func invalidUTF8BytesAreTolerated() {
    var rng = SplitMix64(seed: 99)
    for _ in 0..<2000 {
        let n = Int.random(in: 0...300, using: &rng)
        var bytes: [UInt8] = (0..<n).map { _ in
            switch Int.random(in: 0..<4, using: &rng) {
            case 0: return 0x20
            case 1: return UInt8.random(in: 0x61...0x7A, using: &rng)
            default: return UInt8.random(in: 0...255, using: &rng)
            }
        }
        if Bool.random(using: &rng) { bytes += Array("Cuba".utf8) }
        let matches = (0..<Int.random(in: 0...10, using: &rng)).map { _ in
            let a = Int.random(in: 0...max(0, n), using: &rng)
            return TermMatch(start: a, end: a + Int.random(in: 1...8, using: &rng), term: Int.random(in: 0...2, using: &rng))
        }
        let snippets = SnippetBuilder.passages(utf8: bytes, matches: matches, options: SnippetOptions(targetLength: 50, passages: 2))
        for s in snippets {
            #expect(checkInvariants(s))
            #expect(s.text.utf8.count == Array(s.text.utf8).count)
        }
    }
}

@Test func largeTextManyMatches() {
    // ~100 KB with thousands of matches: must stay linear (this would take minutes if quadratic).
    var text = ""
    var k = 0
    while text.utf8.count < 100_000 {
        text += fillerSentences(10, seed: UInt64(k)) + (k % 7 == 0 ? " Cuba and Trump. " : " ")
        k += 1
    }
    let matches = findMatches(text, ["Cuba", "Trump", "budget", "parliament"])
    #expect(matches.count > 500)
    for passages in [1, 3] {
        let s = SnippetBuilder.passages(text: text, matches: matches, options: SnippetOptions(passages: passages))
        #expect(s.count == passages)
        for p in s {
            #expect(Set(highlighted(p)).isSuperset(of: ["Cuba", "Trump"]))
            #expect((160...250).contains(p.text.count))
        }
    }
}
