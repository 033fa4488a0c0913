import MSearchIndex

/// Top-k for an OR of terms without visiting every match: block-max MaxScore (Turtle & Flood's
/// MaxScore, applied window by window as Lucene's MaxScoreBulkScorer does). The documents are
/// walked in windows of at least 4,096 documents that end where an essential term's postings
/// block ends; in each window every term is bounded by the largest maximum contribution of its
/// blocks there (from the skip table, without decoding).
/// Terms are ordered by that bound; once the k-th best score exceeds what the weakest terms
/// together could add, documents containing only those terms cannot enter the top k, so those
/// terms stop driving the iteration and are only probed for candidates the others produce. A
/// window where even all terms together fall short is skipped whole. Gives exactly the
/// exhaustive top k (tested against it); it cannot count all matches, so it serves queries
/// that do not need a total.
///
/// It scores a segment into any collector that accepts pruning (`Collector.acceptsPruning`),
/// reading the collector's `threshold` as the k-th best score: the collector decides what is
/// kept, this decides which documents need not be looked at.
struct MaxScoreDisjunction {
    /// The fewest documents a window spans (Lucene's INNER_WINDOW_SIZE).
    static let minimumWindow: Int64 = 4096

    /// In query order: contributions are summed in that order, as the exhaustive scorer sums
    /// them, so both give bit-identical scores.
    var clauses: [TermScorer]

    init(_ clauses: [TermScorer]) { self.clauses = clauses }

    /// Feeds the segment's candidates to `collector` (told of the segment before).
    /// `isDeleted` is nil when the segment has no deletions (no call per candidate then).
    func collect<C: Collector>(into collector: inout C, isDeleted: ((Int) -> Bool)?) throws {
        guard !clauses.isEmpty else { return }
        // The loop reads the clauses through unmanaged references: `clauses` keeps them alive,
        // and a retain and release per clause per candidate would cost as much as scoring.
        let unmanaged = clauses.map { Unmanaged.passUnretained($0) }
        try withExtendedLifetime(clauses) {
            try unmanaged.withUnsafeBufferPointer { try collect(into: &collector, isDeleted: isDeleted, clauses: $0) }
        }
    }

    private func collect<C: Collector>(into collector: inout C, isDeleted: ((Int) -> Bool)?,
                         clauses: UnsafeBufferPointer<Unmanaged<TermScorer>>) throws {
        let n = clauses.count
        // Per-clause scratch, one allocation: contributions (by clause, in query order), window
        // bounds, prefix sums of the bounds in `sorted` order.
        let scratch = UnsafeMutableBufferPointer<Double>.allocate(capacity: 3 * n)
        defer { scratch.deallocate() }
        scratch.initialize(repeating: 0)
        let contribution = UnsafeMutableBufferPointer(rebasing: scratch[0..<n])
        let bound = UnsafeMutableBufferPointer(rebasing: scratch[n..<(2 * n)])
        let prefix = UnsafeMutableBufferPointer(rebasing: scratch[(2 * n)...])
        var sorted = Array(0..<n)                             // clauses by window bound, weakest first
        @inline(__always) func clause<R>(_ i: Int, _ body: (TermScorer) throws -> R) rethrows -> R {
            try clauses[i]._withUnsafeGuaranteedRef(body)
        }
        @inline(__always) func docOf(_ i: Int) -> Int32 { clause(i) { $0.doc } }
        @inline(__always) func score(_ i: Int) -> Double { clause(i) { $0.score() } }
        @inline(__always) func next(_ i: Int) throws { try clause(i) { try $0.next() } }
        @inline(__always) func advance(_ i: Int, to target: Int32) throws { try clause(i) { try $0.advance(to: target) } }
        // Bounds are compared with a margin far above rounding error, so a document whose
        // exact score ties the threshold is never pruned by a last-bit difference.
        func below(_ x: Double, _ threshold: Double) -> Bool { x < threshold - 1e-9 * max(1, abs(threshold)) }

        var windowStart = PostingsCursor.exhausted
        for i in 0..<n where docOf(i) < windowStart { windowStart = docOf(i) }
        var firstEssential = 0
        while windowStart != PostingsCursor.exhausted {
            // The window ends where the first essential clause's current block ends (only the
            // essential ones: the others' blocks would make windows tiny), but spans at least
            // `minimumWindow` documents, as Lucene's MaxScoreBulkScorer does.
            func nearestBlockEnd(_ indices: some Sequence<Int>) -> Int32 {
                var end = PostingsCursor.exhausted
                for i in indices { if let e = clause(i, { $0.blockEnd(at: windowStart) }) { end = min(end, e) } }
                return end
            }
            var windowEnd = nearestBlockEnd(sorted[firstEssential...])
            if windowEnd == PostingsCursor.exhausted { windowEnd = nearestBlockEnd(0..<n) }
            if windowEnd == PostingsCursor.exhausted { return }
            windowEnd = Int32(min(Int64(PostingsCursor.exhausted) - 1, max(Int64(windowEnd), Int64(windowStart) + MaxScoreDisjunction.minimumWindow - 1)))
            var live = false
            for i in 0..<n {
                if let b = clause(i, { $0.windowBound(from: windowStart, through: windowEnd) }) {
                    bound[i] = b
                    live = true
                } else {
                    bound[i] = 0
                }
            }
            guard live else { return }
            sorted.sort { bound[$0] < bound[$1] }
            var sum = 0.0
            for j in 0..<n { sum += bound[sorted[j]]; prefix[j] = sum }
            firstEssential = 0
            let windowThreshold = collector.threshold
            while firstEssential < n && below(prefix[firstEssential], windowThreshold) { firstEssential += 1 }

            // Candidates: the essential clauses' documents in the window (none when even all
            // clauses together fall short: the window is skipped without decoding a block).
            if firstEssential < n {
                for j in firstEssential..<n where docOf(sorted[j]) < windowStart { try advance(sorted[j], to: windowStart) }
            }
            var threshold = collector.threshold
            /// Keeps the document unless its exact score is below the k-th (ties go to `insert`).
            func offer(_ doc: Int32, _ score: Double) {
                guard !(score < threshold), !(isDeleted?(Int(doc)) ?? false) else { return }
                collector.collect(doc, score: score)
                threshold = collector.threshold
                while firstEssential < n && below(prefix[firstEssential], threshold) { firstEssential += 1 }
            }
            // Every clause essential (the usual case when each term alone can reach the top k):
            // clauses in query order, scores summed in that order, no partition to consult.
            while firstEssential == 0 {
                var doc = PostingsCursor.exhausted
                for i in 0..<n where docOf(i) < doc { doc = docOf(i) }
                if doc > windowEnd { break }
                var total = 0.0
                for i in 0..<n where docOf(i) == doc {
                    total += score(i)
                    try next(i)
                }
                offer(doc, total)
            }
            while firstEssential < n {
                var doc = PostingsCursor.exhausted
                for j in firstEssential..<n where docOf(sorted[j]) < doc { doc = docOf(sorted[j]) }
                if doc > windowEnd { break }
                for i in 0..<n { contribution[i] = 0 }
                var partial = 0.0
                for j in firstEssential..<n where docOf(sorted[j]) == doc {
                    let i = sorted[j]
                    let c = score(i)
                    contribution[i] = c
                    partial += c
                    try next(i)
                }
                var j = firstEssential - 1
                while j >= 0 {
                    if below(partial + prefix[j], threshold) { break }
                    let i = sorted[j]
                    try advance(i, to: doc)
                    if docOf(i) == doc {
                        let c = score(i)
                        contribution[i] = c
                        partial += c
                    }
                    j -= 1
                }
                if j < 0 {
                    var total = 0.0
                    for i in 0..<n where contribution[i] != 0 { total += contribution[i] }
                    offer(doc, total)
                }
            }
            windowStart = windowEnd + 1
        }
    }
}
