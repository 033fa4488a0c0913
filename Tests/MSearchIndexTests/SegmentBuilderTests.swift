import Foundation
import MSearchAnalysis
import MSearchSources
import Testing
@testable import MSearchIndex
import MSearchTestSupport

/// What the builder holds while a segment is built: the store's compressed blocks are on disk
/// already, so the memory budget is spent on postings; an unflushed store is a leftover.
@Suite struct SegmentBuilderTests {
    /// ~2.6 MB of text: more than the 2 MB the store trains its dictionary on, so blocks are
    /// compressed (and written) before the segment is complete.
    func documents() -> [AnalyzedDocument] {
        var rng = SplitMix64(seed: 11)
        let letters = Array("abcdefghijklmnopqrstuvwxyz")
        let words = (0..<20_000).map { _ in String((0..<5).map { _ in letters[Int(rng.next() % 26)] }) }
        let analyzer = try! Analyzer(.default)
        return (0..<1300).map { i in
            let body = (0..<340).map { _ in words[Int(rng.next() % UInt64(words.count))] }.joined(separator: " ")
            var d = SourceDocument(id: "d\(i)", path: "f.txt", title: "title \(i)", body: body, format: .text)
            if i % 3 == 0 { d.actors = [NamedActor(name: "Actor \(i % 7)", kind: .person)] }
            return AnalyzedDocument(d, analyzer: analyzer)
        }
    }

    @Test func storeIsOnDiskBeforeTheFlushAndOutsideTheFootprint() throws {
        let dir = TemporaryDirectory("builder")
        let other = TemporaryDirectory("builder-none")
        let docs = documents()
        let withText = SegmentBuilder(directory: dir.path)
        let without = SegmentBuilder(directory: other.path, storesText: false)
        for d in docs {
            try withText.add(d)
            try without.add(d)
        }
        let inProgress = dir.path + "/" + IndexFormat.storeInProgress
        #expect(DurableFile.size(inProgress) > 512 << 10)
        // Postings, terms and columns are the same; the text costs at most a few buffers.
        #expect(withText.memoryFootprint < without.memoryFootprint + (128 << 10))

        let info = try withText.write(name: "seg-000001-00")
        #expect(!DurableFile.exists(inProgress))
        let segment = try SegmentReader(info: info, directory: dir.path)
        for i in [0, 1, 649, 1299] {
            #expect(try segment.store.document(i).body == docs[i].source.body)
        }
        #expect(segment.columns.actorCount == 7)
    }

    @Test func actorsAreOneEntryPerNameAndKind() throws {
        let dir = TemporaryDirectory("builder-actors")
        let builder = SegmentBuilder(directory: dir.path)
        let analyzer = try Analyzer(.default)
        let actors: [[(String, ActorKind)]] = [[("Georgia", .place), ("Georgia", .person)], [("Georgia", .place)], [],
                                               [("Georgia", .person), ("Ana", .person)]]
        for (i, list) in actors.enumerated() {
            var d = SourceDocument(id: "d\(i)", path: "f.txt", title: "t", body: "b", format: .text)
            d.actors = list.map { NamedActor(name: $0.0, kind: $0.1) }
            try builder.add(AnalyzedDocument(d, analyzer: analyzer))
        }
        let info = try builder.write(name: "seg-000001-00")
        let segment = try SegmentReader(info: info, directory: dir.path)
        #expect(segment.columns.actorCount == 3)
        for (i, list) in actors.enumerated() {
            var got: [(String, ActorKind)] = []
            segment.columns.forEachActor(i) { got.append(segment.columns.actor($0)) }
            #expect(got.map { "\($0.0)/\($0.1)" } == list.map { "\($0.0)/\($0.1)" })
        }
    }

    @Test func storeOfAnUnflushedSegmentIsALeftover() throws {
        let dir = TemporaryDirectory("builder-leftover")
        let inProgress = dir.path + "/" + IndexFormat.storeInProgress
        let doc = SourceDocument(id: "a", path: "a.txt", title: "one", body: "two", format: .text)
        do {
            let writer = try IndexWriter(directory: dir.path)
            try writer.add(doc)
            try writer.commit()
            try writer.add(SourceDocument(id: "b", path: "b.txt", title: "three", body: "four", format: .text))
            #expect(DurableFile.exists(inProgress))
            // Dropped without commit or close, as a killed run leaves it.
        }
        #expect(IndexChecker.check(directory: dir.path).leftovers == [IndexFormat.storeInProgress])
        let next = try IndexWriter(directory: dir.path)
        #expect(!DurableFile.exists(inProgress))
        try next.add(doc)
        #expect(DurableFile.exists(inProgress))
        next.close()
        #expect(!DurableFile.exists(inProgress))
        #expect(try IndexReader(directory: dir.path).documentCount == 1)
    }
}
