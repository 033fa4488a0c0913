/// How highlighted spans are shown when a snippet is printed.
public enum HighlightStyle: Equatable, Sendable {
    /// Bold yellow on terminals: `ESC[1;33m` … `ESC[0m`.
    case ansi
    /// Visible text markers around each highlight, e.g. `[`…`]` or `**`…`**`.
    case markers(open: String, close: String)
    /// Plain text, no highlighting.
    case none

    /// `[Cuba]` — readable in plain text and logs.
    public static let brackets = HighlightStyle.markers(open: "[", close: "]")
    /// `**Cuba**` — Markdown bold.
    public static let markdown = HighlightStyle.markers(open: "**", close: "**")

    public static let ansiOpen = "\u{1B}[1;33m"
    public static let ansiClose = "\u{1B}[0m"
}

/// Turns a `Snippet` into display text.
public enum SnippetRenderer {
    /// `s.text` with each highlight wrapped in the style's open/close strings. Highlights that are
    /// out of range, overlapping or inside a UTF-8 sequence are clamped/snapped/dropped, never trapped on.
    public static func render(_ s: Snippet, style: HighlightStyle) -> String {
        let open: String, close: String
        switch style {
        case .none: return s.text
        case .ansi: open = HighlightStyle.ansiOpen; close = HighlightStyle.ansiClose
        case let .markers(o, c): open = o; close = c
        }
        let ranges = s.sanitizedHighlights()
        if ranges.isEmpty { return s.text }
        let bytes = Array(s.text.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + ranges.count * (open.utf8.count + close.utf8.count))
        var pos = 0
        for r in ranges {
            out.append(contentsOf: bytes[pos..<r.lowerBound])
            out.append(contentsOf: open.utf8)
            out.append(contentsOf: bytes[r])
            out.append(contentsOf: close.utf8)
            pos = r.upperBound
        }
        out.append(contentsOf: bytes[pos...])
        return String(decoding: out, as: UTF8.self)
    }
}
