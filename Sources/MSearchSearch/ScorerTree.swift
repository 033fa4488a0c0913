import MSearchIndex

/// From a planned query to the tree of scorers that walks one segment's matches.
extension Searcher {
    /// A term's entry in segment `s`: the one the planner found, or a lookup now.
    func entry(_ term: [UInt8], _ entries: [TermInfo?], segment s: Int) throws -> TermInfo? {
        if s < entries.count { return entries[s] }
        return try term.withUnsafeBufferPointer { try reader.segments[s].terms.lookup($0) }
    }

    /// The scorer tree of `plan` in segment `s` (deleted documents not yet filtered: `liveOnly`).
    func makeScorer(_ plan: QueryPlan, segment s: Int) throws -> Scorer {
        let segment = reader.segments[s]
        switch plan {
        case .nothing:
            return EmptyScorer()
        case .all:
            return AllDocumentsScorer(count: segment.documentCount)
        case .dateRange(let range):
            return ColumnFilterScorer.dates(segment.columns, range: range, includeUndated: includeUndated)
        case .language(let packed):
            return ColumnFilterScorer.language(segment.columns, packed)
        case .term(let t):
            guard let info = try entry(t.term, t.entries, segment: s) else { return EmptyScorer() }
            return try TermScorer(cursor: try segment.postings(info), term: t, bm25: bm25,
                                  columns: segment.columns, averageLength: reader.averageDocumentLength)
        case .phrase(let terms, let offsets, let slop, let field, let weight, let entries):
            var cursors: [PostingsCursor] = []
            cursors.reserveCapacity(terms.count)
            for (i, term) in terms.enumerated() {
                guard let info = try entry(term, entries[i], segment: s) else { return EmptyScorer() }
                cursors.append(try segment.postings(info, frequencies: false))
            }
            return try PhraseScorer(cursors: cursors, terms: terms, offsets: offsets, slop: slop, field: field,
                                    weight: weight, bm25: bm25, columns: segment.columns,
                                    averageLength: reader.averageDocumentLength)
        case .any(let plans):
            return disjunction(try plans.map { try makeScorer($0, segment: s) })
        case .boolean(let must, let should, let mustNot):
            let required = try must.map { try makeScorer($0, segment: s) }
            let optional = try should.map { try makeScorer($0, segment: s) }.filter { !($0 is EmptyScorer) }
            let excluded = try mustNot.map { try makeScorer($0, segment: s) }.filter { !($0 is EmptyScorer) }
            var scorer: Scorer
            if required.isEmpty {
                scorer = disjunction(optional)
            } else {
                if required.contains(where: { $0 is EmptyScorer }) { return EmptyScorer() }
                let conjunction = required.count == 1 ? required[0] : try ConjunctionScorer(required)
                scorer = optional.isEmpty ? conjunction : RequiredOptionalScorer(required: conjunction, optional: optional)
            }
            if scorer is EmptyScorer || excluded.isEmpty { return scorer }
            return try ExclusionScorer(include: scorer, exclude: disjunction(excluded))
        }
    }

    private func disjunction(_ scorers: [Scorer]) -> Scorer {
        let live = scorers.filter { !($0 is EmptyScorer) }
        if live.isEmpty { return EmptyScorer() }
        return live.count == 1 ? live[0] : DisjunctionScorer(live)
    }

    /// `scorer`, restricted to the segment's live documents.
    func liveOnly(_ scorer: Scorer, segment: SegmentReader) throws -> Scorer {
        guard let deletes = segment.deletes, !(scorer is EmptyScorer) else { return scorer }
        return try LiveDocumentsScorer(scorer, deletes: deletes)
    }
}
