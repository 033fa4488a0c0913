import Foundation

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

import ArgumentParser
