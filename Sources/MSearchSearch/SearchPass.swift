import MSearchIndex

/// From a planned query to results: the request's collectors composed, and one pass over each
/// segment's matches to feed them.
extension Searcher {
    /// The first `depth` hits of `plan` in the request's order (the page is cut by `search`),
    /// with the total and facets it asks for.
    func collect(_ plan: QueryPlan, _ request: SearchRequest, depth: Int) throws -> SearchResults {
        let tieBreak = reader.externalIdPrecedes
        switch request.order {
        case .score:
            return try collect(plan, request, hits: TopScoreCollector(k: depth, tieBreak: tieBreak))
        case .date(let order):
            return try collect(plan, request, hits: TopDateCollector(k: depth, order: order, tieBreak: tieBreak))
        case .scoreCollapsed(let key):
            return try collect(plan, request, hits: CollapseCollector(k: depth, key: key, tieBreak: tieBreak))
        case .dateCollapsed(let order, let key):
            return try collect(plan, request, hits: CollapseCollector(k: depth, order: order, key: key, tieBreak: tieBreak))
        }
    }

    private func collect<Hits: Collector>(_ plan: QueryPlan, _ request: SearchRequest, hits: Hits) throws -> SearchResults
    where Hits.Output == [Hit] {
        let pair = CollectorPair(hits, CollectorPair(CountCollector(exact: request.exactTotal),
                                                     request.facetActors.map { FacetCollector(actorLimit: $0) }))
        let sawEveryMatch: Bool
        let top: [Hit], count: Int, facets: FacetCounts?
        let groups: Int?
        if request.excluded.isEmpty {
            var collector = pair
            sawEveryMatch = try run(plan, into: &collector)
            (top, (count, facets)) = collector.finish()
            groups = (collector.first as? GroupCounting)?.groupCount
        } else {
            var collector = ExcludingCollector(pair, excluding: request.excluded)
            sawEveryMatch = try run(plan, into: &collector)
            (top, (count, facets)) = collector.finish()
            groups = (collector.inner.first as? GroupCounting)?.groupCount
        }
        // After MaxScore the count is of the documents it offered; the hits kept are the total
        // callers have always been given then (a lower bound).
        return SearchResults(total: sawEveryMatch ? count : top.count, totalIsExact: sawEveryMatch, hits: top, facets: facets,
                             groups: groups)
    }

    /// Feeds every segment's matches of `plan` to `collector`. When the collector accepts
    /// pruning and the plan is an OR of plain terms, MaxScore scores the segment and skips the
    /// documents below the collector's threshold; otherwise the scorer tree visits every match.
    /// Returns whether every match was visited (no pruning).
    @discardableResult
    func run<C: Collector>(_ plan: QueryPlan, into collector: inout C) throws -> Bool {
        let prunable = collector.acceptsPruning ? QueryPlan.plainTermDisjunction(plan) : nil
        for (s, segment) in reader.segments.enumerated() {
            collector.startSegment(segment, base: reader.segmentBases[s])
            if let terms = prunable {
                var scorers: [TermScorer] = []
                for t in terms {
                    guard let info = try entry(t.term, t.entries, segment: s) else { continue }
                    scorers.append(try TermScorer(cursor: try segment.postings(info), term: t, bm25: bm25,
                                                  columns: segment.columns, averageLength: reader.averageDocumentLength))
                }
                try MaxScoreDisjunction(scorers).collect(into: &collector,
                                                         isDeleted: segment.deletes == nil ? nil : segment.isDeleted)
            } else {
                let scorer = try liveOnly(try makeScorer(plan, segment: s), segment: segment)
                // The loop works on a local (moved, not copied) so the collector's scalars can
                // live in registers across the scorer's calls.
                var local = consume collector
                defer { collector = local }
                while scorer.doc != PostingsCursor.exhausted {
                    local.collect(scorer.doc, score: scorer.score())
                    try scorer.next()
                }
            }
        }
        return prunable == nil
    }
}
