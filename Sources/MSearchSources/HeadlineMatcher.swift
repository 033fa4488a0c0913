/// Recognises a page's headline among its texts by the page's titles (`<title>`, `og:title`,
/// JSON-LD `headline`): a text is the headline when it is a title, one of its segments
/// ("Headline - Site", "Site | Headline"), most of a title (≥ 60 %), or a title with a little
/// added (a kicker). Works on lower-cased, whitespace-collapsed UTF-8 bytes; a text whose length
/// fits none of those cases is rejected before any comparison, so a page's thousands of texts
/// cost one length check each.
struct HeadlineMatcher {
    private var titles: [[UInt8]] = []
    private var segments: Set<[UInt8]> = []
    private var minBytes = Int.max, maxBytes = 0
    private var segmentLengths: Set<Int> = []

    /// Shorter texts and titles are too common ("Home", "News") to name an article.
    static let minimumBytes = 8

    init(titles: [String]) {
        for title in titles {
            let t = Array(PageTextDates.normalized(title).utf8)
            guard t.count >= HeadlineMatcher.minimumBytes, !self.titles.contains(t) else { continue }
            self.titles.append(t)
            minBytes = min(minBytes, t.count * 3 / 5)
            maxBytes = max(maxBytes, t.count * 5 / 3)
            let pieces = TitleSegments.split(String(decoding: t, as: UTF8.self))
            if pieces.count > 1 {
                for piece in pieces.map({ Array($0.utf8) }) where piece.count >= HeadlineMatcher.minimumBytes {
                    segments.insert(piece); segmentLengths.insert(piece.count)
                }
            }
        }
    }

    func matches(_ text: PageTextDates.PageText) -> Bool {
        guard !text.text.isEmpty, text.bytes >= HeadlineMatcher.minimumBytes,
              text.bytes >= minBytes && text.bytes <= maxBytes || segmentLengths.contains(text.bytes) else { return false }
        let lower = Array(PageTextDates.normalized(text.text).utf8)
        if segments.contains(lower) { return true }
        for title in titles {
            if lower == title { return true }
            if lower.count < title.count, lower.count * 5 >= title.count * 3, HeadlineMatcher.contains(title, lower) { return true }
            if lower.count > title.count, title.count * 5 >= lower.count * 3, HeadlineMatcher.contains(lower, title) { return true }
        }
        return false
    }

    static func contains(_ hay: [UInt8], _ needle: [UInt8]) -> Bool {
        hay.withUnsafeBufferPointer { h in needle.withUnsafeBufferPointer { findBytes($0, in: h) != nil } }
    }
}
