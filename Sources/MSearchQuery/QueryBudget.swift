/// How big a query may be. Every word of a query costs dictionary look-ups, a scorer per
/// segment and possibly a spelling correction, so without a bound one pasted or generated line
/// (10 MB in a batch file, a million unknown words) took minutes and most of a gigabyte.
/// The longest queries of the test collections in ../shared are 2.2 KB and 360 words (CISI).
public enum QueryBudget {
    /// Longest query accepted, in UTF-8 bytes.
    public static let maxBytes = 16_384
    /// Most clauses (words, phrases, prefixes, `field:` values) in one query.
    public static let maxClauses = 1_024

    /// Throws when `text` is longer than `maxBytes`, pointing at the first character past it.
    public static func checkLength(_ text: String) throws(QuerySyntaxError) {
        guard text.utf8.count > maxBytes else { return }
        var bytes = 0, position = 0
        for character in text {
            bytes += character.utf8.count
            if bytes > maxBytes { break }
            position += 1
        }
        throw QuerySyntaxError(message: "query too long: \(text.utf8.count) bytes, at most \(maxBytes)",
                               position: position, hint: "shorten the query", query: text)
    }

    /// The error for the clause that goes past `maxClauses`, at character `position`.
    public static func tooManyClauses(_ text: String, at position: Int) -> QuerySyntaxError {
        QuerySyntaxError(message: "query has more than \(maxClauses) words or clauses", position: position,
                         hint: "shorten the query", query: text)
    }
}
