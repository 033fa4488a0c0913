/// What a caller asks of a search besides the query: which page of hits in which order, and
/// whether to count every match and facets. The searcher turns it into collectors
/// (`Searcher.collect`), so a new way to select hits is a new collector and a case here, not
/// a branch in the search loop.
public struct SearchRequest {
    /// Hits `offset ..< offset + limit` of the ranking are returned.
    public var limit: Int
    public var offset: Int
    /// Count every match (`SearchResults.total`). Without it the searcher may answer an OR of
    /// plain terms by MaxScore, which skips documents that cannot make the page; the total is
    /// then only the number of hits kept (`totalIsExact` false).
    public var exactTotal: Bool
    /// Count facets over every match, with this many actors (the most named); nil for none.
    public var facetActors: Int?
    public var order: HitOrder
    /// Documents (index-wide numbers) left out of hits, total and facets.
    public var excluded: Set<Int> = []

    public init(limit: Int, offset: Int = 0, exactTotal: Bool = true, facetActors: Int? = nil, order: HitOrder = .score,
                excluded: Set<Int> = []) {
        self.limit = limit; self.offset = offset; self.exactTotal = exactTotal
        self.facetActors = facetActors; self.order = order; self.excluded = excluded
    }
}

/// How hits are ranked for the page.
public enum HitOrder {
    /// Best score first; equal scores in external-id order.
    case score
    /// By publication date (newest or oldest first), undated last; equal dates by score.
    case date(DateOrder)
    /// Best score first, keeping only the best of the documents that share a key (given for
    /// index-wide document numbers; nil: the document stands alone).
    case scoreCollapsed(by: (Int) -> Int?)
    /// By date, keeping only the earliest of the documents that share a key.
    case dateCollapsed(DateOrder, by: (Int) -> Int?)

    /// Whether the order is the score's, so the proximity bonus can re-rank its head.
    var ranksByScore: Bool {
        switch self {
        case .date, .dateCollapsed: return false
        case .score, .scoreCollapsed: return true
        }
    }
}

/// What a search returns: how many documents match in all, and the best of them.
public struct SearchResults: Sendable {
    /// How many documents match; a lower bound when `totalIsExact` is false.
    public var total: Int
    public var totalIsExact = true
    public var hits: [Hit]
    /// Present when the search was asked for facets.
    public var facets: FacetCounts?
    /// With a collapsing order, how many results the matches make (one per group); the total
    /// still counts matching articles.
    public var groups: Int? = nil
}
