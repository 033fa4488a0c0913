@testable import MSearchQuery
import Testing

/// Parses with the given default operator; records a failure and returns `.all` on an error.
func parse(_ text: String, _ defaultOperator: QueryParser.DefaultOperator = .or,
           sourceLocation: SourceLocation = #_sourceLocation) -> Query {
    do {
        return try QueryParser(defaultOperator: defaultOperator).parse(text)
    } catch {
        Issue.record("unexpected error for \(text):\n\(error.rendered)", sourceLocation: sourceLocation)
        return .all
    }
}

/// The error a query must raise; records a failure and returns nil when it parses.
func parseError(_ text: String, _ defaultOperator: QueryParser.DefaultOperator = .or,
                sourceLocation: SourceLocation = #_sourceLocation) -> QuerySyntaxError? {
    do {
        let q = try QueryParser(defaultOperator: defaultOperator).parse(text)
        Issue.record("expected an error for \(text), got \(q)", sourceLocation: sourceLocation)
        return nil
    } catch {
        return error
    }
}

func term(_ w: String, _ field: Field? = nil) -> Query { .term(w, field: field) }
func phrase(_ text: String, _ slop: Int = 0, _ field: Field? = nil) -> Query { .phrase(text, slop: slop, field: field) }
func prefix(_ w: String, _ field: Field? = nil) -> Query { .prefix(w, field: field) }
func bool(must: [Query] = [], should: [Query] = [], mustNot: [Query] = []) -> Query {
    .boolean(must: must, should: should, mustNot: mustNot)
}
