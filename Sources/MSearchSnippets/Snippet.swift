/// A matched token in the text being summarised, as found by the analyzer.
public struct TermMatch: Equatable, Sendable {
    /// UTF-8 byte offsets of the match in the text, end exclusive.
    public var start: Int
    public var end: Int
    /// Which query term matched (its index in the query), so distinct terms can be counted.
    public var term: Int
    public init(start: Int, end: Int, term: Int) { self.start = start; self.end = end; self.term = term }
}

/// A passage of a document with the spans to highlight.
public struct Snippet: Equatable, Sendable {
    public var text: String
    /// UTF-8 byte ranges into `text` to highlight, sorted, not overlapping.
    public var highlights: [Range<Int>]
    public init(text: String, highlights: [Range<Int>]) { self.text = text; self.highlights = highlights }
}
