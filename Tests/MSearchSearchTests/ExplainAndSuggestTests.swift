import Foundation
import Testing
import MSearchIndexTestSupport
import MSearchIndex
import MSearchQuery
@testable import MSearchSearch

@Suite struct ExplainAndSuggestTests {
    static let docs: [(String, String)] = [
        ("Deportation flights resume", "The first deportation flights left Miami for Havana."),
        ("Visa talks", "Talks about visas in Havana."),
        ("Havana", "Officials in Havana discussed migration and deportations."),
    ]

    @Test func explanationAddsUpToTheScore() throws {
        let index = try TestIndex(texts: Self.docs)
        let reader = index.reader
        let s = try Searcher(reader: reader)
        let q = Query.boolean(must: [], should: [.phrase("deportation flights", slop: 0, field: nil),
                                                 .term("havana", field: nil), .term("havana", field: nil)], mustNot: [])
        for hit in try s.search(q, limit: 10).hits {
            let e = try #require(try s.explain(q, doc: hit.doc))
            #expect(abs(e.value - hit.score) < 1e-9)
            #expect(abs(e.details.reduce(0) { $0 + $1.value } - hit.score) < 1e-9)
            let text = e.rendered()
            #expect(text.contains("idf"))
            #expect(text.contains("havana"))
        }
        // The repeated word is one clause counted twice.
        let top = try #require(try s.explain(q, doc: 2))
        #expect(top.rendered().contains("times the query repeats it"))
        #expect(try s.explain(.term("visa", field: nil), doc: 0) == nil)
    }

    @Test func suggestionsComeFromTheIndexVocabulary() throws {
        let index = try TestIndex(texts: Self.docs)
        let reader = index.reader
        let s = try Searcher(reader: reader)
        let q = Query.boolean(must: [], should: [.term("deportaton", field: nil), .term("havanna", field: nil),
                                                 .term("talks", field: nil)], mustNot: [])
        let suggestions = try s.suggestions(for: q)
        #expect(suggestions.map(\.word) == ["deportaton", "havanna"])
        #expect(suggestions.map(\.replacement) == ["deportation", "havana"])
        #expect(try s.suggestions(for: .term("xqzzyv", field: nil)).isEmpty)
    }

    @Test func editDistanceCountsTranspositionsAsOneEdit() {
        func d(_ a: String, _ b: String) -> Int {
            Array(b.utf8).withUnsafeBufferPointer { Suggester.distance(Array(a.utf8), $0, limit: 3) }
        }
        #expect(d("havana", "havana") == 0)
        #expect(d("havnaa", "havana") == 1)
        #expect(d("havan", "havana") == 1)
        #expect(d("abc", "xyz") == 3)
        #expect(d("a", "abcdefgh") == 4)  // beyond the limit: limit + 1
    }
}
