import MSearchIndex

/// "More like this", after Lucene's `MoreLikeThis`: an article's most characteristic terms —
/// those of its title and body with the highest tf·idf, among terms neither rare (a typo, a
/// name met once) nor common (in more than a fraction of the articles) — become an OR query,
/// each term boosted by its score relative to the best one, and the index is searched with it.
/// The index keeps no term vectors, so the article's stored text is analysed again.
public struct MoreLikeThis: Sendable {
    /// Terms occurring fewer times in the article are ignored (Lucene's `minTermFreq`).
    public var minTermFrequency = 2
    /// Terms in fewer articles are ignored (Lucene's `minDocFreq`, 5 there): 2, the fewest that
    /// can find another article, so that a small archive gets an answer too.
    public var minDocumentFrequency = 2
    /// Terms in more than this fraction of the articles are ignored (Lucene's `maxDocFreqPct`).
    public var maxDocumentFraction = 0.5
    /// The query keeps this many terms (Lucene's `maxQueryTerms`).
    public var maxQueryTerms = 25

    public init() {}
}

extension Searcher {
    /// The articles most like index-wide document `doc`, as a page of `request` (whose
    /// `excluded` should hold `doc` itself, and its near-duplicates unless they are wanted),
    /// with the query's terms, best first.
    public func similar(to doc: Int, _ request: SearchRequest, options: MoreLikeThis = MoreLikeThis()) throws
    -> (results: SearchResults, terms: [String]) {
        let document = try reader.document(doc)
        var counts: [[UInt8]: Int] = [:]
        for text in [document.title, document.body] {
            analyzer.analyze(text) { term, _ in counts[Array(term), default: 0] += 1 }
        }
        let planner = self.planner
        let n = reader.documentCount
        let maxDf = options.maxDocumentFraction * Double(n)
        var scored: [(term: PlannedTerm, score: Double)] = []
        for (term, tf) in counts where tf >= options.minTermFrequency && term.first != 0x01 {
            guard !stopWords.contains(String(decoding: term, as: UTF8.self)) else { continue }
            let df = try term.withUnsafeBufferPointer { try reader.documentFrequency($0) }
            guard df >= options.minDocumentFrequency, Double(df) <= maxDf else { continue }
            let planned = try planner.plannedTerm(term, field: nil)
            scored.append((planned, Double(tf) * planned.idf))
        }
        scored.sort { $0.score != $1.score ? $0.score > $1.score : $0.term.term.lexicographicallyPrecedes($1.term.term) }
        let chosen = scored.prefix(options.maxQueryTerms)
        guard let best = chosen.first?.score, best > 0 else {
            return (SearchResults(total: 0, hits: []), [])
        }
        let should: [QueryPlan] = chosen.map { c in
            var t = c.term
            t.count = c.score / best
            return .term(t)
        }
        let plan = QueryPlan.boolean(must: [], should: should, mustNot: [])
        return (try search(plan, terms: plan, request), chosen.map { String(decoding: $0.term.term, as: UTF8.self) })
    }
}
