import ArgumentParser
import Foundation
import MSearchExtraction
import MSearchIndex
import MSearchIndexing
import MSearchQuery
import MSearchSearch
import MSearchSources

/// `msearch bench …`: the peers harness's engine protocol (../shared/peers/README.md), so msearch
/// is measured beside Tantivy, Lucene, Xapian and FTS5 with the same corpus and queries. It uses
/// the normal index and search code paths; nothing here is tuned for the benchmark.
///
/// The harness appends the protocol's subcommand to a fixed command line, so how the index is
/// built is chosen before it, with `msearch index`'s own options: `msearch bench --store none
/// --no-extract index …` builds it as the peers do (no stored text, no extraction).
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "The peer-benchmark engine protocol (internal).",
        shouldDisplay: false,
        subcommands: [Version.self, Index.self, Search.self]
    )

    /// `msearch index` options the index subcommand honours (given before it).
    struct BuildOptions: ParsableArguments {
        @Option(help: ArgumentHelp("Keep the text (text) or not (none), as `msearch index --store`.", valueName: "text|none"))
        var store: StoreMode = .text
        @Flag(name: .customLong("no-extract"), help: "No dates or actors from the text, as `msearch index --no-extract`.")
        var noExtract = false
    }

    @OptionGroup var build: BuildOptions

    struct Version: ParsableCommand {
        func run() { print("msearch \(MSearchCommand.version)") }
    }

    struct Index: ParsableCommand {
        @OptionGroup var build: BuildOptions
        @Option var corpus: String
        @Option var index: String

        func run() throws {
            let started = Date()
            // The extractor is chosen here, not set to nil afterwards: IndexingRun's default one
            // loads the gazetteer.
            var run = IndexingRun(directory: self.index, paths: [corpus], replace: true,
                                  extractor: build.noExtract ? nil : Extractor())
            run.store = build.store
            let report = try run.run()
            for p in report.problems { FileHandle.standardError.write("msearch: \(p)\n") }
            let seconds = Date().timeIntervalSince(started)
            print(#"{"docs": \#(report.documents), "build_s": \#(String(format: "%.3f", seconds))}"#)
        }
    }

    struct Search: ParsableCommand {
        @OptionGroup var build: BuildOptions
        @Option var index: String
        @Option var queries: String
        @Option(name: .customLong("run")) var runFile: String
        @Option var latencies: String
        @Option var k: Int = 100
        @Option var `repeat`: Int = 5
        @Option var warmup: Int = 3
        @Option var tag: String = "msearch"
        @Flag var phrase = false

        mutating func run() throws {
            let reader = try IndexLocation.reader(index)
            let searcher = try Searcher(reader: reader)
            let lines = try String(contentsOfFile: queries, encoding: .utf8).split(separator: "\n")
            let parsed: [(String, String)] = lines.compactMap { line in
                let parts = line.split(separator: "\t", maxSplits: 1)
                return parts.count == 2 ? (String(parts[0]), String(parts[1])) : nil
            }
            // The harness's queries are lower-cased words: the normal parser reads them as an OR.
            let parser = QueryParser()
            func query(_ text: String) throws -> Query {
                phrase ? .phrase(text, slop: 0, field: nil) : try parser.parse(text)
            }
            func execute(_ text: String) throws -> [(String, Double)] {
                let results = try searcher.search(try query(text), limit: k, exactTotal: false)
                return results.hits.map { (reader.externalId($0.doc), $0.score) }
            }
            var runText = ""
            for pass in 0..<max(1, warmup) {
                for (qid, text) in parsed {
                    let hits = try execute(text)
                    if pass == 0 {
                        for (rank, hit) in hits.enumerated() {
                            runText += "\(qid) Q0 \(hit.0) \(rank + 1) \(String(format: "%.6f", hit.1)) \(tag)\n"
                        }
                    }
                }
            }
            try runText.write(toFile: runFile, atomically: true, encoding: .utf8)
            var latencyText = ""
            for _ in 0..<max(0, self.repeat) {
                for (qid, text) in parsed {
                    let start = DispatchTime.now().uptimeNanoseconds
                    _ = try execute(text)
                    let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
                    latencyText += "\(qid)\t\(String(format: "%.9f", seconds))\n"
                }
            }
            try latencyText.write(toFile: latencies, atomically: true, encoding: .utf8)
        }
    }
}
