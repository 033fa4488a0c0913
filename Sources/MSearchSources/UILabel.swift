import Foundation

/// A line that is a web page's interface label, not a headline: text copied or saved from a
/// page often starts with one ("Related videos:", "Share this", "Advertisement"), and a plain
/// text file's first line is taken as its title. Two general shapes are recognised: a short
/// label ending in a colon (it introduces a widget: a headline does not end so), and the
/// commonest widget captions of news sites, whole.
enum UILabel {
    /// Words at most in a colon-ended label; a longer line ending in ":" reads as a sentence.
    static let maxLabelWords = 4

    /// Captions news pages put above or between parts of an article (lower-cased, without
    /// trailing punctuation).
    static let captions: Set<String> = [
        "advertisement", "advertising", "sponsored", "sponsored content", "share", "share this", "share this article",
        "share this story", "share on facebook", "share on twitter", "related", "related videos", "related video",
        "related articles", "related stories", "related content", "read more", "more", "watch", "listen",
        "skip to content", "skip to main content", "menu", "sign in", "log in", "subscribe", "close", "print",
        "comments", "image", "photo", "video", "top stories", "most read", "you may also like",
    ]

    static func isLabel(_ line: String) -> Bool {
        let trimmed = line.trimmingCharacters(in: .whitespaces)
        let words = trimmed.split(separator: " ")
        guard !words.isEmpty, words.count <= 6 else { return false }
        if trimmed.hasSuffix(":") && words.count <= maxLabelWords { return true }
        var key = trimmed.lowercased()
        while let last = key.last, last == ":" || last == "." || last == "…" || last == "!" { key.removeLast() }
        return captions.contains(key.trimmingCharacters(in: .whitespaces))
    }
}
