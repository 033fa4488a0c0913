import MSearchQuery
import Foundation
import Testing
import MSearchIndexTestSupport
import MSearchIndex
import MSearchSources
@testable import MSearchSearch
import MSearchTestSupport

func words(_ text: String) -> Query {
    .boolean(must: [], should: text.split(separator: " ").map { .term(String($0), field: nil) }, mustNot: [])
}

@Suite struct SearchTests {
    @Test func bm25MatchesAHandComputedScore() throws {
        // N = 3; "cuba" occurs in d0 (tf 2, length 4) and d2 (tf 1, length 2); avgdl = 10/3.
        let index = try TestIndex(texts: [("", "cuba cuba havana talks"), ("", "visa talks in washington"), ("", "cuba flights")])
        let reader = index.reader
        let results = try Searcher(reader: reader, ranking: .classic).search(words("cuba"), limit: 10)
        #expect(results.total == 2)
        let idf = log(1 + (3 - 2 + 0.5) / (2 + 0.5))
        let avgdl = 10.0 / 3
        func bm25(_ tf: Double, _ dl: Double) -> Double { idf * tf * 2.2 / (tf + 1.2 * (0.25 + 0.75 * dl / avgdl)) }
        #expect(results.hits.map(\.doc) == [0, 2])
        #expect(abs(results.hits[0].score - bm25(2, 4)) < 1e-9)
        #expect(abs(results.hits[1].score - bm25(1, 2)) < 1e-9)
    }

    @Test func orSumsTermScoresAndRanksDocumentsWithMoreTermsFirst() throws {
        let index = try TestIndex(texts: [("", "deportation of migrants"), ("", "flights to havana"),
                                              ("", "deportation flights resumed"), ("", "nothing relevant here")])
        let reader = index.reader
        let s = try Searcher(reader: reader, ranking: .classic)
        let r = try s.search(words("deportation flights"), limit: 10)
        #expect(r.total == 3)
        #expect(r.hits.first?.doc == 2)
        let single = try s.search(words("deportation"), limit: 10).hits.first { $0.doc == 2 }!.score
            + s.search(words("flights"), limit: 10).hits.first { $0.doc == 2 }!.score
        #expect(abs(r.hits[0].score - single) < 1e-9)
    }

    @Test func repeatedQueryWordsWeighMore() throws {
        let index = try TestIndex(texts: [("", "cuba talks"), ("", "visa visa")])
        let reader = index.reader
        let s = try Searcher(reader: reader)
        let once = try s.search(words("cuba"), limit: 1).hits[0].score
        let twice = try s.search(words("cuba cuba"), limit: 1).hits[0].score
        #expect(abs(twice - 2 * once) < 1e-9)
    }

    @Test func andNotAndFieldsFilter() throws {
        let index = try TestIndex(texts: [("Talks in Havana", "cuba migration"), ("Flights", "cuba talks"),
                                              ("Cuba", "parole program")])
        let reader = index.reader
        let s = try Searcher(reader: reader)
        let and = try s.search(.boolean(must: [.term("cuba", field: nil), .term("talks", field: nil)], should: [], mustNot: []), limit: 10)
        #expect(Set(and.hits.map(\.doc)) == [0, 1])
        let not = try s.search(.boolean(must: [], should: [.term("cuba", field: nil)], mustNot: [.term("parole", field: nil)]), limit: 10)
        #expect(Set(not.hits.map(\.doc)) == [0, 1])
        let title = try s.search(.term("talks", field: .title), limit: 10)
        #expect(title.hits.map(\.doc) == [0])
        let body = try s.search(.term("talks", field: .body), limit: 10)
        #expect(body.hits.map(\.doc) == [1])
    }

    @Test func tiesBreakByExternalIdAndLimitCuts() throws {
        // Exact ties are ordered by external id ("d0" < "d1" < "d10" …), not by document number,
        // so an index updated in place ranks like one rebuilt from scratch.
        let index = try TestIndex(texts: Array(repeating: ("", "same words"), count: 20))
        let reader = index.reader
        let r = try Searcher(reader: reader).search(words("same"), limit: 5)
        #expect(r.total == 20)
        #expect(r.hits.map { reader.externalId($0.doc) } == ["d0", "d1", "d10", "d11", "d12"])
    }

    @Test func scoresDoNotDependOnSegmentation() throws {
        var rng = SplitMix64(seed: 101)
        let vocabulary = ["cuba", "havana", "talks", "visa", "flights", "deportation", "migration", "border", "parole", "trump"]
        let docs = (0..<400).map { _ in
            ("", (0..<Int.random(in: 1...30, using: &rng)).map { _ in vocabulary.randomElement(using: &rng)! }.joined(separator: " "))
        }
        let oneSegment = try TestIndex(texts: docs), severalSegments = try TestIndex(texts: docs, memoryBudget: 8192)
        let one = oneSegment.reader, many = severalSegments.reader
        #expect(many.segments.count > 1)
        for q in ["cuba", "visa talks", "deportation flights border", "trump parole"] {
            let a = try Searcher(reader: one).search(words(q), limit: 50)
            let b = try Searcher(reader: many).search(words(q), limit: 50)
            #expect(a.total == b.total)
            #expect(a.hits.map(\.doc) == b.hits.map(\.doc))
            for (x, y) in zip(a.hits, b.hits) { #expect(abs(x.score - y.score) < 1e-9) }
        }
    }

    @Test func topKEqualsAFullSort() throws {
        var rng = SplitMix64(seed: 102)
        var top = TopHits(k: 10)
        var all: [Hit] = []
        for d in 0..<1000 {
            let h = Hit(doc: d, score: Double(Int.random(in: 0..<50, using: &rng)))
            all.append(h)
            top.insert(h)
        }
        #expect(top.sorted() == Array(all.sorted(by: Hit.ranksBefore).prefix(10)))
    }
}
