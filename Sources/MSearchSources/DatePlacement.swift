/// Where a date on a page sits — in the article, elsewhere on the page, in the page's footer, or
/// in other content (a comment, a teaser, a sidebar, navigation) — judged from the element's
/// ancestors. One verdict for both trees the HTML reader has: libxml2's, where date elements are
/// found (`HTMLDateEvidence`), and the reader's own `HTMLTree`, where printed dates are read
/// from the page's text (`PageTextDates`).
///
/// Two layout patterns would otherwise hide an article's own date: inside an entry (an
/// `<article>` or an hAtom/microformats entry, `.hentry`/`.h-entry`) a footer holds the entry's
/// byline and date and a widget is the blog's post list the entry sits in, so "footer" and
/// "widget" mark other content only outside an entry; and the classes of `<html>` and `<body>`
/// describe the page's layout ("sidebar-second", "no-sidebars"), not what an element belongs to.
enum DatePlacement {
    enum Verdict { case article, page, footer, otherContent }

    /// The structural role of an ancestor element, from its tag name.
    enum Role {
        /// `<html>` or `<body>`: the page frame, whose classes describe the layout.
        case frame
        /// `<article>`: an entry of its own.
        case article
        /// `<header>` or `<main>`: the article's region, not an entry.
        case articleRegion
        /// `<aside>` or `<nav>`: never the article.
        case aside
        case footer
        case other

        init(tagName: String) {
            switch tagName {
            case "html", "body": self = .frame
            case "article": self = .article
            case "header", "main": self = .articleRegion
            case "aside", "nav": self = .aside
            case "footer": self = .footer
            default: self = .other
            }
        }
    }

    /// One ancestor, nearest first: its role, its lower-cased class and id values (as the tree
    /// keeps them: separately, or joined), and whether the tree already judged it navigation or
    /// other page furniture (`HTMLTree.strongUnlikely`).
    struct Ancestor {
        var role: Role
        var classValues: [String]
        var strongUnlikely = false
    }

    /// The verdict for an element whose ancestors, nearest first, are `ancestors`.
    static func verdict(_ ancestors: [Ancestor]) -> Verdict {
        let inEntry = ancestors.contains { a in
            a.role == .article || (a.role != .frame && a.classValues.contains { ReadabilityPatterns.matches($0, entryWords) })
        }
        var inArticle = inEntry
        var inFooter = false
        for a in ancestors where a.role != .frame {
            if a.role == .aside || a.strongUnlikely { return .otherContent }
            if a.role == .footer, !inEntry { inFooter = true; continue }
            if a.role == .article || a.role == .articleRegion { inArticle = true }
            for value in a.classValues where marksOtherContent(value, inEntry: inEntry) {
                // A page footer's byline or update line is read, with lower trust, by the text
                // rules; a comment or a teaser is never the article.
                if ReadabilityPatterns.matches(value, otherContentWordsButFooter) { return .otherContent }
                inFooter = true
            }
        }
        if inFooter { return .footer }
        return inArticle ? .article : .page
    }

    /// Class and id words of content that is not the article.
    static let otherContentWords = ["comment", "related", "teaser", "sidebar", "widget", "recommend", "more-",
                                    "footer", "reply", "trending", "popular"]
    /// Class words of an article entry in microformats (hAtom's `hentry`, h-entry).
    static let entryWords = ["hentry", "h-entry"]
    /// Inside an entry, "footer" and "widget" are its own layout, not other content.
    static let otherContentWordsInEntry = otherContentWords.filter { $0 != "footer" && $0 != "widget" }
    static let otherContentWordsButFooter = otherContentWords.filter { $0 != "footer" }
    /// Words that make a footer the article's own ("post-footer", "entry-footer", "artikelfooter").
    static let articleWords = ["article", "artikel", "post", "entry", "story", "beitrag", "hentry"]

    /// Whether a class or id value marks other content. A footer named for the article
    /// ("post-footer", "artikelfooter") holds the article's byline and date, unlike the page's.
    static func marksOtherContent(_ value: String, inEntry: Bool) -> Bool {
        guard !value.isEmpty, ReadabilityPatterns.matches(value, inEntry ? otherContentWordsInEntry : otherContentWords) else { return false }
        let articleFooter = ReadabilityPatterns.matches(value, articleWords) && !ReadabilityPatterns.matches(value, otherContentWordsButFooter)
        return !articleFooter
    }
}
