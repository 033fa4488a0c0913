import Foundation
import MSearchSearch

/// Facets for a terminal: the date facet as a small timeline (one bar per month, or per year
/// when the results span many years), scaled to the terminal width, then the actors.
enum FacetOutput {
    static func render(_ f: FacetCounts, total: Int, ansi: Bool, width: Int = terminalWidth()) -> String {
        let dim = ansi ? "\u{1B}[2m" : "", bar = ansi ? "\u{1B}[36m" : "", reset = ansi ? "\u{1B}[0m" : ""
        var out = ""
        let dated = f.months.filter { $0.value != nil }
        let useMonths = !dated.isEmpty && dated.count <= 36
        let rows = timeline(useMonths ? f.months : f.years, months: useMonths)
        if !rows.isEmpty {
            out += "\(dim)When (\(useMonths ? "by month" : "by year")):\(reset)\n"
            let labelWidth = rows.map(\.label.count).max() ?? 0
            let maxCount = rows.map(\.count).max() ?? 1
            let barWidth = max(10, width - labelWidth - 12)
            for r in rows {
                let n = r.count == 0 ? 0 : max(1, r.count * barWidth / max(1, maxCount))
                out += "  \(r.label.padding(toLength: labelWidth, withPad: " ", startingAt: 0)) \(bar)\(String(repeating: "█", count: n))\(reset) \(r.count)\n"
            }
        }
        if !f.actors.isEmpty {
            out += "\(dim)Who:\(reset)\n"
            let names = f.actors.map { TerminalText.escaped($0.value ?? "") }
            let nameWidth = min(40, names.map(\.count).max() ?? 0)
            for (a, name) in zip(f.actors, names) {
                let padded = name.padding(toLength: nameWidth, withPad: " ", startingAt: 0)
                out += "  \(padded)  \(String(format: "%4d", a.count))  \(dim)\(TerminalText.escaped(a.kind?.rawValue ?? ""))\(reset)\n"
            }
        }
        return out
    }

    /// Consecutive periods from the first to the last dated one (gaps shown as empty bars),
    /// then "undated" when some are.
    static func timeline(_ values: [FacetCounts.Value], months: Bool) -> [(label: String, count: Int)] {
        let counts = Dictionary(values.compactMap { v in v.value.map { ($0, v.count) } }, uniquingKeysWith: +)
        var rows: [(String, Int)] = []
        let keys = counts.keys.sorted()
        if let first = keys.first, let last = keys.last {
            var current = first
            while current <= last && rows.count < 400 {
                rows.append((current, counts[current] ?? 0))
                current = next(current, months: months)
            }
        }
        if let undated = values.first(where: { $0.value == nil }), undated.count > 0 {
            rows.append((months ? "no month" : "undated", undated.count))
        }
        return rows
    }

    private static func next(_ period: String, months: Bool) -> String {
        let parts = period.split(separator: "-").compactMap { Int($0) }
        if months, parts.count == 2 {
            let (y, m) = parts[1] == 12 ? (parts[0] + 1, 1) : (parts[0], parts[1] + 1)
            return String(format: "%04d-%02d", y, m)
        }
        return String(format: "%04d", (parts.first ?? 0) + 1)
    }

    static func terminalWidth() -> Int {
        var w = winsize()
        if ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &w) == 0, w.ws_col > 20 { return Int(w.ws_col) }
        if let c = ProcessInfo.processInfo.environment["COLUMNS"].flatMap(Int.init), c > 20 { return c }
        return 80
    }
}
