import MSearchIndex

/// Passes on every match but the excluded documents (index-wide numbers), so hits, totals and
/// facets all leave them out: how "more like this" leaves out the article it starts from and
/// its near-duplicates. Excluding only drops matches, so pruning stays as the inner allows.
struct ExcludingCollector<Inner: Collector>: Collector {
    var inner: Inner
    let excluded: Set<Int>
    private var base = 0

    init(_ inner: Inner, excluding excluded: Set<Int>) { self.inner = inner; self.excluded = excluded }

    mutating func startSegment(_ segment: SegmentReader, base: Int) {
        self.base = base
        inner.startSegment(segment, base: base)
    }

    @inline(__always)
    mutating func collect(_ doc: Int32, score: Double) {
        if excluded.contains(base + Int(doc)) { return }
        inner.collect(doc, score: score)
    }

    var acceptsPruning: Bool { inner.acceptsPruning }
    var threshold: Double { inner.threshold }

    func finish() -> Inner.Output { inner.finish() }
}
