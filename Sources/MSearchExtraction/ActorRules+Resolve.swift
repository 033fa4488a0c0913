import MSearchSources

/// From mentions to actors: short forms linked to full names, mentions grouped by canonical
/// name, weak ones dropped, a kind voted, ordered by how often they are named.
extension ActorRules {
    /// Links short forms to full names, applies the gazetteer, groups mentions by canonical
    /// name, drops what is too weak, and orders by mentions.
    func resolve(_ input: [Mention]) -> [Actor] {
        var ms = input
        // canonical words of each mention: the gazetteer's name when known
        var canonicalCache: [String: [String]] = [:]
        // and the folded canonical name, computed once per name
        var canonicalKeys: [String: String] = [:]
        let cw: [[String]] = ms.map { m in
            guard let c = m.canonical else { return m.words }
            if let w = canonicalCache[c] { return w }
            let k = Fold.key(c)
            canonicalKeys[c] = k
            // ASCII keys split on bytes; others by Character, as a space may carry a combining mark
            let w = k.utf8.allSatisfy({ $0 < 0x80 }) ? k.utf8.split(separator: 0x20).map { String(decoding: $0, as: UTF8.self) }
                : k.split(separator: " ").map(String.init)
            canonicalCache[c] = w
            return w
        }
        func canonicalWords(_ i: Int) -> [String] { cw[i] }
        // Person full names in the document (two words or more), for linking short forms.
        var fullNames: [(words: [String], index: Int)] = []
        var seenFull = Set<[String]>()
        // (loops below go by index: `for m in ms` would copy every mention)
        for i in ms.indices where ms[i].kind == .person {
            let w = canonicalWords(i)
            if w.count >= 2, seenFull.insert(w).inserted { fullNames.append((w, i)) }
        }
        func fits(_ short: [String], _ full: [String]) -> Bool {
            guard short.count < full.count || (short.count == full.count && short != full), let last = short.last, last == full.last else { return false }
            var j = 0
            for w in short {
                var found = false
                // one letter (an initial)? keys are [a-z0-9 ] when ASCII, so bytes are characters
                let initial = w.utf8.allSatisfy({ $0 < 0x80 }) ? w.utf8.count == 1 : w.count == 1
                while j < full.count {
                    let f = full[j]; j += 1
                    if f == w || (initial && f.hasPrefix(w)) { found = true; break }
                }
                if !found { return false }
            }
            return true
        }
        // a lone word the gazetteer calls a place that ends a person's full name in this document is
        // that person's surname ("Charles Kennedy" … "Kennedy", "Austin", "Lincoln")
        if !fullNames.isEmpty {
            for i in ms.indices where ms[i].kind == .place && ms[i].canonical != nil && ms[i].words.count == 1 {
                let w = ms[i].words
                let targets = fullNames.filter { fits(w, $0.words) }
                if targets.count == 1 {
                    ms[i].canonical = nil
                    ms[i].kind = .person
                }
            }
        }
        // union-find over mention indices
        var parent = Array(0..<ms.count)
        func find(_ x: Int) -> Int { var x = x; while parent[x] != x { parent[x] = parent[parent[x]]; x = parent[x] }; return x }
        func union(_ a: Int, _ b: Int) { let ra = find(a), rb = find(b); if ra != rb { parent[ra] = rb } }

        // same canonical key → same actor
        // (sized up front: growing a String-keyed dictionary rehashes every key)
        var byCanonical = [String: Int](minimumCapacity: ms.count), byWords = [String: Int](minimumCapacity: ms.count)
        for i in ms.indices {
            if let c = ms[i].canonical {
                let k = canonicalKeys[c]!
                if let j = byCanonical[k] { union(i, j) } else { byCanonical[k] = i }
            } else {
                let k = ms[i].words.joined(separator: " ")
                if let j = byWords[k] { union(i, j) } else { byWords[k] = i }
            }
        }
        // a plural beside its singular is one actor ("Lib Dems", "Lib Dem"), for names of several
        // words or organisations (a lone "Williams" is not "William")
        for i in ms.indices where ms[i].canonical == nil && (ms[i].words.count >= 2 || ms[i].kind == .organisation) {
            guard let last = ms[i].words.last, last.utf8.count > 3, last.hasSuffix("s"), !last.hasSuffix("ss") else { continue }
            var singular = ms[i].words
            singular[singular.count - 1] = String(last.dropLast())
            if let j = byWords[singular.joined(separator: " ")], ms[j].words.count >= 2 || ms[j].kind == .organisation { union(j, i) }
        }
        // short person names → the one full name they fit
        var linkMemo: [[String]: Int?] = [:]
        for i in ms.indices where ms[i].canonical == nil && (ms[i].kind == .person) {
            let w = ms[i].words
            if let memo = linkMemo[w] {
                if let t = memo { union(i, t); if ms[i].strength < .cue { ms[i].strength = .cue } }
                continue
            }
            linkMemo[w] = .some(nil)
            // fullNames are distinct already
            let targets = fullNames.filter { fits(w, $0.words) }
            // a longer full name containing a shorter one counts once ("Carlos Fernández de Cossío" ⊃ "Fernández de Cossío")
            let distinct = targets.filter { a in !targets.contains { b in b.words != a.words && fits(a.words, b.words) } }
            if distinct.count == 1, let t = distinct.first {
                linkMemo[w] = .some(t.index)
                union(i, t.index)
                if ms[i].strength < .cue { ms[i].strength = .cue }
            }
        }
        // an undefined acronym and an organisation of the document with those initials
        // ("CMB" … "Coffee Marketing Board")
        var orgByInitials: [String: Int] = [:]
        for i in ms.indices where ms[i].kind == .organisation && ms[i].words.count >= 2 && ms[i].canonical == nil {
            let initials = ActorRules.initials(of: ms[i].surface)
            if initials.count >= 2 { orgByInitials[initials] = orgByInitials[initials] ?? i }
        }
        if !orgByInitials.isEmpty {
            for i in ms.indices where ms[i].canonical == nil && ms[i].words.count == 1 && scanner.tokens[ms[i].first].allCaps {
                if let t = orgByInitials[ms[i].words[0]] { union(i, t) }
            }
        }
        // a lone unknown word that is the one distinctive word of an organisation of the document
        // (its name without head words) is that organisation: "Fiscalía Anticorrupción" …
        // "Anticorrupción", "Instituto Nóos" … "caso Nóos", "Barclays Bank" … "Barclays"
        var orgByDistinctiveWord: [String: Int?] = [:]
        for i in ms.indices where ms[i].kind == .organisation && ms[i].words.count >= 2 {
            let distinctive = ms[i].words.filter { !Words.orgHeads.contains($0) && !Words.orgFirstHeads.contains($0) && !Words.particles.contains($0) }
            guard distinctive.count == 1, let word = distinctive.first else { continue }
            if let seen = orgByDistinctiveWord[word], let other = seen, find(other) != find(i) {
                orgByDistinctiveWord[word] = .some(nil)   // two organisations share it: no link
            } else if orgByDistinctiveWord[word] == nil {
                orgByDistinctiveWord[word] = .some(i)
            }
        }
        if !orgByDistinctiveWord.isEmpty {
            for i in ms.indices where ms[i].canonical == nil && ms[i].words.count == 1 && ms[i].kind != .organisation {
                guard let found = orgByDistinctiveWord[ms[i].words[0]], let t = found else { continue }
                // not a person the document names in full ("Smith" of "John Smith" and "Smith Barney")
                if fullNames.contains(where: { fits(ms[i].words, $0.words) }) { continue }
                // every mention of the word, also those already grouped together ("Cairn said")
                ms[i].kind = .organisation
                if find(i) != find(t) { union(i, t) }
            }
        }
        // group
        var groups = Array(repeating: [Int](), count: ms.count)   // by root
        var order: [Int] = []
        for i in 0..<ms.count {
            let r = find(i)
            if groups[r].isEmpty { order.append(r) }
            groups[r].append(i)
        }
        var result: [(actor: Actor, count: Int, first: Int)] = []
        var emitted = [String: Int](minimumCapacity: order.count)
        for r in order {
            // the members, by index into ms
            let idx = groups[r]
            var strongest = ms[idx[0]].strength, firstToken = ms[idx[0]].first
            for j in idx { strongest = max(strongest, ms[j].strength); firstToken = min(firstToken, ms[j].first) }
            // the representative: a gazetteer name, else the longest full form
            let rep: Mention
            if let g = idx.first(where: { ms[$0].canonical != nil }) { rep = ms[g] } else {
                rep = ms[idx.max { a, b in
                    ms[a].words.count != ms[b].words.count ? ms[a].words.count < ms[b].words.count : ms[a].first > ms[b].first
                }!]
            }
            if rep.canonical == nil, rep.words.count == 1 {
                let classes = wordClasses.classes(of: rep.words[0])
                // too weak: a lone capitalised word seen once, with no cue and no link
                if classes.contains(.common) && strongest < .strong { continue }
                // "El", "Las", "Der": a function word of another language is never an actor alone
                if classes.contains(.functionWord) { continue }
                // a lone unknown word named once, with no cue and no fuller name to link to, is
                // as often a product, a work or a company as a person: kept only if it recurs,
                // or if it is the title's (a headline's subject: "Sumita welcomes accord")
                // In German every noun is capitalised, also in the title and however often it
                // recurs ("Frage", "Zeit"): there a lone word needs a cue or a link
                if rep.kind == .person, strongest < .cue, nounsCapitalised || (idx.count == 1 && scanner.tokens[rep.first].line != 0) { continue }
            }
            var kind = rep.kind
            if rep.canonical == nil {
                // majority of the cued kinds (a guessed kind is no cue)
                var votes: [ActorKind: Int] = [:]
                for j in idx where ms[j].strength >= .cue && !ms[j].guessed { votes[ms[j].kind, default: 0] += 1 }
                if let best = votes.max(by: { $0.value < $1.value || ($0.value == $1.value && $0.key == .person) }), best.value > (votes[kind] ?? 0) { kind = best.key }
            }
            // "the Bloglines website": words around a mention said it is no person, and no
            // mention of it has a person's cue; what it is instead the rules cannot tell
            if rep.canonical == nil, kind == .person, idx.contains(where: { ms[$0].notPerson }),
               !idx.contains(where: { !ms[$0].notPerson && ms[$0].kind == .person && ms[$0].strength >= .cue }) { continue }
            // "British", "Englishman": a nationality word alone is nobody's name
            if rep.canonical == nil, kind == .person, isOnlyNationality(rep.words) { continue }
            let name = rep.canonical ?? cleanSurface(rep.surface)
            guard !name.isEmpty else { continue }
            let k = rep.canonical.map { canonicalKeys[$0]! } ?? Fold.key(name)
            if let existing = emitted[k] {
                result[existing].count += idx.count
                continue
            }
            emitted[k] = result.count
            result.append((Actor(name: name, kind: kind), idx.count, firstToken))
        }
        result.sort { $0.count != $1.count ? $0.count > $1.count : $0.first < $1.first }
        return result.map(\.actor)
    }

    /// The name as written, with line breaks and runs of spaces made single spaces.
    private func cleanSurface(_ surface: String) -> String {
        var ascii = true
        for c in surface.utf8 where c >= 0x80 { ascii = false; break }
        if ascii {
            // the same on bytes: ASCII whitespace is tab, LF, VT, FF, CR and space
            return String(unsafeUninitializedCapacity: surface.utf8.count) { out in
                var n = 0
                var space = false
                for c in surface.utf8 {
                    if c == 0x20 || (c >= 0x09 && c <= 0x0D) { space = true; continue }
                    if space && n > 0 { out[n] = 0x20; n += 1 }
                    space = false
                    out[n] = c; n += 1
                }
                return n
            }
        }
        var out = ""
        var space = false
        for c in surface {
            if c.isWhitespace { space = true; continue }
            if space && !out.isEmpty { out.append(" ") }
            space = false
            out.append(c)
        }
        return out
    }
}
