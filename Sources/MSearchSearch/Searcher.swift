import MSearchQuery
import MSearchAnalysis
import MSearchIndex

/// What a search returns: how many documents match in all, and the best of them.
public struct SearchResults: Sendable {
    public var total: Int
    public var hits: [Hit]
}

/// Runs queries against an open index: analyses query words as the index was analysed,
/// builds a scorer tree per segment and collects the top k with exact index-wide BM25.
public final class Searcher {
    public let reader: IndexReader
    public let bm25: BM25
    private let analyzer: Analyzer

    public init(reader: IndexReader, bm25: BM25 = BM25()) throws {
        self.reader = reader
        self.bm25 = bm25
        analyzer = try reader.makeAnalyzer()
    }

    /// The analysed form of a query word: usually one term, several for "Díaz-Canel".
    public func analyze(_ word: String) -> [[UInt8]] {
        var terms: [[UInt8]] = []
        var w = word
        w.withUTF8 { utf8 in analyzer.analyze(utf8) { term, _ in terms.append(Array(term)) } }
        return terms
    }

    /// Every analysed term the query looks for: what snippets highlight.
    public func highlightTerms(_ query: Query) -> [[UInt8]] {
        var seen = Set<[UInt8]>()
        var out: [[UInt8]] = []
        for w in query.words {
            for t in analyze(w) where seen.insert(t).inserted { out.append(t) }
        }
        return out
    }

    public func search(_ query: Query, limit: Int) throws -> SearchResults {
        let normalized = normalize(query)
        var top = TopHits(k: limit)
        var total = 0
        for (s, segment) in reader.segments.enumerated() {
            let base = reader.segmentBases[s]
            let scorer = try makeScorer(normalized, segment: segment)
            while scorer.doc != PostingsCursor.exhausted {
                total += 1
                top.insert(Hit(doc: base + Int(scorer.doc), score: scorer.score()))
                try scorer.next()
            }
        }
        return SearchResults(total: total, hits: top.sorted())
    }

    // MARK: Building scorers

    /// A term after analysis, with how often the query repeats it (repeats weigh more, as in
    /// Lucene: on long natural-language queries this is worth several points of nDCG).
    private struct WeightedTerm: Hashable {
        var term: [UInt8]
        var field: Field?
        var count: Int
    }

    private indirect enum Plan {
        case terms([WeightedTerm])                 // an OR of terms
        case allTerms([WeightedTerm])              // an AND of terms (one word that analyses to several)
        case or([Plan]), and([Plan])
        case not(Plan, Plan)
        case nothing
    }

    private func normalize(_ query: Query) -> Plan {
        switch query {
        case .term(let w, let field):
            let ts = analyze(w).map { WeightedTerm(term: $0, field: field, count: 1) }
            if ts.isEmpty { return .nothing }
            return ts.count == 1 ? .terms(ts) : .allTerms(ts)
        case .or(let qs):
            // Merge the plain terms of an OR so a repeated word is one clause with a higher weight.
            var merged: [WeightedTerm] = []
            var others: [Plan] = []
            for q in qs {
                switch normalize(q) {
                case .terms(let ts):
                    for t in ts {
                        if let i = merged.firstIndex(where: { $0.term == t.term && $0.field == t.field }) {
                            merged[i].count += t.count
                        } else { merged.append(t) }
                    }
                case .nothing: break
                case let p: others.append(p)
                }
            }
            if others.isEmpty { return merged.isEmpty ? .nothing : .terms(merged) }
            return .or((merged.isEmpty ? [] : [Plan.terms(merged)]) + others)
        case .and(let qs):
            return .and(qs.map(normalize))
        case .not(let include, let exclude):
            return .not(normalize(include), normalize(exclude))
        }
    }

    private func makeScorer(_ plan: Plan, segment: SegmentReader) throws -> Scorer {
        switch plan {
        case .nothing:
            return EmptyScorer()
        case .terms(let ts):
            let scorers = try ts.compactMap { try termScorer($0, segment: segment) }
            if scorers.isEmpty { return EmptyScorer() }
            return scorers.count == 1 ? scorers[0] : DisjunctionScorer(scorers)
        case .allTerms(let ts):
            var scorers: [Scorer] = []
            for t in ts {
                guard let s = try termScorer(t, segment: segment) else { return EmptyScorer() }
                scorers.append(s)
            }
            return try ConjunctionScorer(scorers)
        case .or(let ps):
            let scorers = try ps.map { try makeScorer($0, segment: segment) }.filter { !($0 is EmptyScorer) }
            if scorers.isEmpty { return EmptyScorer() }
            return scorers.count == 1 ? scorers[0] : DisjunctionScorer(scorers)
        case .and(let ps):
            let scorers = try ps.map { try makeScorer($0, segment: segment) }
            if scorers.contains(where: { $0 is EmptyScorer }) { return EmptyScorer() }
            return try ConjunctionScorer(scorers)
        case .not(let include, let exclude):
            let inc = try makeScorer(include, segment: segment)
            let exc = try makeScorer(exclude, segment: segment)
            if inc is EmptyScorer || exc is EmptyScorer { return inc }
            return try ExclusionScorer(include: inc, exclude: exc)
        }
    }

    private func termScorer(_ t: WeightedTerm, segment: SegmentReader) throws -> Scorer? {
        guard let info = try t.term.withUnsafeBufferPointer({ try segment.terms.lookup($0) }) else { return nil }
        let df = try t.term.withUnsafeBufferPointer { try reader.documentFrequency($0) }
        let weight = bm25.idf(documentFrequency: df, documentCount: reader.documentCount) * Double(t.count)
        return try TermScorer(cursor: try segment.postings(info), weight: weight, bm25: bm25,
                              columns: segment.columns, averageLength: reader.averageDocumentLength,
                              field: t.field)
    }
}
