import MSearchAnalysis
import MSearchSources
import Testing
@testable import MSearchIndex
import MSearchTestSupport
import MSearchIndexTestSupport

/// Signatures, LSH banding and the clusters an index derives from them, through additions,
/// deletions and merges.
@Suite struct NearDuplicateTests {
    /// A story of `words` distinct words drawn by `seed`, as a body.
    static func story(seed: UInt64, words: Int = 120) -> [String] {
        var rng = SplitMix64(seed: seed)
        return (0..<words).map { _ in "w\(rng.next() % 5000)" }
    }

    static func signature(_ words: [String]) -> [UInt16] {
        let analyzer = try! Analyzer(.default)
        return AnalyzedDocument(SourceDocument.text("x", body: words.joined(separator: " ")), analyzer: analyzer).signature
    }

    static func similarity(_ a: [UInt16], _ b: [UInt16]) -> Double {
        a.withUnsafeBufferPointer { x in b.withUnsafeBufferPointer { y in NearDuplicateSignature.similarity(x, y) } }
    }

    @Test func nearDuplicatesAgreeOnMostBinsAndUnrelatedTextsOnFew() {
        let base = NearDuplicateTests.story(seed: 1)
        var edited = base
        edited[30] = "changed"; edited[90] = "altered"            // two words of 120 edited
        let unrelated = NearDuplicateTests.story(seed: 2)
        let s = NearDuplicateTests.signature(base)
        #expect(s.count == NearDuplicateSignature.bins && !s.contains(0))
        #expect(NearDuplicateTests.similarity(s, NearDuplicateTests.signature(base)) == 1)
        #expect(NearDuplicateTests.similarity(s, NearDuplicateTests.signature(edited)) >= 0.8)
        #expect(NearDuplicateTests.similarity(s, NearDuplicateTests.signature(unrelated)) < 0.1)
    }

    @Test func anEmptyBodyHasNoSignatureAndAShortOneIsFullyDensified() {
        #expect(NearDuplicateTests.signature([]).isEmpty)
        let short = NearDuplicateTests.signature(["one", "two"])
        #expect(short.count == NearDuplicateSignature.bins && !short.contains(0))
    }

    @Test func bandsOfEqualSignaturesMatchAndOfUnrelatedOnesDoNot() {
        let a = NearDuplicateTests.signature(NearDuplicateTests.story(seed: 3))
        let b = NearDuplicateTests.signature(NearDuplicateTests.story(seed: 4))
        a.withUnsafeBufferPointer { x in
            b.withUnsafeBufferPointer { y in
                let equal = (0..<NearDuplicateSignature.bands).filter {
                    NearDuplicateSignature.bandKey(x, band: $0) == NearDuplicateSignature.bandKey(y, band: $0)
                }
                #expect(equal.isEmpty)
                #expect(NearDuplicateSignature.bandKey(x, band: 0) == NearDuplicateSignature.bandKey(x, band: 0))
            }
        }
    }

    /// Three copies of one story (small edits) and a pair of another among unrelated ones.
    static func corpus() -> [SourceDocument] {
        var docs: [SourceDocument] = []
        let story = NearDuplicateTests.story(seed: 10), other = NearDuplicateTests.story(seed: 11)
        for copy in 0..<3 {
            var words = story
            words[20 + copy] = "edit\(copy)"
            docs.append(.text("story-\(copy)", title: "Story", body: words.joined(separator: " ")))
        }
        docs.append(.text("other-a", body: other.joined(separator: " ")))
        docs.append(.text("other-b", body: other.joined(separator: " ") + " Reuter"))
        for i in 0..<6 { docs.append(.text("single-\(i)", body: NearDuplicateTests.story(seed: 100 + UInt64(i)).joined(separator: " "))) }
        docs.append(.text("tiny-a", body: "no comment"))
        docs.append(.text("tiny-b", body: "no comment"))
        return docs
    }

    /// The clusters as sets of external ids, comparable across indexes.
    static func clusters(_ reader: IndexReader) -> Set<[String]> {
        Set(reader.nearDuplicates.all.map { $0.map(reader.externalId) })
    }

    @Test func copiesClusterAndUnrelatedOrTinyBodiesDoNot() throws {
        let index = try TestIndex(NearDuplicateTests.corpus())
        #expect(NearDuplicateTests.clusters(index.reader) == [["story-0", "story-1", "story-2"], ["other-a", "other-b"]])
        let clusters = index.reader.nearDuplicates
        #expect(clusters.cluster(of: 0) == clusters.cluster(of: 2))
        #expect(clusters.cluster(of: 5) == nil)
        #expect(index.reader.clusterId(1) == "story-0")
    }

    @Test func incrementalUpdatesDeletionsAndMergesGiveTheClustersOfARebuild() throws {
        let docs = NearDuplicateTests.corpus()
        let dir = TemporaryDirectory()
        // One document per commit, in an order that splits every cluster across segments.
        for doc in docs.reversed() {
            let writer = try IndexWriter(directory: dir.path)
            try writer.add(doc)
            try writer.commit()
            writer.close()
        }
        var reader = try IndexReader(directory: dir.path)
        #expect(reader.segments.count == docs.count)
        #expect(NearDuplicateTests.clusters(reader) == NearDuplicateTests.clusters(try TestIndex(docs).reader))

        // Deleting the representative and a pair member; adding a fourth copy.
        let writer = try IndexWriter(directory: dir.path)
        #expect(try writer.delete(id: "story-0"))
        #expect(try writer.delete(id: "other-b"))
        var fourth = docs[0]
        fourth.id = "story-3"; fourth.path = "story-3.txt"
        try writer.add(fourth)
        try writer.commit()
        reader = try IndexReader(directory: dir.path)
        let remaining = docs.filter { $0.id != "story-0" && $0.id != "other-b" } + [fourth]
        let rebuilt = try TestIndex(remaining).reader
        #expect(NearDuplicateTests.clusters(reader) == [["story-1", "story-2", "story-3"]])
        #expect(NearDuplicateTests.clusters(reader) == NearDuplicateTests.clusters(rebuilt))

        // Merged into one segment: the signatures travel with the documents.
        try writer.optimize()
        writer.close()
        reader = try IndexReader(directory: dir.path)
        #expect(reader.segments.count == 1)
        #expect(NearDuplicateTests.clusters(reader) == NearDuplicateTests.clusters(rebuilt))
        #expect(IndexChecker.check(directory: dir.path).isHealthy)
    }
}
