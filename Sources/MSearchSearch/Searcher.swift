import MSearchAnalysis
import MSearchIndex
import MSearchQuery

/// What a search returns: how many documents match in all, and the best of them.
public struct SearchResults: Sendable {
    /// How many documents match; a lower bound when `totalIsExact` is false.
    public var total: Int
    public var totalIsExact = true
    public var hits: [Hit]
    /// Present when the search was asked for facets.
    public var facets: FacetCounts?
}

/// Runs queries against an open index: plans the query once with index-wide statistics, builds a
/// scorer tree per segment and collects the top k.
public final class Searcher {
    public let reader: IndexReader
    public let bm25: BM25
    public let analyzer: Analyzer
    /// Stop words, proximity, feedback: see `RankingOptions` (Ranking.swift).
    public let ranking: RankingOptions
    let stopWords: Set<String>
    let actors: ActorDirectory
    /// Whether undated documents pass date filters (by default they do not: a filter on 2023
    /// should not return articles whose date nobody knows).
    public var includeUndated = false
    /// Maps a name a user types to a canonical actor name (a gazetteer alias lookup), so
    /// `actor:ICE` finds "Immigration and Customs Enforcement".
    public var actorAlias: ((String) -> String?)?

    public init(reader: IndexReader, ranking: RankingOptions = .default) throws {
        self.reader = reader
        self.ranking = ranking
        var bm25 = ranking.bm25
        if let titleB = ranking.titleB { bm25.fields = Searcher.fieldNormalization(reader, titleB: titleB, bodyB: bm25.b) }
        self.bm25 = bm25
        analyzer = try reader.makeAnalyzer()
        stopWords = Set(ranking.stopWords.words)
        actors = ActorDirectory(reader: reader)
    }

    /// Plain BM25 with these parameters (`RankingOptions.classic`).
    public convenience init(reader: IndexReader, bm25: BM25) throws {
        var ranking = RankingOptions.classic
        ranking.bm25 = bm25
        try self.init(reader: reader, ranking: ranking)
    }

    var planner: QueryPlanner {
        var p = QueryPlanner(reader: reader, analyzer: analyzer, bm25: bm25, actors: actors)
        p.stopWords = stopWords
        p.actorAlias = actorAlias
        return p
    }

    /// The best `limit` hits and the number of matches; with `facets`, exact counts by year,
    /// month and actor (top `actorLimit`) over every matching document.
    /// With `exactTotal: false` (and no facets) an OR of plain terms is answered by MaxScore,
    /// which skips documents that cannot reach the top k and so cannot count them.
    public func search(_ query: Query, limit: Int, facets: Bool = false, actorLimit: Int = 20,
                       exactTotal: Bool = true) throws -> SearchResults {
        // No page can hold more hits than the index has documents, whatever a caller asks for.
        let limit = min(max(0, limit), reader.documentCount)
        let plan = try planner.plan(query)
        let scored = try ranking.feedback.map { try expand(plan, $0) } ?? plan
        if ranking.proximity > 0 {
            return try proximityRerank(scored, terms: plan, limit: limit, facets: facets, actorLimit: actorLimit,
                                       exactTotal: exactTotal)
        }
        return try collect(scored, limit: limit, facets: facets, actorLimit: actorLimit, exactTotal: exactTotal)
    }

    /// Runs a plan over every segment and keeps the top `limit` (see `search`).
    func collect(_ plan: QueryPlan, limit: Int, facets: Bool = false, actorLimit: Int = 20,
                 exactTotal: Bool = true) throws -> SearchResults {
        if !exactTotal && !facets, let terms = QueryPlan.plainTermDisjunction(plan) {
            var top = TopHits(k: limit, tieBreak: reader.externalIdPrecedes)
            for (s, segment) in reader.segments.enumerated() {
                var scorers: [TermScorer] = []
                for t in terms {
                    guard let info = try entry(t.term, t.entries, segment: s) else { continue }
                    scorers.append(try TermScorer(cursor: try segment.postings(info), term: t, bm25: bm25,
                                                  columns: segment.columns, averageLength: reader.averageDocumentLength))
                }
                try MaxScoreCollector(scorers).collect(into: &top, base: reader.segmentBases[s],
                                                       isDeleted: segment.deletes == nil ? nil : segment.isDeleted)
            }
            let hits = top.sorted()
            return SearchResults(total: hits.count, totalIsExact: false, hits: hits, facets: nil)
        }
        var top = TopHits(k: limit, tieBreak: reader.externalIdPrecedes)
        var total = 0
        var collector = FacetCollector()
        for (s, segment) in reader.segments.enumerated() {
            let base = reader.segmentBases[s]
            let scorer = try liveOnly(try makeScorer(plan, segment: s), segment: segment)
            if facets { collector.startSegment(segment) }
            while scorer.doc != PostingsCursor.exhausted {
                total += 1
                top.insert(Hit(doc: base + Int(scorer.doc), score: scorer.score()))
                if facets { collector.collect(scorer.doc) }
                try scorer.next()
            }
        }
        return SearchResults(total: total, hits: top.sorted(),
                             facets: facets ? collector.result(actorLimit: actorLimit) : nil)
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

    /// A term's entry in segment `s`: the one the planner found, or a lookup now.
    func entry(_ term: [UInt8], _ entries: [TermInfo?], segment s: Int) throws -> TermInfo? {
        if s < entries.count { return entries[s] }
        return try term.withUnsafeBufferPointer { try reader.segments[s].terms.lookup($0) }
    }

    private func makeScorer(_ plan: QueryPlan, segment s: Int) throws -> Scorer {
        let segment = reader.segments[s]
        switch plan {
        case .nothing:
            return EmptyScorer()
        case .all:
            return AllDocumentsScorer(count: segment.documentCount)
        case .dateRange(let range):
            return DateRangeScorer(columns: segment.columns, range: range, includeUndated: includeUndated)
        case .term(let t):
            guard let info = try entry(t.term, t.entries, segment: s) else { return EmptyScorer() }
            return try TermScorer(cursor: try segment.postings(info), term: t, bm25: bm25,
                                  columns: segment.columns, averageLength: reader.averageDocumentLength)
        case .phrase(let terms, let offsets, let slop, let field, let weight, let entries):
            var cursors: [PostingsCursor] = []
            cursors.reserveCapacity(terms.count)
            for (i, term) in terms.enumerated() {
                guard let info = try entry(term, entries[i], segment: s) else { return EmptyScorer() }
                cursors.append(try segment.postings(info, frequencies: false))
            }
            return try PhraseScorer(cursors: cursors, terms: terms, offsets: offsets, slop: slop, field: field,
                                    weight: weight, bm25: bm25, columns: segment.columns,
                                    averageLength: reader.averageDocumentLength)
        case .any(let plans):
            return disjunction(try plans.map { try makeScorer($0, segment: s) })
        case .boolean(let must, let should, let mustNot):
            let required = try must.map { try makeScorer($0, segment: s) }
            let optional = try should.map { try makeScorer($0, segment: s) }.filter { !($0 is EmptyScorer) }
            let excluded = try mustNot.map { try makeScorer($0, segment: s) }.filter { !($0 is EmptyScorer) }
            var scorer: Scorer
            if required.isEmpty {
                scorer = disjunction(optional)
            } else {
                if required.contains(where: { $0 is EmptyScorer }) { return EmptyScorer() }
                let conjunction = required.count == 1 ? required[0] : try ConjunctionScorer(required)
                scorer = optional.isEmpty ? conjunction : RequiredOptionalScorer(required: conjunction, optional: optional)
            }
            if scorer is EmptyScorer || excluded.isEmpty { return scorer }
            return try ExclusionScorer(include: scorer, exclude: disjunction(excluded))
        }
    }

    private func disjunction(_ scorers: [Scorer]) -> Scorer {
        let live = scorers.filter { !($0 is EmptyScorer) }
        if live.isEmpty { return EmptyScorer() }
        return live.count == 1 ? live[0] : DisjunctionScorer(live)
    }
}
