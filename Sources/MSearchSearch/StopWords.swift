import Foundation
import MSearchAnalysis
import MSearchQuery

/// Words left out of a bag-of-words query's score. They stay in the index with their positions,
/// so phrases ("war of the worlds"), hyphenated words and explicit clauses (`+the`, `the AND who`)
/// still use them; only a word OR'ed with others is skipped, and only when at least one word of
/// its list is not a stop word (a query of nothing but stop words, "the who", is kept whole).
public enum StopWordList: String, CaseIterable, Sendable {
    /// Score every word.
    case none
    /// Lucene's `EnglishAnalyzer` list (33 words; bm25s uses the same).
    case lucene
    /// The Snowball project's English list (function words, pronouns, auxiliaries, contractions)
    /// and every single letter or digit ("J. Backus", "3-j", the "s" of "U.S"); for documents in
    /// other languages, Snowball's list of their language (`SnowballStopWords`).
    case english

    public var words: [String] {
        switch self {
        case .none: return []
        case .lucene: return StopWordList.luceneWords
        case .english: return StopWordList.englishWords
        }
    }

    /// The list for documents in `language` (a code): English's for "en"; with `.english`,
    /// Snowball's list of any other language that has one (none for the rest).
    public func words(forLanguage language: String) -> [String] {
        if language == "en" { return words }
        guard self == .english else { return [] }
        return SnowballStopWords.words(forLanguage: language) ?? []
    }

    /// The words a query looking in documents of these languages leaves out: those listed by
    /// the languages of most of the documents (`documents`: live documents per language code).
    /// A word is too common to say anything only where it is a function word; a word that is one
    /// only in a minority's language ("die", "man", "men" in German, Danish) keeps its score.
    /// Without any counted language, the list of `fallback` (the index's default language).
    public func words(documents: [(language: String, count: Int)], fallback: String) -> [String] {
        let counted = documents.filter { $0.count > 0 && !$0.language.isEmpty }
        guard !counted.isEmpty else { return words(forLanguage: fallback) }
        let total = counted.reduce(0) { $0 &+ $1.count }
        var share: [String: Int] = [:]
        for (language, count) in counted {
            for w in Set(words(forLanguage: language)) { share[w, default: 0] &+= count }
        }
        return share.filter { $0.value > total &- $0.value }
            .map(\.key).sorted()
    }

    static let luceneWords = """
        a an and are as at be but by for if in into is it no not of on or such that the their then \
        there these they this to was will with
        """.split(separator: " ").map(String.init)

    static let englishWords: [String] = snowballEnglish + "abcdefghijklmnopqrstuvwxyz0123456789".map { String($0) }

    static let snowballEnglish: [String] = """
        i me my myself we our ours ourselves you your yours yourself yourselves he him his himself \
        she her hers herself it its itself they them their theirs themselves what which who whom \
        this that these those am is are was were be been being have has had having do does did \
        doing would should could ought i'm you're he's she's it's we're they're i've you've we've \
        they've i'd you'd he'd she'd we'd they'd i'll you'll he'll she'll we'll they'll isn't \
        aren't wasn't weren't hasn't haven't hadn't doesn't don't didn't won't wouldn't shan't \
        shouldn't can't cannot couldn't mustn't let's that's who's what's here's there's when's \
        where's why's how's a an the and but if or because as until while of at by for with about \
        against between into through during before after above below to from up down in out on \
        off over under again further then once here there when where why how all any both each \
        few more most other some such no nor not only own same so than too very
        """.split(separator: " ").map(String.init)
}

extension QueryPlanner {
    /// `should` without its stop-word terms, unless that would leave a query with nothing to
    /// score (every optional word a stop word and nothing required).
    func withoutStopWords(_ should: [Query], hasRequired: Bool) -> [Query] {
        guard !stopWords.isEmpty else { return should }
        let kept = should.filter { clause in
            guard case .term(let word, _) = clause else { return true }
            return !isStopWord(word)
        }
        if !hasRequired && !kept.contains(where: { !$0.isFilter }) { return should }
        return kept
    }

    /// Whether `word`, folded as the index folds it (’ read as '), is on the stop list.
    func isStopWord(_ word: String) -> Bool {
        guard !stopWords.isEmpty else { return false }
        var normal = analyzer.normalize(word)
        if normal.utf8.contains(0xE2) { normal = normal.replacingOccurrences(of: "’", with: "'") }
        return stopWords.contains(normal)
    }
}
