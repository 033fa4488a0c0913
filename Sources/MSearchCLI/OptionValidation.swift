import MSearchQuery
import MSearchSearch

/// The checks every option value and REPL command argument passes before it is used, in one
/// place so the command line, `batch`, the REPL and the option fuzzer (Fuzz/) agree. Each
/// returns nil when the value is fine, else the message to show. Values are bounded so no
/// arithmetic or allocation downstream depends on a number the user typed (`--limit
/// 9223372036854775807` used to crash, `--limit 99999999999` to ask for 1.6 TB).
public enum OptionValidation {
    /// Most results one page may show (`--limit`, `:limit`).
    public static let maxLimit = 10_000
    /// Most results a page may skip (`--offset`): deeper pages are for a script that wants
    /// everything, which `--limit 10000` pages reach ten times faster; the bound keeps the
    /// searcher's heap (offset + limit hits) small whatever the index.
    public static let maxOffset = 100_000
    /// Most passages per hit (`--passages`).
    public static let maxPassages = 100
    /// Most actors a list or facet may show (`--facet-size`, `actors --top`).
    public static let maxActors = 100_000

    /// A whole number in `range`, or why not.
    public static func count(_ value: Int, _ name: String, in range: ClosedRange<Int>) -> String? {
        range.contains(value) ? nil : "\(name) must be from \(range.lowerBound) to \(range.upperBound), not \(value)"
    }

    /// A whole number given as text (a REPL argument) in `range`.
    public static func count(text: String, _ name: String, in range: ClosedRange<Int>) -> Result<Int, OptionError> {
        guard let value = Int(text) else {
            return .failure(OptionError("\(name) takes a whole number from \(range.lowerBound) to \(range.upperBound), not '\(printable(text))'"))
        }
        if let problem = count(value, name, in: range) { return .failure(OptionError(problem)) }
        return .success(value)
    }

    /// One of a fixed set of words (a REPL argument such as `:sort newest`), or the choices.
    public static func choice<Choice: CaseIterable & RawRepresentable>(text: String, _ name: String, as _: Choice.Type = Choice.self)
        -> Result<Choice, OptionError> where Choice.RawValue == String {
        if let value = Choice(rawValue: text) { return .success(value) }
        let names = Choice.allCases.map(\.rawValue)
        let listed = names.count > 1 ? names.dropLast().joined(separator: ", ") + " or " + names.last! : names.joined()
        return .failure(OptionError("\(name) takes \(listed), not '\(printable(text))'"))
    }

    /// A finite number in `range` (NaN and infinities are refused: they turn every score into NaN,
    /// printed as `"score": null`).
    public static func number(_ value: Double, _ name: String, in range: ClosedRange<Double>) -> String? {
        range.contains(value) ? nil : "\(name) must be a number from \(format(range.lowerBound)) to \(format(range.upperBound)), not \(value)"
    }

    /// A date as filters take it: 2023, 2023-11 or 2023-11-14.
    public static func date(_ value: String, _ name: String) -> String? {
        // One date, as `date:` reads it (not a range, nor a date followed by more query).
        if case .date(let from, let to)? = try? QueryParser().parse("date:\(value)"), from != nil, from == to { return nil }
        return "\(name) takes a date like 2023, 2023-11 or 2023-11-14, not '\(printable(value))'"
    }

    /// Both bounds dates, and the range not ending before it starts.
    /// A language code as `--lang`, `:lang` and `lang:` take it: 2–3 ASCII letters, lower-cased.
    public static func languageCode(_ s: String) -> String? {
        let code = s.lowercased()
        guard (2...3).contains(code.utf8.count),
              code.utf8.allSatisfy({ $0 >= UInt8(ascii: "a") && $0 <= UInt8(ascii: "z") }) else { return nil }
        return code
    }

    public static func dateRange(from: String?, to: String?, names: (String, String) = ("--from", "--to")) -> String? {
        if let from, let problem = date(from, names.0) { return problem }
        if let to, let problem = date(to, names.1) { return problem }
        if (from != nil || to != nil) && DateBounds.range(from: from, to: to) == nil {
            return "\(names.0) \(from ?? "") is after \(names.1) \(to ?? ""): no article can match"
        }
        return nil
    }

    private static func format(_ x: Double) -> String {
        x == x.rounded() && abs(x) < 1e15 ? String(Int(x)) : String(x)
    }

    private static func printable(_ text: String) -> String {
        TerminalText.escaped(text.count > 40 ? String(text.prefix(39)) + "…" : text)
    }
}

/// A bad option value or REPL argument, with its message.
public struct OptionError: Error, CustomStringConvertible, Equatable {
    public var description: String
    public init(_ description: String) { self.description = description }
}
