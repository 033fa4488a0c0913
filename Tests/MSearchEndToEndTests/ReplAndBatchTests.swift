import Foundation
import Testing
import MSearchTestSupport

/// The REPL and batch mode, driven through the real binary.
@Suite(.serialized) struct ReplAndBatchTests {
    var index: String { SeedSearchTests.index.path }

    @Test func replAnswersQueriesKeepsFiltersAndSurvivesBadInput() throws {
        let script = """
        havana
        :limit 1
        cuba
        :more
        :from 2030
        :filters
        cuba
        :clear
        bad (query
        "unclosed
        :nonsense
        :show 1
        :stats
        cuba
        :quit
        never reached
        """
        // The whole session: :more shows rank 2, the :from filter persists until :clear, each
        // error has its caret and the next query still runs, nothing after :quit is read.
        Golden.check(try transcript(["repl", "--index", index, "--color", "never"], stdin: script + "\n"), named: "repl-session")
    }

    @Test func replOnATerminalKeepsHistoryAcrossSessions() throws {
        let history = TemporaryDirectory("e2e")
        let path = history.path + "/history"
        // script(1) gives the REPL a pseudo-terminal, so libedit is in charge of the line.
        let command = "\(MSearchBinary.path) repl --index \(index) --color never"
        let r = try MSearchBinary.runShell("script -qec '\(command)' /dev/null", stdin: "havana talks\n:quit\n",
                                           environment: ["MSEARCH_HISTORY": path])
        #expect(r.stdout.contains("msearch>"))
        #expect(r.stdout.contains("matching article"))
        let saved = try String(contentsOfFile: path, encoding: .utf8)
        #expect(saved.contains("havana"))
    }

    @Test func batchWritesOneJSONRecordPerQueryInOrderAndReportsBadLines() throws {
        let queries = "q1\thavana\nq2\t\"deportation flights\"\nq3\tbad (query\n\n# a comment\ncuba date:2030\n"
        let r = try MSearchBinary.run(["batch", "--index", index, "--limit", "2"], stdin: queries)
        #expect(r.status == 2)                         // one line failed
        let lines = r.stdout.split(separator: "\n")
        #expect(lines.count == 4)
        let records = try lines.map { try JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any] }
        #expect(records.map { $0["qid"] as? String } == ["q1", "q2", "q3", "6"])
        #expect((records[0]["hits"] as? [Any])?.count == 2)
        #expect(records[0]["total"] as? Int == 5)
        let q2 = (records[1]["hits"] as? [[String: Any]]) ?? []
        #expect(q2.first?["id"] as? String == "000_c4b4ea99a195a7db")
        let error = records[2]["error"] as? [String: Any]
        #expect(error?["message"] as? String == "unbalanced parenthesis")
        #expect(error?["position"] as? Int == 4)
        #expect(records[3]["total"] as? Int == 0)   // the line's own date filter applied
        #expect(r.stderr.contains("line 3 (q3)"))
    }

    @Test func batchTSVAndTRECFormats() throws {
        let queries = "a\thavana\nb\tcossio\n"
        let tsv = try MSearchBinary.run(["batch", "--index", index, "--format", "tsv", "--limit", "3"], stdin: queries)
        #expect(tsv.status == 0)
        let rows = tsv.stdout.split(separator: "\n").map { $0.split(separator: "\t", omittingEmptySubsequences: false) }
        #expect(rows.count == 6)
        #expect(rows.allSatisfy { $0.count == 6 })
        #expect(rows.map { String($0[0]) } == ["a", "a", "a", "b", "b", "b"])
        #expect(rows.map { String($0[1]) } == ["1", "2", "3", "1", "2", "3"])

        let file = TemporaryDirectory("e2e")
        try file.write("q.tsv", queries)
        let trec = try MSearchBinary.run(["batch", "--index", index, "--format", "trec", "--tag", "run1", "--limit", "100", file.path + "/q.tsv"])
        let lines = trec.stdout.split(separator: "\n").map { $0.split(separator: " ") }
        #expect(lines.allSatisfy { $0.count == 6 && $0[1] == "Q0" && $0[5] == "run1" })
        #expect(lines.filter { $0[0] == "a" }.count == 5)
        #expect(lines.filter { $0[0] == "b" }.count == 3)
        // Deterministic: the same batch gives the same run.
        let again = try MSearchBinary.run(["batch", "--index", index, "--format", "trec", "--tag", "run1", "--limit", "100", file.path + "/q.tsv"])
        #expect(again.stdout == trec.stdout)
    }

    @Test(.enabled(if: TestData.shared != nil, "needs ../shared (Cranfield and the peers' evaluator)"))
    func batchOverCranfieldScoresWithTheSharedEvaluator() throws {
        let shared = try #require(TestData.shared)
        let work = TemporaryDirectory("e2e")
        let convert = try MSearchBinary.runShell(
            "python3 \(shared)/peers/convert_cranfield.py \(shared)/corpora/cranfield --out-dir \(work.path)")
        try #require(convert.status == 0, "\(convert.stderr)")
        let idx = work.path + "/idx"
        #expect(try MSearchBinary.run(["index", "--index", idx, work.path + "/cranfield.jsonl"]).status == 0)
        let run = try MSearchBinary.run(["batch", "--index", idx, "--format", "trec", "--limit", "100",
                                         work.path + "/cranfield-queries.tsv"])
        #expect(run.status == 0, "\(run.stderr)")
        try run.stdout.write(toFile: work.path + "/run.trec", atomically: true, encoding: .utf8)
        let eval = try MSearchBinary.runShell(
            "python3 \(shared)/peers/evaluate.py --builtin --qrels \(work.path)/cranfield-qrels.txt --run \(work.path)/run.trec")
        #expect(eval.status == 0, "\(eval.stderr)")
        // The peers score nDCG@10 0.362–0.370 here; a broken ranking would be far below.
        let ndcg = eval.stdout.split(separator: "\n").first { $0.contains("nDCG@10") }
        let value = ndcg.flatMap { $0.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == ":" }).compactMap { Double($0) }.last }
        #expect((value ?? 0) > 0.33, "\(eval.stdout)")
    }
}
