import MSearchIndex
import MSearchQuery

/// Documents where the terms occur in order (within `slop` moves): documents are intersected
/// first, rarest term leading, and positions are read only for the survivors, into buffers kept
/// across documents (no allocation per candidate). The score is BM25 with the phrase's
/// frequency as tf and the sum of its terms' idf as weight, as in Lucene.
final class PhraseScorer: Scorer {
    private let cursors: [PostingsCursor]
    /// Cursor indices by increasing document frequency: the order of the intersection.
    private let order: [Int]
    /// The cursors in that order, unmanaged (`cursors` keeps them alive): the intersection
    /// touches them for every candidate, and a retain and release each time costs more than
    /// the step itself.
    private let intersection: [Unmanaged<PostingsCursor>]
    /// Each term's position in the phrase (from the analyzer, so skipped tokens leave gaps).
    private let offsets: [Int]
    private let slop: Int
    private let field: Field?
    private let weight: Double
    private let bm25: BM25
    /// BM25 with the phrase's weight, unpacked once (`score` runs for every match).
    private let scoring: TermWeight
    private let columns: DocumentColumns
    private let averageLength: Double
    private(set) var doc: Int32 = -1
    private var frequency: UInt32 = 0
    private var titleFrequency: UInt32 = 0
    /// Exact phrases: the candidate start positions, narrowed term by term.
    private var starts: [Int] = []
    /// Sloppy phrases: each term's shifted positions, and a walk index into each.
    private var positions: [[Int]]
    private var walk: [Int]

    private let terms: [[UInt8]]

    init(cursors: [PostingsCursor], terms: [[UInt8]], offsets: [Int], slop: Int, field: Field?, weight: Double,
         bm25: BM25, columns: DocumentColumns, averageLength: Double) throws {
        self.terms = terms
        self.cursors = cursors; self.offsets = offsets; self.slop = slop; self.field = field
        self.weight = weight; self.bm25 = bm25; self.columns = columns; self.averageLength = averageLength
        scoring = TermWeight(bm25, weight: weight, averageLength: averageLength)
        order = cursors.indices.sorted { cursors[$0].documentFrequency < cursors[$1].documentFrequency }
        intersection = order.map { Unmanaged.passUnretained(cursors[$0]) }
        positions = slop == 0 ? [] : Array(repeating: [], count: cursors.count)
        walk = slop == 0 ? [] : Array(repeating: 0, count: cursors.count)
        var start: Int32 = -1
        for c in cursors {
            try c.start()
            start = max(start, c.doc)
        }
        try align(from: start)
    }

    /// Finds the next document ≥ start where all terms occur and the phrase matches.
    private func align(from start: Int32) throws {
        doc = try intersection.withUnsafeBufferPointer { cursors in
            var target = start
            while target != PostingsCursor.exhausted {
                var agreed = true
                for c in cursors {
                    let d = try c._withUnsafeGuaranteedRef { try $0.advance(to: target); return $0.doc }
                    if d > target { target = d; agreed = false; break }
                }
                if agreed {
                    if try matchPositions() { return target }
                    target = try cursors[0]._withUnsafeGuaranteedRef { try $0.next(); return $0.doc }
                }
            }
            return PostingsCursor.exhausted
        }
    }

    /// Counts phrase occurrences in the current document (title and body separately).
    private func matchPositions() throws -> Bool {
        frequency = 0
        titleFrequency = 0
        let titleLength = Int(columns.titleLength(Int(cursors[0].doc)))
        if slop == 0 {
            try exactMatches()
            for s in starts { record(s, titleLength: titleLength) }
        } else {
            for i in 0..<cursors.count {
                positions[i].removeAll(keepingCapacity: true)
                let shift = offsets[i]
                try cursors[i].forEachPosition { positions[i].append(Int($0) - shift) }
            }
            sloppyMatches(titleLength: titleLength)
        }
        return frequency > 0
    }

    @inline(__always)
    private func record(_ start: Int, titleLength: Int) {
        let inTitle = start < titleLength
        if let field, (field == .title) != inTitle { return }
        frequency += 1
        if inTitle { titleFrequency += 1 }
    }

    /// Start positions where every term stands at its offset: the rarest term's positions,
    /// narrowed in place by each other term's as they stream out of the cursor.
    private func exactMatches() throws {
        starts.removeAll(keepingCapacity: true)
        let first = order[0]
        let shift = offsets[first]
        try cursors[first].forEachPosition { starts.append(Int($0) - shift) }
        for k in 1..<order.count where !starts.isEmpty {
            let i = order[k]
            let shift = offsets[i]
            var read = 0, kept = 0
            let n = starts.count
            try starts.withUnsafeMutableBufferPointer { s in
                try cursors[i].forEachPosition { raw in
                    let p = Int(raw) - shift
                    while read < n && s[read] < p { read += 1 }
                    if read < n && s[read] == p {
                        s[kept] = p
                        kept += 1
                        read += 1
                    }
                }
            }
            // Shrink in place (`removeLast(_:)` goes through a generic replaceSubrange).
            while starts.count > kept { starts.removeLast() }
        }
    }

    /// Windows holding one occurrence of each term whose shifted positions differ by at most
    /// `slop` (Lucene's "edit distance" of a sloppy phrase, approximately); non-overlapping.
    private func sloppyMatches(titleLength: Int) {
        for t in 0..<walk.count { walk[t] = 0 }
        while true {
            var lo = Int.max, hi = Int.min, loTerm = 0
            for t in 0..<positions.count {
                guard walk[t] < positions[t].count else { return }
                let p = positions[t][walk[t]]
                if p < lo { lo = p; loTerm = t }
                if p > hi { hi = p }
            }
            if hi - lo <= slop {
                record(lo, titleLength: titleLength)
                for t in 0..<walk.count { walk[t] += 1 }
            } else {
                walk[loTerm] += 1
            }
        }
    }

    func next() throws {
        guard doc != PostingsCursor.exhausted else { return }
        let lead = cursors[order[0]]
        try lead.next()
        try align(from: lead.doc)
    }

    func advance(to target: Int32) throws {
        guard doc < target else { return }
        try align(from: target)
    }

    func explain() -> Explanation {
        let d = Int(doc)
        let label = (field.map { $0.rawValue + ":" } ?? "") + terms.map { String(decoding: $0, as: UTF8.self) }.joined(separator: " ")
        let e = bm25.explain(term: "\"\(label)\"" + (slop > 0 ? "~\(slop)" : ""), idf: weight, queryCount: 1,
                             tf: frequency, titleTf: titleFrequency, titleLength: columns.titleLength(d),
                             bodyLength: columns.bodyLength(d), averageLength: averageLength)
        var details = e.details
        details[0] = Explanation(weight, "idf, summed over the phrase's terms")
        details[details.count - 1].details[0].description = "phrase frequency in the document (\(titleFrequency) in the title)"
        return Explanation(e.value, e.description, details)
    }

    func score() -> Double {
        let d = Int(doc)
        return scoring.score(tf: frequency, titleTf: titleFrequency,
                             titleLength: columns.titleLength(d), bodyLength: columns.bodyLength(d))
    }
}
