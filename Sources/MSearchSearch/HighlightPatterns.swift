import MSearchQuery

/// What to highlight in a hit: each pattern is a run of analysed terms at given offsets (one
/// term for a word or a prefix expansion, several for a phrase, shown as one span).
public struct HighlightPattern: Equatable, Sendable {
    public var terms: [[UInt8]]
    public var offsets: [Int]
    /// The pattern's idf, so snippets prefer passages with the rarer words.
    public var weight: Double
}

extension Searcher {
    /// The patterns of the query's positive clauses (excluded words are never highlighted).
    public func highlightPatterns(_ query: Query) throws -> [HighlightPattern] {
        var out: [HighlightPattern] = []
        func visit(_ plan: QueryPlan) {
            switch plan {
            case .term(let t):
                out.append(HighlightPattern(terms: [t.term], offsets: [0], weight: t.weight))
            case .phrase(let terms, let offsets, let slop, _, let weight, _):
                if slop == 0 {
                    out.append(HighlightPattern(terms: terms, offsets: offsets, weight: weight))
                } else {
                    let each = weight / Double(max(1, terms.count))
                    for t in terms { out.append(HighlightPattern(terms: [t], offsets: [0], weight: each)) }
                }
            case .any(let plans):
                plans.forEach(visit)
            case .boolean(let must, let should, _):
                (must + should).forEach(visit)
            case .dateRange, .language, .all, .nothing:
                break
            }
        }
        visit(try planner.plan(query))
        // The same pattern twice (a repeated word) is highlighted once.
        var unique: [HighlightPattern] = []
        for p in out where !unique.contains(where: { $0.terms == p.terms && $0.offsets == p.offsets }) { unique.append(p) }
        return unique
    }
}
