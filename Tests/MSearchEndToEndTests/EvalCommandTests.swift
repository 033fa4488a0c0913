import Foundation
import Testing
import MSearchTestSupport

/// `msearch eval`: hand-computed measures on a tiny collection, and agreement with the peers'
/// evaluator (ir-measures / trec_eval semantics) on Cranfield.
@Suite struct EvalCommandTests {
    /// Three documents; q1 finds d1 only (d3 is relevant but says "Cuban"), q2 has query syntax
    /// that does not parse, q3 finds nothing, q4 has no relevant document (not counted).
    func tinyCollection() throws -> TemporaryDirectory {
        let dir = TemporaryDirectory("e2e")
        try dir.write("c.jsonl", """
            {"id": "d1", "title": "Cuba talks", "date": null, "body": "Havana and Washington resume migration talks."}
            {"id": "d2", "title": "Visa rules", "date": null, "body": "New visa rules for travellers."}
            {"id": "d3", "title": "Baseball", "date": null, "body": "Cuban players in the league."}

            """)
        try dir.write("q.tsv", "q1\tcuba talks\nq2\tvisa (rules\nq3\tnothing here\nq4\tvisa\n")
        try dir.write("qrels.txt", "q1 0 d1 2\nq1 0 d3 1\nq2 0 d2 1\nq3 0 d2 1\nq4 0 d1 0\n")
        return dir
    }

    func values(_ output: String) -> [String: Double] {
        var v: [String: Double] = [:]
        for line in output.split(separator: "\n") {
            let f = line.split(separator: " ", omittingEmptySubsequences: true)
            if f.count == 2, let x = Double(f[1]) { v[String(f[0])] = x }
        }
        return v
    }

    @Test func measuresOnATinyCollectionMatchHandComputation() throws {
        let dir = try tinyCollection()
        let r = try MSearchBinary.run(["eval", "--corpus", dir.path + "/c.jsonl", "--queries", dir.path + "/q.tsv",
                                       "--qrels", dir.path + "/qrels.txt", "--per-query"])
        #expect(r.status == 0, "\(r.stderr)")
        // q1: d1 (gain 2) at rank 1 of an ideal 2, 1: nDCG = 2 / (2 + 1/log2 3); AP = 1/2; P@10 = 0.1; R = 1/2.
        // q2 (plain words: visa, rules): d2 first, all measures 1 but P@10 0.1. q3: nothing, 0.
        #expect(r.stdout.hasPrefix("""
            q1 nDCG@10=0.7602 AP@100=0.5000 P@10=0.1000 R@100=0.5000
            q2 nDCG@10=1.0000 AP@100=1.0000 P@10=0.1000 R@100=1.0000
            q3 nDCG@10=0.0000 AP@100=0.0000 P@10=0.0000 R@100=0.0000
            nDCG@10  0.5867
            AP@100   0.5000
            P@10     0.0667
            R@100    0.5000
            queries  3
            """), "\(r.stdout)")
        #expect(r.stderr.contains("4 queries in"))
    }

    @Test func queriesThatDoNotParseCountZero() throws {
        let dir = try tinyCollection()
        let r = try MSearchBinary.run(["eval", "--corpus", dir.path + "/c.jsonl", "--queries", dir.path + "/q.tsv",
                                       "--qrels", dir.path + "/qrels.txt", "--syntax", "query"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(abs((values(r.stdout)["nDCG@10"] ?? -1) - 0.7602 / 3) < 1e-4, "\(r.stdout)")
        #expect(r.stderr.contains("query q2 counts 0"))
        #expect(r.stderr.contains("1 failed to parse"))
    }

    @Test func usageErrors() throws {
        let dir = try tinyCollection()
        let none = try MSearchBinary.run(["eval", "--queries", dir.path + "/q.tsv", "--qrels", dir.path + "/qrels.txt"])
        #expect(none.status == 2)
        #expect(none.stderr.contains("--corpus"))
        try dir.write("bad.txt", "q1 0 d1\n")
        let bad = try MSearchBinary.run(["eval", "--corpus", dir.path + "/c.jsonl", "--queries", dir.path + "/q.tsv",
                                         "--qrels", dir.path + "/bad.txt"])
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("qrels line 1"))
    }

    /// The numbers `msearch eval` prints for Cranfield equal, to the digit, those of
    /// ../shared/peers/evaluate.py (ir-measures when installed) on the run it writes; and the
    /// default ranking stays above the best peer's nDCG@10 there (0.3695, bm25s).
    @Test(.enabled(if: TestData.shared != nil && EvalCommandTests.hasPython, "needs ../shared and python3"))
    func cranfieldAgreesWithTheSharedEvaluator() throws {
        let shared = TestData.shared!
        let work = TemporaryDirectory("e2e")
        let convert = try MSearchBinary.runShell(
            "python3 \(shared)/peers/convert_cranfield.py \(shared)/corpora/cranfield --out-dir \(work.path)")
        try #require(convert.status == 0, "\(convert.stderr)")
        let r = try MSearchBinary.run(["eval", "--corpus", work.path + "/cranfield.jsonl",
                                       "--queries", work.path + "/cranfield-queries.tsv",
                                       "--qrels", work.path + "/cranfield-qrels.txt",
                                       "--run", work.path + "/run.trec", "--per-query"])
        #expect(r.status == 0, "\(r.stderr)")
        let python = try MSearchBinary.runShell(
            "python3 \(shared)/peers/evaluate.py --qrels \(work.path)/cranfield-qrels.txt --run \(work.path)/run.trec --per-query")
        #expect(python.status == 0, "\(python.stderr)")
        // Same lines (per-query lines come in natural qid order from msearch, string order from Python).
        #expect(r.stdout.split(separator: "\n").sorted() == python.stdout.split(separator: "\n").sorted())
        #expect(r.stdout.split(separator: "\n").count == 225 + 5)
        #expect(values(r.stdout)["queries"] == 225)
        #expect((values(r.stdout)["nDCG@10"] ?? 0) > 0.3695, "\(r.stdout.suffix(120))")
    }

    static let hasPython: Bool = (try? MSearchBinary.runShell("command -v python3").status) == 0
}
