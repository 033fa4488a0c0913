import Foundation
import Testing
import MSearchSources
@testable import MSearchIndex
import MSearchTestSupport
#if canImport(Glibc)
import Glibc
#endif

/// A writer changes a folder only when it is an index, deletes only files it can prove are its
/// own, and stops without touching anything once it no longer holds the write lock.
@Suite struct WriterOwnershipTests {
    func doc(_ id: String, _ body: String) -> SourceDocument {
        SourceDocument(id: id, path: "/tmp/\(id).txt", title: id, body: body, date: nil, format: .text)
    }

    func files(_ dir: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []).sorted()
    }

    @Test func aFolderWithOtherFilesIsRefusedUntouched() throws {
        let dir = TemporaryDirectory("own-refuse")
        try dir.write("seg-budget.xlsx", "x")
        try dir.write("catalog-photos.txt", "x")
        #expect(throws: IndexError.notAnIndex(directory: dir.path, file: "catalog-photos.txt")) {
            _ = try IndexWriter(directory: dir.path)
        }
        #expect(throws: IndexError.missing(directory: dir.path)) {
            _ = try IndexWriter(directory: dir.path, createIfMissing: false)
        }
        #expect(files(dir.path) == ["catalog-photos.txt", "seg-budget.xlsx"])
        // A web project's manifest.json is not an index's, even to --rebuild.
        let web = TemporaryDirectory("own-web")
        try web.write("manifest.json", #"{"name": "my app", "start_url": "/"}"#)
        try web.write("seg-000001-00.post", "not ours either")
        for replace in [false, true] {
            #expect(throws: IndexError.notAnIndex(directory: web.path, file: "manifest.json")) {
                _ = try IndexWriter(directory: web.path, replace: replace)
            }
        }
        #expect(files(web.path) == ["manifest.json", "seg-000001-00.post"])
    }

    @Test func aNewIndexIsMarkedAndHasAnIdentity() throws {
        let dir = TemporaryDirectory("own-new")
        let path = dir.sub("fresh/index")
        let writer = try IndexWriter(directory: path)
        try writer.add(doc("a", "alpha"))
        try writer.commit()
        writer.close()
        let manifest = try Manifest.load(from: path)
        #expect(manifest.id != nil && manifest.id == IndexOwnership.markerIdentity(in: path))
        #expect(manifest.segments.allSatisfy { $0.footerChecksums?.count == IndexFormat.FileExtension.allCases.count })
    }

    @Test func onlyFilesNamedAsAWriterNamesThemAreLeftovers() throws {
        for name in ["seg-000001-00.post", "seg-000012-03.000015.del", "catalog-000015", "clusters-000015", "actors-000002.tsv",
                     "seg-building.store", "seg-building-77.store", "manifest.json.tmp-4242"] {
            #expect(IndexOwnership.isWriterFileName(name), "\(name)")
        }
        for name in ["seg-budget.xlsx", "catalog-photos.txt", "catalog-of-my-stuff.txt", "seg-000001-00.xlsx",
                     "seg-000001-00.post.bak", "manifest.json.tmp-mine", "actors.tsv", "clusters-of-mine.txt", "actors-2024.tsv.old",
                     "seg-1-2-3.post", "seg-building-x.store", "manifest.json", "write.lock", "msearch-index"] {
            #expect(!IndexOwnership.isWriterFileName(name), "\(name)")
        }
        // In an index, a user's files survive a writer; a real leftover does not.
        let dir = TemporaryDirectory("own-leftovers")
        let first = try IndexWriter(directory: dir.path)
        try first.add(doc("a", "alpha"))
        try first.commit()
        first.close()
        try dir.write("seg-notes.txt", "mine")
        try dir.write("catalog-photos.txt", "mine")
        try dir.write("seg-000099-00.post", "left by a crash")
        let second = try IndexWriter(directory: dir.path)
        second.close()
        #expect(FileManager.default.fileExists(atPath: dir.sub("seg-notes.txt")))
        #expect(FileManager.default.fileExists(atPath: dir.sub("catalog-photos.txt")))
        #expect(!FileManager.default.fileExists(atPath: dir.sub("seg-000099-00.post")))
    }

    /// The stale writer of the issue: its lock file is removed while it works, a second writer
    /// takes the index and commits; the first must then fail without touching anything.
    @Test func aWriterThatLostItsLockStopsAndTouchesNothing() throws {
        let dir = TemporaryDirectory("own-stale")
        let setup = try IndexWriter(directory: dir.path)
        try setup.add(doc("base", "base document"))
        try setup.commit()
        setup.close()

        let stale = try IndexWriter(directory: dir.path, memoryBudget: 1)
        try stale.add(doc("stale-1", "written by the stale writer"))
        unlink(dir.sub(IndexFormat.lockName))
        let second = try IndexWriter(directory: dir.path)
        try second.add(doc("second", "written by the second writer"))
        #expect(try second.delete(id: "base"))
        try second.commit()
        second.close()
        let committed = files(dir.path)

        #expect(throws: IndexError.lockLost(directory: dir.path)) { try stale.commit() }
        stale.close()
        #expect(files(dir.path) == committed)
        #expect(IndexChecker.check(directory: dir.path).isHealthy)
        let reader = try IndexReader(directory: dir.path)
        #expect(reader.documentCount == 1)
        #expect(reader.externalId(0) == "second")
    }

    @Test func cleanupAfterAFailureRemovesOnlyThisRunsFiles() throws {
        let dir = TemporaryDirectory("own-cleanup")
        let first = try IndexWriter(directory: dir.path)
        try first.add(doc("a", "alpha"))
        try first.commit()
        first.close()
        let before = files(dir.path)
        let writer = try IndexWriter(directory: dir.path, memoryBudget: 1)
        try writer.add(doc("b", "beta"))
        try writer.flush()
        #expect(files(dir.path).count > before.count)
        // A file that appears meanwhile, named like a segment's, is not this run's.
        try dir.write("seg-000077-00.post", "someone else's")
        writer.close()
        #expect(files(dir.path) == (before + ["seg-000077-00.post"]).sorted())
    }
}
