import MSearchSnippets

/// Without colour, matches are marked `[`…`]`; a bracket the text itself contains is shown as
/// `\[` or `\]`, so every bare bracket on a result line is a marker and "[1]" in an article
/// cannot pass for a match (the backslash form TerminalText uses for control characters).
enum MarkerText {
    /// `snippet` with its literal brackets escaped and its highlights (byte ranges) moved to match.
    static func escapingBrackets(_ snippet: Snippet) -> Snippet {
        let bytes = Array(snippet.text.utf8)
        guard bytes.contains(where: isBracket) else { return snippet }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + 8)
        // newOffset[i]: where byte i of the old text starts in the new one.
        var newOffset = [Int](repeating: 0, count: bytes.count + 1)
        for (i, b) in bytes.enumerated() {
            newOffset[i] = out.count
            if isBracket(b) { out.append(UInt8(ascii: "\\")) }
            out.append(b)
        }
        newOffset[bytes.count] = out.count
        let highlights = snippet.highlights.map { r -> Range<Int> in
            let lo = min(max(r.lowerBound, 0), bytes.count), hi = min(max(r.upperBound, lo), bytes.count)
            return newOffset[lo]..<newOffset[hi]
        }
        return Snippet(text: String(decoding: out, as: UTF8.self), highlights: highlights)
    }

    private static func isBracket(_ b: UInt8) -> Bool { b == UInt8(ascii: "[") || b == UInt8(ascii: "]") }
}
