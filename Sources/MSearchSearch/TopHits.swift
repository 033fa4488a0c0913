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

/// Keeps the k best hits seen so far in a binary min-heap: the worst kept hit is at the root,
/// so each new hit costs one comparison unless it belongs in the top k. Every candidate of
/// every query passes through `insert`, so the heap works on its buffer directly.
struct TopHits {
    let k: Int
    let tieBreak: ((Int, Int) -> Bool)?
    private(set) var heap: [Hit] = []

    init(k: Int, tieBreak: ((Int, Int) -> Bool)? = nil) {
        self.k = k
        self.tieBreak = tieBreak
        // k comes from users (--limit): reserve no more than an ordinary page needs and let
        // the heap grow with the hits that really come, so a huge k costs nothing up front.
        heap.reserveCapacity(min(max(0, k), 1024))
    }

    /// The score a new hit must beat to enter (−∞ until k hits are kept).
    var threshold: Double { heap.count < k ? -.infinity : heap[0].score }

    @inline(__always)
    mutating func insert(_ hit: Hit) {
        guard k > 0 else { return }
        if heap.count < k {
            heap.append(hit)
            let tieBreak = tieBreak
            heap.withUnsafeMutableBufferPointer { TopHits.siftUp($0, $0.count - 1, tieBreak) }
        } else if TopHits.ranksBefore(hit, heap[0], tieBreak) {
            let tieBreak = tieBreak
            heap.withUnsafeMutableBufferPointer { h in
                h[0] = hit
                TopHits.siftDown(h, 0, tieBreak)
            }
        }
    }

    /// The kept hits, best first. The order is total (score, then `tieBreak`, then number),
    /// so sorting by score and number first and re-ordering only runs of equal scores gives
    /// the same result with the tie-break called only for ties.
    func sorted() -> [Hit] {
        var hits = heap
        hits.sort { $0.score != $1.score ? $0.score > $1.score : $0.doc < $1.doc }
        guard let tieBreak else { return hits }
        var start = 0
        while start < hits.count {
            var end = start + 1
            while end < hits.count && hits[end].score == hits[start].score { end += 1 }
            if end - start > 1 { hits[start..<end].sort { tieBreak($0.doc, $1.doc) } }
            start = end
        }
        return hits
    }

    /// Best first; exactly equal scores ordered by `tieBreak` of their document numbers when
    /// given (the searcher passes external-id order, so a ranking does not depend on how
    /// documents fall into segments: an updated index ranks as a rebuilt one), else by number.
    @inline(__always)
    static func ranksBefore(_ a: Hit, _ b: Hit, _ tieBreak: ((Int, Int) -> Bool)?) -> Bool {
        if a.score != b.score { return a.score > b.score }
        if let tieBreak { return tieBreak(a.doc, b.doc) }
        return a.doc < b.doc
    }

    private static func siftUp(_ heap: UnsafeMutableBufferPointer<Hit>, _ i: Int, _ tieBreak: ((Int, Int) -> Bool)?) {
        var i = i
        while i > 0 {
            let parent = (i - 1) / 2
            guard ranksBefore(heap[parent], heap[i], tieBreak) else { break }
            heap.swapAt(parent, i)
            i = parent
        }
    }

    private static func siftDown(_ heap: UnsafeMutableBufferPointer<Hit>, _ i: Int, _ tieBreak: ((Int, Int) -> Bool)?) {
        var i = i
        let n = heap.count
        while true {
            let l = 2 * i + 1, r = l + 1
            var worst = i
            if l < n && ranksBefore(heap[worst], heap[l], tieBreak) { worst = l }
            if r < n && ranksBefore(heap[worst], heap[r], tieBreak) { worst = r }
            if worst == i { return }
            heap.swapAt(i, worst)
            i = worst
        }
    }
}
