// Which class and id names mark boilerplate or content: the patterns `HTMLTree` flags nodes
// with and `ArticleExtractor` scores them by.

/// Class/id patterns (from Mozilla Readability, plus cookie/consent/newsletter boilerplate),
/// matched as lower-case substrings instead of regular expressions for speed.
enum ReadabilityPatterns {
    static let unlikely = ["-ad-", "ai2html", "banner", "breadcrumbs", "combx", "comment", "community", "cover-wrap",
                           "disqus", "extra", "footer", "gdpr", "header", "legends", "menu", "related", "remark",
                           "replies", "rss", "shoutbox", "sidebar", "skyscraper", "social", "sponsor", "supplemental",
                           "ad-break", "agegate", "pagination", "pager", "popup", "yom-remote"]
    /// Not in Readability's list; removed in every attempt.
    static let strongUnlikely = ["cookie", "consent", "gdpr", "newsletter"]
    static let maybe = ["and", "article", "body", "column", "content", "main", "mathjax", "shadow"]
    static let positive = ["article", "body", "content", "entry", "hentry", "h-entry", "main", "page", "pagination",
                           "post", "text", "blog", "story"]
    static let negative = ["-ad-", "hidden", "banner", "combx", "comment", "com-", "contact", "footer", "gdpr",
                           "masthead", "media", "meta", "outbrain", "promo", "related", "scroll", "share", "shoutbox",
                           "sidebar", "skyscraper", "sponsor", "shopping", "tags", "widget"]
    static let byline = ["byline", "author", "dateline", "writtenby", "p-author"]

    /// True when `s` contains one of `words` (byte substring search; Foundation's
    /// `String.contains` is far slower and this runs for every element).
    static func matches(_ s: String, _ words: [String]) -> Bool {
        var s = s
        return s.withUTF8 { hay in
            for w in words {
                var w = w
                if w.withUTF8({ findBytes($0, in: hay) }) != nil { return true }
            }
            return false
        }
    }

    /// Readability's class weight: ±25 for the class and again for the id.
    static func weight(className: String, id: String) -> Int {
        var w = 0
        if !className.isEmpty {
            let c = className.lowercased()
            if matches(c, negative) || hasHidToken(c) { w -= 25 }
            if matches(c, positive) { w += 25 }
        }
        if !id.isEmpty {
            let c = id.lowercased()
            if matches(c, negative) || hasHidToken(c) { w -= 25 }
            if matches(c, positive) { w += 25 }
        }
        return w
    }

    static func hasHidToken(_ s: String) -> Bool { s.split(separator: " ").contains("hid") }

    static func isVideoURL(_ s: String) -> Bool {
        let l = s.lowercased()
        return ["youtube.com", "youtube-nocookie.com", "player.vimeo.com", "v.qq.com", "archive.org/embed",
                "upload.wikimedia.org", "player.twitch.tv", "dailymotion.com"].contains { l.contains($0) }
    }
}
