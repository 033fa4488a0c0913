import MSearchIndex
import MSearchQuery

/// What a query's index-dependent parts resolve to, for front ends that hand the query to
/// another engine (`msearch translate`): the same resolution the planner does, in names.
extension Searcher {
    /// The canonical names (as documents carry them) of the actors an `actor:` name designates:
    /// those whose folded name contains every word of the name or of its gazetteer alias, as
    /// `QueryPlanner.actorTerms` finds them. Sorted; empty when the index names none.
    public func actorNames(designatedBy name: String) throws -> [String] {
        let folded = Set(try planner.actorTerms(matching: name).compactMap { term in
            term.withUnsafeBufferPointer { ActorTerms.name(of: $0) }
        })
        guard !folded.isEmpty else { return [] }
        // One folded name can stand for several spellings ("Cossío", "Cossio"): all of them.
        var names = Set<String>()
        for segment in reader.segments {
            let columns = segment.columns
            for ordinal in 0..<columns.actorCount {
                let name = columns.actor(ordinal).name
                if folded.contains(analyzer.normalize(name)) { names.insert(name) }
            }
        }
        return names.sorted()
    }

    /// How many of the index's terms start with the prefix, and how many of them the planner
    /// keeps (the most frequent `maxPrefixExpansions`).
    public func prefixExpansions(_ word: String) throws -> (found: Int, kept: Int) {
        var p = planner
        p.maxPrefixExpansions = Int.max
        let found = try p.expand(prefix: word).count
        return (found, min(found, planner.maxPrefixExpansions))
    }

    /// Whether the planner leaves this word out of an OR of words (a stop word of the ranking's list).
    public func isStopWord(_ word: String) -> Bool { planner.isStopWord(word) }
}
