import MSearchIndex
import MSearchQuery

/// Documents where the terms occur in order (within `slop` moves): documents are intersected
/// first and positions are read only for the survivors. The score is BM25 with the phrase's
/// frequency as tf and the sum of its terms' idf as weight, as in Lucene.
final class PhraseScorer: Scorer {
    private let cursors: [PostingsCursor]
    /// Each term's position in the phrase (from the analyzer, so skipped tokens leave gaps).
    private let offsets: [Int]
    private let slop: Int
    private let field: Field?
    private let weight: Double
    private let bm25: BM25
    private let columns: DocumentColumns
    private let averageLength: Double
    private(set) var doc: Int32 = -1
    private var frequency: UInt32 = 0
    private var titleFrequency: UInt32 = 0
    private var positions: [[Int]]

    private let label: String

    init(cursors: [PostingsCursor], offsets: [Int], slop: Int, field: Field?, weight: Double,
         bm25: BM25, columns: DocumentColumns, averageLength: Double, label: String) throws {
        self.label = label
        self.cursors = cursors; self.offsets = offsets; self.slop = slop; self.field = field
        self.weight = weight; self.bm25 = bm25; self.columns = columns; self.averageLength = averageLength
        positions = Array(repeating: [], count: cursors.count)
        for c in cursors { try c.start() }
        try align(from: cursors.map(\.doc).max() ?? PostingsCursor.exhausted)
    }

    /// Finds the next document ≥ start where all terms occur and the phrase matches.
    private func align(from start: Int32) throws {
        var target = start
        while target != PostingsCursor.exhausted {
            var agreed = true
            for c in cursors {
                try c.advance(to: target)
                if c.doc > target { target = c.doc; agreed = false; break }
            }
            if agreed {
                if try matchPositions() { doc = target; return }
                try cursors[0].next()
                target = cursors[0].doc
            }
        }
        doc = PostingsCursor.exhausted
    }

    /// Counts phrase occurrences in the current document (title and body separately).
    private func matchPositions() throws -> Bool {
        let d = Int(cursors[0].doc)
        let titleLength = Int(columns.titleLength(d))
        for i in 0..<cursors.count {
            positions[i].removeAll(keepingCapacity: true)
            let shift = offsets[i]
            try cursors[i].forEachPosition { positions[i].append(Int($0) - shift) }
        }
        frequency = 0
        titleFrequency = 0
        let found = slop == 0 ? exactMatches() : sloppyMatches()
        for start in found {
            let inTitle = start < titleLength
            if let field, (field == .title) != inTitle { continue }
            frequency += 1
            if inTitle { titleFrequency += 1 }
        }
        return frequency > 0
    }

    /// Start positions where every term stands at its offset.
    private func exactMatches() -> [Int] {
        var result = positions[0]
        for i in 1..<positions.count {
            let other = positions[i]
            var j = 0
            result = result.filter { p in
                while j < other.count && other[j] < p { j += 1 }
                return j < other.count && other[j] == p
            }
            if result.isEmpty { break }
        }
        return result
    }

    /// Windows holding one occurrence of each term whose shifted positions differ by at most
    /// `slop` (Lucene's "edit distance" of a sloppy phrase, approximately); non-overlapping.
    private func sloppyMatches() -> [Int] {
        var index = [Int](repeating: 0, count: positions.count)
        var starts: [Int] = []
        while true {
            var lo = Int.max, hi = Int.min, loTerm = 0
            for (t, list) in positions.enumerated() {
                guard index[t] < list.count else { return starts }
                let p = list[index[t]]
                if p < lo { lo = p; loTerm = t }
                if p > hi { hi = p }
            }
            if hi - lo <= slop {
                starts.append(lo)
                for t in 0..<index.count { index[t] += 1 }
            } else {
                index[loTerm] += 1
            }
        }
    }

    func next() throws {
        guard doc != PostingsCursor.exhausted else { return }
        try cursors[0].next()
        try align(from: cursors[0].doc)
    }

    func advance(to target: Int32) throws {
        guard doc < target else { return }
        try align(from: target)
    }

    func explain() -> Explanation {
        let d = Int(doc)
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
        return bm25.score(weight: weight, tf: frequency, titleTf: titleFrequency,
                          titleLength: columns.titleLength(d), bodyLength: columns.bodyLength(d),
                          averageLength: averageLength)
    }
}
