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

    static func signature(title: String, body: String) -> [UInt16] {
        let analyzer = try! Analyzer(.default)
        return AnalyzedDocument(SourceDocument.text("x", title: title, body: body), analyzer: analyzer).signature
    }

    /// A wire template repeated with other figures is another story: its number shingles
    /// weigh four times, so an amount and a rate changed split it; the same figures do not.
    @Test func aTemplateWithOtherFiguresIsAnotherStory() {
        func notice(_ amount: String, _ rate: String) -> String {
            "The Federal Reserve entered the U.S. Government securities market to arrange \(amount) billion dlrs of customer "
                + "repurchase agreements, a Fed spokesman said. Dealers said Federal funds were trading at \(rate) pct when the "
                + "Fed began its temporary and indirect supply of reserves to the banking system."
        }
        let title = "FED ADDS RESERVES VIA CUSTOMER REPURCHASES"
        let monday = Self.signature(title: title, body: notice("1.5", "6-1/4"))
        let tuesday = Self.signature(title: title, body: notice("2.5", "6-3/16"))
        let copy = Self.signature(title: title, body: notice("1.5", "6-1/4") + " Reuter")
        #expect(Self.similarity(monday, copy) >= NearDuplicateClusters.threshold)
        #expect(Self.similarity(monday, tuesday) < NearDuplicateClusters.threshold, "\(Self.similarity(monday, tuesday))")
        // The same change in words rather than figures weighs as any word: the text stays close.
        let wordy = Self.signature(title: title, body: notice("1.5", "6-1/4").replacingOccurrences(of: "temporary", with: "short-term"))
        #expect(Self.similarity(monday, wordy) >= NearDuplicateClusters.threshold)
    }

    /// A notice of a line or two is told apart by its headline (whom it is about); a longer
    /// article is not, as copies of one story are often retitled.
    @Test func aShortBodyCountsItsTitleAndALongOneDoesNot() {
        let dividend = "Qtly div 15 cts vs 15 cts prior Pay April 30 Record April 14"
        let bic = Self.signature(title: "BIC CORP SETS QUARTERLY", body: dividend)
        let varlen = Self.signature(title: "VARLEN CORP DECLARES QTLY DIVIDEND", body: dividend)
        #expect(Self.similarity(bic, Self.signature(title: "BIC CORP SETS QUARTERLY", body: dividend)) == 1)
        #expect(Self.similarity(bic, varlen) < NearDuplicateClusters.threshold, "\(Self.similarity(bic, varlen))")
        let story = NearDuplicateTests.story(seed: 5).joined(separator: " ")
        #expect(Self.similarity(Self.signature(title: "Harbour to reopen", body: story),
                                Self.signature(title: "Port opens again next week", body: story)) == 1)
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
