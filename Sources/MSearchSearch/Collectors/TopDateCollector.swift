import MSearchIndex

/// Which way `TopDateCollector` orders publication dates.
public enum DateOrder: Sendable, Equatable {
    case newestFirst, oldestFirst
}

/// The k first matches by publication date (the yyyymmdd column), newest or oldest first;
/// undated documents come after every dated one, whichever the direction; equal dates by score,
/// then in external-id order. Every match may belong, so it rules out pruning.
struct TopDateCollector: Collector {
    /// A hit with its date turned into a key that is larger for the earlier rank.
    struct DatedHit: RankedHit {
        var key: Int32
        var hit: Hit

        @inline(__always) static func keysTie(_ a: DatedHit, _ b: DatedHit) -> Bool {
            a.key == b.key && a.hit.score == b.hit.score
        }

        static func ranksBefore(_ a: DatedHit, _ b: DatedHit, _ tieBreak: ((Int, Int) -> Bool)?) -> Bool {
            if a.key != b.key { return a.key > b.key }
            return Hit.ranksBefore(a.hit, b.hit, tieBreak)
        }
    }

    private let order: DateOrder
    private var top: TopK<DatedHit>
    private var base = 0
    private var columns: DocumentColumns?

    init(k: Int, order: DateOrder, tieBreak: ((Int, Int) -> Bool)?) {
        self.order = order
        top = TopK(k: k, tieBreak: tieBreak)
    }

    /// Undated (0) lowest in both directions; dates are non-negative yyyymmdd, so negating one
    /// cannot overflow and never reaches `Int32.min`.
    static func key(date: Int32, order: DateOrder) -> Int32 {
        if date == 0 { return .min }
        return order == .newestFirst ? date : -date
    }

    mutating func startSegment(_ segment: SegmentReader, base: Int) {
        self.base = base
        columns = segment.columns
    }

    mutating func collect(_ doc: Int32, score: Double) {
        let date = columns?.date(Int(doc)) ?? 0
        top.insert(DatedHit(key: TopDateCollector.key(date: date, order: order), hit: Hit(doc: base + Int(doc), score: score)))
    }

    var acceptsPruning: Bool { false }
    var threshold: Double { -.infinity }

    func finish() -> [Hit] { top.sorted().map(\.hit) }
}
