import Foundation
import Testing
import MSearchIndexTestSupport
import MSearchIndex
import MSearchQuery
import MSearchSources
@testable import MSearchSearch

/// Limits, dates and actor names from users never trap or allocate without bound (issue #13).
@Suite struct InputBoundsTests {
    @Test func aDateRangeEndingBeforeItStartsMatchesNothingInsteadOfTrapping() throws {
        let index = try TestIndex(texts: [("", "cuba talks"), ("", "cuba flights")])
        let reader = index.reader
        let s = try Searcher(reader: reader)
        s.includeUndated = true
        let backwards = Query.boolean(must: [.term("cuba", field: nil), .date(from: "2006", to: "2004")], should: [], mustNot: [])
        #expect(try s.search(backwards, limit: 10).total == 0)
        let forwards = Query.boolean(must: [.term("cuba", field: nil), .date(from: "2004", to: "2006")], should: [], mustNot: [])
        #expect(try s.search(forwards, limit: 10).total == 2)   // undated documents included
    }

    @Test func dateBoundsRefuseWhatIsNotADate() {
        #expect(DateBounds.range(from: "2023", to: "2023") == 20230000...20239999)
        #expect(DateBounds.range(from: "2023-11-14", to: nil) == 20231114...Int32.max)
        #expect(DateBounds.range(from: nil, to: "2023-11") == 1...20231199)
        #expect(DateBounds.range(from: "2006", to: "2004") == nil)
        for bad in ["99999999999999999999", "2023-123", "2023-11-14-1", "", "-", "２０２３", "2023-", "-2023"] {
            #expect(DateBounds.range(from: bad, to: nil) == nil, "\(bad)")
            #expect(DateBounds.range(from: nil, to: bad) == nil, "\(bad)")
        }
    }

    @Test func aHugeLimitReturnsEveryHitWithoutReservingForIt() throws {
        let index = try TestIndex(texts: [("", "cuba talks"), ("", "cuba flights"), ("", "other")])
        let reader = index.reader
        let s = try Searcher(reader: reader)
        for limit in [Int.max, 99_999_999_999, -1] {
            let r = try s.search(.term("cuba", field: nil), limit: limit)
            #expect(r.hits.count == (limit < 0 ? 0 : 2), "\(limit)")
        }
    }

    @Test func actorClausesFindNamesByTheirWordsAcrossSegments() throws {
        let people = [["Carlos Fernández de Cossío"], ["Donald Trump", "Carlos Fernández de Cossío"], ["Joe Biden"]]
        let documents = people.enumerated().map { i, names in
            SourceDocument.text("d\(i)", body: "talks", actors: names.map { NamedActor(name: $0, kind: .person) })
        }
        let index = try TestIndex(documents, memoryBudget: 1 << 20, commits: .perDocument)
        let reader = index.reader
        #expect(reader.segments.count == 3)
        let s = try Searcher(reader: reader)
        func docs(_ name: String) throws -> [Int] {
            try s.search(.boolean(must: [.term("talks", field: nil), .actor(name)], should: [], mustNot: []), limit: 10)
                .hits.map(\.doc).sorted()
        }
        #expect(try docs("de Cossio") == [0, 1])
        #expect(try docs("COSSÍO fernandez") == [0, 1])
        #expect(try docs("Trump") == [1])
        #expect(try docs("Biden Trump") == [])
        #expect(try docs("Nobody") == [])
        // Many clauses reuse the directory built for the first one.
        let many = Query.boolean(must: [.term("talks", field: nil)] + Array(repeating: .actor("cossio"), count: 500),
                                 should: [], mustNot: [])
        #expect(try s.search(many, limit: 10).total == 2)
    }

    @Test func plainQueriesHaveTheQueryLanguagesBudget() throws {
        let index = try TestIndex(texts: [("", "cuba talks")])
        let reader = index.reader
        let s = try Searcher(reader: reader)
        let words = Array(repeating: "cuba", count: QueryBudget.maxClauses)
        #expect(try s.search(try s.plainQuery(words.joined(separator: " ")), limit: 1).total == 1)
        let text = (words + ["(more)"]).joined(separator: " ")
        #expect(throws: QuerySyntaxError.self) { try s.plainQuery(text) }
        do { _ = try s.plainQuery(text) } catch {
            #expect(Array(text)[error.position...].starts(with: "more"))
        }
        #expect(throws: QuerySyntaxError.self) { try s.plainQuery(String(repeating: "a", count: QueryBudget.maxBytes + 1)) }
    }

    @Test func suggestionsStopAfterTenUnknownWords() throws {
        let index = try TestIndex(texts: [("", "deportation flights resumed")])
        let reader = index.reader
        let s = try Searcher(reader: reader)
        let query = Query.boolean(must: [], should: Array(repeating: .term("deportaton", field: nil), count: 50), mustNot: [])
        #expect(try s.suggestions(for: query).count == Suggester.maxCorrectedWords)
    }
}
