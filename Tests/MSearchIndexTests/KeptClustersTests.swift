import Foundation
import MSearchAnalysis
import MSearchSources
import Testing
@testable import MSearchIndex
import MSearchTestSupport
import MSearchIndexTestSupport

/// The clusters and language counts a commit keeps beside the manifest: read by queries instead
/// of a recomputation, verified by `check`, and recomputed when an older index has none.
@Suite struct KeptClustersTests {
    @Test func aCommitKeepsTheClustersTheSignaturesGiveAndTheLanguageCounts() throws {
        let index = try TestIndex(NearDuplicateTests.corpus())
        let manifest = index.reader.manifest
        let kept = try #require(manifest.clusters)
        #expect(kept.file.hasPrefix(IndexFormat.clustersPrefix) && manifest.fileNames.contains(kept.file))
        #expect(index.reader.clustersWereKept)
        #expect(index.reader.nearDuplicates.all == NearDuplicateClusters(segments: index.reader.segments).all)
        #expect(NearDuplicateTests.clusters(index.reader) == [["story-0", "story-1", "story-2"], ["other-a", "other-b"]])
        var scanned: [String: Int] = [:]
        for s in index.reader.segments {
            for d in 0..<s.documentCount where s.columns.languageValue(d) != 0 { scanned[s.columns.language(d), default: 0] += 1 }
        }
        #expect(!scanned.isEmpty)
        #expect(manifest.languages == scanned)
        #expect(IndexChecker.check(directory: index.path).isHealthy)
    }

    @Test func eachCommitReplacesTheFileAndRemovesTheOldOne() throws {
        let dir = TemporaryDirectory()
        let docs = NearDuplicateTests.corpus()
        var writer = try IndexWriter(directory: dir.path)
        for doc in docs.prefix(4) { try writer.add(doc) }
        try writer.commit()
        writer.close()
        let first = try #require(try Manifest.load(from: dir.path).clusters)
        writer = try IndexWriter(directory: dir.path)
        for doc in docs.dropFirst(4) { try writer.add(doc) }
        try writer.commit()
        writer.close()
        let second = try #require(try Manifest.load(from: dir.path).clusters)
        #expect(first.file != second.file)
        #expect(!DurableFile.exists(dir.path + "/" + first.file))
        let reader = try IndexReader(directory: dir.path)
        #expect(NearDuplicateTests.clusters(reader) == [["story-0", "story-1", "story-2"], ["other-a", "other-b"]])
    }

    @Test func anIndexWithoutTheFileComputesTheSameClusters() throws {
        let index = try TestIndex(NearDuplicateTests.corpus())
        let expected = NearDuplicateTests.clusters(index.reader)
        var manifest = try Manifest.load(from: index.path)
        let old = try #require(manifest.clusters)
        manifest.clusters = nil
        manifest.languages = nil
        try manifest.save(to: index.path)
        DurableFile.remove(index.path + "/" + old.file)
        let reader = try IndexReader(directory: index.path)
        #expect(!reader.clustersWereKept)
        #expect(NearDuplicateTests.clusters(reader) == expected)
        #expect(IndexChecker.check(directory: index.path).isHealthy)
    }

    @Test func aDamagedFileIsReportedByCheckAndAnErrorAtOpen() throws {
        let index = try TestIndex(NearDuplicateTests.corpus())
        let kept = try #require(index.reader.manifest.clusters)
        let path = index.path + "/" + kept.file
        var bytes = try DurableFile.read(path)
        bytes[bytes.count - 1] ^= 0x01
        DurableFile.remove(path)
        try DurableFile.create(bytes, at: path)
        let report = IndexChecker.check(directory: index.path)
        #expect(!report.isHealthy)
        #expect(report.files.contains { $0.name == kept.file && $0.problem != nil })
        #expect { _ = try IndexReader(directory: index.path) } throws: { error in
            guard case IndexError.corrupt(let file, _) = error else { return false }
            return file.hasSuffix(kept.file)
        }
    }

    @Test func decodingRejectsWhatIsNotDisjointClustersOfTheIndexsDocuments() {
        func bytes(_ words: [UInt32]) -> [UInt8] {
            var b = ByteBuffer()
            b.append(contentsOf: NearDuplicateClusters.magic)
            for w in words { b.appendUInt32(w) }
            return b.bytes
        }
        #expect(throws: IndexError.self) { try NearDuplicateClusters.decode([1, 2, 3], total: 4, file: "f") }
        #expect(throws: IndexError.self) { try NearDuplicateClusters.decode(bytes([5, 0]), total: 4, file: "f") }
        #expect(throws: IndexError.self) { try NearDuplicateClusters.decode(bytes([4, 1, 2, 0, 9]), total: 4, file: "f") }
        #expect(throws: IndexError.self) { try NearDuplicateClusters.decode(bytes([4, 2, 2, 0, 1, 2, 1, 3]), total: 4, file: "f") }
        #expect(throws: IndexError.self) { try NearDuplicateClusters.decode(bytes([4, 1, 2, 0, 1, 7]), total: 4, file: "f") }
        let ok = try? NearDuplicateClusters.decode(bytes([4, 1, 2, 0, 3]), total: 4, file: "f")
        #expect(ok?.all == [[0, 3]])
        #expect(ok?.cluster(of: 3) == 0 && ok?.cluster(of: 1) == nil)
    }
}
