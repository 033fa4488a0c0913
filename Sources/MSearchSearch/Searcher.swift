import MSearchAnalysis
import MSearchIndex
import MSearchQuery

/// Runs queries against an open index: plans the query once with index-wide statistics, builds a
/// scorer tree per segment (ScorerTree.swift) and feeds the matches to the collectors the
/// request asks for (SearchPass.swift).
public final class Searcher {
    public let reader: IndexReader
    public let bm25: BM25
    public let analyzer: Analyzer
    /// Stop words, proximity, feedback: see `RankingOptions` (Ranking.swift).
    public let ranking: RankingOptions
    /// Normalised words a bag-of-words query leaves out: the stop lists of the languages most
    /// of the documents it looks in are written in (`StopWordList.words(documents:fallback:)`).
    private(set) var stopWords: Set<String>
    let actors: ActorDirectory
    /// Whether undated documents pass date filters (by default they do not: a filter on 2023
    /// should not return articles whose date nobody knows).
    public var includeUndated = false
    /// Maps a name a user types to a canonical actor name (a gazetteer alias lookup), so
    /// `actor:ICE` finds "Immigration and Customs Enforcement".
    public var actorAlias: ((String) -> String?)?
    /// The languages of the index's documents (codes, most documents first), read from the
    /// `language` columns once: a query word is analysed once per language among these.
    public let languages: [String]
    /// Analyse query words only for these languages (`--lang`); nil: every language of the index.
    public var queryLanguages: [String]? {
        didSet {
            queryAnalyzers = Searcher.analyzers(analyzer, queryLanguages ?? languages, keepDefault: queryLanguages == nil)
            stopWords = Searcher.stopWords(ranking.stopWords, analyzer, languageCounts, only: queryLanguages)
        }
    }
    /// Live documents per language code, most first.
    private let languageCounts: [(language: String, count: Int)]
    /// The analyses a query word gets: the default's, then each further language's (or only
    /// those of `queryLanguages`), each distinct analysis once.
    public private(set) var queryAnalyzers: [Analyzer]

    public init(reader: IndexReader, ranking: RankingOptions = .default) throws {
        self.reader = reader
        self.ranking = ranking
        var bm25 = ranking.bm25
        if let titleB = ranking.titleB { bm25.fields = Searcher.fieldNormalization(reader, titleB: titleB, bodyB: bm25.b) }
        self.bm25 = bm25
        analyzer = try reader.makeAnalyzer()
        languageCounts = Searcher.languageCounts(of: reader)
        languages = languageCounts.map(\.language)
        queryAnalyzers = Searcher.analyzers(analyzer, languages)
        stopWords = Searcher.stopWords(ranking.stopWords, analyzer, languageCounts, only: nil)
        actors = ActorDirectory(reader: reader)
    }

    /// The stop words this searcher leaves out of a bag-of-words query, normalised and sorted:
    /// what an exported search analyser must drop to match (`msearch export --to opensearch`).
    public var droppedStopWords: [String] { stopWords.sorted() }

    /// The language codes of the live documents, most documents first (then by code).
    public static func languages(of reader: IndexReader) -> [String] { languageCounts(of: reader).map(\.language) }

    /// `languages(of:)` with the number of live documents in each: the counts the commit
    /// recorded; an index from before them scans the columns.
    static func languageCounts(of reader: IndexReader) -> [(language: String, count: Int)] {
        if let recorded = reader.manifest.languages {
            return recorded.filter { $0.value > 0 }.map { (LanguageCode.pack($0.key), $0.value) }
                .sorted { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0 < $1.0 }.map { (LanguageCode.unpack($0.0), $0.1) }
        }
        var counts: [UInt32: Int] = [:]
        for segment in reader.segments {
            for d in 0..<segment.documentCount where !segment.isDeleted(d) {
                counts[segment.columns.languageValue(d), default: 0] += 1
            }
        }
        return counts.filter { $0.key != 0 }.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
            .map { (LanguageCode.unpack($0.key), $0.value) }
    }

    /// The stop words of a query looking in the documents of `only` (nil: all), normalised as
    /// the index normalises words; the default language's list when no document has a language
    /// (an index built before languages), the first asked-for language's when none of them does.
    static func stopWords(_ list: StopWordList, _ analyzer: Analyzer, _ counts: [(language: String, count: Int)],
                          only: [String]?) -> Set<String> {
        let looked = only.map { wanted in counts.filter { wanted.contains($0.language) } } ?? counts
        let fallback = only?.first ?? analyzer.settings.defaultLanguage ?? "en"
        return Set(list.words(documents: looked, fallback: fallback).map(analyzer.normalize))
    }

    /// One analyzer per distinct analysis the languages need, the default's first when
    /// `keepDefault` (languages sharing its settings add nothing); the default alone when
    /// nothing else is asked for.
    static func analyzers(_ base: Analyzer, _ languages: [String], keepDefault: Bool = true) -> [Analyzer] {
        var out = keepDefault ? [base] : []
        for language in languages {
            let a = base.forLanguage(language)
            if !out.contains(where: { $0.settings == a.settings }) { out.append(a) }
        }
        return out.isEmpty ? [base] : out
    }

    /// Plain BM25 with these parameters (`RankingOptions.classic`).
    public convenience init(reader: IndexReader, bm25: BM25) throws {
        var ranking = RankingOptions.classic
        ranking.bm25 = bm25
        try self.init(reader: reader, ranking: ranking)
    }

    var planner: QueryPlanner {
        var p = QueryPlanner(reader: reader, analyzer: analyzer, bm25: bm25, actors: actors)
        p.analyzers = queryAnalyzers
        p.stopWords = stopWords
        p.actorAlias = actorAlias
        return p
    }

    /// The page of hits the request asks for, in its order, with the number of matches and
    /// the facets it asks for. The proximity bonus re-ranks the head of a score order.
    public func search(_ query: Query, _ request: SearchRequest) throws -> SearchResults {
        // No page can start or reach past the documents the index has, whatever a caller asks
        // for (both bounded by the document count first, so their sum cannot overflow).
        let plan = try planner.plan(query)
        let scored = try ranking.feedback.map { try expand(plan, $0) } ?? plan
        return try search(scored, terms: plan, request)
    }

    /// The page of hits of a planned query (`terms`: the plan whose terms the proximity bonus
    /// looks for).
    func search(_ scored: QueryPlan, terms plan: QueryPlan, _ request: SearchRequest) throws -> SearchResults {
        let documents = reader.documentCount
        let offset = min(max(0, request.offset), documents)
        let depth = min(offset + min(max(0, request.limit), documents), documents)
        var results = ranking.proximity > 0 && request.order.ranksByScore
            ? try proximityRerank(scored, terms: plan, request, depth: depth)
            : try collect(scored, request, depth: depth)
        results.hits.removeFirst(min(offset, results.hits.count))
        return results
    }

    /// The best `limit` hits and the number of matches; with `facets`, exact counts by year,
    /// month and actor (top `actorLimit`) over every matching document. Shorthand for a
    /// `SearchRequest` in score order from the first hit.
    public func search(_ query: Query, limit: Int, facets: Bool = false, actorLimit: Int = 20,
                       exactTotal: Bool = true) throws -> SearchResults {
        try search(query, SearchRequest(limit: limit, exactTotal: exactTotal, facetActors: facets ? actorLimit : nil))
    }

    /// How the document's score for `query` was computed (nil if it does not match).
    public func explain(_ query: Query, doc: Int) throws -> Explanation? {
        let (s, local) = reader.locate(doc)
        let plan = try planner.plan(query)
        let scored = try ranking.feedback.map { try expand(plan, $0) } ?? plan
        let scorer = try liveOnly(try makeScorer(scored, segment: s), segment: reader.segments[s])
        try scorer.advance(to: Int32(local))
        guard scorer.doc == Int32(local) else { return nil }
        return ranking.proximity > 0 ? try explainProximity(scorer.explain(), terms: plan, doc: doc) : scorer.explain()
    }
}
