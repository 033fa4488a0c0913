import Foundation
import Testing
import MSearchIndex
import MSearchQuery
@testable import MSearchSearch
import MSearchTestSupport
import MSearchIndexTestSupport

/// Pruned top-k must equal the exhaustive top-k: same documents, same order, same scores.
@Suite struct MaxScoreTests {
    @Test func prunedTopKEqualsBruteForceOnRandomQueries() throws {
        var rng = SplitMix64(seed: 42)
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
        // Several segments, so thresholds carry across segments too, each large enough that
        // common words' lists span several 128-document blocks (bounded by block maxima).
        let index = try TestIndex(texts: docs, memoryBudget: 2_000_000)
        let reader = index.reader
        #expect(reader.segments.count > 1)
        #expect(reader.segments.allSatisfy { $0.documentCount > 3 * 128 })
        let searcher = try Searcher(reader: reader)
        var pruned = 0
        /// Pruned against exhaustive top-k of the OR of `words`, for each k.
        func compare(_ words: [String], ks: [Int]) throws {
            let query = Query.boolean(must: [], should: words.map { .term($0, field: nil) }, mustNot: [])
            for k in ks {
                let exact = try searcher.search(query, limit: k)
                let fast = try searcher.search(query, limit: k, exactTotal: false)
                #expect(fast.hits.map(\.doc) == exact.hits.map(\.doc), "\(words) k=\(k)")
                #expect(zip(fast.hits, exact.hits).allSatisfy { abs($0.score - $1.score) < 1e-9 })
                if fast.total < exact.total { pruned += 1 }
            }
        }
        for q in 0..<120 {
            let words = (0..<Int(1 + rng.next() % 6)).map { _ in word() } + (q % 5 == 0 ? ["w0", "w0"] : [])
            try compare(words, ks: q % 3 == 0 ? [1, 10, 100] : [10])
        }
        // Only common words: every list spans several blocks, so every bound is a block maximum
        // and whole windows are skipped; a bound set too low would lose hits here.
        for q in 0..<40 {
            try compare((0..<Int(2 + rng.next() % 3)).map { _ in "w\(rng.next() % 12)" }, ks: q % 2 == 0 ? [1, 10, 100] : [10])
        }
        // The point of it: some queries were answered without visiting every match.
        #expect(pruned > 0)
    }
}
