import Foundation
import Testing
import MSearchExtraction
import MSearchIndex
import MSearchIndexing
import MSearchSources
import MSearchTestSupport

/// `IndexingRun` in-process: files of each format become documents that read back as written,
/// a second run judges each file against the catalog, `--store none` re-reads through the
/// provider, the user's gazetteer is committed with the index, and problems reach the reporter.
@Suite struct IndexingRunTests {
    @Test func aFolderOfTextHTMLAndJSONLinesReadsBack() throws {
        let fixture = try IndexingFixture()
        let report = try fixture.run()
        #expect(report.problems.isEmpty, "\(report.problems)")
        #expect(report.files == 4 && report.documents == 5 && report.added == 4)
        #expect(report.updated == 0 && report.unchanged == 0 && report.removed == 0)
        #expect(report.indexDocuments == 5)
        let docs = try fixture.documents()
        // A one-document file is named by its stem, qualified by its folder below the root.
        #expect(Set(docs.keys) == ["harbour", "world/harbour", "flights", "j1", "j2"])
        let harbour = try #require(docs["harbour"]).document
        #expect(harbour.title == "Harbour reopens" && harbour.format == .text)
        #expect(harbour.body.contains("reopened to cargo ships"))
        let flights = try #require(docs["flights"]).document
        #expect(flights.title == "Charter flights resume" && flights.format == .html)
        #expect(flights.body.contains("between Miami and Havana"))
        let j2 = try #require(docs["j2"]).document
        #expect(j2.title == "Tobacco prices" && j2.format == .jsonl && j2.ordinal == 1)
        #expect(try #require(docs["world/harbour"]).document.title == "World harbours")
    }

    @Test func aSecondRunReindexesTheChangedFileDropsTheRemovedOneAndSkipsTheRest() throws {
        let fixture = try IndexingFixture()
        _ = try fixture.run()
        try fixture.sources.write("harbour.txt", "Harbour closes again\n\nA storm closed the harbour of Havana.\n")
        try FileManager.default.removeItem(atPath: fixture.sources.sub("flights.html"))
        let report = try fixture.run { $0.prune = true }
        #expect(report.problems.isEmpty, "\(report.problems)")
        #expect(report.updated == 1 && report.removed == 1 && report.unchanged == 2 && report.added == 0)
        // The changed file's old document and the removed file's.
        #expect(report.removedDocuments == 2)
        #expect(report.files == 1 && report.documents == 1 && report.indexDocuments == 4)
        let docs = try fixture.documents()
        #expect(Set(docs.keys) == ["harbour", "world/harbour", "j1", "j2"])
        #expect(try #require(docs["harbour"]).document.title == "Harbour closes again")
        #expect(try #require(docs["j1"]).document.title == "Sugar harvest")

        // Nothing changed: nothing is read again, nothing is added.
        let third = try fixture.run { $0.prune = true }
        #expect(third.unchanged == 3 && third.documents == 0 && third.removed == 0 && third.indexDocuments == 4)
    }

    @Test func storeNoneRereadsTitlesAndBodiesThroughTheProvider() throws {
        let fixture = try IndexingFixture()
        _ = try fixture.run(replace: true) { $0.store = .text }
        let stored = try fixture.documents()
        _ = try fixture.run(replace: true) { $0.store = StoreMode.none }
        let reread = try fixture.documents(sourceText: SourceText())
        #expect(Set(reread.keys) == Set(stored.keys))
        for (id, original) in stored {
            let found = try #require(reread[id])
            #expect(found.textAvailable, "\(id)")
            #expect(found.document.title == original.document.title && found.document.body == original.document.body, "\(id)")
        }
        // Without a provider the index has no way to the text.
        for (id, found) in try fixture.documents(sourceText: nil) {
            #expect(!found.textAvailable && found.document.title.isEmpty && found.document.body.isEmpty, "\(id)")
        }
        // A file changed since indexing (same size, one byte different) gives no text.
        var bytes = Array(IndexingFixture.jsonLines.utf8)
        bytes[bytes.count - 4] = UInt8(ascii: "x")
        try fixture.sources.write("news.jsonl", bytes: bytes)
        let afterChange = try fixture.documents(sourceText: SourceText())
        #expect(try #require(afterChange["j1"]).textAvailable == false)
        #expect(try #require(afterChange["harbour"]).textAvailable)
    }

    @Test func theUsersGazetteerIsCommittedWithTheIndex() throws {
        let fixture = try IndexingFixture()
        let tsv = Array("Acme Widgets\torganisation\tAcme Co|Widgets Inc\n".utf8)
        _ = try fixture.run { $0.keptGazetteer = .some(tsv) }
        let kept = try #require(try IndexGazetteer.kept(in: fixture.index.path))
        #expect(kept.bytes == tsv)
        #expect(kept.path.hasPrefix(fixture.index.path + "/actors-"))
        let reader = try IndexReader(directory: fixture.index.path)
        #expect(reader.manifest.gazetteer?.file == String(kept.path.dropFirst(fixture.index.path.count + 1)))
        #expect(try IndexGazetteer.load(reader: reader).canonical(for: "Acme Co")?.name == "Acme Widgets")

        // nil leaves the kept one as it is; `.some(nil)` drops it.
        try fixture.sources.write("more.txt", "More news\n\nAnother article.\n")
        _ = try fixture.run()
        #expect(try IndexGazetteer.kept(in: fixture.index.path)?.bytes == tsv)
        _ = try fixture.run { $0.keptGazetteer = .some(nil) }
        #expect(try IndexGazetteer.kept(in: fixture.index.path) == nil)
    }

    @Test func aBadGazetteerIsAnErrorNamingTheFileAndLine() {
        let bad = Array("Acme Widgets\torganisation\tAcme Co\nno tab here\n".utf8)
        #expect(throws: IndexingError.self) { try IndexGazetteer.parse(bad, file: "mine.tsv") }
        do {
            _ = try IndexGazetteer.parse(bad, file: "mine.tsv")
        } catch {
            #expect("\(error)".contains("mine.tsv") && "\(error)".contains("2"), "\(error)")
        }
        #expect(throws: IndexingError.self) { try IndexGazetteer.parse([0xFF, 0xFE], file: "mine.tsv") }
    }

    /// Every file that gives no documents is counted once, under one reason; a file partly
    /// read (one bad line) is indexed, not skipped; unchanged files are counted on the next run.
    @Test func everySkippedFileIsCountedOnceByReason() throws {
        let fixture = try IndexingFixture()
        try fixture.sources.write("big.txt", String(repeating: "Long article. ", count: 400))
        try fixture.sources.write("bad.jsonl", #"{"id": "b1", "title": "Fine", "body": "A fine line."}"# + "\n{oops\n")
        try fixture.sources.write("all-bad.jsonl", "{oops\n[1]\n\"text\"\n")
        try fixture.sources.write("blank.txt", "  \n\n")
        try fixture.sources.write("photo", bytes: [0xFF, 0xD8, 0xFF, 0xE0, 0, 16, 0x4A, 0x46, 0x49, 0x46])
        try fixture.sources.write("post", "Subject\n\nA file without an extension, read as text.")
        let report = try fixture.run { $0.maxFileSize = 4096 }
        let skipped = Dictionary(report.skipped.map { (String($0.path.dropFirst(fixture.sources.path.count + 1)), $0.kind) },
                                 uniquingKeysWith: { a, _ in a })
        #expect(report.skipped.count == skipped.count, "each once: \(report.skipped)")
        #expect(skipped == ["big.txt": .tooLarge, "all-bad.jsonl": .malformed, "blank.txt": .empty, "photo": .binary])
        #expect(report.skipCounts == [.tooLarge: 1, .malformed: 1, .empty: 1, .binary: 1])
        #expect(report.skipped.first { $0.path.hasSuffix("all-bad.jsonl") }?.reason.hasSuffix("(and 2 more problems)") == true)
        #expect(report.lostContent)
        #expect(report.files == 6 && report.documents == 7, "bad.jsonl partly, post as text")
        let again = try fixture.run { $0.maxFileSize = 4096 }
        #expect(again.skipCounts[.unchanged] == 6 && again.skipCounts[.binary] == 1 && again.skipped.count == 10)
    }

    @Test func aGivenFolderWithNothingToReadIsSaidOnce() throws {
        let fixture = try IndexingFixture()
        let empty = TemporaryDirectory("indexing-empty")
        try empty.write(".hidden.txt", "passed over")
        var run = IndexingRun(directory: fixture.index.path, paths: [fixture.sources.path, empty.path], replace: false, extractor: nil)
        run.maxFileSize = 4096
        let report = try run.run()
        #expect(report.skipped == [SourceProblem(path: empty.path, reason: "no source found in this folder", kind: .empty)])
        #expect(report.documents == 5)
    }

    @Test func aRunThatFindsNoSourceCreatesNoIndex() throws {
        let empty = TemporaryDirectory("indexing-empty")
        try empty.write("image.png", bytes: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
        let parent = TemporaryDirectory("indexing-index")
        let index = parent.path + "/new"
        var run = IndexingRun(directory: index, paths: [empty.path], replace: false, extractor: nil)
        #expect(throws: IndexingError.self) { try run.run() }
        #expect(!FileManager.default.fileExists(atPath: index))
        run.prune = true   // an existing index's files may all be gone: pruning is the point
        #expect(try run.run().skipCounts == [.binary: 1])
    }

    @Test func problemsAndProgressReachTheReporter() throws {
        let fixture = try IndexingFixture()
        try fixture.sources.write("big.txt", String(repeating: "Long article. ", count: 400))
        try fixture.sources.write("bad.jsonl", #"{"id": "b1", "title": "Fine", "body": "A fine line."}"# + "\n{oops\n")
        let reporter = RecordingReporter()
        let report = try fixture.run {
            $0.maxFileSize = 4096
            $0.reporter = reporter
        }
        #expect(report.problems.count == 2, "\(report.problems)")
        #expect(reporter.problems == report.problems)
        #expect(report.problems.contains { $0.path.hasSuffix("big.txt") && $0.reason.hasPrefix("file too large") })
        #expect(report.problems.contains { $0.path.hasSuffix("bad.jsonl") && $0.reason.hasPrefix("line 2:") })
        let sizes = try ["harbour.txt", "flights.html", "news.jsonl", "world/harbour.txt", "big.txt", "bad.jsonl"].map {
            try #require(try FileManager.default.attributesOfItem(atPath: fixture.sources.sub($0))[.size] as? Int)
        }
        #expect(reporter.found?.files == 6 && reporter.found?.bytes == sizes.reduce(0, +))
        #expect(reporter.lastProgress?.filesDone == 6 && reporter.lastProgress?.documents == report.documents)
        #expect(report.documents == 6)
        #expect(reporter.events.first == "found" && reporter.events.suffix(2) == ["committing", "committed"])
        #expect(reporter.events.contains("progress"))
    }
}
