/// People, organisations and places named in one document, by rules over capitalised runs
/// (see `Extractor`): runs, cues, Mikheev's sentence-start check, gazetteer matches,
/// title stripping, acronym definitions and linking of short forms to full names.
struct ActorRules {
    let s: TextScanner
    let gazetteer: Gazetteer
    let spans: GazetteerSpans
    /// Word lists and the common-word lexicon: `.common` words are not names; `.looseCommon`
    /// adds those that are names too ("price").
    let wordClasses: WordClassTable
    let caseless: Bool

    enum LineMode { case normal, capitals, headline }

    /// How sure a mention is an actor.
    enum Strength: Int, Comparable {
        case weak = 0, cue = 1, strong = 2
        static func < (a: Strength, b: Strength) -> Bool { a.rawValue < b.rawValue }
    }

    struct Mention {
        var first: Int          // token range in the text
        var end: Int
        var words: [String]     // folded words of the name as written (titles stripped)
        var surface: String     // the name as written
        var kind: ActorKind
        var strength: Strength
        /// Set when the gazetteer knows the name.
        var canonical: String?
        /// Cluster id after linking.
        var cluster = -1
        /// A lone word that is only kept if it links to a fuller name or recurs.
        var single: Bool { words.count == 1 }
    }

    // MARK: state built per document
    private var keys: [String?]
    /// The word classes of the tokens that have a key in `keys`.
    private var classes: [WordClass]
    /// The `GazetteerSpans` places of the tokens that have a key in `keys`.
    private var places: [Int32]
    private var modes: [LineMode]
    private var midCap: Set<String> = []

    init(s: TextScanner, gazetteer: Gazetteer, spans: GazetteerSpans, wordClasses: WordClassTable, caseless: Bool) {
        self.s = s
        self.gazetteer = gazetteer
        self.spans = spans
        self.wordClasses = wordClasses
        self.caseless = caseless
        self.keys = Array(repeating: nil, count: s.tokens.count)
        self.classes = Array(repeating: [], count: s.tokens.count)
        self.places = Array(repeating: GazetteerSpans.noWord, count: s.tokens.count)
        self.modes = Array(repeating: .normal, count: s.lines.count)
        prepare()
    }

    private mutating func prepare() {
        for (li, line) in s.lines.enumerated() {
            modes[li] = caseless ? .normal : lineMode(line)
        }
        var midCapCount = 0
        for i in 0..<s.tokens.count {
            let t = s.tokens[i]
            guard t.kind == .word, t.cap || t.allCaps || caseless else { continue }
            let k = foldToken(t)
            keys[i] = k
            (classes[i], places[i]) = wordClasses.lookup(k)
            if modes[t.line] == .normal, !t.ambiguous, t.cap { midCapCount += 1 }
        }
        // sized first: growing the set would rehash every word inserted so far
        midCap.reserveCapacity(midCapCount)
        for i in 0..<s.tokens.count where keys[i] != nil {
            let t = s.tokens[i]
            if modes[t.line] == .normal, !t.ambiguous, t.cap { midCap.insert(keys[i]!) }
        }
    }

    private func key(_ i: Int) -> String {
        if let k = keys[i] { return k }
        return foldToken(s.tokens[i])
    }

    /// The word classes of token `i`'s key: `has(i, .stop)` means `Words.stop.contains(key(i))`.
    private func cls(_ i: Int) -> WordClass {
        if keys[i] != nil { return classes[i] }
        return wordClasses.classes(of: foldToken(s.tokens[i]))
    }

    private func has(_ i: Int, _ c: WordClass) -> Bool { cls(i).contains(c) }

    /// Token `i`'s place in the gazetteer's spans (see `GazetteerSpans`).
    private func place(_ i: Int) -> Int32 {
        if keys[i] != nil { return places[i] }
        return wordClasses.lookup(foldToken(s.tokens[i])).gazetteerPlace
    }

    /// Fold.key of a token, without building the token's String when it is plain ASCII.
    private func foldToken(_ t: TextScanner.Token) -> String {
        for j in t.start..<t.end where s.bytes[j] >= 0x80 { return Fold.key(s.text(t)) }
        return Fold.asciiKey(s.bytes, t.start, t.end)
    }

    /// The text has `k` as a lower-case word somewhere (Mikheev: then a capitalised `k` at a
    /// sentence start is that common word). Compares bytes; no allocation.
    private func seenLowercase(_ k: String) -> Bool {
        let kb = Array(k.utf8)
        for t in s.tokens where t.kind == .word && !t.cap && !t.allCaps && t.end - t.start == kb.count {
            var same = true
            var x = 0
            for j in t.start..<t.end {
                var c = s.bytes[j]
                if c >= 0x41 && c <= 0x5A { c += 32 }
                if c != kb[x] { same = false; break }
                x += 1
            }
            if same { return true }
        }
        return false
    }

    /// Short words a title-cased headline leaves in lower case.
    static let headlineMinorWords: Set<String> = Words.set("and of the for in on to a an at by with from or as is")

    private func lineMode(_ line: TextScanner.Line) -> LineMode {
        var words = 0, capsWords = 0, lowerWords = 0, capitalised = 0, content = 0
        for i in line.firstToken..<line.endToken where s.tokens[i].kind == .word {
            words += 1
            if s.tokens[i].allCaps { capsWords += 1 } else if s.tokens[i].hasLower { lowerWords += 1 }
        }
        if capsWords >= 2 && capsWords > lowerWords * 2 { return .capitals }
        if words < 3 || words > 25 { return .normal }
        // a line ending with a period is no headline: decided before looking words up
        if line.endToken > line.firstToken, s.tokens[line.endToken - 1].kind == .punct,
           s.tokens[line.endToken - 1].punct == 0x2E { return .normal }
        // A headline has at least 80 % capitalised content words. Capitalised ones are counted
        // first; then each lower-case content word can only lower the share, so counting stops
        // as soon as it is too low (in prose, after a word or two).
        for i in line.firstToken..<line.endToken where s.tokens[i].kind == .word && (s.tokens[i].cap || s.tokens[i].allCaps) {
            if isContentWord(i) { content += 1; capitalised += 1 }
        }
        for i in line.firstToken..<line.endToken where s.tokens[i].kind == .word && !(s.tokens[i].cap || s.tokens[i].allCaps) {
            if isContentWord(i) {
                content += 1
                if capitalised * 10 < content * 8 { return .normal }
            }
        }
        if content >= 3 && capitalised * 10 >= content * 8 {
            return .headline
        }
        return .normal
    }

    /// A word that counts towards a headline's share of capitalised words: four letters or
    /// capitalised, and neither a lower-case stop word nor a minor word ("and", "of", "with").
    private func isContentWord(_ i: Int) -> Bool {
        let t = s.tokens[i]
        let len = t.end - t.start
        guard len >= 4 || t.cap else { return false }
        // look up only what can match: minor words have at most four letters (and a period), so
        // a longer capitalised word is content as it is
        let w = !t.cap || len <= 5 ? s.lowerASCII(i) : ""
        if !t.cap && Words.stop.contains(w) { return false }
        return !(!w.isEmpty && w.utf8.count <= 4 && ActorRules.headlineMinorWords.contains(w))
    }

    // MARK: candidates

    /// The token is a capitalised word that may start or continue a name.
    private func isNameWord(_ i: Int) -> Bool {
        let t = s.tokens[i]
        guard t.kind == .word, t.cap || t.allCaps || t.initial else { return false }
        // handles and URL pieces: @CarlosFdeCossio, /NIVLOtaIU2
        if i > 0, s.adjacent(i - 1), s.tokens[i - 1].kind == .punct, [0x40, 0x23, 0x2F, 0x5C, 0x5F, 0x3D].contains(s.tokens[i - 1].punct) { return false }
        if s.adjacent(i), s.isPunct(i + 1, 0x2F) || s.isPunct(i + 1, 0x40) { return false }
        // contractions ("I've", "We'll") and hyphenated words with a lower-case or non-name part
        // ("Financially-strapped", "October-September", "D-Tex")
        if !hyphenatedNameOK(t) { return false }
        // Reuters ticker codes: <SIEG.F>, <MATR.PA>
        if t.allCaps || t.dotted, inTicker(i) { return false }
        // "Abidjan-based", "state-owned"
        if t.hasLower, let dash = s.bytes[t.start..<t.end].lastIndex(of: 0x2D) {
            let tail = String(decoding: s.bytes[(dash + 1)..<t.end], as: UTF8.self)
            if ["based", "led", "owned", "born", "run", "controlled", "backed", "made", "bound", "related", "style", "era", "speaking", "funded"].contains(tail) { return false }
        }
        // words with digits ("H1B", "NIVLOtaIU2") unless the gazetteer knows them
        var hasDigit = false
        for j in t.start..<t.end where s.bytes[j] >= 0x30 && s.bytes[j] <= 0x39 { hasDigit = true; break }
        if hasDigit { return gazetteer.lookup(key: key(i), hasLower: t.hasLower) != nil }
        return true
    }

    private func hyphenatedNameOK(_ t: TextScanner.Token) -> Bool {
        let b = s.bytes
        var hasSep = false
        for j in t.start..<t.end where b[j] == 0x2D || b[j] == 0x27 || (b[j] == 0xE2 && j + 2 < t.end && b[j + 1] == 0x80 && b[j + 2] == 0x99) { hasSep = true; break }
        guard hasSep else { return true }
        let text = s.text(t)
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

    private func isLooseCommon(_ k: String) -> Bool { wordClasses.classes(of: k).contains(.looseCommon) }

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
        while j > 0, j > i - 5, !s.tokens[j].spaceBefore || j == i {
            if s.isPunct(j - 1, 0x3C), s.adjacent(j - 1) { break }
            if s.tokens[j].spaceBefore { return false }
            j -= 1
        }
        guard j > 0, s.isPunct(j - 1, 0x3C) else { return false }
        var k = i
        while k + 1 < s.tokens.count, k < i + 5, s.adjacent(k) {
            if s.isPunct(k + 1, 0x3E) { return true }
            k += 1
        }
        return false
    }

    /// A capitalised word at a sentence start, or any capitalised stop word, is not a name unless
    /// the text also capitalises it mid-sentence or the gazetteer knows it (Mikheev).
    private func eligibleStart(_ i: Int) -> Bool {
        let t = s.tokens[i]
        let k = key(i)
        let c = cls(i)
        if (t.allCaps || t.dotted), gazetteer.lookup(key: k, hasLower: false) != nil { return true }
        if c.contains(.stop) { return false }
        if t.initial { return true }
        if !t.ambiguous { return true }
        if midCap.contains(k) || c.contains(.gazetteerFirst) { return true }
        if c.contains(.title) { return true }
        if c.contains(.looseCommon) || inflectedCommon(k) || seenLowercase(k) { return false }
        return true
    }

    private func isParticle(_ i: Int) -> Bool {
        let t = s.tokens[i]
        guard t.kind == .word, !t.cap else {
            // "al-Assad" style: lower-case particle glued by a hyphen is one token already
            return false
        }
        return Words.particles.contains(s.lowerASCII(i))
    }

    /// Capitalised runs in normal lines: [first, end) token ranges.
    private func runs() -> [(Int, Int)] {
        var out: [(Int, Int)] = []
        let toks = s.tokens
        let n = toks.count
        var i = 0
        while i < n {
            let t = toks[i]
            guard t.kind == .word, modes[t.line] == .normal, isNameWord(i) else { i += 1; continue }
            if !eligibleStart(i) { i += 1; continue }
            if let g = gazetteerSpanWithConnectors(i) { out.append((i, g)); i = g; continue }
            var j = i + 1
            var words = 1
            var hasOrgOfHead = has(i, .orgOfHead) || has(i, .title)
            while j < n, words < 10, toks[j].line == t.line {
                let tj = toks[j]
                if tj.kind == .word, isNameWord(j), !(has(j, .stop) && !tj.allCaps && !tj.dotted) {
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
                    let w = s.lowerASCII(j)
                    if Words.orgConnectors.contains(w) && w != "the" {
                        var k = j + 1
                        if k < n, toks[k].kind == .word, s.lowerASCII(k) == "the", w != "and" { k += 1 }
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
        let toks = s.tokens
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

    /// "(ICE)" right at token `e`, whose letters fit the words from `from` to `e`.
    private func isAcronymDefinitionAfter(_ e: Int, from: Int) -> Bool {
        guard e + 2 < s.tokens.count, s.isPunct(e, 0x28), s.isPunct(e + 2, 0x29), s.tokens[e + 1].kind == .word else { return false }
        return acronymFits(s.text(e + 1), words: (from..<e).map { s.text($0) })
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

    // MARK: analysing runs

    private func surface(_ a: Int, _ b: Int) -> String {
        String(decoding: s.bytes[s.tokens[a].start..<s.tokens[b - 1].end], as: UTF8.self)
    }

    /// The gazetteer entry named by tokens [a, b): their word ids walked through `spans`; a token
    /// whose key has several words falls back to the joined key.
    private func gazetteerEntry(_ a: Int, _ b: Int) -> Gazetteer.Entry? {
        guard b > a, b - a <= max(gazetteer.maxWords, 1) + 2 else { return nil }
        var node: Int32 = 0
        var hasLower = caseless
        for i in a..<b {
            let p = place(i)
            if p == GazetteerSpans.manyWords { return gazetteerEntryByKey(a, b) }
            // a word no key has, or an empty key (punctuation): no key can match
            guard p >= 0, let next = spans.child(node, p) else { return nil }
            node = next
            if s.tokens[i].hasLower { hasLower = true }
        }
        return spans.entry(at: node, hasLower: hasLower).map { gazetteer.entries[$0] }
    }

    /// `gazetteerEntry` by the joined key of the tokens.
    private func gazetteerEntryByKey(_ a: Int, _ b: Int) -> Gazetteer.Entry? {
        var k = key(a)
        var hasLower = s.tokens[a].hasLower
        if b - a > 1 {
            for i in (a + 1)..<b {
                k += " " + key(i)
                if s.tokens[i].hasLower { hasLower = true }
            }
        }
        return gazetteer.lookup(key: k, hasLower: hasLower && !caseless ? hasLower : (caseless ? true : hasLower))
    }

    private func words(_ a: Int, _ b: Int) -> [String] {
        var out: [String] = []
        for i in a..<b where s.tokens[i].kind == .word {
            let k = key(i)
            if !k.utf8.contains(0x20) { if !k.isEmpty { out.append(k) }; continue }
            for w in k.split(separator: " ") { out.append(String(w)) }
        }
        return out
    }

    private func mention(_ a: Int, _ b: Int, kind: ActorKind, strength: Strength, canonical: String? = nil) -> Mention {
        Mention(first: a, end: b, words: words(a, b), surface: surface(a, b), kind: kind, strength: strength, canonical: canonical)
    }

    private func lower(_ i: Int) -> String { s.lowerASCII(i, maxLength: 20) }

    /// A person cue around [a, b): a role word before ("spokesperson, Ned Price"), a speech verb
    /// after ("Rodriguez said"), ", who", "’s administration".
    private func personCue(_ a: Int, _ b: Int) -> Bool {
        let toks = s.tokens
        var j = a - 1
        if j >= 0, toks[j].kind == .punct, toks[j].punct == 0x2C { j -= 1 }
        if j >= 0, toks[j].kind == .word, !toks[j].cap, Words.roleBefore.contains(lower(j)) { return true }
        var k = b
        if k < toks.count, toks[k].kind == .punct, toks[k].punct == 0x27 { k += 1 }   // Trump's administration
        if k < toks.count, toks[k].kind == .word, !toks[k].cap {
            let w = lower(k)
            if Words.speechVerbs.contains(w) || w == "administration" { return true }
        }
        if b < toks.count, s.isPunct(b, 0x2C), b + 1 < toks.count, toks[b + 1].kind == .word, lower(b + 1) == "who" { return true }
        return false
    }

    /// "in Tapachula", "the city of Tapachula", "Tapachula, Chiapas".
    private func placeCue(_ a: Int) -> Bool {
        var j = a - 1
        if j >= 1, s.isPunct(j, 0x2C), s.tokens[j - 1].kind == .word, s.tokens[j - 1].cap { j -= 1 }   // "X, Chiapas"
        while j >= 0, j < a - 1, s.tokens[j].kind == .word, s.tokens[j].cap { j -= 1 }
        guard j >= 0, s.tokens[j].kind == .word, !s.tokens[j].cap else { return false }
        let w = lower(j)
        if Words.placeBefore.contains(w) { return true }
        if w == "of", j >= 1, s.tokens[j - 1].kind == .word, Words.placeNouns.contains(lower(j - 1)) { return true }
        return false
    }

    /// Mentions in one run [a, b) of capitalised words.
    private func analyse(_ a0: Int, _ b0: Int, into out: inout [Mention]) {
        var a = a0, b = b0
        // trailing "&"/connectors never end a name
        while b > a, s.tokens[b - 1].kind != .word || Words.orgConnectors.contains(lower(b - 1)) && !s.tokens[b - 1].cap { b -= 1 }
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
            for i in a..<b where has(i, .title) && s.tokens[i].kind == .word {
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
                if let c = (nameStart..<b).first(where: { s.tokens[$0].kind == .word && !s.tokens[$0].cap && !s.tokens[$0].allCaps && !isParticle($0) }) {
                    if c + 1 < b { analyse(c + 1, b, into: &out) }
                    b = c
                }
                if nameStart < b {
                    var na = nameStart
                    while na < b, has(na, .title) || has(na, .stop) { na += 1 }
                    if na < b {
                        if let e = gazetteerEntry(na, b) {
                            out.append(mention(na, b, kind: e.kind, strength: .strong, canonical: e.name))
                        } else if has(b - 1, .orgHead) || s.tokens[na].allCaps && b - na == 1 {
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

    private func isDemonym(_ i: Int) -> Bool {
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
        if has(b - 1, .orgHead) || (b - a == 1 && s.tokens[a].allCaps) {
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
            while a < b, isDemonym(a) && !startsGazetteerName(a, b) || has(a, .title) && b - a > 1 { a += 1 }
        } else {
            while a < b - 1, has(a, .stop) { a += 1 }
        }
        guard a < b else { return }
        if let e = gazetteerEntry(a, b) {
            out.append(mention(a, b, kind: e.kind, strength: .strong, canonical: e.name))
            return
        }
        if has(b - 1, .nonActorHead) && b - a > 1 { return }
        // "Trump Administration", "Reagan Government": the person
        if b - a >= 2, has(b - 1, .personHead) {
            if let e = gazetteerEntry(a, b - 1) {
                out.append(mention(a, b - 1, kind: e.kind, strength: .strong, canonical: e.name))
                return
            }
            if b - a <= 4, !(a..<(b - 1)).contains(where: { has($0, .orgHead) || s.tokens[$0].allCaps }) {
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
            if b - a == 1 && !s.tokens[a].allCaps { return }   // "Embassy", "Department" alone
            splitByGazetteer(a, b, into: &out, keepRest: false, onlyPlaces: true)
            out.append(mention(a, b, kind: .organisation, strength: .cue))
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

    /// A run of capitalised words the gazetteer doesn't know.
    private func unknown(_ a0: Int, _ b0: Int, into out: inout [Mention]) {
        var a = a0, b = b0
        while b > a, !s.tokens[b - 1].cap && !s.tokens[b - 1].allCaps || has(b - 1, .stop) && !s.tokens[b - 1].allCaps { b -= 1 }
        while a < b, isDemonym(a) || has(a, .stop) && !s.tokens[a].allCaps { a += 1 }
        guard a < b else { return }
        if has(b - 1, .nonActorHead) { return }
        let t = s.tokens[a]
        let n = b - a
        if n == 1 {
            if t.allCaps {
                let letters = t.end - t.start
                guard letters <= 7 || t.dotted, !has(a, .nonAcronym), !has(a, .looseCommon) || t.dotted else { return }
                out.append(mention(a, b, kind: .organisation, strength: .cue))
                return
            }
            if t.initial || t.end - t.start < 2 { return }
            var uppers = 0, hasDash = false, hasDot = false
            if s.bytes[t.start..<t.end].allSatisfy({ $0 < 0x80 }) {
                for j in t.start..<t.end {
                    let c = s.bytes[j]
                    if c >= 0x41 && c <= 0x5A { uppers += 1 } else if c == 0x2D { hasDash = true } else if c == 0x2E { hasDot = true }
                }
            } else {
                let text = s.text(t)
                for sc in text.unicodeScalars where sc.properties.isUppercase { uppers += 1 }
                hasDash = text.contains("-"); hasDot = text.contains(".")
            }
            if uppers >= 2, t.hasLower, !hasDash {   // MinRex, CiberCuba, PepsiCo
                out.append(mention(a, b, kind: .organisation, strength: .cue))
                return
            }
            if hasDot { out.append(mention(a, b, kind: .organisation, strength: .cue)); return }
            if personCue(a, b) { out.append(mention(a, b, kind: .person, strength: .cue)); return }
            if b < s.tokens.count, s.tokens[b].kind == .word, !s.tokens[b].cap, Words.nonActorHeads.contains(lower(b)) { return }   // "Louvre accord"
            if placeCue(a) { out.append(mention(a, b, kind: .place, strength: .weak)); return }
            if !cls(a).isDisjoint(with: [.common, .title, .orgHead, .portfolio]) { return }
            out.append(mention(a, b, kind: .person, strength: .weak))
            return
        }
        var hasParticle = false, hasInitial = false, allCapsWords = 0
        for i in a..<b {
            if isParticle(i) { hasParticle = true }
            if s.tokens[i].initial { hasInitial = true }
            if s.tokens[i].allCaps { allCapsWords += 1 }
        }
        if has(a, .orgOfHead) && n >= 3 {   // "Bank of Japan", "University of Chicago"
            out.append(mention(a, b, kind: .organisation, strength: .cue))
            return
        }
        if allCapsWords == n {
            for i in a..<b { unknown(i, i + 1, into: &out) }
            return
        }
        if hasParticle || hasInitial || personCue(a, b) {
            out.append(mention(a, b, kind: .person, strength: .cue))
            return
        }
        // "Family Reunification Parole", "Foreign Terrorist Entry": capitalised common words
        if (a..<b).contains(where: { has($0, .common) || has($0, .title) || has($0, .portfolio) }) { return }
        out.append(mention(a, b, kind: .person, strength: n <= 4 ? .cue : .weak))
    }

    /// Gazetteer names (and names the document's normal text gave) in capitals lines and headlines.
    private func matchKnown(in line: TextScanner.Line, known: [String: Mention], knownFirst: Set<String>, into out: inout [Mention]) {
        let toks = s.tokens
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
                            out.append(Mention(first: i, end: e, words: m.words, surface: m.surface, kind: m.kind, strength: m.strength, canonical: m.canonical))
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
                m.surface = (from..<e).map { titleCase(s.text($0)) }.joined(separator: " ")
                out.append(m)
                i = e; matched = true
            }
            if !matched, !caseless, let e = headlineName(i, end: end) {
                let words = (i..<e).map { titleCase(s.text($0)) }
                var m = mention(i, e, kind: .person, strength: .cue)
                m.surface = words.joined(separator: " ")
                out.append(m)
                i = e; matched = true
            }
            if !matched { i += 1 }
        }
    }

    private func firstWordOfLine(_ i: Int) -> Int {
        var j = s.lines[s.tokens[i].line].firstToken
        while j < i, s.tokens[j].kind != .word { j += 1 }
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
        let toks = s.tokens
        func nameLike(_ x: Int) -> Bool {
            guard x < end, toks[x].kind == .word, toks[x].allCaps || toks[x].cap, !toks[x].dotted else { return false }
            let k = key(x)
            guard ActorRules.isLettersAndSpaces(k, atLeast: 3) else { return false }
            let notNames: WordClass = [.looseCommon, .stop, .demonym, .title, .portfolio, .orgHead, .nonAcronym, .headlineVerb, .month, .unit]
            if !cls(x).isDisjoint(with: notNames) { return false }
            return gazetteer.lookup(key: k, hasLower: false) == nil
        }
        guard nameLike(i) else { return nil }
        var e = i + 1
        while e < end, e - i < 3, nameLike(e) { e += 1 }
        if afterTitle { return e }
        // followed by a headline verb
        if e < end, toks[e].kind == .word, has(e, .headlineVerb) { return e }
        // after a possessive: "TREASURY'S BAKER"
        if i >= 1, s.isPunct(i - 1, 0x27) { return i + 1 }
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

    // MARK: acronym definitions

    /// "Immigration and Customs Enforcement (ICE)": acronym key → token range of the long form.
    private func acronymDefinitions() -> [String: (Int, Int)] {
        var out: [String: (Int, Int)] = [:]
        let toks = s.tokens
        var i = 1
        while i + 2 < toks.count {
            defer { i += 1 }
            guard s.isPunct(i, 0x28), toks[i + 1].kind == .word, s.isPunct(i + 2, 0x29) else { continue }
            let acr = s.text(i + 1)
            let letters = acr.unicodeScalars.filter { $0.properties.isUppercase }.count
            guard letters >= 2, letters <= 10, toks[i + 1].cap else { continue }
            // the long form: capitalised words (and connectors) right before "("
            var a = i
            var capWords: [String] = []
            while a > 0, i - a < letters * 2 + 3 {
                let t = toks[a - 1]
                guard t.kind == .word, t.line == toks[i].line else { break }
                if t.cap { capWords.insert(s.text(a - 1), at: 0); a -= 1; if capWords.count >= letters && acronymFits(acr, words: capWords) { break }; continue }
                if Words.orgConnectors.contains(lower(a - 1)) || isParticle(a - 1) { a -= 1; continue }
                break
            }
            while a < i, !toks[a].cap { a += 1 }
            guard a < i else { continue }
            let longWords = (a..<i).map { s.text($0) }
            if acronymFits(acr, words: longWords) {
                out[key(i + 1)] = (a, i)
            }
        }
        return out
    }

    // MARK: putting it together

    func actors() -> [Actor] {
        var mentions: [Mention] = []
        let runList = runs()
        for (a, b) in runList { analyse(a, b, into: &mentions) }

        // acronym definitions: both forms name the same organisation
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
                if m.words.count == 1, s.tokens[m.first].allCaps || s.tokens[m.first].cap, let target = acronymTarget[m.words[0]], m.canonical == nil {
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

        // capitals lines and headlines: names the gazetteer or the text already gave
        var known: [String: Mention] = [:]
        for m in mentions where m.strength >= .cue {
            known[m.words.joined(separator: " ")] = m
        }
        var knownFirst = Set<String>()
        for k in known.keys { knownFirst.insert(String(k.prefix { $0 != " " })) }
        for (li, line) in s.lines.enumerated() where modes[li] != .normal || caseless {
            matchKnown(in: line, known: known, knownFirst: knownFirst, into: &mentions)
        }
        if caseless { mentions.sort { $0.first < $1.first } }
        return resolve(mentions)
    }

    /// Links short forms to full names, applies the gazetteer, groups mentions by canonical
    /// name, drops what is too weak, and orders by mentions.
    private func resolve(_ input: [Mention]) -> [Actor] {
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
            for i in ms.indices where ms[i].canonical == nil && ms[i].words.count == 1 && s.tokens[ms[i].first].allCaps {
                if let t = orgByInitials[ms[i].words[0]] { union(i, t) }
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
            if rep.canonical == nil {
                // too weak: a lone capitalised word seen once, with no cue and no link
                if rep.words.count == 1, wordClasses.classes(of: rep.words[0]).contains(.common) && strongest < .strong { continue }
            }
            var kind = rep.kind
            if rep.canonical == nil {
                // majority of the cued kinds
                var votes: [ActorKind: Int] = [:]
                for j in idx where ms[j].strength >= .cue { votes[ms[j].kind, default: 0] += 1 }
                if let best = votes.max(by: { $0.value < $1.value || ($0.value == $1.value && $0.key == .person) }), best.value > (votes[kind] ?? 0) { kind = best.key }
            }
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

    /// The name as written, with line breaks and runs of spaces made single spaces.
    private func cleanSurface(_ s: String) -> String {
        var ascii = true
        for c in s.utf8 where c >= 0x80 { ascii = false; break }
        if ascii {
            // the same on bytes: ASCII whitespace is tab, LF, VT, FF, CR and space
            return String(unsafeUninitializedCapacity: s.utf8.count) { out in
                var n = 0
                var space = false
                for c in s.utf8 {
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
        for c in s {
            if c.isWhitespace { space = true; continue }
            if space && !out.isEmpty { out.append(" ") }
            space = false
            out.append(c)
        }
        return out
    }
}
