/// Why a query could not be parsed, where, and what to do about it.
///
/// `position` counts `Character`s (what `query.count` counts) from the start of the query; it is
/// always within `0...query.count` (`query.count` means "at the end": something is missing).
public struct QuerySyntaxError: Error, Equatable, Sendable, CustomStringConvertible {
    /// What is wrong, e.g. "unbalanced quote".
    public var message: String
    /// Character offset into `query` of the problem, in `0...query.count`.
    public var position: Int
    /// How to fix it, e.g. "close the phrase with \" or remove it".
    public var hint: String?
    /// The query as the user typed it.
    public var query: String

    public init(message: String, position: Int, hint: String? = nil, query: String) {
        self.message = message
        self.position = position
        self.hint = hint
        self.query = query
    }

    /// For a terminal:
    ///
    ///     error: unbalanced quote
    ///     cuba "visa talks
    ///          ^
    ///     hint: close the phrase with " or remove it
    ///
    /// The caret sits under `position`, counting display columns (two for wide CJK characters and
    /// emoji, none for combining or invisible format characters). Tabs, newlines and other
    /// control characters show as spaces so the caret stays aligned; a query longer than
    /// `QuerySyntaxError.maxRenderedWidth` characters is cut to a window around the caret, with
    /// "…" marking the cuts.
    public var rendered: String {
        let window = QuerySyntaxError.maxRenderedWidth
        // Only the characters up to just past the window are needed (a query may be megabytes
        // long): with `prefix`, `chars.count > upper` still tells whether the query goes on.
        let wanted = min(max(position, 0), Int.max / 2) + window + 1
        let chars = Array(query.prefix(wanted))
        let pos = min(max(position, 0), chars.count)
        var lower = 0
        var upper = chars.count
        if chars.count > window {
            lower = max(0, pos - window / 2)
            upper = min(chars.count, lower + window)
            lower = max(0, min(lower, upper - window))
        }
        var line = lower > 0 ? "…" : ""
        var column = lower > 0 ? 1 : 0
        var caretColumn = column
        for i in lower..<upper {
            if i == pos { caretColumn = column }
            let (shown, width) = QuerySyntaxError.display(chars[i])
            line += shown
            column += width
        }
        if pos >= upper { caretColumn = column }
        if upper < chars.count { line += "…" }
        var text = "error: \(message)\n\(line)\n\(String(repeating: " ", count: caretColumn))^"
        if let hint { text += "\nhint: \(hint)" }
        return text
    }

    public var description: String { rendered }

    /// Queries longer than this many characters are shown as a window around the caret.
    public static let maxRenderedWidth = 120

    /// How a character is shown on the query line, and how many terminal columns it takes.
    static func display(_ c: Character) -> (String, Int) {
        if let ascii = c.asciiValue {  // includes "\r\n"
            return ascii >= 0x20 && ascii < 0x7F ? (String(c), 1) : (" ", 1)
        }
        let scalars = c.unicodeScalars
        if c.isWhitespace || scalars.contains(where: { $0.properties.generalCategory == .control }) {
            return (" ", 1)
        }
        // Invisible on their own: format characters (zero-width space, joiners, bidi controls,
        // which would also reorder the line) and stray combining marks. Not printed.
        if scalars.allSatisfy({ s in
            switch s.properties.generalCategory {
            case .format, .nonspacingMark, .enclosingMark: return true
            default: return false
            }
        }) {
            return ("", 0)
        }
        guard let first = scalars.first else { return ("", 0) }
        if first.properties.isEmojiPresentation
            || (first.properties.isEmoji && scalars.contains("\u{FE0F}"))
            || isWide(first.value) {
            return (String(c), 2)
        }
        return (String(c), 1)
    }

    /// East Asian Wide and Fullwidth ranges (UAX #11), coarsely.
    static func isWide(_ v: UInt32) -> Bool {
        switch v {
        case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF,
             0xA000...0xA4CF, 0xA960...0xA97F, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE10...0xFE19,
             0xFE30...0xFE6F, 0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x1F300...0x1F64F,
             0x1F900...0x1F9FF, 0x20000...0x2FFFD, 0x30000...0x3FFFD:
            return true
        default:
            return false
        }
    }
}
