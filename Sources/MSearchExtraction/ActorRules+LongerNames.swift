/// Words that belong to a longer name and are no actor apart: a compass word opening a name
/// ("South Africa", "West Ham", "North Korea"), which the stop list would otherwise cut off, and
/// the acronym of a club or company written beside its town ("AC Milan", "FC Cologne", "Graz AK").
extension ActorRules {
    /// A capitalised compass word right before another capitalised word of the same line opens
    /// that name: "South Africa", "West Ham". Not before a nationality ("South Korean officials",
    /// "West German banks"), a stop word or a title, where it stays an adjective.
    func isCompassLead(_ i: Int) -> Bool {
        let toks = scanner.tokens
        guard i + 1 < toks.count, toks[i].kind == .word, toks[i].cap, !toks[i].allCaps,
              Words.compassWords.contains(lower(i)) else { return false }
        let n = toks[i + 1]
        guard n.kind == .word, n.cap || n.allCaps, n.line == toks[i].line, n.spaceBefore else { return false }
        return !isDemonym(i + 1) && wordClass(i + 1).isDisjoint(with: [.stop, .title, .portfolio])
    }

    /// "AC Milan", "FC Cologne", "Graz AK": two words, a short acronym the gazetteer does not know
    /// and a known place, are the name of a club or a company of that town, an organisation; the
    /// place alone is not what the text names. Not when the text also writes the acronym without
    /// that place ("BBC Scotland" … "the BBC", "Edinburgh MSP" … "MSPs"): then the acronym is an
    /// actor of its own. Nil when the run is not of that shape.
    func acronymBesidePlace(_ a: Int, _ b: Int) -> Mention? {
        guard b - a == 2 else { return nil }
        for (acronym, place) in [(a, a + 1), (a + 1, a)] {
            let t = scanner.tokens[acronym]
            guard t.allCaps, !t.dotted, t.end - t.start >= 2, t.end - t.start <= 4,
                  !has(acronym, .nonAcronym), gazetteerEntry(acronym, acronym + 1) == nil,
                  let p = gazetteerEntry(place, place + 1), p.kind == .place,
                  acronymOnlyBeside(acronym, place) else { continue }
            return mention(a, b, kind: .organisation, strength: .cue)
        }
        return nil
    }

    /// Every word of the text that starts like the acronym at `acronym` (so also its plural) has
    /// the same word as `place` at the same side.
    private func acronymOnlyBeside(_ acronym: Int, _ place: Int) -> Bool {
        let toks = scanner.tokens
        let bytes = scanner.bytes
        let t = toks[acronym]
        let len = t.end - t.start
        let side = place - acronym
        let placeKey = key(place)
        for x in toks.indices where x != acronym && toks[x].kind == .word && toks[x].end - toks[x].start >= len {
            var same = true
            for j in 0..<len where bytes[toks[x].start + j] != bytes[t.start + j] { same = false; break }
            guard same else { continue }
            let y = x + side
            if y < 0 || y >= toks.count || toks[y].kind != .word || key(y) != placeKey { return false }
        }
        return true
    }
}
