import ArgumentParser
import Foundation
import MSearchSnippets

/// When to colour output: `auto` colours only a terminal, and `NO_COLOR` turns colour off
/// unless `always` is asked for (https://no-color.org).
enum ColorMode: String, CaseIterable, ExpressibleByArgument {
    case auto, always, never

    var enabled: Bool {
        switch self {
        case .always: return true
        case .never: return false
        case .auto:
            if let v = ProcessInfo.processInfo.environment["NO_COLOR"], !v.isEmpty { return false }
            if ProcessInfo.processInfo.environment["TERM"] == "dumb" { return false }
            return isatty(STDOUT_FILENO) != 0
        }
    }
}

/// `--color`, for the commands that print highlighted passages (search and repl).
struct ColorOption: ParsableArguments {
    @Option(name: .long, help: "Colour highlights: auto (on a terminal, unless NO_COLOR is set), always or never.")
    var color: ColorMode = .auto

    /// ANSI bold yellow when colour is on, else [brackets].
    var style: HighlightStyle { color.enabled ? .ansi : .markers(open: "[", close: "]") }
}
