import MSearchIndex

/// RM3 pseudo-relevance feedback (Lavrenko & Croft's relevance model, interpolated with the
/// query as Anserini does). The first pass's top documents are re-analysed from the store (the
/// index keeps no term vectors); for each term, P(t|D) = tf / (|D| + μ) weighted by the
/// document's BM25 score and summed; the best terms join the query. μ = 0 is Anserini's
/// maximum-likelihood model; a μ > 0 (Dirichlet smoothing, leaving out the collection part,
/// which the document-frequency cut removes anyway) keeps very short documents, such as
/// title-only records, from dominating the model with their few words.
///
/// Interpolation: the query's own words have weights count/Q (Q = their total count); the
/// expanded query gives each term `α·count/Q + (1 − α)·P(t|R)`. Scaled by Q/α, the original
/// words keep their counts and each feedback term is added with `(1 − α)/α · Q · P(t|R)`, so
/// phrases and required clauses of the original keep their scale.
extension Searcher {
    func expand(_ plan: QueryPlan, _ options: FeedbackOptions) throws -> QueryPlan {
        guard options.terms > 0, options.documents > 0, options.originalWeight < 1 else { return plan }
        let first = try collect(plan, SearchRequest(limit: options.documents, exactTotal: false), depth: options.documents)
        guard !first.hits.isEmpty else { return plan }

        var model: [[UInt8]: Double] = [:]
        var counts: [[UInt8]: Int] = [:]
        for hit in first.hits where hit.score > 0 {
            let doc = try reader.document(hit.doc)
            counts.removeAll(keepingCapacity: true)
            var length = 0
            for text in [doc.title, doc.body] {
                analyzer.analyze(text) { term, _ in
                    length += 1
                    if term.count > 1 { counts[Array(term), default: 0] += 1 }
                }
            }
            guard length > 0 else { continue }
            let denominator = Double(length) + options.smoothing
            for (term, c) in counts { model[term, default: 0] += Double(c) / denominator * hit.score }
        }

        // The best terms, skipping stop words and terms too common to tell documents apart.
        var stopTerms = Set<[UInt8]>()
        for word in StopWordList.english.words {
            analyzer.analyze(word) { term, _ in stopTerms.insert(Array(term)) }
        }
        let n = reader.documentCount
        let maxDf = options.maxDocumentFraction * Double(n)
        var chosen: [(term: [UInt8], weight: Double, df: Int)] = []
        let ranked = model.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key.lexicographicallyPrecedes($1.key) }
        for (term, weight) in ranked {
            if chosen.count == options.terms { break }
            if stopTerms.contains(term) { continue }
            let df = try term.withUnsafeBufferPointer { try reader.documentFrequency($0) }
            if Double(df) > maxDf { continue }
            chosen.append((term, weight, df))
        }
        let total = chosen.reduce(0) { $0 + $1.weight }
        guard total > 0 else { return plan }

        // The original's optional single words (Q = their summed counts), where feedback merges in.
        var should = [plan], must: [QueryPlan] = [], mustNot: [QueryPlan] = []
        if case .boolean(let m, let s, let x) = plan { must = m; should = s; mustNot = x }
        var q = 0.0
        var slot: [[UInt8]: Int] = [:]
        for (i, p) in should.enumerated() {
            if case .term(let t) = p, t.field == nil { q += t.count; slot[t.term] = i }
        }
        let alpha = max(options.originalWeight, 1e-6)
        let scale = (1 - alpha) / alpha * max(q, 1) / total
        for c in chosen {
            let extra = c.weight * scale
            if let i = slot[c.term], case .term(var t) = should[i] {
                t.count += extra
                should[i] = .term(t)
            } else {
                should.append(.term(PlannedTerm(term: c.term, field: nil,
                                                idf: bm25.idf(documentFrequency: c.df, documentCount: n), count: extra)))
            }
        }
        return .boolean(must: must, should: should, mustNot: mustNot)
    }
}
