import MSearchQuery
import Testing

/// The checks the robustness tests and the fuzzer apply to every parse catch what they promise
/// (a checker that always says "fine" would let both pass).
@Suite struct QueryValidationTests {
    @Test func malformedTreesAreNamed() {
        let empty = Query.boolean(must: [], should: [], mustNot: [])
        #expect(empty.structuralProblem == "boolean with nothing to match")
        #expect(Query.boolean(must: [.term("a", field: nil)], should: [], mustNot: []).structuralProblem == "one-clause boolean")
        #expect(Query.boolean(must: [.all, .term("a", field: nil)], should: [], mustNot: []).structuralProblem
            == ".all next to other must clauses")
        let or = Query.boolean(must: [], should: [.term("a", field: nil), .term("b", field: nil)], mustNot: [])
        #expect(Query.boolean(must: [], should: [or, .term("c", field: nil)], mustNot: []).structuralProblem == "OR in OR")
        #expect(Query.prefix("a", field: nil).structuralProblem == "short prefix")
        #expect(Query.phrase("visa talks ", slop: 0, field: nil).structuralProblem == "empty or untrimmed phrase")
        #expect(Query.phrase("", slop: 0, field: nil).structuralProblem == "empty or untrimmed phrase")
        #expect(Query.phrase("visa talks", slop: 1001, field: nil).structuralProblem == "bad slop")
        #expect(Query.date(from: nil, to: nil).structuralProblem == "open date range")
        #expect(Query.date(from: "2023-1", to: nil).structuralProblem == "bad date 2023-1")
        #expect(Query.all.structuralProblem == "bare .all")
        // found below the top too
        #expect(Query.boolean(must: [.term("a", field: nil)], should: [], mustNot: [.term("", field: nil)]).structuralProblem
            == "empty term")
    }

    @Test func wellFormedTreesPass() throws {
        for text in ["cuba", "visa*", "\"visa talks\"~3", "title:cuba -havana", "date:2023-11..2024 actor:\"Ned Price\"", "-x"] {
            let query = try QueryParser().parse(text)
            #expect(query.structuralProblem == nil, "\(text): \(query)")
        }
    }

    @Test func malformedErrorsAreNamed() {
        let good = QuerySyntaxError(message: "unbalanced quote", position: 5, hint: "close it", query: "cuba \"visa")
        #expect(good.problem(parsing: "cuba \"visa") == nil)
        #expect(good.problem(parsing: "cuba") != nil)   // another query
        var outside = good
        outside.position = 11
        #expect(outside.problem(parsing: "cuba \"visa") == "position 11 outside 0...10")
        var noMessage = good
        noMessage.message = ""
        #expect(noMessage.problem(parsing: "cuba \"visa") != nil)
        var longHint = good
        longHint.hint = String(repeating: "x", count: 201)
        #expect(longHint.problem(parsing: "cuba \"visa") != nil)
    }
}
