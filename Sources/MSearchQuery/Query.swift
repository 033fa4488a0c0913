/// Where a term must occur.
public enum Field: String, Sendable, Equatable, CaseIterable {
    case title, body
}

/// What a user asked for, after parsing and before it meets an index. Terms are raw words;
/// the searcher analyses them with the index's own settings.
public indirect enum Query: Equatable, Sendable {
    /// A word, optionally restricted to a field.
    case term(String, field: Field?)
    /// Any of the clauses; documents matching more of them score higher.
    case or([Query])
    /// All of the clauses.
    case and([Query])
    /// `include` minus documents matching `exclude`.
    case not(include: Query, exclude: Query)

    /// The plain words of the query, for highlighting and suggestions.
    public var words: [String] {
        switch self {
        case .term(let w, _): return [w]
        case .or(let qs), .and(let qs): return qs.flatMap(\.words)
        case .not(let include, _): return include.words
        }
    }
}
