import MSearchIndex

/// The k first matches in an order (by score, or by date) with at most one per key: of the
/// documents sharing a key (a near-duplicate cluster, say) only one represents the group — by
/// score the best-ranked, by date the earliest published (the original a copy was made from)
/// — and the representatives compete for the top k in the order. Documents without a key are
/// each their own group. Ties rank as in `TopScoreCollector` or `TopDateCollector`.
///
/// Every group's representative is kept until the end (memory grows with the number of keys
/// seen), and it rules out pruning: a hit below the k-th may still be the first of its key.
struct CollapseCollector<Element: RankedHit>: Collector, GroupCounting {
    /// The key of an index-wide document number, or nil when it has none.
    let key: (Int) -> Int?
    /// The element ranked for a hit, given the hit's date (`DateKey`, 0 undated).
    private let element: (Hit, Int32) -> Element
    /// Whether `a` rather than `b` represents their group.
    private let represents: (Element, Element) -> Bool
    /// The documents without a key go straight to the final top k.
    private var top: TopK<Element>
    private var bestOfKey: [Int: Element] = [:]
    private var base = 0
    private var columns: DocumentColumns?
    private var singles = 0

    init(k: Int, key: @escaping (Int) -> Int?, tieBreak: ((Int, Int) -> Bool)?,
         element: @escaping (Hit, Int32) -> Element, represents: @escaping (Element, Element) -> Bool) {
        self.key = key
        self.element = element
        self.represents = represents
        top = TopK(k: k, tieBreak: tieBreak)
    }

    mutating func startSegment(_ segment: SegmentReader, base: Int) {
        self.base = base
        columns = segment.columns
    }

    mutating func collect(_ doc: Int32, score: Double) {
        let hit = Hit(doc: base + Int(doc), score: score)
        let e = element(hit, columns?.date(Int(doc)) ?? 0)
        guard let group = key(hit.doc) else {
            singles += 1
            return top.insert(e)
        }
        if let kept = bestOfKey[group], !represents(e, kept) { return }
        bestOfKey[group] = e
    }

    var acceptsPruning: Bool { false }
    var threshold: Double { -.infinity }

    /// How many groups the matches formed: the length the collapsed ranking would have.
    var groupCount: Int { singles + bestOfKey.count }

    func finish() -> [Hit] {
        var all = top
        for e in bestOfKey.values { all.insert(e) }
        return all.sorted().map(\.hit)
    }
}

extension CollapseCollector where Element == Hit {
    /// By score: the group's best-ranked represents it.
    init(k: Int, key: @escaping (Int) -> Int?, tieBreak: ((Int, Int) -> Bool)?) {
        self.init(k: k, key: key, tieBreak: tieBreak, element: { hit, _ in hit },
                  represents: { Hit.ranksBefore($0, $1, tieBreak) })
    }
}

extension CollapseCollector where Element == TopDateCollector.DatedHit {
    /// By date, newest or oldest first: the group's earliest dated member represents it (then
    /// the best-scored, then external-id order), placed at its own date.
    init(k: Int, order: DateOrder, key: @escaping (Int) -> Int?, tieBreak: ((Int, Int) -> Bool)?) {
        self.init(k: k, key: key, tieBreak: tieBreak,
                  element: { hit, date in TopDateCollector.DatedHit(key: TopDateCollector.key(date: date, order: order), hit: hit) },
                  represents: { a, b in
                      // Oldest-first keys rank the earlier date first and undated last.
                      let ka = a.key == .min ? Int32.min : (order == .oldestFirst ? a.key : -a.key)
                      let kb = b.key == .min ? Int32.min : (order == .oldestFirst ? b.key : -b.key)
                      if ka != kb { return ka > kb }
                      return Hit.ranksBefore(a.hit, b.hit, tieBreak)
                  })
    }
}

/// A collector whose hits stand for groups of matches (`SearchResults.groups`).
protocol GroupCounting {
    var groupCount: Int { get }
}
