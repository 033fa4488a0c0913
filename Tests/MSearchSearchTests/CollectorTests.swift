import Foundation
import Testing
import MSearchIndex
import MSearchQuery
import MSearchSources
@testable import MSearchSearch
import MSearchTestSupport
import MSearchIndexTestSupport

/// Each collector against a brute-force answer computed from every match, on an index of two
/// segments (so segment bases matter) with many exact score ties (so the tie-break matters)
/// and dated, month-only and undated documents.
@Suite struct CollectorTests {
    /// Every match of a run, index-wide, with its score: the oracle the collectors are held to.
    struct EveryMatch: Collector {
        var hits: [Hit] = []
        var base = 0
        mutating func startSegment(_ segment: SegmentReader, base: Int) { self.base = base }
        mutating func collect(_ doc: Int32, score: Double) { hits.append(Hit(doc: base + Int(doc), score: score)) }
        var acceptsPruning: Bool { false }
        var threshold: Double { -.infinity }
        func finish() -> [Hit] { hits }
    }

    /// Wraps a collector to count what it is offered, passing on its wish to prune.
    struct Offered<Inner: Collector>: Collector {
        var inner: Inner
        var offered = 0
        mutating func startSegment(_ segment: SegmentReader, base: Int) { inner.startSegment(segment, base: base) }
        mutating func collect(_ doc: Int32, score: Double) { offered += 1; inner.collect(doc, score: score) }
        var acceptsPruning: Bool { inner.acceptsPruning }
        var threshold: Double { inner.threshold }
        func finish() -> (Inner.Output, Int) { (inner.finish(), offered) }
    }

    /// The test corpus: documents of a few words from a small vocabulary (so scores tie),
    /// dates drawn from a handful of days, months and none, and a test cluster key.
    struct Corpus {
        var texts: [String] = []
        var dates: [String?] = []
        var cluster: [Int?] = []
    }

    static func corpus(_ count: Int) -> Corpus {
        var rng = SplitMix64(seed: 15)
        let vocabulary = ["cuba", "havana", "talks", "visa", "oil", "prices", "strike"]
        let days: [String?] = ["2023-11-14", "2023-11-14", "2021-02-03", "1999-12-31", "2024-01-01", "2023-11", "2022", nil, nil]
        var c = Corpus()
        for _ in 0..<count {
            let length = 1 + Int(rng.next() % 4)
            c.texts.append((0..<length).map { _ in vocabulary[Int(rng.next() % UInt64(vocabulary.count))] }.joined(separator: " "))
            c.dates.append(days[Int(rng.next() % UInt64(days.count))])
            c.cluster.append(rng.next() % 4 == 0 ? nil : Int(rng.next() % 7))
        }
        return c
    }

    /// The corpus indexed in two commits (two segments), ids "d0", "d1", … (so external-id
    /// order, "d10" before "d2", differs from document-number order).
    static func index(_ c: Corpus) throws -> (IndexReader, String) {
        let dir = NSTemporaryDirectory() + "msearch-collectors-" + UUID().uuidString
        let writer = try IndexWriter(directory: dir)
        for i in c.texts.indices {
            try writer.add(SourceDocument(id: "d\(i)", path: "d\(i).txt", title: "", body: c.texts[i], date: c.dates[i], format: .text))
            if i == c.texts.count / 2 { try writer.commit() }
        }
        try writer.commit()
        writer.close()
        return (try IndexReader(directory: dir), dir)
    }

    static let count = 120
    static let queries: [Query] = [
        words("cuba"), words("cuba talks"), words("oil prices strike visa"),
        .boolean(must: [.term("havana", field: nil)], should: [.term("visa", field: nil)], mustNot: [.term("oil", field: nil)]),
        .all,
    ]

    func setUp() throws -> (Corpus, IndexReader, Searcher, String) {
        let c = CollectorTests.corpus(CollectorTests.count)
        let (reader, dir) = try CollectorTests.index(c)
        return (c, reader, try Searcher(reader: reader, ranking: .classic), dir)
    }

    func everyMatch(_ searcher: Searcher, _ query: Query) throws -> [Hit] {
        var all = EveryMatch()
        try searcher.run(try searcher.planner.plan(query), into: &all)
        return all.finish()
    }

    /// The documents' numbers as ids ("d7" → 7), so expectations can use the corpus arrays.
    func corpusIndex(_ reader: IndexReader, _ doc: Int) -> Int { Int(reader.externalId(doc).dropFirst())! }

    @Test func theIndexHasTwoSegmentsAndTies() throws {
        let (_, reader, searcher, dir) = try setUp()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        #expect(reader.segments.count == 2)
        let scores = try everyMatch(searcher, words("cuba")).map(\.score)
        #expect(Set(scores).count < scores.count)
    }

    @Test func topScoreIsTheBruteForceTopK() throws {
        let (_, reader, searcher, dir) = try setUp()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        for query in CollectorTests.queries {
            let expected = try everyMatch(searcher, query).sorted {
                $0.score != $1.score ? $0.score > $1.score : reader.externalIdPrecedes($0.doc, $1.doc)
            }
            for k in [1, 5, 17, 1000] {
                var top = TopScoreCollector(k: k, tieBreak: reader.externalIdPrecedes)
                var exhaustive = CollectorPair(top, CountCollector())   // rules out MaxScore
                try searcher.run(try searcher.planner.plan(query), into: &exhaustive)
                #expect(exhaustive.finish().0 == Array(expected.prefix(k)), "\(query) k=\(k)")
                try searcher.run(try searcher.planner.plan(query), into: &top)
                #expect(top.finish() == Array(expected.prefix(k)), "\(query) k=\(k), pruning allowed")
            }
        }
    }

    @Test func countIsTheNumberOfMatches() throws {
        let (c, reader, searcher, dir) = try setUp()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        var count = CountCollector()
        try searcher.run(try searcher.planner.plan(words("cuba talks")), into: &count)
        let expected = c.texts.filter { $0.contains("cuba") || $0.contains("talks") }.count
        #expect(count.finish() == expected)
        #expect(try searcher.search(words("cuba talks"), SearchRequest(limit: 3)).total == expected)
        var all = CountCollector()
        try searcher.run(.all, into: &all)
        #expect(all.finish() == reader.documentCount)
    }

    @Test func dateOrderPutsUndatedLastAndBreaksTiesByScore() throws {
        let (c, reader, searcher, dir) = try setUp()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        for order in [DateOrder.newestFirst, .oldestFirst] {
            for query in CollectorTests.queries {
                let matches = try everyMatch(searcher, query)
                // ISO dates order as strings; a month or a year alone sorts before its days.
                func date(_ hit: Hit) -> String? { c.dates[corpusIndex(reader, hit.doc)] }
                let expected = matches.sorted { a, b in
                    let da = date(a), db = date(b)
                    if da != db {
                        guard let da else { return false }
                        guard let db else { return true }
                        return order == .newestFirst ? da > db : da < db
                    }
                    return a.score != b.score ? a.score > b.score : reader.externalIdPrecedes(a.doc, b.doc)
                }
                for k in [1, 9, 1000] {
                    var top = TopDateCollector(k: k, order: order, tieBreak: reader.externalIdPrecedes)
                    #expect(!top.acceptsPruning)
                    try searcher.run(try searcher.planner.plan(query), into: &top)
                    #expect(top.finish() == Array(expected.prefix(k)), "\(order) \(query) k=\(k)")
                }
            }
        }
        // Through a request too, and with the default ranking's proximity (which leaves a date order alone).
        let ranked = try Searcher(reader: reader).search(.all, SearchRequest(limit: 1000, order: .date(.newestFirst)))
        let dates = ranked.hits.map { c.dates[corpusIndex(reader, $0.doc)] }
        let firstUndated = dates.firstIndex(of: nil)!
        #expect(dates[firstUndated...].allSatisfy { $0 == nil })
        #expect(dates[..<firstUndated].map { $0! } == dates[..<firstUndated].map { $0! }.sorted(by: >))
        #expect(ranked.total == reader.documentCount && ranked.totalIsExact)
    }

    @Test func collapseKeepsTheBestOfEachKey() throws {
        let (c, reader, searcher, dir) = try setUp()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let key: (Int) -> Int? = { c.cluster[corpusIndex(reader, $0)] }
        func ranksBefore(_ a: Hit, _ b: Hit) -> Bool {
            a.score != b.score ? a.score > b.score : reader.externalIdPrecedes(a.doc, b.doc)
        }
        for query in CollectorTests.queries {
            let ranked = try everyMatch(searcher, query).sorted(by: ranksBefore)
            // The first of each key in the full ranking, and every document without a key.
            var seen = Set<Int>()
            let expected = ranked.filter { hit in key(hit.doc).map { seen.insert($0).inserted } ?? true }
            #expect(expected.count < ranked.count, "the test key collapses something")
            for k in [1, 4, 1000] {
                var collapse = CollapseCollector(k: k, key: key, tieBreak: reader.externalIdPrecedes)
                try searcher.run(try searcher.planner.plan(query), into: &collapse)
                let hits = collapse.finish()
                #expect(hits == Array(expected.prefix(k)), "\(query) k=\(k)")
                let keys = hits.compactMap { key($0.doc) }
                #expect(Set(keys).count == keys.count)
            }
        }
        let request = SearchRequest(limit: 1000, order: .scoreCollapsed(by: key))
        let collapsed = try searcher.search(words("cuba"), request).hits
        var seen = Set<Int>()
        #expect(collapsed == (try everyMatch(searcher, words("cuba"))).sorted(by: ranksBefore)
            .filter { hit in key(hit.doc).map { seen.insert($0).inserted } ?? true })
    }

    @Test func facetsCountEveryMatch() throws {
        let (c, _, searcher, dir) = try setUp()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        var facets = FacetCollector(actorLimit: 10)
        #expect(!facets.acceptsPruning)
        try searcher.run(try searcher.planner.plan(words("cuba")), into: &facets)
        let result = facets.finish()
        var byYear: [String?: Int] = [:]
        for (i, text) in c.texts.enumerated() where text.contains("cuba") { byYear[c.dates[i].map { String($0.prefix(4)) }, default: 0] += 1 }
        #expect(Dictionary(uniqueKeysWithValues: result.years.map { ($0.value, $0.count) }) == byYear)
        #expect(result.years.last?.value == nil, "undated last")
        // The per-key counts the timeline is drawn from: each match under its own date's key.
        var byKey: [Int32: Int] = [:]
        for (i, text) in c.texts.enumerated() where text.contains("cuba") { byKey[DateKey.key(c.dates[i]), default: 0] += 1 }
        #expect(Dictionary(uniqueKeysWithValues: result.dates.map { ($0.key, $0.count) }) == byKey)
        #expect(result.dates.map(\.key) == byKey.keys.sorted { ($0 == 0 ? Int32.max : $0) < ($1 == 0 ? Int32.max : $1) })
    }

    @Test func oneComposedPassGivesWhatEachCollectorGivesAlone() throws {
        let (_, reader, searcher, dir) = try setUp()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        for query in CollectorTests.queries {
            let plan = try searcher.planner.plan(query)
            var top = TopScoreCollector(k: 7, tieBreak: reader.externalIdPrecedes)
            var count = CountCollector()
            var facets = FacetCollector(actorLimit: 5)
            var dated = TopDateCollector(k: 7, order: .oldestFirst, tieBreak: reader.externalIdPrecedes)
            var composed = CollectorPair(top, CollectorPair(count, CollectorPair(facets, dated)))
            try searcher.run(plan, into: &composed)
            try searcher.run(plan, into: &top)
            try searcher.run(plan, into: &count)
            try searcher.run(plan, into: &facets)
            try searcher.run(plan, into: &dated)
            let (t, (n, (f, d))) = composed.finish()
            #expect(t == top.finish() && n == count.finish() && f == facets.finish() && d == dated.finish())
        }
    }

    @Test func pruningIsAllowedOnlyWhenEveryCollectorAllowsIt() throws {
        let (_, reader, _, dir) = try setUp()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let top = TopScoreCollector(k: 3, tieBreak: reader.externalIdPrecedes)
        #expect(top.acceptsPruning && top.threshold == -.infinity)
        #expect(!CollectorPair(top, CountCollector()).acceptsPruning)
        #expect(!CollectorPair(top, FacetCollector(actorLimit: 1)).acceptsPruning)
        #expect(CollectorPair(top, Optional<CountCollector>.none).acceptsPruning)
        #expect(!CollectorPair(top, Optional(CountCollector())).acceptsPruning)
        #expect(CollectorPair(top, CountCollector(exact: false)).acceptsPruning)
        #expect(CollectorPair(top, CountCollector(exact: false)).threshold == top.threshold)
        #expect(!CollapseCollector(k: 3, key: { $0 }, tieBreak: nil).acceptsPruning)
        // The threshold a pair reports is the lower of its parts': here the full heap's third best.
        var full = TopScoreCollector(k: 3, tieBreak: nil)
        for (d, s) in [(0, 5.0), (1, 2.0), (2, 4.0), (3, 1.0)] { full.collect(Int32(d), score: s) }
        #expect(full.threshold == 2)
        #expect(CollectorPair(full, top).threshold == -.infinity)
        #expect(CollectorPair(full, Optional<TopScoreCollector>.none).threshold == 2)
        #expect(TopScoreCollector(k: 0, tieBreak: nil).threshold == .infinity)
    }

    /// A collector that asks for pruning gets MaxScore: the same top k as the exhaustive walk,
    /// having been offered fewer documents than match.
    @Test func maxScoreAndExhaustiveGiveTheSameTopK() throws {
        var rng = SplitMix64(seed: 7)
        let vocabulary = (0..<60).map { "w\($0)" }
        func word() -> String { vocabulary[min(59, Int(pow(Double(rng.next() % 1000) / 1000, 3) * 60))] }
        let docs = (0..<3000).map { _ in ("", (0..<Int(3 + rng.next() % 60)).map { _ in word() }.joined(separator: " ")) }
        let index = try TestIndex(texts: docs, memoryBudget: 2_000_000)
        let searcher = try Searcher(reader: index.reader, ranking: .classic)
        var skipped = 0
        for q in 0..<30 {
            let plan = try searcher.planner.plan(words((0..<(1 + q % 4)).map { _ in word() }.joined(separator: " ")))
            #expect(QueryPlan.plainTermDisjunction(plan) != nil)
            for k in [1, 10, 50] {
                var pruned = Offered(inner: TopScoreCollector(k: k, tieBreak: index.reader.externalIdPrecedes))
                var exhaustive = Offered(inner: CollectorPair(TopScoreCollector(k: k, tieBreak: index.reader.externalIdPrecedes), CountCollector()))
                try searcher.run(plan, into: &pruned)
                try searcher.run(plan, into: &exhaustive)
                let (fast, fastOffered) = pruned.finish()
                let ((exact, total), exactOffered) = exhaustive.finish()
                #expect(fast == exact, "q\(q) k=\(k)")
                #expect(exactOffered == total && fastOffered <= total)
                if fastOffered < total { skipped += 1 }
            }
        }
        #expect(skipped > 0)
    }

    @Test func aRequestPagesThroughTheRanking() throws {
        let (_, reader, _, dir) = try setUp()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let searcher = try Searcher(reader: reader)   // default ranking: the proximity re-rank too
        for query in CollectorTests.queries {
            let whole = try searcher.search(query, SearchRequest(limit: 1000))
            #expect(whole.hits.count > 5)
            // The re-ranked head (20) is the same whatever the page, so every page is a slice.
            for (offset, limit) in [(0, 5), (5, 5), (3, 20), (18, 4), (whole.hits.count - 1, 10), (whole.hits.count + 5, 10),
                                    (Int.max, Int.max)] {
                let page = try searcher.search(query, SearchRequest(limit: limit, offset: offset))
                #expect(page.total == whole.total)
                let start = min(offset, whole.hits.count)
                let expected = whole.hits[start..<min(whole.hits.count, start + min(limit, whole.hits.count))]
                #expect(page.hits == Array(expected), "\(query) \(offset)+\(limit)")
            }
            // Without an exact total only an OR of plain terms is pruned; its total is then a lower
            // bound (the hits the first pass kept: the re-rank depth here), at most all matches.
            let inexact = try searcher.search(query, SearchRequest(limit: 3, exactTotal: false))
            let prunable = QueryPlan.plainTermDisjunction(try searcher.planner.plan(query)) != nil
            #expect(inexact.totalIsExact == !prunable && inexact.hits.count == 3)
            if prunable {
                #expect(inexact.total >= inexact.hits.count && inexact.total <= whole.total)
            } else {
                #expect(inexact.total == whole.total)
            }
        }
    }
}
