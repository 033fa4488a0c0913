import ArgumentParser
import Foundation
import MSearchEval
import MSearchIndex
import MSearchIndexing
import MSearchQuery

/// `msearch eval`: how good is the ranking on a test collection with relevance judgements?
struct EvalCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eval",
        abstract: "Measure ranking quality against relevance judgements (nDCG@10, MAP@100, P@10, R@100).",
        discussion: """
        Indexes --corpus (files or folders, any format `index` reads) into a temporary index, or \
        into --index when given, or opens --index alone; runs every query of --queries \
        (qid<TAB>query per line) for its top 100; and scores the ranking against --qrels (TREC: \
        qid iter docid rel).

        The measures follow trec_eval -c and ir-measures: hits are re-ordered by score as \
        written to a run file (6 decimals), ties by document id descending; relevant means \
        rel > 0; nDCG@10 uses gain = rel and a log2 discount; AP@100 and R@100 divide by every \
        relevant document; the mean is over the qrels queries with a relevant document, and a \
        query that returns nothing or fails to parse counts 0. The output has the format of \
        ../shared/peers/evaluate.py; --run writes the run for it or trec_eval.

        Queries are plain bags of words by default (--syntax query for the query language). The \
        ranking options are those of search; Benchmarks/RELEVANCE.md has their effect on six \
        test collections.
        """
    )

    @Option(name: .long, help: ArgumentHelp("A file or folder to index (repeatable).", valueName: "path"))
    var corpus: [String] = []

    @Option(name: .long, help: "The index to search; with --corpus, where to build it (kept). Default with --corpus: a temporary index.")
    var index: String?

    @Option(name: .long, help: ArgumentHelp("Queries, one per line: qid<TAB>query.", valueName: "file"))
    var queries: String

    @Option(name: .long, help: ArgumentHelp("Relevance judgements in TREC format: qid iter docid rel.", valueName: "file"))
    var qrels: String

    @Flag(name: .customLong("per-query"), help: "Print each query's measures before the means.")
    var perQuery = false

    @Option(name: .customLong("run"), help: ArgumentHelp("Also write the run in TREC format to this file.", valueName: "file"))
    var runFile: String?

    @Option(name: .long, help: "The run tag in the TREC run.")
    var tag = "msearch"

    @Option(name: .long, help: "plain: every word OR'ed (the default here); query: the query language.")
    var syntax: QuerySyntax = .plain

    @Flag(name: .customLong("and"), help: "Require every word (query syntax).")
    var requireAll = false

    @OptionGroup(title: "Ranking") var ranking: RankingFlags

    func validate() throws {
        if corpus.isEmpty && index == nil { throw ValidationError("give --corpus PATH (to index) or --index DIR") }
    }

    func run() throws {
        let judgements = try Qrels(parsing: try read(qrels))
        var temporary: String?
        defer { if let temporary { try? FileManager.default.removeItem(atPath: temporary) } }
        let directory: String
        if corpus.isEmpty {
            directory = index!
        } else {
            if let index {
                directory = index
            } else {
                directory = NSTemporaryDirectory() + "msearch-eval-\(getpid())-\(UUID().uuidString)"
                temporary = directory
            }
            let report = try IndexingRun(directory: directory, paths: corpus, replace: true).run()
            for p in report.problems { FileHandle.standardError.write("msearch: \(TerminalText.escaped("\(p)"))\n") }
            FileHandle.standardError.write("msearch: \(report.summary)\n")
        }
        let session = try SearchSession(reader: try IndexLocation.reader(directory),
                                        defaultOperator: requireAll ? .and : .or, ranking: ranking.options)
        session.plainSyntax = syntax == .plain
        session.limit = 100

        var runs: [String: [ScoredDocument]] = [:]
        var runText = ""
        var failed = 0, count = 0
        var seconds = 0.0
        for (n, line) in try read(queries).split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
            let (qid, text) = BatchCommand.split(String(line), lineNumber: n + 1)
            count += 1
            do {
                let started = DispatchTime.now().uptimeNanoseconds
                let answer = try session.answer(text, detail: .ids)
                seconds += Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
                var list: [ScoredDocument] = []
                for h in answer.hits {
                    // Scored as written to a run file, so trec_eval on --run agrees to the digit.
                    let score = String(format: "%.6f", h.hit.score)
                    list.append(ScoredDocument(id: h.externalId, score: Double(score) ?? h.hit.score))
                    if runFile != nil { runText += "\(qid) Q0 \(h.externalId) \(h.rank) \(score) \(tag)\n" }
                }
                runs[qid] = list
            } catch let error as QuerySyntaxError {
                failed += 1
                FileHandle.standardError.write("msearch: query \(qid) counts 0:\n\(error.rendered)\n")
            }
        }
        if let runFile { try runText.write(toFile: runFile, atomically: true, encoding: .utf8) }

        let evaluation = Evaluation(runs: runs, qrels: judgements)
        var out = ""
        if perQuery {
            for (qid, values) in evaluation.perQuery {
                out += qid + " " + Measure.allCases.map { "\($0.rawValue)=\(String(format: "%.4f", values[$0] ?? 0))" }
                    .joined(separator: " ") + "\n"
            }
        }
        for m in Measure.allCases {
            out += m.rawValue.padding(toLength: 8, withPad: " ", startingAt: 0) + " " + String(format: "%.4f", evaluation.means[m] ?? 0) + "\n"
        }
        out += "queries  \(evaluation.queryCount)\n"
        print(out, terminator: "")
        let perQueryMs = count == 0 ? 0 : seconds * 1000 / Double(count)
        FileHandle.standardError.write("msearch: \(count) queries in \(String(format: "%.1f", seconds * 1000)) ms "
                                       + "(\(String(format: "%.3f", perQueryMs)) ms each)"
                                       + (failed > 0 ? ", \(failed) failed to parse (counted 0)" : "") + "\n")
    }

    private func read(_ path: String) throws -> String {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { throw CommandError("cannot read \(path)") }
        return text
    }
}
