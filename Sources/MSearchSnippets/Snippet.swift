/// A matched token in the text being summarised, as found by the analyzer.
public struct TermMatch: Equatable, Sendable {
    /// UTF-8 byte offsets of the match in the text, end exclusive.
    public var start: Int
    public var end: Int
    /// Which query term matched (its index in the query), so distinct terms can be counted.
    public var term: Int
    /// Optional phrase id. Consecutive matches (in document order) with the same non-nil `phrase`
    /// whose gap holds only whitespace and punctuation are highlighted as one span
    /// (e.g. the query `"raúl castro"` highlights `[Raúl Castro]`, not `[Raúl] [Castro]`).
    public var phrase: Int?
    public init(start: Int, end: Int, term: Int, phrase: Int? = nil) {
        self.start = start; self.end = end; self.term = term; self.phrase = phrase
    }
}

/// A passage of a document with the spans to highlight.
public struct Snippet: Equatable, Sendable {
    public var text: String
    /// UTF-8 byte ranges into `text` to highlight, sorted, not overlapping.
    public var highlights: [Range<Int>]
    public init(text: String, highlights: [Range<Int>]) { self.text = text; self.highlights = highlights }
}

extension Snippet {
    /// The highlights as `[start, end]` pairs counted in **Unicode scalars (code points)** of `text`,
    /// end exclusive — for JSON output: in Python, `text[start:end]` is the highlighted text;
    /// in JavaScript (UTF-16) use `Array.from(text).slice(start, end).join("")`.
    /// Out-of-range or mid-scalar byte offsets are clamped/snapped; overlapping ranges are dropped.
    public func highlightScalarOffsets() -> [[Int]] {
        let ranges = sanitizedHighlights()
        if ranges.isEmpty { return [] }
        var result: [[Int]] = []
        result.reserveCapacity(ranges.count)
        var scalars = 0  // scalars before byte `pos`
        var pos = 0
        let utf8 = text.utf8
        var it = utf8.makeIterator()
        func advance(to target: Int) {
            while pos < target, let b = it.next() {
                if b & 0xC0 != 0x80 { scalars += 1 }
                pos += 1
            }
        }
        for r in ranges {
            advance(to: r.lowerBound)
            let a = scalars
            advance(to: r.upperBound)
            result.append([a, scalars])
        }
        return result
    }

    /// `highlights` clamped to the text, snapped outwards to scalar boundaries, sorted, and with
    /// empty or overlapping ranges removed (the builder already guarantees this; snippets built by
    /// hand may not).
    func sanitizedHighlights() -> [Range<Int>] {
        if highlights.isEmpty { return [] }
        let utf8 = Array(text.utf8)
        let n = utf8.count
        func isBoundary(_ p: Int) -> Bool { p == 0 || p == n || utf8[p] & 0xC0 != 0x80 }
        var out: [Range<Int>] = []
        for r in highlights {
            var a = min(max(r.lowerBound, 0), n), b = min(max(r.upperBound, 0), n)
            while !isBoundary(a) { a -= 1 }
            while !isBoundary(b) { b += 1 }
            if a < b { out.append(a..<b) }
        }
        out.sort { ($0.lowerBound, $0.upperBound) < ($1.lowerBound, $1.upperBound) }
        var kept: [Range<Int>] = []
        for r in out where kept.last.map({ r.lowerBound >= $0.upperBound }) ?? true { kept.append(r) }
        return kept
    }
}
