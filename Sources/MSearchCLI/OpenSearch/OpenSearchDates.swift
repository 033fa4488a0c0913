import MSearchIndex
import MSearchSources

/// Dates as the export writes them and the translation filters them. msearch keeps a date at
/// its precision (`DateKey`: "2023-11" is 20231100, before every day of November); OpenSearch's
/// `date` type has none, so `published` holds the period's first day and `published_precision`
/// says which period it was. A filter on `published` alone would admit a November-only article
/// from `--from 2023-11-01` (msearch does not): `range(from:to:)` then adds a clause per precision.
enum OpenSearchDates {
    enum Precision: String, CaseIterable { case day, month, year }

    /// `published` and `published_precision` for a stored date; nil for undated (what the date
    /// column holds as 0: no date, or not an ISO date msearch can filter on).
    static func published(_ iso: String?) -> (date: String, precision: Precision)? {
        guard DateKey.key(iso) != 0, let iso, let p = DateKey.parts(iso) else { return nil }
        let precision: Precision = p.day != nil ? .day : (p.month != nil ? .month : .year)
        return (format(Int(p.year), Int(p.month ?? 1), Int(p.day ?? 1)), precision)
    }

    static func format(_ year: Int, _ month: Int, _ day: Int) -> String {
        func pad(_ v: Int, _ width: Int) -> String {
            let s = String(v)
            return String(repeating: "0", count: max(0, width - s.count)) + s
        }
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
    }

    typealias Day = (year: Int, month: Int, day: Int)

    /// The filter for msearch's key range [lower, upper] (`DateBounds`, yyyymmdd with 00 for an
    /// unknown month or day, 99 for an open end of an upper bound); nil bounds are open.
    static func range(lower: Int32?, upper: Int32?) -> JSONValue {
        let lo = lower.map { split(Int($0)) }, hi = upper.map { split(Int($0)) }
        // Days: the first and last real day inside the bounds.
        let days: (Day?, Day?) = (lo.map(firstDay), hi.map(lastDay))
        // Months and years: the periods whose keys (yyyymm00, yyyy0000) lie inside the bounds.
        let months: (Day?, Day?) = (lo.map { firstPeriod(after: $0, months: true) }, hi.map { lastPeriod(before: $0, months: true) })
        let years: (Day?, Day?) = (lo.map { firstPeriod(after: $0, months: false) }, hi.map { lastPeriod(before: $0, months: false) })
        // One range on `published` is exact when the months and years whose first day it
        // admits are exactly those whose keys are inside the bounds.
        let plainMonths: (Day?, Day?) = (days.0.map { $0.day == 1 ? ($0.year, $0.month, 1) : nextMonth($0) }, days.1.map { ($0.year, $0.month, 1) })
        let plainYears: (Day?, Day?) = (days.0.map { $0.month == 1 && $0.day == 1 ? ($0.year, 1, 1) : ($0.year + 1, 1, 1) }, days.1.map { ($0.year, 1, 1) })
        if same(months, plainMonths) && same(years, plainYears) { return rangeClause(days.0, days.1) }
        let clauses: [(Precision, (Day?, Day?))] = [(.day, days), (.month, months), (.year, years)]
        return .object([("bool", .object([
            ("should", .array(clauses.map { precision, bounds in
                .object([("bool", .object([("filter", .array([
                    .object([("term", .object([("published_precision", .string(precision.rawValue))]))]),
                    rangeClause(bounds.0, bounds.1),
                ]))]))])
            })),
            ("minimum_should_match", .int(1)),
        ]))])
    }

    private static func rangeClause(_ from: Day?, _ to: Day?) -> JSONValue {
        guard from != nil || to != nil else { return .object([("exists", .object([("field", .string("published"))]))]) }
        var bounds: [(String, JSONValue)] = []
        if let from { bounds.append(("gte", .string(format(from.year, from.month, from.day)))) }
        if let to { bounds.append(("lte", .string(format(to.year, to.month, to.day)))) }
        bounds.append(("format", .string("yyyy-MM-dd")))
        return .object([("range", .object([("published", .object(bounds))]))])
    }

    private static func same(_ a: (Day?, Day?), _ b: (Day?, Day?)) -> Bool {
        func eq(_ x: Day?, _ y: Day?) -> Bool {
            switch (x, y) {
            case (nil, nil): return true
            case let (x?, y?): return x == y
            default: return false
            }
        }
        return eq(a.0, b.0) && eq(a.1, b.1)
    }

    private static func split(_ key: Int) -> Day { (key / 10000, key / 100 % 100, key % 100) }
    private static func key(_ d: Day) -> Int { d.year * 10000 + d.month * 100 + d.day }
    private static func days(_ year: Int, _ month: Int) -> Int { GregorianCalendar.daysIn(month: month, year: year) }
    private static func nextMonth(_ d: Day) -> Day { d.month == 12 ? (d.year + 1, 1, 1) : (d.year, d.month + 1, 1) }

    /// The first real day whose key is at least `b`'s.
    private static func firstDay(_ b: Day) -> Day {
        if b.month == 0 { return (b.year, 1, 1) }
        if b.month > 12 { return (b.year + 1, 1, 1) }
        if b.day == 0 { return (b.year, b.month, 1) }
        if b.day > days(b.year, b.month) { return nextMonth(b) }
        return b
    }

    /// The last real day whose key is at most `b`'s.
    private static func lastDay(_ b: Day) -> Day {
        if b.month == 0 { return (b.year - 1, 12, 31) }
        if b.month > 12 { return (b.year, 12, 31) }
        if b.day == 0 { return b.month == 1 ? (b.year - 1, 12, 31) : (b.year, b.month - 1, days(b.year, b.month - 1)) }
        return (b.year, b.month, min(b.day, days(b.year, b.month)))
    }

    /// The first month (yyyymm00) or year (yyyy0000) whose key is at least `b`'s, as its first day.
    private static func firstPeriod(after b: Day, months: Bool) -> Day {
        if !months { return key((b.year, 0, 0)) >= key(b) ? (b.year, 1, 1) : (b.year + 1, 1, 1) }
        var m: Day = (b.year, min(max(b.month, 1), 12), 0)
        if b.month > 12 { m = (b.year + 1, 1, 0) }
        while key(m) < key(b) { m = m.month == 12 ? (m.year + 1, 1, 0) : (m.year, m.month + 1, 0) }
        return (m.year, m.month, 1)
    }

    /// The last month or year whose key is at most `b`'s, as its first day.
    private static func lastPeriod(before b: Day, months: Bool) -> Day {
        if !months { return (b.year, 1, 1) }
        var m: Day = (b.year, min(max(b.month, 1), 12), 0)
        if b.month == 0 { m = (b.year - 1, 12, 0) }
        while key(m) > key(b) { m = m.month == 1 ? (m.year - 1, 12, 0) : (m.year, m.month - 1, 0) }
        return (m.year, m.month, 1)
    }
}
