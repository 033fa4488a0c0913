import MSearchSources
import Foundation
import Testing
import MSearchIndex
import MSearchQuery
@testable import MSearchSearch
import MSearchIndexTestSupport

@Suite struct PhraseAndPrefixTests {
    static let docs: [(String, String)] = [
        ("Deportation flights resume", "The first deportation flights left Miami."),  // d0: phrase in title and body
        ("Flights", "Deportation of migrants; flights to Havana were delayed."),       // d1: both words, not adjacent
        ("Visa talks", "Talks about visas and the visa program in Havana."),            // d2
        ("Visitors", "Visiting officials met in Havana; the visit was short."),         // d3
        ("Díaz-Canel", "Miguel Díaz-Canel spoke about the deportation flights policy."), // d4
    ]

    func ids(_ q: Query, _ s: Searcher) throws -> Set<Int> { Set(try s.search(q, limit: 100).hits.map(\.doc)) }

    @Test func exactPhraseMatchesOnlyAdjacentWordsInOrder() throws {
        let index = try TestIndex(texts: Self.docs)
        let reader = index.reader
        let s = try Searcher(reader: reader)
        #expect(try ids(.phrase("deportation flights", slop: 0, field: nil), s) == [0, 4])
        #expect(try ids(.phrase("flights deportation", slop: 0, field: nil), s) == [])
        // Phrase frequency: d0 has it twice (title and body), so it ranks first.
        #expect(try s.search(.phrase("deportation flights", slop: 0, field: nil), limit: 1).hits[0].doc == 0)
        #expect(try ids(.phrase("deportation flights", slop: 0, field: .title), s) == [0])
        #expect(try ids(.phrase("deportation flights", slop: 0, field: .body), s) == [0, 4])
    }

    @Test func phraseNeverSpansTitleAndBody() throws {
        let index = try TestIndex(texts: [("Havana talks", "Resumed today."), ("x", "talks resumed")])
        let reader = index.reader
        #expect(try ids(.phrase("talks resumed", slop: 0, field: nil), try Searcher(reader: reader)) == [1])
    }

    @Test func sloppyPhraseAllowsGaps() throws {
        let index = try TestIndex(texts: Self.docs)
        let reader = index.reader
        let s = try Searcher(reader: reader)
        // d1: "deportation of migrants flights" — 2 words between.
        #expect(try ids(.phrase("deportation flights", slop: 1, field: nil), s) == [0, 4])
        #expect(try ids(.phrase("deportation flights", slop: 3, field: nil), s) == [0, 1, 4])
    }

    @Test func hyphenatedWordIsAPhrase() throws {
        let index = try TestIndex(texts: Self.docs + [("x", "Diaz met Canel")])
        let reader = index.reader
        #expect(try ids(.term("Díaz-Canel", field: nil), try Searcher(reader: reader)) == [4])
    }

    @Test func prefixExpandsToTheIndexTerms() throws {
        let index = try TestIndex(texts: Self.docs)
        let reader = index.reader
        let s = try Searcher(reader: reader)
        #expect(try ids(.prefix("visi", field: nil), s) == [3])
        #expect(try ids(.prefix("vis", field: nil), s) == [2, 3])
        #expect(try ids(.prefix("zzz", field: nil), s) == [])
    }

    @Test func booleanClausesFollowLuceneSemantics() throws {
        let index = try TestIndex(texts: Self.docs)
        let reader = index.reader
        let s = try Searcher(reader: reader)
        let havana = Query.term("havana", field: nil)
        // must havana, should visa: only havana docs, visa ones first.
        let r = try s.search(.boolean(must: [havana], should: [.term("visa", field: nil)], mustNot: []), limit: 10)
        #expect(Set(r.hits.map(\.doc)) == [1, 2, 3])
        #expect(r.hits.first?.doc == 2)
        // Only exclusions: everything but them.
        #expect(try ids(.boolean(must: [.all], should: [], mustNot: [havana]), s) == [0, 4])
        // Nested groups: havana NOT (visa OR visit)
        let group = Query.boolean(must: [], should: [.term("visa", field: nil), .term("visit", field: nil)], mustNot: [])
        #expect(try ids(.boolean(must: [havana], should: [], mustNot: [group]), s) == [1])
    }

    @Test func highlightPatternsKeepPhrasesWhole() throws {
        let index = try TestIndex(texts: Self.docs)
        let reader = index.reader
        let s = try Searcher(reader: reader)
        let q = Query.boolean(must: [], should: [.phrase("deportation flights", slop: 0, field: nil), .term("havana", field: nil)],
                              mustNot: [.term("visa", field: nil)])
        let p = try s.highlightPatterns(q)
        #expect(p.count == 2)
        #expect(p[0].terms.map { String(decoding: $0, as: UTF8.self) } == ["deport", "flight"])
        #expect(p[0].offsets == [0, 1])
    }
}

@Suite struct FilterTests {
    @Test func dateClausesBesideWordsFilterInsteadOfWidening() throws {
        let dated = [("cuba talks", "2023-11-14"), ("cuba visas", "2022-11"), ("havana", "2023"), ("cuba", nil)]
        let index = try TestIndex(dated.enumerated().map { i, document in SourceDocument.text("d\(i)", body: document.0, date: document.1) })
        let s = try Searcher(reader: index.reader)
        func ids(_ q: Query) throws -> Set<Int> { Set(try s.search(q, limit: 10).hits.map(\.doc)) }
        let cuba = Query.term("cuba", field: nil)
        let got = try ids(.boolean(must: [], should: [cuba, .date(from: "2023", to: "2023")], mustNot: []))
        #expect(got == [0], "\(got)")
        #expect(try ids(.boolean(must: [], should: [cuba, .date(from: "2022-11", to: "2023-11-14")], mustNot: [])) == [0, 1])
        #expect(try ids(.boolean(must: [], should: [cuba, .date(from: nil, to: "2022-12-31")], mustNot: [])) == [1])
        // Only filters, OR'ed: either range.
        #expect(try ids(.boolean(must: [], should: [.date(from: "2022", to: "2022"), .date(from: "2023-11", to: "2023-11")], mustNot: [])) == [0, 1])
        // Undated documents never pass a date filter.
        #expect(try ids(.date(from: nil, to: nil)) == [0, 1, 2])
    }
}
