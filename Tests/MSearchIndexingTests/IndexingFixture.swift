import Foundation
import MSearchIndex
import MSearchIndexing
import MSearchSources
import MSearchTestSupport

/// A folder of source files of three formats and an index beside it, for running
/// `IndexingRun` in-process and reading the result back.
final class IndexingFixture {
    let sources = TemporaryDirectory("indexing-sources")
    let index = TemporaryDirectory("indexing-index")

    static let text = "Harbour reopens\n\nThe harbour of Havana reopened to cargo ships after repairs.\n"
    static let html = """
        <html><head><title>Charter flights resume</title></head>
        <body><p>Charter flights between Miami and Havana resume next week, officials said.</p></body></html>
        """
    static let jsonLines = """
        {"id": "j1", "title": "Sugar harvest", "body": "The sugar harvest fell short of the plan."}
        {"id": "j2", "title": "Tobacco prices", "body": "Tobacco growers were paid more this season."}

        """

    /// Writes `harbour.txt`, `flights.html`, `news.jsonl` and `world/harbour.txt` (same stem,
    /// another folder).
    init() throws {
        try sources.write("harbour.txt", IndexingFixture.text)
        try sources.write("flights.html", IndexingFixture.html)
        try sources.write("news.jsonl", IndexingFixture.jsonLines)
        try sources.write("world/harbour.txt", "World harbours\n\nPorts around the world report record cargo.\n")
    }

    /// A run over the sources folder, text only (no extraction: it is not what is tested here).
    func run(replace: Bool = false, configure: (inout IndexingRun) -> Void = { _ in }) throws -> IndexingRun.Report {
        var run = IndexingRun(directory: index.path, paths: [sources.path], replace: replace, extractor: nil)
        configure(&run)
        return try run.run()
    }

    /// Every live document of the index, by id, with its text re-read when the index keeps none.
    func documents(sourceText: SourceTextProvider? = SourceText()) throws -> [String: (document: SourceDocument, textAvailable: Bool)] {
        let reader = try IndexReader(directory: index.path, sourceText: sourceText)
        var byId: [String: (document: SourceDocument, textAvailable: Bool)] = [:]
        for segment in 0..<reader.segments.count {
            let base = reader.segmentBases[segment]
            for local in 0..<reader.segments[segment].documentCount where !reader.segments[segment].isDeleted(local) {
                let found = try reader.documentText(base + local)
                byId[found.document.id] = found
            }
        }
        return byId
    }
}

/// Records what an indexing run reports, in order.
final class RecordingReporter: IndexingReporter {
    var events: [String] = []
    var problems: [SourceProblem] = []
    var found: (files: Int, bytes: Int)?
    var lastProgress: (documents: Int, filesDone: Int)?

    func found(files: Int, bytes: Int) {
        found = (files, bytes)
        events.append("found")
    }

    func problem(_ problem: SourceProblem) {
        problems.append(problem)
        events.append("problem")
    }

    func progress(_ report: IndexingRun.Report, filesDone: Int) {
        lastProgress = (report.documents, filesDone)
        if events.last != "progress" { events.append("progress") }
    }

    func committing() { events.append("committing") }
    func committed() { events.append("committed") }
}
