/// The word lists a folded word belongs to, as bits. The rules ask several lists about the same
/// capitalised word; looking the word up once in `WordClassTable` replaces one String hash per list.
struct WordClass: OptionSet, Sendable {
    let rawValue: UInt32
    static let stop = WordClass(rawValue: 1 << 0)
    static let demonym = WordClass(rawValue: 1 << 1)
    static let title = WordClass(rawValue: 1 << 2)
    static let royalTitle = WordClass(rawValue: 1 << 3)
    static let portfolio = WordClass(rawValue: 1 << 4)
    static let orgHead = WordClass(rawValue: 1 << 5)
    static let strongOrgHead = WordClass(rawValue: 1 << 6)
    static let orgOfHead = WordClass(rawValue: 1 << 7)
    static let personHead = WordClass(rawValue: 1 << 8)
    static let governmentOf = WordClass(rawValue: 1 << 9)
    static let nonActorHead = WordClass(rawValue: 1 << 10)
    static let headlineVerb = WordClass(rawValue: 1 << 11)
    static let nonAcronym = WordClass(rawValue: 1 << 12)
    static let common = WordClass(rawValue: 1 << 13)
    static let looseCommon = WordClass(rawValue: 1 << 14)
    static let gazetteerFirst = WordClass(rawValue: 1 << 15)
    static let month = WordClass(rawValue: 1 << 16)
    static let unit = WordClass(rawValue: 1 << 17)
    static let functionWord = WordClass(rawValue: 1 << 18)
    static let orgFirstHead = WordClass(rawValue: 1 << 19)
}

/// Folded word → its `WordClass`es, merged once per extractor from the fixed lists (`Words`,
/// month names, units), the common-word lexicon and the gazetteer's first words, which stay the
/// sources of truth.
struct WordClassTable: Sendable {
    /// A word's classes and its `GazetteerSpans` word id (or `GazetteerSpans.noWord`): one hash
    /// answers both.
    private struct Info { var classes: WordClass = []; var gazetteerWord = GazetteerSpans.noWord }
    private var table: [String: Info] = [:]

    init(commonWords: [(word: String, strict: Bool)], gazetteerFirstWords: Set<String>,
         gazetteerWords: [String: Int32] = [:]) {
        let lists: [(Set<String>, WordClass)] = [
            (Words.stop, .stop), (Words.demonyms, .demonym), (Words.titles, .title),
            (Words.royalTitles, .royalTitle), (Words.portfolio, .portfolio), (Words.orgHeads, .orgHead),
            (Words.strongOrgHeads, .strongOrgHead), (Words.orgOfHeads, .orgOfHead),
            (Words.personHeads, .personHead), (Words.governmentOf, .governmentOf),
            (Words.nonActorHeads, .nonActorHead), (Words.headlineVerbs, .headlineVerb),
            (Words.nonAcronyms, .nonAcronym),
            (gazetteerFirstWords, .gazetteerFirst), (Set(DateRules.monthNames.keys), .month),
            (DateRules.units, .unit), (FunctionWords.load.words, .functionWord),
            (Words.orgFirstHeads, .orgFirstHead),
        ]
        table.reserveCapacity(commonWords.count + 2_000)
        for (word, strict) in commonWords {
            table[word, default: Info()].classes.formUnion(strict ? [.common, .looseCommon] : .looseCommon)
        }
        for (words, c) in lists {
            for w in words { table[w, default: Info()].classes.insert(c) }
        }
        for (w, id) in gazetteerWords { table[w, default: Info()].gazetteerWord = id }
    }

    func classes(of key: String) -> WordClass { table[key]?.classes ?? [] }

    /// The classes of `key` and its place in the gazetteer's spans (`GazetteerSpans.place`).
    func lookup(_ key: String) -> (classes: WordClass, gazetteerPlace: Int32) {
        if let info = table[key] {
            return (info.classes, info.gazetteerWord >= 0 || key.isEmpty ? info.gazetteerWord : GazetteerSpans.place(ofUnknown: key))
        }
        return ([], GazetteerSpans.place(ofUnknown: key))
    }
}
