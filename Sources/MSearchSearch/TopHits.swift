/// One matching document and its score, numbered index-wide.
public struct Hit: Equatable, Sendable {
    public var doc: Int
    public var score: Double
    public init(doc: Int, score: Double) { self.doc = doc; self.score = score }

    /// Best first; equal scores in document order, so output is deterministic.
    @inline(__always)
    static func ranksBefore(_ a: Hit, _ b: Hit) -> Bool {
        a.score != b.score ? a.score > b.score : a.doc < b.doc
    }
}

extension TopHits {
    /// Best first; exactly equal scores ordered by `tieBreak` of their document numbers when
    /// given (the searcher passes external-id order, so a ranking does not depend on how
    /// documents fall into segments: an updated index ranks as a rebuilt one), else by number.
    @inline(__always)
    func ranksBefore(_ a: Hit, _ b: Hit) -> Bool {
        if a.score != b.score { return a.score > b.score }
        if let tieBreak { return tieBreak(a.doc, b.doc) }
        return a.doc < b.doc
    }
}

/// Keeps the k best hits seen so far in a binary min-heap: the worst kept hit is at the root,
/// so each new hit costs one comparison unless it belongs in the top k.
struct TopHits {
    let k: Int
    let tieBreak: ((Int, Int) -> Bool)?
    private(set) var heap: [Hit] = []

    init(k: Int, tieBreak: ((Int, Int) -> Bool)? = nil) {
        self.k = k
        self.tieBreak = tieBreak
        heap.reserveCapacity(max(0, k))
    }

    /// The score a new hit must beat to enter (−∞ until k hits are kept).
    var threshold: Double { heap.count < k ? -.infinity : heap[0].score }

    @inline(__always)
    mutating func insert(_ hit: Hit) {
        guard k > 0 else { return }
        if heap.count < k {
            heap.append(hit)
            siftUp(heap.count - 1)
        } else if ranksBefore(hit, heap[0]) {
            heap[0] = hit
            siftDown(0)
        }
    }

    /// The kept hits, best first.
    func sorted() -> [Hit] { heap.sorted(by: ranksBefore) }

    private mutating func siftUp(_ i: Int) {
        var i = i
        while i > 0 {
            let parent = (i - 1) / 2
            guard ranksBefore(heap[parent], heap[i]) else { break }
            heap.swapAt(parent, i)
            i = parent
        }
    }

    private mutating func siftDown(_ i: Int) {
        var i = i
        while true {
            let l = 2 * i + 1, r = l + 1
            var worst = i
            if l < heap.count && ranksBefore(heap[worst], heap[l]) { worst = l }
            if r < heap.count && ranksBefore(heap[worst], heap[r]) { worst = r }
            if worst == i { return }
            heap.swapAt(i, worst)
            i = worst
        }
    }
}
