import Foundation

/// Retrieval-quality measures with trec_eval's semantics, so numbers printed by `msearch eval`
/// equal those of `trec_eval -c` / ir-measures (and `../shared/peers/evaluate.py`) on the same run:
///
/// - A run is re-ordered as trec_eval does: score descending, ties by document id descending.
/// - Relevant means rel > 0. nDCG's gain is rel itself (graded, linear), discounted by log2(rank + 1);
///   the ideal ranking is built from every judged document of the query.
/// - AP@k sums precision at each relevant document within the first k and divides by all relevant
///   documents in the qrels; R@k divides by the same; P@k always divides by k.
/// - Means are over the qrels queries with at least one relevant document; a query the run lacks
///   (or one that failed) counts 0.
public enum Measure: String, CaseIterable, Sendable {
    case nDCG10 = "nDCG@10"
    case ap100 = "AP@100"
    case p10 = "P@10"
    case r100 = "R@100"
}

/// Relevance judgements: query id → document id → grade (TREC qrels: `qid iter docid rel`).
public struct Qrels: Sendable {
    public var judgements: [String: [String: Int]]

    public init(_ judgements: [String: [String: Int]]) { self.judgements = judgements }

    /// Parses TREC qrels text; blank lines are skipped. Throws on a line with fewer than four fields.
    public init(parsing text: String) throws {
        var j: [String: [String: Int]] = [:]
        for (n, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let f = line.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\r" })
            if f.isEmpty { continue }
            guard f.count >= 4, let rel = Int(f[3]) else { throw EvaluationError.badQrelsLine(n + 1, String(line)) }
            j[String(f[0]), default: [:]][String(f[2])] = rel
        }
        judgements = j
    }

    /// The queries that count: those with at least one relevant document.
    public var judgedQueries: [String] {
        judgements.filter { $0.value.values.contains { $0 > 0 } }.keys.sorted(by: Qrels.naturalOrder)
    }

    /// "2" before "10"; used for printing per-query lines.
    public static func naturalOrder(_ a: String, _ b: String) -> Bool {
        if let x = Int(a), let y = Int(b) { return x != y ? x < y : a < b }
        return Array(a.utf8).lexicographicallyPrecedes(Array(b.utf8))
    }
}

public enum EvaluationError: Error, CustomStringConvertible {
    case badQrelsLine(Int, String)
    public var description: String {
        switch self {
        case .badQrelsLine(let n, let line): return "qrels line \(n) is not 'qid iter docid rel': \(line)"
        }
    }
}

/// One retrieved document and its score.
public struct ScoredDocument: Sendable, Equatable {
    public var id: String
    public var score: Double
    public init(id: String, score: Double) { self.id = id; self.score = score }
}

public enum Metrics {
    /// Document ids in trec_eval's order: score descending, then id descending (byte-wise).
    public static func trecOrder(_ run: [ScoredDocument]) -> [String] {
        run.sorted { a, b in
            a.score != b.score ? a.score > b.score : Array(b.id.utf8).lexicographicallyPrecedes(Array(a.id.utf8))
        }.map(\.id)
    }

    /// nDCG@k with gain = grade (negative grades count 0) and discount log2(rank + 1).
    public static func ndcg(_ ranked: [String], _ judged: [String: Int], k: Int) -> Double {
        var dcg = 0.0
        for (i, d) in ranked.prefix(k).enumerated() { dcg += Double(max(judged[d] ?? 0, 0)) / log2(Double(i + 2)) }
        let ideal = judged.values.map { max($0, 0) }.sorted(by: >).prefix(k)
        var idcg = 0.0
        for (i, g) in ideal.enumerated() { idcg += Double(g) / log2(Double(i + 2)) }
        return idcg > 0 ? dcg / idcg : 0
    }

    /// AP@k: the sum of precision at each relevant document within the first k, over all relevant.
    public static func averagePrecision(_ ranked: [String], _ judged: [String: Int], k: Int) -> Double {
        let relevant = judged.values.filter { $0 > 0 }.count
        guard relevant > 0 else { return 0 }
        var found = 0, sum = 0.0
        for (i, d) in ranked.prefix(k).enumerated() where (judged[d] ?? 0) > 0 {
            found += 1
            sum += Double(found) / Double(i + 1)
        }
        return sum / Double(relevant)
    }

    /// P@k: relevant documents among the first k, divided by k (even when fewer were retrieved).
    public static func precision(_ ranked: [String], _ judged: [String: Int], k: Int) -> Double {
        Double(ranked.prefix(k).filter { (judged[$0] ?? 0) > 0 }.count) / Double(k)
    }

    /// R@k: relevant documents among the first k, over all relevant documents.
    public static func recall(_ ranked: [String], _ judged: [String: Int], k: Int) -> Double {
        let relevant = judged.values.filter { $0 > 0 }.count
        guard relevant > 0 else { return 0 }
        return Double(ranked.prefix(k).filter { (judged[$0] ?? 0) > 0 }.count) / Double(relevant)
    }

    /// Every measure for one query's run (in any order; it is re-ordered as trec_eval does).
    public static func measure(_ run: [ScoredDocument], _ judged: [String: Int]) -> [Measure: Double] {
        let ranked = trecOrder(run)
        return [.nDCG10: ndcg(ranked, judged, k: 10), .ap100: averagePrecision(ranked, judged, k: 100),
                .p10: precision(ranked, judged, k: 10), .r100: recall(ranked, judged, k: 100)]
    }
}

/// The measures of a whole run: per judged query, and their means.
public struct Evaluation: Sendable {
    /// (query id, measures), in natural query-id order.
    public var perQuery: [(qid: String, values: [Measure: Double])]
    public var means: [Measure: Double]
    public var queryCount: Int { perQuery.count }

    /// Evaluates `runs` (query id → retrieved documents) against `qrels`.
    public init(runs: [String: [ScoredDocument]], qrels: Qrels) {
        perQuery = qrels.judgedQueries.map { q in
            (q, Metrics.measure(runs[q] ?? [], qrels.judgements[q] ?? [:]))
        }
        var m: [Measure: Double] = [:]
        for measure in Measure.allCases {
            m[measure] = perQuery.isEmpty ? 0 : perQuery.reduce(0) { $0 + ($1.values[measure] ?? 0) } / Double(perQuery.count)
        }
        means = m
    }
}
