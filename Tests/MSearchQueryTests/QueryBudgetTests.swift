import Testing
@testable import MSearchQuery

/// Queries past `QueryBudget` are errors that name the limit and point where it was passed.
@Suite struct QueryBudgetTests {
    func error(_ text: String) -> QuerySyntaxError? {
        do { _ = try QueryParser().parse(text); return nil } catch { return error }
    }

    @Test func aQueryLongerThanTheByteCapIsAnErrorAtTheFirstCharacterPastIt() throws {
        let fits = String(repeating: "é", count: QueryBudget.maxBytes / 2)   // two bytes each
        #expect(error(fits)?.message.hasPrefix("query too long") != true)
        let e = try #require(error(fits + "é"))
        #expect(e.message == "query too long: \(QueryBudget.maxBytes + 2) bytes, at most \(QueryBudget.maxBytes)")
        #expect(e.position == QueryBudget.maxBytes / 2)
        #expect(e.rendered.hasSuffix("^\nhint: shorten the query"))
    }

    @Test func clausesPastTheCapAreAnErrorAtTheFirstOneTooMany() throws {
        let words = (0..<QueryBudget.maxClauses).map { "w\($0)" }
        #expect(error(words.joined(separator: " ")) == nil)
        let text = (words + ["one", "more"]).joined(separator: " ")
        let e = try #require(error(text))
        #expect(e.message == "query has more than \(QueryBudget.maxClauses) words or clauses")
        #expect(Array(text)[e.position...].starts(with: "one"))
        // Phrases, dates and actors count; `title:` counts its value, not itself.
        let mixed = Array(repeating: "title:a \"b c\" date:2023 actor:x", count: QueryBudget.maxClauses / 4).joined(separator: " ")
        #expect(error(mixed) == nil)
        #expect(error(mixed + " z")?.message.hasPrefix("query has more than") == true)
    }
}
