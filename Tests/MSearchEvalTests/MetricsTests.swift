import Testing
@testable import MSearchEval

/// Hand-computed cases for each measure, with trec_eval's conventions.
@Suite struct MetricsTests {
    // q1: d1 rel 2, d2 rel 1, d4 rel 1 (three relevant), d3 judged not relevant.
    let judged = ["d1": 2, "d2": 1, "d3": 0, "d4": 1]
    // Scores tie between d2 and d5: trec_eval puts the larger id first (d5).
    let run = [ScoredDocument(id: "d3", score: 3), ScoredDocument(id: "d1", score: 2),
               ScoredDocument(id: "d2", score: 1), ScoredDocument(id: "d5", score: 1)]

    @Test func runsAreReorderedByScoreThenIdDescending() {
        #expect(Metrics.trecOrder(run) == ["d3", "d1", "d5", "d2"])
    }

    @Test func gradedNDCGUsesLinearGainsAndLog2Discount() {
        // DCG = 2/log2(3) + 1/log2(5); ideal = 2/1 + 1/log2(3) + 1/log2(4).
        let v = Metrics.ndcg(Metrics.trecOrder(run), judged, k: 10)
        #expect(abs(v - 0.5405857679450102) < 1e-12)
        #expect(Metrics.ndcg(["d1", "d2", "d4"], judged, k: 10) == 1)
        #expect(Metrics.ndcg(["d3"], judged, k: 10) == 0)
        // Only the first k count: the relevant document at rank 2 is cut off at k = 1.
        #expect(Metrics.ndcg(["d3", "d1"], judged, k: 1) == 0)
    }

    @Test func averagePrecisionDividesByEveryRelevantDocument() {
        // Relevant at ranks 2 and 4: (1/2 + 2/4) / 3.
        let v = Metrics.averagePrecision(Metrics.trecOrder(run), judged, k: 100)
        #expect(abs(v - 1.0 / 3) < 1e-12)
        // A relevant document beyond k adds nothing.
        let long = (0..<100).map { "x\($0)" } + ["d1"]
        #expect(Metrics.averagePrecision(long, judged, k: 100) == 0)
        #expect(Metrics.averagePrecision(["d1", "d2", "d4"], judged, k: 100) == 1)
    }

    @Test func precisionDividesByKAndRecallByRelevant() {
        let ranked = Metrics.trecOrder(run)
        #expect(Metrics.precision(ranked, judged, k: 10) == 0.2)
        #expect(abs(Metrics.recall(ranked, judged, k: 100) - 2.0 / 3) < 1e-12)
        #expect(Metrics.recall(ranked, judged, k: 1) == 0)
    }

    @Test func meansCountMissingQueriesAsZeroAndSkipQueriesWithoutRelevantDocuments() throws {
        let qrels = try Qrels(parsing: """
            q1 0 d1 2
            q1 0 d2 1
            q1 0 d3 0
            q1 0 d4 1
            q2 0 d9 1

            q3 0 d1 0
            """)
        #expect(qrels.judgedQueries == ["q1", "q2"])
        let e = Evaluation(runs: ["q1": run, "q3": run], qrels: qrels)
        #expect(e.queryCount == 2)
        #expect(abs(e.means[.nDCG10]! - 0.5405857679450102 / 2) < 1e-12)
        #expect(abs(e.means[.ap100]! - 1.0 / 6) < 1e-12)
        #expect(abs(e.means[.p10]! - 0.1) < 1e-12)
        #expect(abs(e.means[.r100]! - 1.0 / 3) < 1e-12)
        #expect(e.perQuery.map(\.qid) == ["q1", "q2"])
        #expect(e.perQuery[1].values[.nDCG10] == 0)
    }

    @Test func qrelsRejectMalformedLinesAndSortQueryIdsNaturally() {
        #expect(throws: EvaluationError.self) { try Qrels(parsing: "1 0 d1\n") }
        #expect(throws: EvaluationError.self) { try Qrels(parsing: "1 0 d1 high\n") }
        #expect(["10", "2", "1"].sorted(by: Qrels.naturalOrder) == ["1", "2", "10"])
    }
}
