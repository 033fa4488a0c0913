import CLibXML2

/// The publication-date evidence in a page's markup outside its meta tags and JSON-LD, gathered
/// in page order while `HTMLTree` is built: the elements htmldate reads (`<time datetime>`,
/// `itemprop` dates, `<abbr title>`, and short elements whose class or id says date, time,
/// published, byline or meta — `span.date`, `.entry-date`, `.meta__date`), wherever they sit on
/// the page, for the date is often outside the text the article extractor keeps.
struct HTMLDateEvidence {
    /// `itemprop=datePublished` values (`datetime`, `content` or the text), first in page order
    /// first: the article's own comes before related-article teasers further down.
    var itempropPublished: [String] = []
    /// `itemprop=dateCreated` values, then `itemprop=dateModified` values: lower trust.
    var itempropCreated: [String] = []
    var itempropModified: [String] = []
    /// `<time pubdate datetime>` values.
    var timePubdate: [String] = []
    /// Dates of date elements, `<time datetime>` and `<abbr title>` inside the article's
    /// `<article>`, `<header>` or `<main>`, then the same anywhere else on the page.
    var inArticle: [PartialDate] = []
    var elsewhere: [PartialDate] = []

    /// Class or id words that mark an element holding a date (htmldate's date expressions).
    static let dateClassWords = ["date", "datum", "fecha", "time", "publish", "publica", "posted", "byline", "dateline",
                                 "subline", "meta", "submitted", "created", "released", "author", "autor", "calendar", "clock"]
    /// Ancestors whose dates belong to other content: comments, related articles, teasers, sidebars.
    static let otherContentWords = ["comment", "related", "teaser", "sidebar", "widget", "recommend", "more-",
                                    "footer", "reply", "trending", "popular"]

    /// Notes the date evidence of element `x` (`name` lower-cased).
    mutating func note(_ x: XNode, name: String, attrs: [(String, String)]) {
        var itemprop = "", datetime: String?, content: String?, title: String?, pubdate = false
        var classAndID = ""
        for (k, v) in attrs {
            switch k {
            case "itemprop": itemprop = v.lowercased()
            case "datetime": datetime = v
            case "content": content = v
            case "title": title = v
            case "pubdate": pubdate = true
            case "class", "id": classAndID += " " + v.lowercased()
            default: break
            }
        }
        if !itemprop.isEmpty {
            let value = datetime ?? content ?? (name == "time" || name == "span" ? HTMLDateEvidence.shortText(x) : nil)
            if let value {
                if ReadabilityPatterns.matches(itemprop, ["datepublished"]) { itempropPublished.append(value); return }
                if ReadabilityPatterns.matches(itemprop, ["datecreated", "uploaddate"]) { itempropCreated.append(value); return }
                if ReadabilityPatterns.matches(itemprop, ["datemodified"]) { itempropModified.append(value); return }
            }
        }
        if name == "time", let datetime, pubdate { timePubdate.append(datetime); return }
        let saysDate = !classAndID.isEmpty && ReadabilityPatterns.matches(classAndID, HTMLDateEvidence.dateClassWords)
        var date: PartialDate?
        if name == "time", let datetime {
            date = DateNormalizer.parse(datetime)
        } else if saysDate, let title {
            // `<abbr class=published title=…>` (hAtom) and the tooltip of a relative time
            // ("3 hours ago", `<span class=timestamp title="2016-06-13T1603Z">`)
            date = DateNormalizer.parse(title)
        }
        if date == nil, saysDate || name == "time", name != "meta", name != "html", name != "body" {
            date = HTMLDateEvidence.shortText(x).flatMap { DateNormalizer.find(in: $0) }
        }
        guard let date else { return }
        switch HTMLDateEvidence.place(of: x) {
        case .article: inArticle.append(date)
        case .page: elsewhere.append(date)
        case .otherContent: break
        }
    }

    enum Place { case article, page, otherContent }

    /// Where an element sits: in the article's `<article>`/`<header>`/`<main>`, in other content
    /// (a comment, a teaser, an aside), or elsewhere on the page.
    ///
    /// Two layout patterns would otherwise hide an article's own date: inside an entry (an
    /// `<article>` or an hAtom/microformats entry, `.hentry`/`.h-entry`) a footer holds the
    /// entry's byline and date and a widget is the blog's post list the entry sits in, so
    /// "footer" and "widget" mark other content only outside an entry; and the classes of
    /// `<html>` and `<body>` describe the page's layout ("sidebar-second", "no-sidebars"), not
    /// what an element belongs to.
    static func place(of x: XNode) -> Place {
        var ancestors: [(node: XNode, name: String, classes: [String])] = []
        var p = x.pointee.parent
        while let node = p, node.pointee.type == XML_ELEMENT_NODE, ancestors.count < 60 {
            let name = LibXML.name(node).lowercased()
            var classes: [String] = []
            if node.pointee.properties != nil, name != "html", name != "body" {
                for (k, v) in LibXML.attributes(node) where k == "class" || k == "id" { classes.append(v.lowercased()) }
            }
            ancestors.append((node, name, classes))
            p = node.pointee.parent
        }
        let inEntry = ancestors.contains { a in
            a.name == "article" || a.classes.contains { ReadabilityPatterns.matches($0, entryWords) }
        }
        var inArticle = false
        for a in ancestors {
            if a.name == "aside" || a.name == "nav" { return .otherContent }
            if a.name == "footer", !inEntry { return .otherContent }
            if a.name == "article" || a.name == "header" || a.name == "main" { inArticle = true }
            if a.classes.contains(where: { marksOtherContent($0, inEntry: inEntry) }) { return .otherContent }
        }
        return inArticle || inEntry ? .article : .page
    }

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
        guard ReadabilityPatterns.matches(value, inEntry ? otherContentWordsInEntry : otherContentWords) else { return false }
        let articleFooter = ReadabilityPatterns.matches(value, articleWords) && !ReadabilityPatterns.matches(value, otherContentWordsButFooter)
        return !articleFooter
    }

    /// The text of a small element (at most `DateNormalizer.maxFindBytes` bytes, 64 nodes), or
    /// nil for a larger one: a container that long is content, not a date line.
    static func shortText(_ x: XNode) -> String? {
        var bytes: [UInt8] = []
        var visited = 0
        func walk(_ n: XNode) -> Bool {
            var c = n.pointee.children
            while let child = c {
                visited += 1
                if visited > 64 { return false }
                if child.pointee.type == XML_TEXT_NODE, let text = child.pointee.content {
                    var i = 0
                    while text[i] != 0 {
                        bytes.append(text[i])
                        if bytes.count > DateNormalizer.maxFindBytes { return false }
                        i += 1
                    }
                    bytes.append(0x20)
                } else if child.pointee.type == XML_ELEMENT_NODE {
                    let name = LibXML.name(child).lowercased()
                    if name != "script" && name != "style", !walk(child) { return false }
                }
                c = child.pointee.next
            }
            return true
        }
        guard walk(x) else { return nil }
        let text = String(decoding: bytes, as: UTF8.self)
        return text.isEmpty ? nil : text
    }
}
