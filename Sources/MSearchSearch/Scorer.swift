import MSearchQuery
import MSearchIndex

/// A doc-at-a-time iterator over the matching documents of one segment, in increasing order,
/// that can score the document it stands on. Queries compile to a tree of these.
protocol Scorer: AnyObject {
    /// The current document, or `PostingsCursor.exhausted`.
    var doc: Int32 { get }
    func next() throws
    func advance(to target: Int32) throws
    func score() -> Double
    /// How `score()` of the current document was computed.
    func explain() -> Explanation
}

/// Scores one term's postings with BM25, optionally only where it occurs in one field.
final class TermScorer: Scorer {
    private let cursor: PostingsCursor
    private let bm25: BM25
    private let scoring: TermWeight
    private let lengths: DocumentLengths
    private let columns: DocumentColumns
    private let averageLength: Double
    private let field: Field?
    private let term: PlannedTerm

    init(cursor: PostingsCursor, term: PlannedTerm, bm25: BM25, columns: DocumentColumns,
         averageLength: Double) throws {
        self.cursor = cursor; self.bm25 = bm25; self.term = term
        self.columns = columns; self.averageLength = averageLength; self.field = term.field
        scoring = TermWeight(bm25, weight: term.weight, averageLength: averageLength)
        lengths = columns.lengths
        try cursor.start()
        try skipOutsideField()
    }

    var doc: Int32 { cursor.doc }

    func next() throws {
        try cursor.next()
        try skipOutsideField()
    }

    func advance(to target: Int32) throws {
        try cursor.advance(to: target)
        try skipOutsideField()
    }

    private func skipOutsideField() throws {
        guard let field else { return }
        while cursor.doc != PostingsCursor.exhausted {
            let inTitle = cursor.titleTermFrequency
            let matches = field == .title ? inTitle > 0 : cursor.termFrequency > inTitle
            if matches { return }
            try cursor.next()
        }
    }

    /// The most this term can add to any document's score (for MaxScore pruning); computed
    /// once, after `start()`.
    private(set) lazy var upperBound: Double = {
        let scoring = scoring, lengths = lengths
        return cursor.upperBound(block: { tf, titleTf, minLength in
            scoring.maxScore(maxTf: tf, maxTitleTf: titleTf, minLength: minLength)
        }, exact: { tf, titleTf, doc in
            scoring.score(tf: tf, titleTf: titleTf, titleLength: lengths.title(Int(doc)), bodyLength: lengths.body(Int(doc)))
        })
    }()

    /// For block-max pruning, from the skip table only: the last document of the postings
    /// block holding the first document ≥ `target` (nil past the end of the list).
    @inline(__always)
    func blockEnd(at target: Int32) -> Int32? {
        cursor.shallowBlock(at: target).map { cursor.blockLastDoc($0) }
    }

    /// The most this term adds to any document in `start...end`: the largest bound of the
    /// blocks that overlap it (nil when the list has no document from `start` on).
    func windowBound(from start: Int32, through end: Int32) -> Double? {
        guard var b = cursor.shallowBlock(at: start) else { return nil }
        guard cursor.blockMaxima(b) != nil else { return upperBound }
        var best = 0.0
        while b < cursor.blockTotal, let m = cursor.blockMaxima(b) {
            best = max(best, scoring.maxScore(maxTf: m.tf, maxTitleTf: m.titleTf, minLength: m.minLength))
            if cursor.blockLastDoc(b) >= end { break }
            b += 1
        }
        return best
    }

    /// The frequencies that count for this scorer's field.
    private var frequencies: (tf: UInt32, titleTf: UInt32) {
        let tf = cursor.termFrequency, titleTf = cursor.titleTermFrequency
        switch field {
        case .title?: return (titleTf, titleTf)
        case .body?: return (tf - titleTf, 0)
        case nil: return (tf, titleTf)
        }
    }

    func score() -> Double {
        let d = Int(cursor.doc)
        let (tf, titleTf) = frequencies
        return scoring.score(tf: tf, titleTf: titleTf, titleLength: lengths.title(d), bodyLength: lengths.body(d))
    }

    func explain() -> Explanation {
        let d = Int(cursor.doc)
        let (tf, titleTf) = frequencies
        return bm25.explain(term: term.label, idf: term.idf, queryCount: term.count, tf: tf, titleTf: titleTf,
                            titleLength: columns.titleLength(d), bodyLength: columns.bodyLength(d),
                            averageLength: averageLength)
    }
}

/// Documents matching any clause; the score is the sum over the clauses that match.
final class DisjunctionScorer: Scorer {
    private let clauses: [Scorer]
    private(set) var doc: Int32 = -1

    init(_ clauses: [Scorer]) {
        self.clauses = clauses
        updateDoc()
    }

    private func updateDoc() {
        var d = PostingsCursor.exhausted
        for c in clauses where c.doc < d { d = c.doc }
        doc = d
    }

    func next() throws {
        let current = doc
        for c in clauses where c.doc == current { try c.next() }
        updateDoc()
    }

    func advance(to target: Int32) throws {
        for c in clauses where c.doc < target { try c.advance(to: target) }
        updateDoc()
    }

    func score() -> Double {
        var s = 0.0
        for c in clauses where c.doc == doc { s += c.score() }
        return s
    }

    func explain() -> Explanation {
        let parts = clauses.filter { $0.doc == doc }.map { $0.explain() }
        return Explanation(score(), "sum of the \(parts.count) matching of \(clauses.count) optional clauses", parts)
    }
}

/// Documents matching every clause (leapfrog intersection); the score is the sum.
final class ConjunctionScorer: Scorer {
    private let clauses: [Scorer]
    private(set) var doc: Int32 = -1

    init(_ clauses: [Scorer]) throws {
        // Rarest first would be better still; the caller orders clauses by document frequency.
        self.clauses = clauses
        try align(from: clauses.map(\.doc).max() ?? PostingsCursor.exhausted)
    }

    private func align(from start: Int32) throws {
        var target = start
        while target != PostingsCursor.exhausted {
            var agreed = true
            for c in clauses {
                try c.advance(to: target)
                if c.doc > target { target = c.doc; agreed = false; break }
            }
            if agreed { doc = target; return }
        }
        doc = PostingsCursor.exhausted
    }

    func next() throws {
        guard doc != PostingsCursor.exhausted else { return }
        try clauses[0].next()
        try align(from: clauses[0].doc)
    }

    func advance(to target: Int32) throws {
        guard doc < target else { return }
        try align(from: target)
    }

    func score() -> Double { clauses.reduce(0) { $0 + $1.score() } }

    func explain() -> Explanation {
        Explanation(score(), "sum of \(clauses.count) required clauses", clauses.map { $0.explain() })
    }
}

/// Documents of `include` that `exclude` does not match; scored by `include` alone.
final class ExclusionScorer: Scorer {
    private let include: Scorer
    private let exclude: Scorer
    private(set) var doc: Int32 = -1

    init(include: Scorer, exclude: Scorer) throws {
        self.include = include; self.exclude = exclude
        try settle()
    }

    private func settle() throws {
        while include.doc != PostingsCursor.exhausted {
            try exclude.advance(to: include.doc)
            if exclude.doc != include.doc { break }
            try include.next()
        }
        doc = include.doc
    }

    func next() throws { try include.next(); try settle() }
    func advance(to target: Int32) throws { try include.advance(to: target); try settle() }
    func score() -> Double { include.score() }
    func explain() -> Explanation { include.explain() }
}

/// Matches nothing: a term missing from a segment.
final class EmptyScorer: Scorer {
    var doc: Int32 { PostingsCursor.exhausted }
    func next() throws {}
    func advance(to target: Int32) throws {}
    func score() -> Double { 0 }
    func explain() -> Explanation { Explanation(0, "no match") }
}

/// Documents of `required`; each `optional` clause that also matches adds its score
/// (Lucene's "must" with "should" clauses).
final class RequiredOptionalScorer: Scorer {
    private let required: Scorer
    private let optional: [Scorer]

    init(required: Scorer, optional: [Scorer]) {
        self.required = required; self.optional = optional
    }

    var doc: Int32 { required.doc }
    func next() throws { try required.next() }
    func advance(to target: Int32) throws { try required.advance(to: target) }

    func score() -> Double {
        var s = required.score()
        for o in matchingOptional() { s += o.score() }
        return s
    }

    private func matchingOptional() -> [Scorer] {
        let d = required.doc
        return optional.filter { o in
            if o.doc < d { try? o.advance(to: d) }
            return o.doc == d
        }
    }

    func explain() -> Explanation {
        Explanation(score(), "required clauses plus matching optional ones",
                    [required.explain()] + matchingOptional().map { $0.explain() })
    }
}

/// Every document of a segment, matching with score 0 (queries of only exclusions or filters).
final class AllDocumentsScorer: Scorer {
    private let count: Int32
    private(set) var doc: Int32

    init(count: Int) {
        self.count = Int32(count)
        doc = count > 0 ? 0 : PostingsCursor.exhausted
    }

    func next() throws { doc = doc + 1 < count ? doc + 1 : PostingsCursor.exhausted }
    func advance(to target: Int32) throws { doc = target < count ? max(doc, target) : PostingsCursor.exhausted }
    func score() -> Double { 0 }
    func explain() -> Explanation { Explanation(0, "every document (no scoring clause)") }
}

/// Documents whose column values pass a test — a publication date (the yyyymmdd column) in a
/// range, a language — found by walking the segment's columns; scores 0, so as a required
/// clause it filters without changing the ranking.
final class ColumnFilterScorer: Scorer {
    private let count: Int
    private let matches: (Int) -> Bool
    private let reason: String
    private(set) var doc: Int32 = -1

    init(count: Int, reason: String, matches: @escaping (Int) -> Bool) {
        self.count = count; self.matches = matches; self.reason = reason
        seek(from: 0)
    }

    /// Published in `range` (`DateKey` values), or undated when `includeUndated`.
    static func dates(_ columns: DocumentColumns, range: ClosedRange<Int32>, includeUndated: Bool) -> ColumnFilterScorer {
        ColumnFilterScorer(count: columns.documentCount, reason: "published in the date range") { d in
            let date = columns.date(d)
            return range.contains(date) || (includeUndated && date == 0)
        }
    }

    /// In the language packed as `language` (`lang:es`, `--lang es`).
    static func language(_ columns: DocumentColumns, _ language: UInt32) -> ColumnFilterScorer {
        ColumnFilterScorer(count: columns.documentCount, reason: "in the language asked for") { columns.languageValue($0) == language }
    }

    private func seek(from start: Int32) {
        var d = Int(start)
        while d < count {
            if matches(d) { doc = Int32(d); return }
            d += 1
        }
        doc = PostingsCursor.exhausted
    }

    func next() throws { if doc != PostingsCursor.exhausted { seek(from: doc + 1) } }
    func advance(to target: Int32) throws { if doc < target { seek(from: target) } }
    func score() -> Double { 0 }
    func explain() -> Explanation { Explanation(0, "\(reason) (a filter: adds nothing)") }
}
