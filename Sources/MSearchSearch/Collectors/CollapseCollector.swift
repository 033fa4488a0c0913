import MSearchIndex

/// The k best matches by score with at most one per key: of the documents sharing a key (a
/// near-duplicate cluster, say) only the best-ranked is kept, and the groups' best compete
/// for the top k. Documents without a key are each their own group. Ties rank as in
/// `TopScoreCollector`, within a group and between groups.
///
/// Every group's best is kept until the end (memory grows with the number of keys seen), and
/// it rules out pruning: a hit below the k-th may still be the first of its key.
struct CollapseCollector: Collector {
    /// The key of an index-wide document number, or nil when it has none.
    let key: (Int) -> Int?
    private let tieBreak: ((Int, Int) -> Bool)?
    /// The documents without a key go straight to the final top k.
    private var top: TopHits
    private var bestOfKey: [Int: Hit] = [:]
    private var base = 0

    init(k: Int, key: @escaping (Int) -> Int?, tieBreak: ((Int, Int) -> Bool)?) {
        self.key = key
        self.tieBreak = tieBreak
        top = TopHits(k: k, tieBreak: tieBreak)
    }

    mutating func startSegment(_ segment: SegmentReader, base: Int) { self.base = base }

    mutating func collect(_ doc: Int32, score: Double) {
        let hit = Hit(doc: base + Int(doc), score: score)
        guard let group = key(hit.doc) else { return top.insert(hit) }
        if let kept = bestOfKey[group], !Hit.ranksBefore(hit, kept, tieBreak) { return }
        bestOfKey[group] = hit
    }

    var acceptsPruning: Bool { false }
    var threshold: Double { -.infinity }

    func finish() -> [Hit] {
        var all = top
        for hit in bestOfKey.values { all.insert(hit) }
        return all.sorted()
    }
}
