import ArgumentParser
import MSearchIndex
import MSearchSearch

/// Whether a result list shows one article per near-duplicate cluster (`--duplicates`,
/// `:duplicates`): by default it does, with the others named as "+N similar".
enum DuplicateMode: String, ExpressibleByArgument, CaseIterable {
    case collapse, show
}

extension SearchSession {
    /// The searcher's order for a sort order under the session's duplicate mode.
    func hitOrder(_ order: SortOrder) -> HitOrder {
        guard duplicates == .collapse else { return order.hitOrder }
        let clusters = reader.nearDuplicates
        let key: (Int) -> Int? = { clusters.cluster(of: $0) }
        switch order {
        case .relevance: return .scoreCollapsed(by: key)
        case .newest: return .dateCollapsed(.newestFirst, by: key)
        case .oldest: return .dateCollapsed(.oldestFirst, by: key)
        }
    }

    /// Names each hit's cluster and the other members of it (external ids, in id order).
    func attachClusters(_ hits: inout [PresentedHit]) {
        let clusters = reader.nearDuplicates
        for i in hits.indices {
            guard let c = clusters.cluster(of: hits[i].hit.doc) else { continue }
            let members = clusters.members(c)
            hits[i].cluster = reader.externalId(members[0])
            hits[i].similar = members.filter { $0 != hits[i].hit.doc }.map(reader.externalId)
        }
    }

    /// The external ids of the other members of `doc`'s cluster, in id order (none when alone).
    static func nearDuplicateIds(of doc: Int, in reader: IndexReader) -> [String] {
        let clusters = reader.nearDuplicates
        guard let c = clusters.cluster(of: doc) else { return [] }
        return clusters.members(c).filter { $0 != doc }.map(reader.externalId)
    }

    /// The near-duplicates of index-wide document `doc`, itself included.
    func cluster(of doc: Int) -> [Int] {
        let clusters = reader.nearDuplicates
        return clusters.cluster(of: doc).map(clusters.members) ?? [doc]
    }
}

/// Finds documents by external id (the id column is scanned; no stored text is read).
enum DocumentLookup {
    static func number(of id: String, in reader: IndexReader) -> Int? {
        for s in reader.segments.indices {
            let segment = reader.segments[s]
            for d in 0..<segment.documentCount where !segment.isDeleted(d) && segment.columns.externalId(d) == id {
                return reader.segmentBases[s] + d
            }
        }
        return nil
    }
}
