import Foundation
import MSearchSources
import Testing
@testable import MSearchIndex
import MSearchTestSupport
import MSearchIndexTestSupport

/// A streaming merge writes exactly the files a one-segment build of the live documents
/// would: the strongest form of "ranks, phrases, facets and `show` as a rebuild".
@Suite struct SegmentMergerTests {
    /// Documents with titles, dates, actors, repeated words (tf > 1, title tf) and one word in
    /// every document, so that its postings span several 128-document blocks.
    func documents(_ n: Int) -> [SourceDocument] {
        var rng = SplitMix64(seed: 7)
        let words = ["oil", "price", "cuba", "havana", "talks", "bank", "rate", "grain", "wheat", "ship"]
        return (0..<n).map { i in
            var body = "common "
            for _ in 0..<(5 + Int(rng.next() % 30)) { body += words[Int(rng.next() % UInt64(words.count))] + " " }
            var d = SourceDocument(id: "d\(i)", path: "f\(i % 5).txt", title: "\(words[i % words.count]) news \(i)",
                                   body: body, format: .text)
            if i % 3 == 0 { d.date = "2020-0\(1 + i % 9)-1\(i % 10)" }
            if i % 4 == 0 { d.actors = [NamedActor(name: "Actor \(i % 6)", kind: i % 2 == 0 ? .person : .place)] }
            d.ordinal = i
            return d
        }
    }

    func files(_ dir: String) throws -> [String: [UInt8]] {
        let reader = try IndexReader(directory: dir)
        #expect(reader.segments.count == 1)
        var out: [String: [UInt8]] = [:]
        for ext in IndexFormat.FileExtension.allCases {
            out[ext.rawValue] = Array(try Data(contentsOf: URL(fileURLWithPath: reader.segments[0].info.filePath(ext, in: dir))))
        }
        return out
    }

    @Test(arguments: [StoreMode.text, .none])
    func mergeWritesTheFilesOfAOneSegmentBuildOfTheLiveDocuments(store: StoreMode) throws {
        let docs = documents(700)
        let deleted = Set(stride(from: 1, to: 700, by: 3).map { "d\($0)" } + ["d5", "d6"])
        let merged = TemporaryDirectory()
        let writer = try IndexWriter(directory: merged.path, memoryBudget: 8 << 10, store: store)
        for d in docs { try writer.add(d) }
        try writer.commit()
        #expect(try IndexReader(directory: merged.path).segments.count > 4)
        for id in deleted { #expect(try writer.delete(id: id)) }
        try writer.commit()
        try writer.optimize()
        writer.close()
        #expect(IndexChecker.check(directory: merged.path).isHealthy)

        let fresh = try TestIndex(docs.filter { !deleted.contains($0.id) }, store: store)
        let a = try files(merged.path), b = try files(fresh.path)
        for ext in IndexFormat.FileExtension.allCases { #expect(a[ext.rawValue] == b[ext.rawValue], "\(ext)") }
        let m = try IndexReader(directory: merged.path), f = try IndexReader(directory: fresh.path)
        #expect(m.manifest.tokenCount == f.manifest.tokenCount && m.documentCount == f.documentCount)
    }

    @Test func damagedInputIsReportedNotMerged() throws {
        let dir = TemporaryDirectory()
        let writer = try IndexWriter(directory: dir.path, memoryBudget: 8 << 10)
        for d in documents(200) { try writer.add(d) }
        try writer.commit()
        let segment = try IndexReader(directory: dir.path).segments[0].info
        let path = segment.filePath(.positions, in: dir.path)
        var bytes = Array(try Data(contentsOf: URL(fileURLWithPath: path)))
        bytes[bytes.count / 2] ^= 0x10
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        #expect(throws: IndexError.self) { try writer.optimize() }
        writer.close()
    }
}
