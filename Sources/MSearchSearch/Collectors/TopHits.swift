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

/// Something a `TopK` heap keeps: a hit and the order it is ranked by. The order is total:
/// its own keys first, then the tie-break of the document numbers (external-id order from the
/// searcher, so a ranking does not depend on how documents fall into segments), else the
/// numbers themselves.
protocol RankedHit {
    var hit: Hit { get }
    /// Whether `a` and `b` are equal on every key, so only the tie-break orders them.
    static func keysTie(_ a: Self, _ b: Self) -> Bool
    /// Best first: the keys, then `tieBreak` of the document numbers when given, else the numbers.
    static func ranksBefore(_ a: Self, _ b: Self, _ tieBreak: ((Int, Int) -> Bool)?) -> Bool
}

/// Ranked by score alone (written out, not derived from `keysTie`: it is the comparison every
/// candidate of every query goes through, and this form compiles to one compare per hit).
extension Hit: RankedHit {
    var hit: Hit { self }
    @inline(__always) static func keysTie(_ a: Hit, _ b: Hit) -> Bool { a.score == b.score }

    @inline(__always)
    static func ranksBefore(_ a: Hit, _ b: Hit, _ tieBreak: ((Int, Int) -> Bool)?) -> Bool {
        if a.score != b.score { return a.score > b.score }
        if let tieBreak { return tieBreak(a.doc, b.doc) }
        return a.doc < b.doc
    }
}

/// The hits ranked by score: the heap behind `TopScoreCollector`, `CollapseCollector` and MaxScore.
typealias TopHits = TopK<Hit>

/// Keeps the k best seen so far in a binary min-heap: the worst kept one is at the root, so
/// each new candidate costs one comparison unless it belongs in the top k. Every candidate of
/// every query passes through `insert`, so the heap works on its buffer directly.
struct TopK<Element: RankedHit> {
    let k: Int
    let tieBreak: ((Int, Int) -> Bool)?
    private(set) var heap: [Element] = []

    init(k: Int, tieBreak: ((Int, Int) -> Bool)? = nil) {
        self.k = k
        self.tieBreak = tieBreak
        // k comes from users (--limit): reserve no more than an ordinary page needs and let
        // the heap grow with the hits that really come, so a huge k costs nothing up front.
        heap.reserveCapacity(min(max(0, k), 1024))
    }

    @inline(__always)
    mutating func insert(_ element: Element) {
        guard k > 0 else { return }
        if heap.count < k {
            heap.append(element)
            let tieBreak = tieBreak
            heap.withUnsafeMutableBufferPointer { TopK.siftUp($0, $0.count - 1, tieBreak) }
        } else if Element.ranksBefore(element, heap[0], tieBreak) {
            let tieBreak = tieBreak
            heap.withUnsafeMutableBufferPointer { h in
                h[0] = element
                TopK.siftDown(h, 0, tieBreak)
            }
        }
    }

    /// The kept ones, best first. The order is total (keys, then `tieBreak`, then number), so
    /// sorting by keys and number first and re-ordering only runs of tied keys gives the same
    /// result with the tie-break called only for ties.
    func sorted() -> [Element] {
        var kept = heap
        kept.sort { Element.ranksBefore($0, $1, nil) }
        guard let tieBreak else { return kept }
        var start = 0
        while start < kept.count {
            var end = start + 1
            while end < kept.count && Element.keysTie(kept[end], kept[start]) { end += 1 }
            if end - start > 1 { kept[start..<end].sort { tieBreak($0.hit.doc, $1.hit.doc) } }
            start = end
        }
        return kept
    }

    // Inlined into `insert`: as a call, the sift costs a few percent of a MaxScore query.
    @inline(__always)
    private static func siftUp(_ heap: UnsafeMutableBufferPointer<Element>, _ i: Int, _ tieBreak: ((Int, Int) -> Bool)?) {
        var i = i
        while i > 0 {
            let parent = (i - 1) / 2
            guard Element.ranksBefore(heap[parent], heap[i], tieBreak) else { break }
            heap.swapAt(parent, i)
            i = parent
        }
    }

    @inline(__always)
    private static func siftDown(_ heap: UnsafeMutableBufferPointer<Element>, _ i: Int, _ tieBreak: ((Int, Int) -> Bool)?) {
        var i = i
        let n = heap.count
        while true {
            let l = 2 * i + 1, r = l + 1
            var worst = i
            if l < n && Element.ranksBefore(heap[worst], heap[l], tieBreak) { worst = l }
            if r < n && Element.ranksBefore(heap[worst], heap[r], tieBreak) { worst = r }
            if worst == i { return }
            heap.swapAt(i, worst)
            i = worst
        }
    }
}

extension TopK where Element == Hit {
    /// The score a new hit must beat to enter (−∞ until k hits are kept; +∞ when k is 0, as
    /// nothing can enter).
    var threshold: Double { k <= 0 ? .infinity : (heap.count < k ? -.infinity : heap[0].score) }
}
