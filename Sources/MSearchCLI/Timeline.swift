import MSearchSearch
import MSearchSources

/// The date facet as periods a reader can take in at a glance: the period (week, month, year or
/// decade) follows the span of the dated matches, so a result set of one spring is read by week
/// and one of decades by year; there are at most about `maxRows` rows, a run of empty periods is
/// one line, and matches far outside where most of them fall (a wrong date in 1951 in a 2004
/// archive) do not stretch the timeline: when they would not fit, each side is one summary row.
/// `msearch search --facets`, the REPL's `:facets on` and the JSON `timeline` all come from here.
///
/// Weeks run Monday to Sunday and are named by their Monday ("2004-02-09"), not ISO week
/// numbers ("2004-W07"): a date is what a reader can look up, and a week never straddles two
/// labels' years.
public struct Timeline: Equatable, Sendable {
    public enum Granularity: String, CaseIterable, Sendable {
        case week, month, year, decade
    }

    /// A period with at least one match: its label ("2004-02-09", "2004-02", "2004", "1950s").
    public struct Period: Equatable, Sendable {
        public var label: String
        public var count: Int
    }

    public enum Row: Equatable, Sendable {
        /// One period (a count of 0 for a short gap between periods, shown as it is).
        case period(label: String, count: Int)
        /// A run of `emptyPeriods` periods without a match, one line however long.
        case gap(emptyPeriods: Int)
        /// The matches before or after the main span, when one row each is all that fits:
        /// `label` is "first … last" of the periods they fall in.
        case outside(label: String, count: Int)
    }

    public var granularity: Granularity
    /// Every period with a match, chronological: all the data, for JSON.
    public var periods: [Period]
    /// What a terminal shows.
    public var rows: [Row]
    /// Matches without a date.
    public var undated: Int
    /// Dated matches less precise than the granularity (a month alone when counting weeks).
    public var imprecise: Int

    /// Empty runs at least this long become one `gap` row; shorter ones keep their zero rows,
    /// which show the shape better than a line saying "2 empty months".
    static let shortestGap = 3
    /// The share of dated matches, at each end, that may fall outside the main span.
    static let outlierShare = 0.02
    /// Below this many dated matches none is set aside: each one is the timeline.
    static let fewestToTrim = 10

    /// - Parameter dates: the facet collector's counts per date key (yyyymmdd, 00 for an unknown
    ///   month or day, 0 undated), in any order.
    public init(dates: [FacetCounts.DateCount], maxRows: Int = 40) {
        var dated: [(key: Int32, count: Int)] = []
        var undated = 0
        for entry in dates where entry.count > 0 {
            if Self.civil(entry.key) != nil { dated.append((entry.key, entry.count)) } else { undated += entry.count }
        }
        dated.sort { $0.key < $1.key }
        self.undated = undated
        let core = Self.mainSpan(dated)
        let granularity = Self.granularity(dated, core: core, maxRows: maxRows)
        self.granularity = granularity

        // Counts per period index at this granularity, from the dated matches precise enough.
        var perPeriod: [Int: Int] = [:]
        var imprecise = 0
        for entry in dated {
            if let index = Self.index(entry.key, granularity) { perPeriod[index, default: 0] += entry.count } else { imprecise += entry.count }
        }
        self.imprecise = imprecise
        let indices = perPeriod.keys.sorted()
        periods = indices.map { Period(label: Self.label($0, granularity), count: perPeriod[$0] ?? 0) }

        rows = Self.rows(indices, perPeriod, granularity)
        // Too long because of a few far matches: the main span in full, each side summarised.
        if rows.count > maxRows, let core,
           let first = Self.index(core.first, granularity, approximate: true),
           let last = Self.index(core.last, granularity, approximate: true) {
            let before = indices.filter { $0 < first }, inside = indices.filter { $0 >= first && $0 <= last }
            let after = indices.filter { $0 > last }
            var summarised: [Row] = []
            if let row = Self.outside(before, perPeriod, granularity) { summarised.append(row) }
            summarised += Self.rows(inside, perPeriod, granularity)
            if let row = Self.outside(after, perPeriod, granularity) { summarised.append(row) }
            rows = summarised
        }
    }

    /// Consecutive periods from the first to the last index, runs of empty ones compressed.
    static func rows(_ indices: [Int], _ counts: [Int: Int], _ granularity: Granularity) -> [Row] {
        var rows: [Row] = []
        var previous: Int?
        for index in indices {
            if let previous {
                let empty = index - previous - 1
                if empty >= shortestGap {
                    rows.append(.gap(emptyPeriods: empty))
                } else if empty > 0 {
                    for skipped in previous + 1 ..< index { rows.append(.period(label: label(skipped, granularity), count: 0)) }
                }
            }
            rows.append(.period(label: label(index, granularity), count: counts[index] ?? 0))
            previous = index
        }
        return rows
    }

    static func outside(_ indices: [Int], _ counts: [Int: Int], _ granularity: Granularity) -> Row? {
        guard let first = indices.first, let last = indices.last else { return nil }
        let label = first == last ? label(first, granularity) : "\(label(first, granularity)) … \(label(last, granularity))"
        return .outside(label: label, count: indices.reduce(0) { $0 + (counts[$1] ?? 0) })
    }

    /// The first and last key once `outlierShare` of the dated matches (rounded up, so at least
    /// one from `fewestToTrim` matches on) is set aside at each end: what the granularity is
    /// chosen for. The set-aside matches are still shown, on their own rows when they fit.
    static func mainSpan(_ dated: [(key: Int32, count: Int)]) -> (first: Int32, last: Int32)? {
        let total = dated.reduce(0) { $0 + $1.count }
        guard total > 0 else { return nil }
        let trimmed = total < fewestToTrim ? 0 : Int((Double(total) * outlierShare).rounded(.up))
        func key(after skipped: Int, in entries: some Sequence<(key: Int32, count: Int)>) -> Int32 {
            var seen = 0
            for entry in entries {
                seen += entry.count
                if seen > skipped { return entry.key }
            }
            return dated[0].key
        }
        return (key(after: trimmed, in: dated), key(after: trimmed, in: dated.reversed()))
    }

    /// The finest granularity whose periods over the main span fit in `maxRows`, among those
    /// at least half the dated matches are precise enough for; failing that years, when their
    /// compressed rows fit; decades last.
    static func granularity(_ dated: [(key: Int32, count: Int)], core: (first: Int32, last: Int32)?,
                            maxRows: Int) -> Granularity {
        guard let core else { return .month }
        let total = dated.reduce(0) { $0 + $1.count }
        for granularity in Granularity.allCases where granularity != .decade {
            let precise = dated.reduce(0) { $0 + (index($1.key, granularity) == nil ? 0 : $1.count) }
            guard precise * 2 >= total,
                  let first = index(core.first, granularity, approximate: true),
                  let last = index(core.last, granularity, approximate: true) else { continue }
            if last - first < maxRows { return granularity }
        }
        // Scattered dates over more than `maxRows` years: years still, if their rows fit once
        // the empty runs are compressed (one 1951 and a few 2000s read better than two decades).
        let years = Set(dated.compactMap { index($0.key, .year) }).sorted()
        if rows(years, [:], .year).count <= maxRows { return .year }
        return .decade
    }

    /// Year, month and day of a date key; month and day 0 when unknown; nil when undated or
    /// not a date (a month over 12 or a day over 31).
    static func civil(_ key: Int32) -> (year: Int, month: Int, day: Int)? {
        let year = Int(key / 10000), month = Int(key / 100 % 100), day = Int(key % 100)
        guard key > 0, year > 0, month <= 12, day <= 31, month > 0 || day == 0 else { return nil }
        return (year, month, day)
    }

    /// The period a key falls in, counted from a fixed origin so that consecutive periods have
    /// consecutive indices; nil when the key is less precise than the granularity (unless
    /// `approximate`, which takes an unknown month or day as the first).
    static func index(_ key: Int32, _ granularity: Granularity, approximate: Bool = false) -> Int? {
        guard let date = civil(key) else { return nil }
        switch granularity {
        case .week:
            guard approximate || date.day > 0 else { return nil }
            // 1970-01-05, day 4 after the epoch, was a Monday.
            let days = GregorianCalendar.dayNumber(year: date.year, month: max(1, date.month), day: max(1, date.day))
            return GregorianCalendar.floorDivision(days - 4, 7)
        case .month:
            guard approximate || date.month > 0 else { return nil }
            return date.year * 12 + max(1, date.month) - 1
        case .year: return date.year
        case .decade: return date.year / 10
        }
    }

    static func label(_ index: Int, _ granularity: Granularity) -> String {
        func digits(_ value: Int, _ width: Int) -> String {
            let text = String(value)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        switch granularity {
        case .week:
            let monday = GregorianCalendar.date(dayNumber: index * 7 + 4)
            return "\(digits(monday.year, 4))-\(digits(monday.month, 2))-\(digits(monday.day, 2))"
        case .month: return "\(digits(GregorianCalendar.floorDivision(index, 12), 4))-\(digits(index - GregorianCalendar.floorDivision(index, 12) * 12 + 1, 2))"
        case .year: return digits(index, 4)
        case .decade: return "\(digits(index * 10, 4))s"
        }
    }
}
