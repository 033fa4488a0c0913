/// Where a term must occur.
public enum Field: String, Sendable, Equatable, CaseIterable {
    case title, body
}

/// What a user asked for, after parsing and before it meets an index. Words are kept as the
/// user typed them; the searcher analyses them with the index's own settings, so the same
/// query tree works on any index.
public indirect enum Query: Equatable, Sendable {
    /// A word, optionally restricted to a field.
    case term(String, field: Field?)
    /// Words in this order (`"deportation flights"`); with `slop` > 0, within that many
    /// position moves of it (`"visa talks"~3`), as in Lucene.
    case phrase(String, slop: Int, field: Field?)
    /// Any word starting with this (`visa*`).
    case prefix(String, field: Field?)
    /// Lucene's boolean clause: documents must match every `must`, none of `mustNot`, and, when
    /// there is no `must`, at least one `should`. Matching `should` clauses add to the score.
    case boolean(must: [Query], should: [Query], mustNot: [Query])
    /// Publication date within [from, to], each "YYYY", "YYYY-MM" or "YYYY-MM-DD", nil for open.
    case date(from: String?, to: String?)
    /// Documents naming this actor (a canonical name or alias).
    case actor(String)
    /// Documents in this language (a lower-case code of 2–3 letters: `lang:es`).
    case language(String)
    /// Every document (what a query of only exclusions starts from).
    case all

    /// The words the query looks for, for highlighting and suggestions (not excluded ones).
    public var positiveWords: [String] {
        switch self {
        case .term(let w, _), .prefix(let w, _): return [w]
        case .phrase(let text, _, _): return [text]
        case .boolean(let must, let should, _): return (must + should).flatMap(\.positiveWords)
        case .date, .actor, .language, .all: return []
        }
    }
}
