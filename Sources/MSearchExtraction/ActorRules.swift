import MSearchSources

/// People, organisations and places named in one document, by rules over capitalised runs
/// (see `Extractor`): runs, cues, Mikheev's sentence-start check, gazetteer matches,
/// title stripping, acronym definitions and linking of short forms to full names.
struct ActorRules {
    /// The document's tokens and lines (see `TextScanner`); every index below is a token index.
    let scanner: TextScanner
    let gazetteer: Gazetteer
    let spans: GazetteerSpans
    /// Word lists and the common-word lexicon: `.common` words are not names; `.looseCommon`
    /// adds those that are names too ("price").
    let wordClasses: WordClassTable
    let caseless: Bool
    /// The text's language capitalises every noun (German): a capitalised word alone is a name
    /// only with a cue or a fuller name to link to (`Extractor.nounCapitalisingLanguages`).
    let nounsCapitalised: Bool

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
        /// The words around it say it is no person ("the Bloglines website"), though the
        /// rules could not say what else it is: its actor is kept only with a cue elsewhere.
        var notPerson = false
        /// The kind is only a guess for a name of several words: the default (a person) where
        /// no cue placed it, or an organisation after an article ("the Daily Telegraph"). It
        /// casts no vote against the kind a cue gave another mention of the actor
        /// ("Pharmaceutical giant Johnson & Johnson" once, "Johnson & Johnson's products" four
        /// times); where all are guesses, the longest and earliest mention's kind stands.
        var guessed = false
        /// Cluster id after linking.
        var cluster = -1
        /// A lone word that is only kept if it links to a fuller name or recurs.
        var single: Bool { words.count == 1 }
    }

    // MARK: state built per document
    /// The folded key of each capitalised token (nil for the others, folded when asked).
    private var keys: [String?]
    /// The word classes of the tokens that have a key in `keys`.
    private var classes: [WordClass]
    /// The `GazetteerSpans` places of the tokens that have a key in `keys`.
    private var places: [Int32]
    /// The mode of each line: names are looked for by case only in `.normal` lines.
    private(set) var modes: [LineMode]
    /// Keys the text capitalises mid-sentence somewhere (Mikheev's evidence that a word is a name).
    private(set) var midCap: Set<String> = []
    /// Tokens inside a title-case quotation (`titleCaseQuotations`).
    private(set) var titleQuoted: [Bool] = []
    /// Acronyms the text uses as common nouns ("a DVD", "4 GHz"; `ActorRules+CommonAcronyms`).
    private(set) var commonAcronyms: Set<String> = []

    init(scanner: TextScanner, gazetteer: Gazetteer, spans: GazetteerSpans, wordClasses: WordClassTable, caseless: Bool,
         nounsCapitalised: Bool = false) {
        self.scanner = scanner
        self.gazetteer = gazetteer
        self.spans = spans
        self.wordClasses = wordClasses
        self.caseless = caseless
        self.nounsCapitalised = nounsCapitalised
        self.keys = Array(repeating: nil, count: scanner.tokens.count)
        self.classes = Array(repeating: [], count: scanner.tokens.count)
        self.places = Array(repeating: GazetteerSpans.noWord, count: scanner.tokens.count)
        self.modes = Array(repeating: .normal, count: scanner.lines.count)
        prepare()
        titleQuoted = titleCaseQuotations()
        commonAcronyms = commonNounAcronyms()
    }

    private mutating func prepare() {
        for (li, line) in scanner.lines.enumerated() {
            modes[li] = caseless ? .normal : lineMode(line)
        }
        var midCapCount = 0
        for i in 0..<scanner.tokens.count {
            let t = scanner.tokens[i]
            guard t.kind == .word, t.cap || t.allCaps || caseless else { continue }
            let k = foldToken(t)
            keys[i] = k
            (classes[i], places[i]) = wordClasses.lookup(k)
            if modes[t.line] == .normal, !t.ambiguous, t.cap { midCapCount += 1 }
        }
        // sized first: growing the set would rehash every word inserted so far
        midCap.reserveCapacity(midCapCount)
        for i in 0..<scanner.tokens.count where keys[i] != nil {
            let t = scanner.tokens[i]
            if modes[t.line] == .normal, !t.ambiguous, t.cap { midCap.insert(keys[i]!) }
        }
    }

    /// The folded key of token `i` (see `Fold`).
    func key(_ i: Int) -> String {
        if let k = keys[i] { return k }
        return foldToken(scanner.tokens[i])
    }

    /// The word classes of token `i`'s key: `has(i, .stop)` means `Words.stop.contains(key(i))`.
    func wordClass(_ i: Int) -> WordClass {
        if keys[i] != nil { return classes[i] }
        return wordClasses.classes(of: foldToken(scanner.tokens[i]))
    }

    func has(_ i: Int, _ c: WordClass) -> Bool { wordClass(i).contains(c) }

    /// Token `i`'s place in the gazetteer's spans (see `GazetteerSpans`).
    func place(_ i: Int) -> Int32 {
        if keys[i] != nil { return places[i] }
        return wordClasses.lookup(foldToken(scanner.tokens[i])).gazetteerPlace
    }

    /// Fold.key of a token, without building the token's String when it is plain ASCII.
    private func foldToken(_ t: TextScanner.Token) -> String {
        for j in t.start..<t.end where scanner.bytes[j] >= 0x80 { return Fold.key(scanner.text(t)) }
        return Fold.asciiKey(scanner.bytes, t.start, t.end)
    }

    // MARK: tokens as text

    /// The name as written in tokens [a, b).
    func surface(_ a: Int, _ b: Int) -> String {
        String(decoding: scanner.bytes[scanner.tokens[a].start..<scanner.tokens[b - 1].end], as: UTF8.self)
    }

    /// The folded words of tokens [a, b), a key of several words split at its spaces.
    func words(_ a: Int, _ b: Int) -> [String] {
        var out: [String] = []
        for i in a..<b where scanner.tokens[i].kind == .word {
            let k = key(i)
            if !k.utf8.contains(0x20) { if !k.isEmpty { out.append(k) }; continue }
            for w in k.split(separator: " ") { out.append(String(w)) }
        }
        return out
    }

    func mention(_ a: Int, _ b: Int, kind: ActorKind, strength: Strength, canonical: String? = nil) -> Mention {
        Mention(first: a, end: b, words: words(a, b), surface: surface(a, b), kind: kind, strength: strength, canonical: canonical)
    }

    /// Token `i` in lower-case ASCII, for comparing with the word lists.
    func lower(_ i: Int) -> String { scanner.lowerASCII(i, maxLength: 20) }

    // MARK: putting it together

    /// The actors of the document, most mentioned first: capitalised runs analysed into
    /// mentions (`ActorRules+Runs`), acronyms linked to their long forms (`+Acronyms`), known
    /// names found again in capitals lines and headlines (`+Headlines`), then grouped (`+Resolve`).
    func actors() -> [Actor] {
        var mentions: [Mention] = []
        for (a, b) in runs() { analyse(a, b, into: &mentions) }
        linkAcronymDefinitions(in: &mentions)
        addKnownNamesInHeadlines(to: &mentions)
        if caseless { mentions.sort { $0.first < $1.first } }
        return resolve(mentions)
    }
}
