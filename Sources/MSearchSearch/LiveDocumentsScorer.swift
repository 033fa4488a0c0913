import MSearchIndex

/// Passes over deleted documents: wraps a segment's scorer tree only when the segment has
/// tombstones, so searches of segments without deletions pay nothing. Deleted documents never
/// match, are never counted in totals and are never explained.
final class LiveDocumentsScorer: Scorer {
    private let inner: Scorer
    private let deletes: DeletedDocuments

    init(_ inner: Scorer, deletes: DeletedDocuments) throws {
        self.inner = inner
        self.deletes = deletes
        try skipDeleted()
    }

    var doc: Int32 { inner.doc }

    private func skipDeleted() throws {
        while inner.doc != PostingsCursor.exhausted && deletes.contains(Int(inner.doc)) { try inner.next() }
    }

    func next() throws {
        try inner.next()
        try skipDeleted()
    }

    func advance(to target: Int32) throws {
        try inner.advance(to: target)
        try skipDeleted()
    }

    func score() -> Double { inner.score() }
    func explain() -> Explanation { inner.explain() }
}
