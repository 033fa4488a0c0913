@testable import MSearchSnippets
import MSearchTestSupport

/// Byte offset of a String.Index in the UTF-8 view.
func byteOffset(_ s: String, _ i: String.Index) -> Int { s.utf8.distance(from: s.utf8.startIndex, to: i) }

/// Matches for every whole-word, case-sensitive occurrence of `words[t]` (term t) in `text`.
func findMatches(_ text: String, _ words: [String], phrase: [Int: Int] = [:]) -> [TermMatch] {
    var out: [TermMatch] = []
    for (t, w) in words.enumerated() {
        var from = text.startIndex
        while let r = text[from...].firstRange(of: w) {
            let beforeOK = r.lowerBound == text.startIndex || !text[text.index(before: r.lowerBound)].isLetter
            let afterOK = r.upperBound == text.endIndex || !text[r.upperBound].isLetter
            if beforeOK && afterOK {
                out.append(TermMatch(start: byteOffset(text, r.lowerBound), end: byteOffset(text, r.upperBound),
                                     term: t, phrase: phrase[t]))
            }
            from = r.upperBound
        }
    }
    return out.sorted { ($0.start, $0.term) < ($1.start, $1.term) }
}

/// The UTF-8 bytes of `s.text` at highlight `r`, as a String.
func slice(_ s: Snippet, _ r: Range<Int>) -> String {
    String(decoding: Array(s.text.utf8)[r], as: UTF8.self)
}

func highlighted(_ s: Snippet) -> [String] { s.highlights.map { slice(s, $0) } }

/// Whitespace as the builder sees it (for texts in the tests: no other control characters).
func isTestSpace(_ c: Unicode.Scalar) -> Bool {
    c.value <= 0x20 || c.value == 0x7F || (0x80...0xA0).contains(c.value) || c.properties.isWhitespace
        || c.value == 0xFEFF
}

/// Collapses whitespace runs to one space and trims, like the builder does.
func normalize(_ s: String) -> String {
    var out = String.UnicodeScalarView()
    var pending = false
    for c in s.unicodeScalars {
        if isTestSpace(c) { pending = !out.isEmpty; continue }
        if pending { out.append(" "); pending = false }
        out.append(c)
    }
    return String(out)
}

/// The passage without the ellipses the builder added.
func core(_ s: Snippet, ellipsis: String = "…") -> String {
    var t = Substring(s.text)
    if t.hasPrefix(ellipsis) { t = t.dropFirst(ellipsis.count) }
    if t.hasSuffix(ellipsis) { t = t.dropLast(ellipsis.count) }
    return String(t)
}

/// Structural invariants every snippet must satisfy.
func checkInvariants(_ s: Snippet) -> Bool {
    let bytes = Array(s.text.utf8)
    var last = 0
    for r in s.highlights {
        guard r.lowerBound >= 0, r.upperBound <= bytes.count, r.lowerBound < r.upperBound else { return false }
        guard r.lowerBound >= last else { return false }  // sorted, not overlapping
        if r.lowerBound < bytes.count && bytes[r.lowerBound] & 0xC0 == 0x80 { return false }
        if r.upperBound < bytes.count && bytes[r.upperBound] & 0xC0 == 0x80 { return false }
        last = r.upperBound
    }
    // No whitespace runs, no leading/trailing whitespace.
    if s.text.contains("  ") || s.text.hasPrefix(" ") || s.text.hasSuffix(" ") { return false }
    if s.text.unicodeScalars.contains(where: { isTestSpace($0) && $0 != " " }) { return false }
    return true
}

/// A long, sentence-structured filler text made of ordinary words (none of them query words).
func fillerSentences(_ count: Int, seed: UInt64) -> String {
    let words = ["government", "officials", "said", "that", "the", "ministry", "would", "review", "plans",
                 "for", "regional", "development", "after", "weeks", "of", "debate", "in", "parliament",
                 "and", "local", "council", "meetings", "across", "several", "provinces", "on", "budget"]
    var rng = SplitMix64(seed: seed)
    var out: [String] = []
    for _ in 0..<count {
        let len = Int.random(in: 8...16, using: &rng)
        var sentence = (0..<len).map { _ in words.randomElement(using: &rng)! }
        sentence[0] = sentence[0].prefix(1).uppercased() + sentence[0].dropFirst()
        out.append(sentence.joined(separator: " ") + ".")
    }
    return out.joined(separator: " ")
}

/// Substring test on UTF-8 bytes (String.contains compares grapheme clusters).
func containsBytes(_ haystack: String, _ needle: String) -> Bool {
    let h = Array(haystack.utf8), n = Array(needle.utf8)
    if n.isEmpty { return true }
    if n.count > h.count { return false }
    for i in 0...(h.count - n.count) where h[i] == n[0] && Array(h[i..<(i + n.count)]) == n { return true }
    return false
}
