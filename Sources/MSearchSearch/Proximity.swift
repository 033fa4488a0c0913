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
        var entries: [TermInfo?]
        /// Which query word the term is a form of: the forms of one word in several languages
        /// (`deport` in Spanish, `deportacion` unstemmed) share it and never pair with each other.
        var word: Int
    }

    /// The scored single terms of a plan (not excluded ones, not prefix expansions), once each.
    /// A word analysed differently per language is an `.any` of its forms (QueryPlanner's
    /// `plan(phrase:)`): each form counts, as a form of that one word.
    func proximityTerms(_ plan: QueryPlan) -> [ProximityTerm] {
        var out: [ProximityTerm] = []
        var seen: [[UInt8]: Int] = [:]
        var words = 0
        func add(_ t: PlannedTerm, word: Int) {
            if let i = seen[t.term] { out[i].idf = max(out[i].idf, t.idf); return }
            seen[t.term] = out.count
            out.append(ProximityTerm(term: t.term, idf: t.idf, entries: t.entries, word: word))
        }
        func walk(_ p: QueryPlan) {
            switch p {
            case .term(let t):
                add(t, word: words)
                words += 1
            case .boolean(let must, let should, _):
                (must + should).forEach(walk)
            case .any(let plans):
                // Forms of one word (no prefix expansion among them); any other alternatives
                // (prefix expansions, phrases) take no part, as before languages.
                var forms: [PlannedTerm] = []
                for p in plans {
                    guard case .term(let t) = p, !t.isExpansion else { return }
                    forms.append(t)
                }
                for t in forms { add(t, word: words) }
                words += 1
            case .phrase, .dateRange, .language, .all, .nothing:
                return
            }
        }
        walk(plan)
        // The 255 rarest at most (positions carry the term number in 8 bits; long pasted texts).
        if out.count > 255 { out = Array(out.sorted { $0.idf > $1.idf }.prefix(255)) }
        return out
    }

    /// The first `limit` hits of `plan` (in a score order) with the top `rerankDepth` re-ranked
    /// by BM25 plus the proximity bonus of `terms`' words.
    func proximityRerank(_ plan: QueryPlan, terms: QueryPlan, _ request: SearchRequest, depth limit: Int) throws -> SearchResults {
        let depth = max(1, ranking.rerankDepth)
        var results = try collect(plan, request, depth: max(limit, depth))
        let words = proximityTerms(terms)
        if Set(words.map(\.word)).count > 1 && !results.hits.isEmpty {
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
        guard Set(words.map(\.word)).count > 1 else { return base }
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
        // Occurrences of the current document as position << 8 | term, sorted as plain integers.
        var occurrences: [Int] = []
        occurrences.reserveCapacity(64)

        // Documents in index order, so segments come one after the other and cursors only move forward.
        let order = docs.indices.sorted { docs[$0] < docs[$1] }
        var segmentIndex = -1
        var segment: SegmentReader? = nil
        var cursors: [PostingsCursor?] = []
        for index in order {
            let (s, local) = reader.locate(docs[index])
            if s != segmentIndex {
                segmentIndex = s
                let seg = reader.segments[s]
                segment = seg
                cursors = try terms.map { term in
                    guard let info = try entry(term.term, term.entries, segment: s) else { return nil }
                    let c = try seg.postings(info, frequencies: false)
                    try c.start()
                    return c
                }
            }
            occurrences.removeAll(keepingCapacity: true)
            var present = 0
            for k in 0..<t {
                guard let cursor = cursors[k] else { continue }
                try cursor.advance(to: Int32(local))
                guard cursor.doc == Int32(local) else { continue }
                present += 1
                try cursor.forEachPosition { occurrences.append(Int($0) << 8 | k) }
            }
            guard present > 1, let segment else { continue }
            occurrences.sort()
            let n = occurrences.count
            for i in 0..<n {
                let p = occurrences[i] >> 8, a = occurrences[i] & 0xFF
                var j = i + 1
                while j < n {
                    let q = occurrences[j] >> 8
                    if q - p > window { break }
                    let c = occurrences[j] & 0xFF
                    if terms[c].word != terms[a].word && q > p {
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
        return bonus
    }
}
