import Foundation
import MSearchTestSupport
import MSearchIndex
import MSearchQuery
import MSearchSearch
import Testing

/// An index updated in place — files added one run at a time, changed, removed, pruned,
/// merged, optimized — must rank exactly as one rebuilt from the remaining files: same N, token
/// count and df for every term, same hits in the same order with the same scores (to 1e-9).
@Suite(.serialized) struct IncrementalTests {
    /// Compares two indexes statistic by statistic and query by query.
    static func expectSameRanking(_ updatedDir: String, _ freshDir: String, queries: [String], _ context: String) throws {
        let updated = try IndexReader(directory: updatedDir)
        let fresh = try IndexReader(directory: freshDir)
        #expect(updated.documentCount == fresh.documentCount, "\(context): N")
        #expect(updated.manifest.tokenCount == fresh.manifest.tokenCount, "\(context): token count")
        // df of every term either index holds.
        var terms = 0, mismatches: [String] = []
        for (a, b) in [(updated, fresh), (fresh, updated)] {
            for segment in a.segments {
                try segment.terms.forEach(from: UnsafeBufferPointer(start: nil, count: 0)) { term, _ in
                    terms += 1
                    let x = try a.documentFrequency(term), y = try b.documentFrequency(term)
                    if x != y && mismatches.count < 5 { mismatches.append("\(String(decoding: term, as: UTF8.self)): \(x) vs \(y)") }
                    return true
                }
            }
        }
        #expect(mismatches.isEmpty, "\(context): df differs for \(mismatches)")
        let s1 = try Searcher(reader: updated), s2 = try Searcher(reader: fresh)
        for q in queries {
            let query = try QueryParser().parse(q)
            let r1 = try s1.search(query, limit: 25), r2 = try s2.search(query, limit: 25)
            #expect(r1.total == r2.total, "\(context): total for \(q)")
            #expect(r1.hits.map { updated.externalId($0.doc) } == r2.hits.map { fresh.externalId($0.doc) }, "\(context): ranking for \(q)")
            for (h1, h2) in zip(r1.hits, r2.hits) {
                #expect(abs(h1.score - h2.score) <= 1e-9, "\(context): score for \(q): \(h1.score) vs \(h2.score)")
            }
        }
    }

    static func run(_ arguments: [String]) throws -> Child.Outcome {
        let r = try Child.run(arguments)
        #expect(r.status == 0, "\(arguments.prefix(3)): \(r.stderr)")
        return r
    }

    static func segmentCount(_ index: String) throws -> Int { try IndexReader(directory: index).segments.count }

    @Test(.enabled(if: !reutersFiles.isEmpty, "needs ../shared/corpora/reuters21578"))
    func reutersAddedOneAtATimeThenHalfRemovedRanksAsAFreshIndex() throws {
        // 8 of the 22 files by default (debug builds are slow); MSEARCH_INCREMENTAL_FILES=22 for all.
        let count = Int(ProcessInfo.processInfo.environment["MSEARCH_INCREMENTAL_FILES"] ?? "") ?? 8
        let files = Array(reutersFiles.prefix(count))
        let work = TemporaryDirectory("incremental-reuters")
        let updated = work.sub("updated"), fresh = work.sub("fresh")
        for f in files { _ = try IncrementalTests.run(["index", "--index", updated, f]) }
        #expect(try IncrementalTests.segmentCount(updated) < files.count, "the merge policy should have merged")
        let removed = files.enumerated().filter { $0.offset % 2 == 1 }.map(\.element)
        let kept = files.enumerated().filter { $0.offset % 2 == 0 }.map(\.element)
        let r = try IncrementalTests.run(["remove", "--index", updated] + removed)
        #expect(r.stdout.contains("of \(removed.count) files"), "\(r.stdout)")
        _ = try IncrementalTests.run(["index", "--index", fresh] + kept)
        let queries = ["oil prices", "opec", "\"crude oil\"", "bank rate cut", "wheat OR corn", "gold -silver",
                       "title:dollar", "japan trade surplus", "date:1987-03-01..1987-03-31", "shares*",
                       "+stock +exchange", "\"money supply\"~2", "acquisition merger", "coffee cocoa sugar"]
        try IncrementalTests.expectSameRanking(updated, fresh, queries: queries, "after \(files.count) adds and \(removed.count) removals")
        #expect(try Child.run(["check", "-q", "--index", updated]).status == 0)
        _ = try IncrementalTests.run(["optimize", "--index", updated])
        #expect(try IncrementalTests.segmentCount(updated) == 1)
        try IncrementalTests.expectSameRanking(updated, fresh, queries: queries, "after optimize")
    }

    @Test func updatesPrunesRemovalsAndMergesRankAsARebuild() throws {
        let work = TemporaryDirectory("incremental")
        let news = work.sub("news")
        var corpus = Corpus(seed: 21)
        for part in 0..<9 { try corpus.writeFiles(25, in: news + "/p\(part)", prefix: "p\(part)", words: 30...150) }
        let updated = work.sub("updated"), fresh = work.sub("fresh")
        // Nine runs, one folder more each time: nine segments, so the merge policy merges.
        for part in 0..<9 { _ = try IncrementalTests.run(["index", "--index", updated, news + "/p\(part)"]) }
        #expect(try IncrementalTests.segmentCount(updated) < 8)

        // Changes: rewritten files, deleted files, a new folder, a touched but unchanged file.
        for i in stride(from: 0, to: 25, by: 4) {
            try corpus.article(words: 90).write(toFile: news + "/p2/p2-\(String(format: "%04d", i)).txt", atomically: false, encoding: .utf8)
        }
        for i in 0..<10 { try FileManager.default.removeItem(atPath: news + "/p5/p5-\(String(format: "%04d", i)).txt") }
        try corpus.writeFiles(30, in: news + "/new", prefix: "n", words: 30...150)
        let touched = news + "/p7/p7-0003.txt"
        try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSince1970: 1_000_000)], ofItemAtPath: touched)

        // Each folder was indexed on its own, so ids are file stems; keep them so for the rebuild.
        let folders = (0..<9).map { news + "/p\($0)" } + [news + "/new"]
        let r = try IncrementalTests.run(["index", "--prune", "--memory", "0.3", "--index", updated] + folders)
        #expect(r.stdout.contains("files: 30 added, 7 updated, 208 unchanged, 10 removed"), "\(r.stdout)")
        _ = try IncrementalTests.run(["remove", "--index", updated, news + "/p8"])
        try FileManager.default.removeItem(atPath: news + "/p8")
        _ = try IncrementalTests.run(["index", "--index", fresh] + folders.filter { !$0.hasSuffix("/p8") })
        let queries = ["havana talks", "\"oil prices\"", "visa OR flights", "+cuba -sanctions", "title:election",
                       "migra*", "\"court ruling\"~2", "date:2023", "wheat corn harvest drought", "the"]
        try IncrementalTests.expectSameRanking(updated, fresh, queries: queries, "after updates, prune and remove")

        // Nothing changed: the next run opens no file.
        let again = try IncrementalTests.run(["index", "--index", updated] + folders.filter { !$0.hasSuffix("/p8") })
        #expect(again.stdout.contains("0 added, 0 updated, 220 unchanged, 0 removed"), "\(again.stdout)")
        #expect(try Child.run(["check", "-q", "--index", updated]).status == 0)

        // --rebuild starts over from the given paths only.
        _ = try IncrementalTests.run(["index", "--rebuild", "--index", updated, news + "/new"])
        #expect(try IndexReader(directory: updated).documentCount == 30)
    }
}
