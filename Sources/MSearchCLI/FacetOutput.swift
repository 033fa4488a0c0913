import Foundation
import MSearchSearch

/// Facets for a terminal: the date facet as a timeline (`Timeline` chooses the periods and
/// compresses the empty ones), bars scaled to the terminal width, then the actors.
enum FacetOutput {
    static func render(_ f: FacetCounts, total: Int, ansi: Bool, width: Int = terminalWidth()) -> String {
        let dim = ansi ? "\u{1B}[2m" : "", bar = ansi ? "\u{1B}[36m" : "", reset = ansi ? "\u{1B}[0m" : ""
        var out = ""
        let timeline = Timeline(dates: f.dates)
        // Each line is a bar (a period, a summary of the far matches, the imprecise, the undated)
        // or the one line of a run of empty periods.
        var lines: [Timeline.Row] = timeline.rows
        if timeline.imprecise > 0 { lines.append(.outside(label: impreciseLabel(timeline.granularity), count: timeline.imprecise)) }
        if timeline.undated > 0 { lines.append(.outside(label: "undated", count: timeline.undated)) }
        let bars: [(label: String, count: Int)] = lines.compactMap { line in
            switch line {
            case .period(let label, let count), .outside(let label, let count): (label, count)
            case .gap: nil
            }
        }
        if !lines.isEmpty {
            out += "\(dim)When (\(heading(timeline.granularity))):\(reset)\n"
            let labelWidth = bars.map(\.label.count).max() ?? 0
            let maxCount = bars.map(\.count).max() ?? 1
            let barWidth = max(10, width - labelWidth - 12)
            for line in lines {
                switch line {
                case .period(let label, let count), .outside(let label, let count):
                    let n = count == 0 ? 0 : max(1, count * barWidth / max(1, maxCount))
                    out += "  \(label.padding(toLength: labelWidth, withPad: " ", startingAt: 0)) \(bar)\(String(repeating: "█", count: n))\(reset) \(count)\n"
                case .gap(let empty):
                    out += "  \(dim)… \(empty) empty \(timeline.granularity.rawValue)s …\(reset)\n"
                }
            }
        }
        if !f.languages.isEmpty {
            out += "\(dim)Language:\(reset)\n"
            for l in f.languages {
                out += "  \(TerminalText.escaped(l.value ?? "none").padding(toLength: 4, withPad: " ", startingAt: 0))  \(String(format: "%4d", l.count))\n"
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

    static func heading(_ granularity: Timeline.Granularity) -> String {
        switch granularity {
        case .week: "by week, Monday to Sunday"
        case .month: "by month"
        case .year: "by year"
        case .decade: "by decade"
        }
    }

    /// The line for dated matches too imprecise for the periods shown.
    static func impreciseLabel(_ granularity: Timeline.Granularity) -> String {
        granularity == .week ? "no day" : "no month"
    }

    static func terminalWidth() -> Int {
        var w = winsize()
        if ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &w) == 0, w.ws_col > 20 { return Int(w.ws_col) }
        if let c = ProcessInfo.processInfo.environment["COLUMNS"].flatMap(Int.init), c > 20 { return c }
        return 80
    }
}
