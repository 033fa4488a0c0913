import MSearchIndex

/// Top-k for an OR of terms without visiting every match: MaxScore (Turtle & Flood, as Lucene
/// uses it). Terms are ordered by the most they can add to a score; once the k-th best score
/// exceeds what the weakest terms together could add, documents containing only those terms
/// cannot enter the top k, so those terms stop driving the iteration and are only probed for
/// candidates the others produce. Gives exactly the exhaustive top k (tested against it); it
/// cannot count all matches, so it serves queries that do not need a total.
struct MaxScoreCollector {
    var clauses: [TermScorer]
    /// Each clause's position in the query: contributions are summed in that order, as the
    /// exhaustive scorer sums them, so both give bit-identical scores.
    var order: [Int]

    init(_ clauses: [TermScorer]) {
        // Weakest first.
        let sorted = clauses.enumerated().map { ($0.offset, $0.element, $0.element.upperBound) }.sorted { $0.2 < $1.2 }
        self.clauses = sorted.map(\.1)
        order = sorted.map(\.0)
    }

    func collect(into top: inout TopHits, base: Int, isDeleted: (Int) -> Bool) throws {
        guard !clauses.isEmpty else { return }
        // The loop reads the clauses through unmanaged references: `clauses` keeps them alive,
        // and a retain and release per clause per candidate would cost as much as scoring.
        let unmanaged = clauses.map { Unmanaged.passUnretained($0) }
        try withExtendedLifetime(clauses) {
            try unmanaged.withUnsafeBufferPointer { try collect(into: &top, base: base, isDeleted: isDeleted, clauses: $0) }
        }
    }

    private func collect(into top: inout TopHits, base: Int, isDeleted: (Int) -> Bool,
                         clauses: UnsafeBufferPointer<Unmanaged<TermScorer>>) throws {
        let n = clauses.count
        let bounds = self.clauses.map(\.upperBound)
        var prefix = [Double](repeating: 0, count: n)   // prefix[i] = bounds[0...i] summed
        var sum = 0.0
        for i in 0..<n { sum += bounds[i]; prefix[i] = sum }
        var contribution = [Double](repeating: 0, count: n)   // by query position
        var firstEssential = 0
        @inline(__always) func docOf(_ i: Int) -> Int32 { clauses[i]._withUnsafeGuaranteedRef { $0.doc } }
        @inline(__always) func score(_ i: Int) -> Double { clauses[i]._withUnsafeGuaranteedRef { $0.score() } }
        @inline(__always) func next(_ i: Int) throws { try clauses[i]._withUnsafeGuaranteedRef { try $0.next() } }
        @inline(__always) func advance(_ i: Int, to target: Int32) throws {
            try clauses[i]._withUnsafeGuaranteedRef { try $0.advance(to: target) }
        }
        // Bounds are compared with a margin far above rounding error, so a document whose
        // exact score ties the threshold is never pruned by a last-bit difference.
        func below(_ x: Double, _ threshold: Double) -> Bool { x < threshold - 1e-9 * max(1, abs(threshold)) }
        while true {
            var doc = PostingsCursor.exhausted
            for i in firstEssential..<n where docOf(i) < doc { doc = docOf(i) }
            if doc == PostingsCursor.exhausted { return }
            for i in 0..<n { contribution[i] = 0 }
            var partial = 0.0
            for i in firstEssential..<n where docOf(i) == doc {
                let c = score(i)
                contribution[order[i]] = c
                partial += c
                try next(i)
            }
            let threshold = top.threshold
            var i = firstEssential - 1
            while i >= 0 {
                if below(partial + prefix[i], threshold) { break }
                try advance(i, to: doc)
                if docOf(i) == doc {
                    let c = score(i)
                    contribution[order[i]] = c
                    partial += c
                }
                i -= 1
            }
            if i < 0 && !isDeleted(Int(doc)) {
                var score = 0.0
                for c in contribution where c != 0 { score += c }
                top.insert(Hit(doc: base + Int(doc), score: score))
            }
            let t = top.threshold
            while firstEssential < n && below(prefix[firstEssential], t) { firstEssential += 1 }
        }
    }
}
