import Foundation
import MSearchAnalysis
import MSearchSources
import Testing
@testable import MSearchIndex
import MSearchTestSupport
import MSearchIndexTestSupport

/// Deletions, merges, the catalog and the checker at the library level (the end-to-end proofs
/// are in MSearchRobustnessTests).
@Suite struct UpdateTests {
    func doc(_ id: String, _ title: String, _ body: String) -> SourceDocument {
        SourceDocument(id: id, path: id + ".txt", title: title, body: body, format: .text)
    }

    func df(_ reader: IndexReader, _ term: String) throws -> Int {
        var t = term
        return try t.withUTF8 { try reader.documentFrequency($0) }
    }

    @Test func deletesKeepStatisticsExactAndSurviveReopening() throws {
        let dir = TemporaryDirectory()
        let writer = try IndexWriter(directory: dir.path)
        try writer.add(doc("a", "cuba", "havana talks havana"))
        try writer.add(doc("b", "visa", "talks in washington"))
        try writer.add(doc("c", "cuba", "flights"))
        try writer.commit()
        #expect(try writer.delete(id: "a"))
        #expect(try !writer.delete(id: "nope"))
        try writer.commit()
        writer.close()
        let reader = try IndexReader(directory: dir.path)
        #expect(reader.documentCount == 2)
        // The same statistics as an index of the two remaining documents.
        let other = try TestIndex([doc("b", "visa", "talks in washington"), doc("c", "cuba", "flights")])
        let rebuilt = other.reader
        #expect(reader.manifest.tokenCount == rebuilt.manifest.tokenCount)
        #expect(reader.averageDocumentLength == rebuilt.averageDocumentLength)
        for t in ["havana", "talk", "cuba", "visa", "washington", "flight"] { #expect(try df(reader, t) == df(rebuilt, t), "\(t)") }
        #expect(try df(reader, "havana") == 0)
        #expect(try df(reader, "talk") == 1)
        #expect(try df(reader, "cuba") == 1)
        #expect(reader.segments[0].isDeleted(0) && !reader.segments[0].isDeleted(1))
        #expect(IndexChecker.check(directory: dir.path).isHealthy)
    }

    @Test func deletingEveryDocumentOfASegmentDropsIt() throws {
        let dir = TemporaryDirectory()
        let writer = try IndexWriter(directory: dir.path)
        try writer.add(doc("a", "one", "two"))
        try writer.commit()
        try writer.add(doc("b", "three", "four"))
        try writer.commit()
        #expect(try writer.delete(id: "a"))
        try writer.commit()
        writer.close()
        let reader = try IndexReader(directory: dir.path)
        #expect(reader.segments.count == 1)
        #expect(reader.documentCount == 1)
        #expect(try DurableFile.list(dir.path).filter { $0.hasPrefix("seg-") }.count == 5)
    }

    @Test func documentsAddedInTheSameSessionCanBeDeletedAndIdsReused() throws {
        let dir = TemporaryDirectory()
        let writer = try IndexWriter(directory: dir.path)
        try writer.add(doc("x", "a", "b"))
        #expect(try writer.delete(id: "x"))            // still buffered: flushed, then marked
        #expect(try writer.add(doc("x", "c", "d")) == "x")
        try writer.commit()
        writer.close()
        let reader = try IndexReader(directory: dir.path)
        #expect(reader.documentCount == 1)
        // The flushed segment holding only the deleted "x" was dropped at commit.
        #expect(reader.segments.count == 1)
        #expect(try reader.document(0).title == "c")
    }

    @Test func logMergePolicyMergesLevelsOfEightAndDeletedHeavySegments() {
        func seg(_ n: String, _ docs: Int, deleted: Int = 0) -> SegmentInfo {
            var s = SegmentInfo(name: n, documentCount: docs, tokenCount: docs * 10)
            if deleted > 0 { s.deletes = SegmentDeletes(file: n + ".000001.del", documentCount: deleted, tokenCount: deleted * 10) }
            return s
        }
        let policy = LogMergePolicy()
        let small = (0..<7).map { seg("seg-00000\($0)-00", 100 + $0) }
        #expect(policy.merges(small).isEmpty)
        let eight = small + [seg("seg-000009-00", 5000)]
        #expect(policy.merges(eight).map(\.count) == [8])
        // A big segment is a level of its own; small ones below 10,000 documents share one.
        let mixed = [seg("seg-000100-00", 1_000_000)] + eight
        #expect(policy.merges(mixed).map { $0.map(\.name).sorted() } == [eight.map(\.name).sorted()])
        // Over half deleted: rewritten even alone.
        #expect(policy.merges([seg("seg-000200-00", 1000, deleted: 600)]).count == 1)
    }

    @Test func catalogRoundTripsAndIsChecksummed() throws {
        let dir = TemporaryDirectory()
        var catalog = SourceCatalog()
        catalog.entries["/a/b.txt"] = .init(size: 12, modified: -5, hash: SourceCatalog.hash(Array("hello".utf8)), ids: ["b", "b~2"])
        catalog.entries["/a/c é.html"] = .init(size: 0, modified: 1_700_000_000_123_456_789, hash: 0, ids: [])
        let path = dir.path + "/catalog-000001"
        try DurableFile.write(catalog.encoded(), to: path)
        #expect(try SourceCatalog.load(path: path) == catalog)
        var bytes = try DurableFile.read(path)
        bytes[10] ^= 0x40
        try DurableFile.write(bytes, to: path)
        #expect(throws: IndexError.self) { try SourceCatalog.load(path: path) }
        #expect(SourceCatalog.hash(Array("hello".utf8)) != SourceCatalog.hash(Array("hellp".utf8)))
    }

    @Test func manifestChecksumCatchesAChangedCount() throws {
        let index = try TestIndex([doc("a", "t", "one two three")])
        let path = index.path + "/manifest.json"
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text.contains("\"checksum\" : \"crc32:"))
        try text.replacingOccurrences(of: "\"tokenCount\" : 4", with: "\"tokenCount\" : 5").write(toFile: path, atomically: true, encoding: .utf8)
        #expect(throws: IndexError.self) { try IndexReader(directory: index.path) }
        // A manifest naming a file outside the index is refused before anything is opened.
        try text.replacingOccurrences(of: "seg-000001-00", with: "../../etc/passwd").write(toFile: path, atomically: true, encoding: .utf8)
        #expect(throws: IndexError.self) { try IndexReader(directory: index.path) }
    }

    @Test func optimizeMergesEverythingAndDropsTombstones() throws {
        let dir = TemporaryDirectory()
        let writer = try IndexWriter(directory: dir.path)
        for i in 0..<60 {
            try writer.add(doc("d\(i)", "title \(i % 7)", "alpha beta gamma \(i) delta"))
            if i % 20 == 19 { try writer.flush() }
        }
        try writer.commit()
        for i in stride(from: 0, to: 60, by: 3) { try writer.delete(id: "d\(i)") }
        try writer.commit()
        let before = try IndexReader(directory: dir.path)
        #expect(before.segments.count > 1)
        try writer.optimize()
        writer.close()
        let after = try IndexReader(directory: dir.path)
        #expect(after.segments.count == 1 && after.segments[0].deletes == nil)
        #expect(after.documentCount == 40 && after.documentCount == before.documentCount)
        #expect(after.manifest.tokenCount == before.manifest.tokenCount)
        for t in ["alpha", "titl", "0", "1", "3"] { #expect(try df(after, t) == df(before, t), "\(t)") }
        #expect(IndexChecker.check(directory: dir.path).isHealthy)
        #expect(IndexChecker.check(directory: dir.path).leftovers.isEmpty)
    }
}
