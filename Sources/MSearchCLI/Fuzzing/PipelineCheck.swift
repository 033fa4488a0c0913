import Foundation
import MSearchExtraction
import MSearchIndex
import MSearchIndexing
import MSearchSearch
import MSearchSources

/// The whole-pipeline fuzz check: any bytes, as a file of the format their first byte picks,
/// go through the indexing run msearch itself does (walking, reading, extraction of dates and
/// actors, analysis, a one-segment index built in a private directory) and a search of that
/// index with queries made from the input's own words. Errors are fine; a broken invariant
/// calls `fatalError`, so libFuzzer (Fuzz/Pipeline) saves the input and `swift test` replays
/// every saved one (Tests/MSearchEndToEndTests/FuzzRegressionReplayTests.swift).
///
/// It lives in MSearchCLI because the search session it drives is the CLI's (`SearchSession`),
/// not public API; the run is MSearchIndexing's `IndexingRun`, as `msearch index` uses it.
public final class PipelineCheck {
    /// What the first byte picks (`byte % count`): the registered formats in order, each with
    /// the extension the walker reads it by, then a file without an extension, whose format
    /// content sniffing decides (binary content is skipped by the walk).
    public static let formats: [(name: String, fileExtension: String)] =
        SourceFormatRegistry.standard.formats.map { ($0.format.rawValue, $0.extensions[0]) } + [("sniffed", "")]

    private let sources: String
    private let index: String
    /// Built once: loading the gazetteer and lexicon costs far more than one small input.
    private let extractor = Extractor()
    /// The totals of the last input's queries, in `queries(from:)` order (empty when indexing
    /// failed): shows the check really indexed and searched.
    public private(set) var lastTotals: [Int] = []

    /// `workDirectory` is created and owned by the check (removed by `removeFiles`).
    public init(workDirectory: String) throws {
        sources = workDirectory + "/src"
        index = workDirectory + "/index"
        try FileManager.default.createDirectory(atPath: sources, withIntermediateDirectories: true)
    }

    /// The first byte of a regression file for `fileExtension`'s format, so inputs saved by the
    /// single-format harnesses (Fuzz/Sources) can be replayed through the whole pipeline.
    public static func formatByte(forExtension fileExtension: String) -> UInt8? {
        guard let format = SourceFormatRegistry.standard.format(forPath: "input." + fileExtension) else { return nil }
        return formats.firstIndex { $0.name == format.rawValue }.map(UInt8.init)
    }

    public func run(_ input: [UInt8]) {
        lastTotals = []
        guard let selector = input.first else { return }
        let format = PipelineCheck.formats[Int(selector) % PipelineCheck.formats.count]
        let body = Array(input.dropFirst())
        let path = sources + "/input" + (format.fileExtension.isEmpty ? "" : "." + format.fileExtension)
        try? FileManager.default.removeItem(atPath: sources)
        try? FileManager.default.createDirectory(atPath: sources, withIntermediateDirectories: true)
        guard FileManager.default.createFile(atPath: path, contents: Data(body)) else {
            fatalError("cannot write the input file \(path)")
        }
        let run = IndexingRun(directory: index, paths: [sources], replace: true, extractor: extractor)
        let report: IndexingRun.Report
        do {
            report = try run.run()
        } catch is IndexError {
            return
        } catch is CommandError {
            return
        } catch is IndexingError {
            return   // no source found: the input was judged binary, and no index is made
        } catch {
            fatalError("indexing failed with an error of an unexpected type: \(error)")
        }
        guard report.indexDocuments <= report.documents, report.indexDocuments >= 0 else {
            fatalError("the index holds \(report.indexDocuments) documents of \(report.documents) added")
        }
        for p in report.problems where p.reason.isEmpty || p.reason.contains("\n") {
            fatalError("problem reason is not one line: \(p.reason.debugDescription.prefix(300))")
        }
        // The one file is accounted for exactly once: indexed, or skipped for one reason.
        guard report.files + report.skipped.count == 1, report.files == 1 || report.documents == 0 else {
            fatalError("one input file gave \(report.files) indexed and \(report.skipped.count) skipped files")
        }
        search(queries(from: body))
    }

    /// A word, two words, a phrase, a prefix, field and date clauses, from the input's own words
    /// (so the search reaches its postings), and the raw first line as a query, which may well be
    /// a syntax error.
    public func queries(from body: [UInt8]) -> [String] {
        let text = String(decoding: body.prefix(4096), as: UTF8.self)
        let words = text.split { !$0.isLetter && !$0.isNumber }.prefix(4).map(String.init)
        var queries = ["*", "date:1990..2030"]
        if let w = words.first {
            queries += [w, "title:\(w)", "body:\(w)", "\(w) date:2000", "+\(w) -zzzz"]
            if w.count >= 2 { queries.append(String(w.prefix(2)) + "*") }
        }
        if words.count >= 2 {
            queries += ["\"\(words[0]) \(words[1])\"", "\"\(words[0]) \(words[1])\"~3", words.joined(separator: " "),
                        "\(words[0]) AND (\(words[1]) OR \(words.last!))", "actor:\"\(words[0]) \(words[1])\""]
        }
        if let line = text.split(separator: "\n").first { queries.append(String(line.prefix(80))) }
        return queries
    }

    private func search(_ queries: [String]) {
        let session: SearchSession
        do {
            session = try SearchSession(reader: try IndexLocation.reader(index))
        } catch is IndexError {
            return
        } catch {
            fatalError("opening the new index failed with an error of an unexpected type: \(error)")
        }
        session.facets = true
        session.explain = true
        for text in queries {
            do {
                let answer = try session.answer(text)
                CommandCheck.checkAnswer(answer)
                lastTotals.append(answer.total)
            } catch {
                lastTotals.append(0)
                if CommandCheck.isExpected(error) { continue }
                fatalError("query \(text.debugDescription) failed with an error of an unexpected type: \(error)")
            }
        }
    }

    /// Removes the work directory.
    public func removeFiles() {
        try? FileManager.default.removeItem(atPath: URL(fileURLWithPath: sources).deletingLastPathComponent().path)
    }
}
