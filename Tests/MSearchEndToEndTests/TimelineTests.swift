import Foundation
import Testing
import MSearchCLI
import MSearchSearch
import MSearchTestSupport

/// The timeline's choice of periods and its compression, on hand-made date counts; then the
/// text and REPL output on a small dated collection.
struct TimelineTests {
    /// Date counts from "2004-02-10" (or "2004-02", "2004") strings; nil is undated.
    func counts(_ dates: [(String?, Int)]) -> [FacetCounts.DateCount] {
        dates.map { .init(key: $0.0.map { Int32($0.replacingOccurrences(of: "-", with: "").padding(toLength: 8, withPad: "0", startingAt: 0))! } ?? 0, count: $0.1) }
    }

    func total(_ t: Timeline) -> Int { t.periods.reduce(0) { $0 + $1.count } + t.imprecise + t.undated }

    @Test func aFewDaysAreCountedByWeekFromMonday() {
        // 2004-02-10 is a Tuesday, 02-15 a Sunday (same week), 02-16 the next Monday.
        let t = Timeline(dates: counts([("2004-02-10", 2), ("2004-02-15", 1), ("2004-02-16", 1)]))
        #expect(t.granularity == .week)
        #expect(t.rows == [.period(label: "2004-02-09", count: 3), .period(label: "2004-02-16", count: 1)])
        #expect(t.undated == 0 && t.imprecise == 0)
    }

    @Test func aWeekStartsOnTheMondayEvenInTheYearBefore() {
        // 2005-01-01 was a Saturday.
        let t = Timeline(dates: counts([("2005-01-01", 1)]))
        #expect(t.granularity == .week)
        #expect(t.rows == [.period(label: "2004-12-27", count: 1)])
    }

    @Test func oneDateIsOneRow() {
        let t = Timeline(dates: counts([("2023-11-14", 7)]))
        #expect(t.rows == [.period(label: "2023-11-13", count: 7)])
        #expect(total(t) == 7)
    }

    @Test func monthsWithShortGapsShownAndLongOnesCompressed() {
        let t = Timeline(dates: counts([("2004-01-15", 2), ("2004-03-20", 1), ("2004-10-05", 4), ("2005-06-03", 1)]))
        #expect(t.granularity == .month)
        #expect(t.rows == [.period(label: "2004-01", count: 2), .period(label: "2004-02", count: 0),
                           .period(label: "2004-03", count: 1), .gap(emptyPeriods: 6),
                           .period(label: "2004-10", count: 4), .gap(emptyPeriods: 7), .period(label: "2005-06", count: 1)])
        #expect(t.periods.map(\.label) == ["2004-01", "2004-03", "2004-10", "2005-06"])
    }

    @Test func decadesOfDatesAreCountedByYearOrDecade() {
        let years = Timeline(dates: counts([("1990-05-01", 1), ("1991-01-01", 2), ("2020-12-31", 3)]))
        #expect(years.granularity == .year)
        #expect(years.rows == [.period(label: "1990", count: 1), .period(label: "1991", count: 2), .gap(emptyPeriods: 28),
                               .period(label: "2020", count: 3)])
        // Scattered over 53 years but only five rows once the gap is one line: still years.
        let scattered = Timeline(dates: counts([("1951-02-03", 1), ("2000-05-01", 1), ("2001-09-11", 2), ("2003-03-20", 4)]))
        #expect(scattered.granularity == .year)
        #expect(scattered.rows == [.period(label: "1951", count: 1), .gap(emptyPeriods: 48), .period(label: "2000", count: 1),
                                   .period(label: "2001", count: 2), .period(label: "2002", count: 0), .period(label: "2003", count: 4)])
        // Every other year of a century: too many rows by year.
        let decades = Timeline(dates: counts(stride(from: 1900, to: 2000, by: 2).map { ("\($0)-06-01", 1) }) + counts([("1955", 1)]))
        #expect(decades.granularity == .decade)
        #expect(decades.rows.count == 10)
        #expect(decades.rows.first == .period(label: "1900s", count: 5) && decades.rows[5] == .period(label: "1950s", count: 6))
    }

    @Test func aFarOutlierKeepsTheMonthsAndItsGapIsOneLine() {
        // Two years of news and one article misdated 1951: months, not 55 years or 600 rows.
        var dates: [(String?, Int)] = [("1951-02-03", 1)]
        for month in 0 ..< 24 { dates.append((String(format: "%04d-%02d-10", 2004 + month / 12, month % 12 + 1), 5)) }
        let t = Timeline(dates: counts(dates))
        #expect(t.granularity == .month)
        #expect(t.rows.count == 26)
        #expect(Array(t.rows.prefix(3)) == [.period(label: "1951-02", count: 1), .gap(emptyPeriods: 634), .period(label: "2004-01", count: 5)])
        #expect(total(t) == 121)
    }

    @Test func manyScatteredOutliersBecomeOneRowEachSide() {
        // 960 matches over 2004–2005 and 15 misdated ones on each side, 1951–1979 and 2031–2059 (1.5 % each).
        var dates: [(String?, Int)] = []
        for month in 0 ..< 24 { dates.append((String(format: "%04d-%02d-10", 2004 + month / 12, month % 12 + 1), 40)) }
        for year in stride(from: 1951, through: 1979, by: 2) { dates.append(("\(year)-02-01", 1)) }
        for year in stride(from: 2031, through: 2059, by: 2) { dates.append(("\(year)-07-01", 1)) }
        let t = Timeline(dates: counts(dates) + counts([(nil, 172)]))
        #expect(t.granularity == .month)
        #expect(t.rows.count <= 40)
        #expect(t.rows.first == .outside(label: "1951-02 … 1979-02", count: 15))
        #expect(t.rows[1] == .period(label: "2004-01", count: 40))
        #expect(t.rows.last == .outside(label: "2031-07 … 2059-07", count: 15))
        #expect(t.periods.count == 24 + 30 && t.undated == 172)
        #expect(total(t) == 960 + 30 + 172)
    }

    @Test func allUndatedIsOnlyTheUndatedCount() {
        let t = Timeline(dates: counts([(nil, 172)]))
        #expect(t.rows.isEmpty && t.periods.isEmpty)
        #expect(t.undated == 172)
        #expect(Timeline(dates: []).rows.isEmpty)
    }

    @Test func datesLessPreciseThanThePeriodAreCountedApart() {
        let t = Timeline(dates: counts([("2004-02-10", 3), ("2004-02", 1), ("2004", 1)]))
        #expect(t.granularity == .week)
        #expect(t.rows == [.period(label: "2004-02-09", count: 3)])
        #expect(t.imprecise == 2)
        // Mostly months alone: counted by month, the year-only date apart.
        let months = Timeline(dates: counts([("2004-02", 3), ("2004-03-01", 1), ("2004", 1)]))
        #expect(months.granularity == .month)
        #expect(months.rows == [.period(label: "2004-02", count: 3), .period(label: "2004-03", count: 1)])
        #expect(months.imprecise == 1)
    }

    @Test func extremeYearsDoNotTrap() {
        let t = Timeline(dates: counts([("0001-01-01", 1), ("9999-12-31", 1), ("9999-12", 1)]))
        #expect(t.granularity == .year)
        #expect(t.rows == [.period(label: "0001", count: 1), .gap(emptyPeriods: 9997), .period(label: "9999", count: 2)])
        let decades = Timeline(dates: counts(stride(from: 1, to: 10000, by: 100).map { (String(format: "%04d-01-01", $0), 1) }))
        #expect(decades.periods.count == 100)
        #expect(decades.granularity == .decade)
        // A date every century (only decades; the first and last two set aside as outliers).
        #expect(decades.rows.first == .outside(label: "0000s … 0100s", count: 2))
        #expect(decades.rows.last == .outside(label: "9800s … 9900s", count: 2))
    }

    /// A small collection: two months of news in weeks, one article misdated 1951, two undated.
    static let dated: (source: TemporaryDirectory, index: TemporaryDirectory) = {
        let source = TemporaryDirectory("timeline")
        let days = ["2004-02-02", "2004-02-03", "2004-02-04", "2004-02-11", "2004-02-12", "2004-02-25",
                    "2004-03-01", "2004-03-02", "2004-03-03", "2004-03-04", "2004-03-22", "2004-03-28", "1951-06-10", nil, nil]
        var lines = ""
        for (number, day) in days.enumerated() {
            let date = day.map { #","date":"\#($0)""# } ?? ""
            lines += #"{"id":"n\#(number)","title":"Budget report \#(number)"\#(date),"body":"The minister presented the budget report to parliament."}"# + "\n"
        }
        try! source.write("news.jsonl", lines)
        let index = TemporaryDirectory("timeline-index")
        let built = try! MSearchBinary.run(["index", "--index", index.path, source.path + "/news.jsonl"])
        precondition(built.status == 0, built.stderr)
        return (source, index)
    }()

    @Test func searchAndReplDrawTheSameWeeklyTimeline() throws {
        let index = Self.dated.index.path
        let search = try transcript(["--index", index, "--color", "never", "--facets", "--limit", "0", "budget"], index: index)
        Golden.check(search, named: "search-timeline-weeks")
        #expect(search.contains("When (by week, Monday to Sunday):"))
        #expect(search.contains("… 2747 empty weeks …"))
        #expect(search.contains("undated"))
        let repl = Golden.masking(try transcript(["repl", "--index", index, "--color", "never"], stdin: ":facets on\n:limit 1\nbudget\n",
                                                 index: index), Self.dated.source.path, as: "$SOURCE")
        Golden.check(repl, named: "repl-timeline-weeks")
        // The REPL's timeline is the search command's, line for line.
        let timeline = search.split(separator: "\n").filter { $0.hasPrefix("  ") }
        #expect(!timeline.isEmpty)
        for line in timeline { #expect(repl.contains(line), "\(line)") }
    }

    @Test func jsonCarriesTheTimelinesPeriods() throws {
        let r = try MSearchBinary.run(["--index", Self.dated.index.path, "--json", "--facets", "--limit", "0", "budget"])
        let o = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        let timeline = try #require((o["facets"] as? [String: Any])?["timeline"] as? [String: Any])
        #expect(timeline["granularity"] as? String == "week")
        #expect(timeline["undated"] as? Int == 2)
        let periods = try #require(timeline["periods"] as? [[String: Any]])
        #expect(periods.first?["start"] as? String == "1951-06-04")
        #expect(periods.compactMap { $0["count"] as? Int }.reduce(0, +) == 13)
    }
}
