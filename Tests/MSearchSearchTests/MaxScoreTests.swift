import Foundation
import Testing
import MSearchIndex
import MSearchQuery
@testable import MSearchSearch

/// Pruned top-k must equal the exhaustive top-k: same documents, same order, same scores.
@Suite struct MaxScoreTests {
    @Test func prunedTopKEqualsBruteForceOnRandomQueries() throws {
        var rng = SplitMix(seed: 42)
        // A Zipf-like vocabulary: a few very common words, many rare ones, long and short docs.
        let vocabulary = (0..<300).map { "w\($0)" }
        func word() -> String {
            let r = Double(rng.next() % 1_000_000) / 1_000_000
            return vocabulary[min(vocabulary.count - 1, Int(pow(r, 3) * Double(vocabulary.count)))]
        }
        let docs = (0..<3000).map { _ in
            ((0..<Int(rng.next() % 4)).map { _ in word() }.joined(separator: " "),
             (0..<Int(5 + rng.next() % 200)).map { _ in word() }.joined(separator: " "))
        }
        // Two segments, so thresholds carry across segments too.
        let (reader, dir) = try makeIndex(docs, memoryBudget: 400_000)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        #expect(reader.segments.count > 1)
        let searcher = try Searcher(reader: reader)
        var pruned = 0
        for q in 0..<120 {
            let words = (0..<Int(1 + rng.next() % 6)).map { _ in word() } + (q % 5 == 0 ? ["w0", "w0"] : [])
            let query = Query.boolean(must: [], should: words.map { .term($0, field: nil) }, mustNot: [])
            for k in [1, 10, 100] where q % 3 == 0 || k == 10 {
                let exact = try searcher.search(query, limit: k)
                let fast = try searcher.search(query, limit: k, exactTotal: false)
                #expect(fast.hits.map(\.doc) == exact.hits.map(\.doc), "\(words) k=\(k)")
                #expect(zip(fast.hits, exact.hits).allSatisfy { abs($0.score - $1.score) < 1e-9 })
                if fast.total < exact.total { pruned += 1 }
            }
        }
        // The point of it: some queries were answered without visiting every match.
        #expect(pruned > 0)
    }
}

/// A small deterministic generator, so a failure reproduces.
struct SplitMix: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
