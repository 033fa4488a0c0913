import MSearchSnippets

/// Untrusted text (paths, titles, ids, actor names, passages) made safe to print: a file named
/// `\e]0;pwned\a` or a title with ESC sequences could otherwise retitle, recolour or rewrite the
/// user's terminal, and a newline in a path would split a result line in two. Control
/// characters become visible escapes — C0 characters and DEL as `\x1b`, `\x0a`, …, the form
/// `PathNames` gives a file name's control bytes, so a path and a title look alike and what is
/// shown can be typed back; C1 controls and bidirectional overrides as `\u{9B}`, `\u{202E}` —
/// everything else is printed as it is (a backslash too). Every text and TSV output of the CLI
/// goes through here; JSON output escapes in JSON's own way.
public enum TerminalText {
    /// `text` with its control characters escaped. `keepingLines` leaves newlines and tabs
    /// alone, for multi-line text such as an article's body in `show`.
    public static func escaped(_ text: String, keepingLines: Bool = false) -> String {
        guard needsEscaping(text, keepingLines: keepingLines) else { return text }
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if let escape = escape(scalar, keepingLines: keepingLines) {
                out.append(contentsOf: escape.unicodeScalars)
            } else {
                out.append(scalar)
            }
        }
        return String(out)
    }

    /// The snippet with its text escaped and its highlights (UTF-8 byte ranges) moved to match.
    public static func escaped(_ snippet: Snippet) -> Snippet {
        let text = snippet.text
        guard needsEscaping(text, keepingLines: false) else { return snippet }
        var out: [UInt8] = []
        // newOffset[i]: where byte i of the old text starts in the new one.
        var newOffset = [Int](repeating: 0, count: text.utf8.count + 1)
        var old = 0
        for scalar in text.unicodeScalars {
            let length = UTF8.width(scalar)
            for k in 0..<length { newOffset[old + k] = out.count + k }
            if let escape = escape(scalar, keepingLines: false) {
                out.append(contentsOf: escape.utf8)
            } else {
                out.append(contentsOf: String(scalar).utf8)
            }
            old += length
        }
        newOffset[old] = out.count
        let highlights = snippet.highlights.compactMap { r -> Range<Int>? in
            let lo = min(max(r.lowerBound, 0), old), hi = min(max(r.upperBound, lo), old)
            return newOffset[lo]..<newOffset[hi]
        }
        return Snippet(text: String(decoding: out, as: UTF8.self), highlights: highlights)
    }

    private static func needsEscaping(_ text: String, keepingLines: Bool) -> Bool {
        for b in text.utf8 {
            if b < 0x20 {
                if keepingLines && (b == 0x0A || b == 0x09) { continue }
                return true
            }
            // DEL, and the lead bytes of C1 controls (0xC2) and of U+2000…U+2FFF (0xE2).
            if b == 0x7F || b == 0xC2 || b == 0xE2 { return true }
        }
        return false
    }

    private static func escape(_ s: Unicode.Scalar, keepingLines: Bool) -> String? {
        switch s.value {
        case 0x0A, 0x09: return keepingLines ? nil : "\\x" + hex(s.value, digits: 2)
        case 0x00..<0x20, 0x7F: return "\\x" + hex(s.value, digits: 2)
        case 0x80..<0xA0,                       // C1 controls (0x9B is CSI on some terminals)
             0x200E, 0x200F, 0x202A...0x202E,   // bidirectional marks and overrides
             0x2066...0x2069:                   // bidirectional isolates
            return "\\u{" + hex(s.value, digits: 1) + "}"
        default: return nil
        }
    }

    private static func hex(_ v: UInt32, digits: Int) -> String {
        let h = String(v, radix: 16)
        return String(repeating: "0", count: max(0, digits - h.count)) + h
    }
}
