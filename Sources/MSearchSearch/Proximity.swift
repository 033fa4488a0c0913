import MSearchIndex

/// Term proximity, after Rasolofo & Savoy's BM25TP: documents where the query's words stand
/// close together rank higher. Only the first pass's top `rerankDepth` hits are re-scored (the
/// rest keep their order below them), so positions are read for a few documents, not for every
/// match, and the first page is the same whatever the limit.
///
/// For each pair of distinct query words (i, j), acc(i, j) sums 1/d² over their occurrences at
/// most `proximityWindow` positions apart (d ≥ 1); the bonus is
/// `proximity × Σ min(idf_i, idf_j) × acc·(k1 + 1) / (acc + k1·(1 − b + b·dl/avgdl))`.
extension Searcher {
    struct ProximityTerm {
        var term: [UInt8]
        var idf: Double
    }

    /// The scored single terms of a plan (not excluded ones, not prefix expansions), once each.
    func proximityTerms(_ plan: QueryPlan) -> [ProximityTerm] {
        var out: [ProximityTerm] = []
        var seen: [[UInt8]: Int] = [:]
        func walk(_ p: QueryPlan) {
            switch p {
            case .term(let t):
                if let i = seen[t.term] { out[i].idf = max(out[i].idf, t.idf); return }
                seen[t.term] = out.count
                out.append(ProximityTerm(term: t.term, idf: t.idf))
            case .boolean(let must, let should, _):
                (must + should).forEach(walk)
            case .phrase, .any, .dateRange, .all, .nothing:
                return
            }
        }
        walk(plan)
        return out
    }

    /// Re-ranks the top hits of `plan` by BM25 plus the proximity bonus of `terms`' words.
    func proximityRerank(_ plan: QueryPlan, terms: QueryPlan, limit: Int, facets: Bool, actorLimit: Int,
                         exactTotal: Bool) throws -> SearchResults {
        let depth = max(1, ranking.rerankDepth)
        var results = try collect(plan, limit: max(limit, depth), facets: facets, actorLimit: actorLimit,
                                  exactTotal: exactTotal)
        let words = proximityTerms(terms)
        if words.count > 1 && !results.hits.isEmpty {
            // Only the first `depth` are re-scored; the rest keep their order below them.
            var head = Array(results.hits.prefix(depth))
            let bonus = try proximityBonuses(head.map(\.doc), terms: words)
            for i in head.indices { head[i].score += bonus[i] }
            head.sort { $0.score != $1.score ? $0.score > $1.score : reader.externalIdPrecedes($0.doc, $1.doc) }
            results.hits.replaceSubrange(0..<head.count, with: head)
        }
        if results.hits.count > limit { results.hits.removeLast(results.hits.count - limit) }
        return results
    }

    func explainProximity(_ base: Explanation, terms: QueryPlan, doc: Int) throws -> Explanation {
        let words = proximityTerms(terms)
        guard words.count > 1 else { return base }
        let bonus = try proximityBonuses([doc], terms: words)[0]
        guard bonus > 0 else { return base }
        return Explanation(base.value + bonus, "BM25 plus term proximity", [
            base,
            Explanation(bonus, "proximity: pairs of query words within \(ranking.proximityWindow) positions, "
                        + "Σ min idf × saturated Σ 1/distance², × \(ranking.proximity)"),
        ])
    }

    /// The proximity bonus of each document (index-wide numbers), in the order given.
    func proximityBonuses(_ docs: [Int], terms: [ProximityTerm]) throws -> [Double] {
        var bonus = [Double](repeating: 0, count: docs.count)
        let t = terms.count
        let window = max(1, ranking.proximityWindow)
        let k1 = bm25.k1, b = bm25.b, avgdl = max(reader.averageDocumentLength, 1)
        // Pair weights min(idf_i, idf_j), and per-document accumulators with the pairs touched.
        var pairWeight = [Double](repeating: 0, count: t * t)
        for i in 0..<t { for j in 0..<t { pairWeight[i * t + j] = min(terms[i].idf, terms[j].idf) } }
        var acc = [Double](repeating: 0, count: t * t)
        var touched: [Int] = []
        var occurrences: [(position: Int, term: Int)] = []

        var bySegment: [Int: [(local: Int, index: Int)]] = [:]
        for (i, d) in docs.enumerated() {
            let (s, local) = reader.locate(d)
            bySegment[s, default: []].append((local, i))
        }
        for (s, entries) in bySegment {
            let segment = reader.segments[s]
            var cursors: [PostingsCursor?] = []
            for term in terms {
                if let info = try term.term.withUnsafeBufferPointer({ try segment.terms.lookup($0) }) {
                    let c = try segment.postings(info)
                    try c.start()
                    cursors.append(c)
                } else {
                    cursors.append(nil)
                }
            }
            for (local, index) in entries.sorted(by: { $0.local < $1.local }) {
                occurrences.removeAll(keepingCapacity: true)
                var present = 0
                for (k, cursor) in cursors.enumerated() {
                    guard let cursor else { continue }
                    try cursor.advance(to: Int32(local))
                    guard cursor.doc == Int32(local) else { continue }
                    present += 1
                    try cursor.forEachPosition { occurrences.append((Int($0), k)) }
                }
                guard present > 1 else { continue }
                occurrences.sort { $0.position < $1.position }
                for i in 0..<occurrences.count {
                    let (p, a) = occurrences[i]
                    var j = i + 1
                    while j < occurrences.count && occurrences[j].position - p <= window {
                        let (q, c) = occurrences[j]
                        if c != a && q > p {
                            let key = min(a, c) * t + max(a, c)
                            if acc[key] == 0 { touched.append(key) }
                            let d = Double(q - p)
                            acc[key] += 1 / (d * d)
                        }
                        j += 1
                    }
                }
                let dl = Double(segment.columns.titleLength(local)) + Double(segment.columns.bodyLength(local))
                let norm = k1 * (1 - b + b * dl / avgdl)
                var sum = 0.0
                for key in touched {
                    sum += pairWeight[key] * acc[key] * (k1 + 1) / (acc[key] + norm)
                    acc[key] = 0
                }
                touched.removeAll(keepingCapacity: true)
                bonus[index] = ranking.proximity * sum
            }
        }
        return bonus
    }
}
