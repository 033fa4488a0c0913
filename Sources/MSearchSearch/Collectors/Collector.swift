import MSearchIndex

/// What a search does with the documents that match, kept apart from how they are found and
/// scored (Tantivy's `collector` module): keep the best k, count them, count facets, keep one
/// per duplicate key. A request composes the collectors it needs (`CollectorPair`, an absent
/// one as nil) and one pass over the matches feeds them all.
///
/// A collector sees the segments one after the other: `startSegment` tells it where the
/// segment's documents start in index-wide numbers and gives it the segment's columns; then
/// `collect` receives each live matching document of that segment in increasing order (deleted
/// documents are filtered out before, by the scorer). `finish` gives the result.
///
/// Collectors are generic parameters, never existentials, so the per-document calls are
/// specialised and inlined into the search loop.
protocol Collector {
    associatedtype Output

    mutating func startSegment(_ segment: SegmentReader, base: Int)

    /// One matching document of the current segment (segment-local number) and its score.
    mutating func collect(_ doc: Int32, score: Double)

    /// Whether this collector can do without the matches scoring below `threshold`. Only then
    /// may the searcher answer with MaxScore, which skips such documents instead of visiting
    /// them; a collector that counts or orders by something other than the score says no.
    var acceptsPruning: Bool { get }

    /// The score a match must reach to change this collector's output (−∞ while every match
    /// may still matter). Read by MaxScore after each collected hit; meaningful only when
    /// `acceptsPruning`.
    var threshold: Double { get }

    func finish() -> Output
}

/// Two collectors fed by one pass (Tantivy composes them as a tuple); nest pairs for more.
/// Pruning is allowed only when both allow it, below the lower of their thresholds.
struct CollectorPair<First: Collector, Second: Collector>: Collector {
    var first: First
    var second: Second

    init(_ first: First, _ second: Second) { self.first = first; self.second = second }

    mutating func startSegment(_ segment: SegmentReader, base: Int) {
        first.startSegment(segment, base: base)
        second.startSegment(segment, base: base)
    }

    @inline(__always)
    mutating func collect(_ doc: Int32, score: Double) {
        first.collect(doc, score: score)
        second.collect(doc, score: score)
    }

    var acceptsPruning: Bool { first.acceptsPruning && second.acceptsPruning }
    var threshold: Double { min(first.threshold, second.threshold) }

    func finish() -> (First.Output, Second.Output) { (first.finish(), second.finish()) }
}

/// A collector the request did not ask for: collects nothing, finishes as nil, and does not
/// stand in the way of pruning.
extension Optional: Collector where Wrapped: Collector {
    mutating func startSegment(_ segment: SegmentReader, base: Int) { self?.startSegment(segment, base: base) }

    @inline(__always)
    mutating func collect(_ doc: Int32, score: Double) { self?.collect(doc, score: score) }

    var acceptsPruning: Bool { self?.acceptsPruning ?? true }
    var threshold: Double { self?.threshold ?? .infinity }

    func finish() -> Wrapped.Output? { self?.finish() }
}

/// Counts the matches it is shown: the total. An exact count must see every match, so it rules
/// out pruning; one that may fall short (`exact: false`, for callers that show no total) lets
/// MaxScore skip documents, and the searcher then reports the hits kept instead.
/// Not an optional collector: it is on every search's path, and counting costs one addition.
struct CountCollector: Collector {
    let exact: Bool
    private(set) var count = 0

    init(exact: Bool = true) { self.exact = exact }

    func startSegment(_ segment: SegmentReader, base: Int) {}

    @inline(__always)
    mutating func collect(_ doc: Int32, score: Double) { count += 1 }

    var acceptsPruning: Bool { !exact }
    var threshold: Double { exact ? -.infinity : .infinity }

    func finish() -> Int { count }
}
