import MSearchIndex

/// The k best matches by score, ties in external-id order (`TopHits`). The one collector that
/// lets MaxScore prune: a match scoring below the k-th kept hit cannot enter.
struct TopScoreCollector: Collector {
    private var top: TopHits
    private var base = 0

    init(k: Int, tieBreak: ((Int, Int) -> Bool)?) { top = TopHits(k: k, tieBreak: tieBreak) }

    mutating func startSegment(_ segment: SegmentReader, base: Int) { self.base = base }

    @inline(__always)
    mutating func collect(_ doc: Int32, score: Double) { top.insert(Hit(doc: base + Int(doc), score: score)) }

    var acceptsPruning: Bool { true }
    var threshold: Double { top.threshold }

    func finish() -> [Hit] { top.sorted() }
}
