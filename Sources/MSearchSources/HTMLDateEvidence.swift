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
        case .footer, .otherContent: break
        }
    }

    /// Where element `x` sits, from its libxml2 ancestors (`DatePlacement`): a date in the
    /// page's footer counts as other content here, for a date element there dates the site.
    static func place(of x: XNode) -> DatePlacement.Verdict {
        var ancestors: [DatePlacement.Ancestor] = []
        var p = x.pointee.parent
        while let node = p, node.pointee.type == XML_ELEMENT_NODE, ancestors.count < 60 {
            let role = DatePlacement.Role(tagName: LibXML.name(node).lowercased())
            var classes: [String] = []
            if node.pointee.properties != nil, role != .frame {
                for (k, v) in LibXML.attributes(node) where k == "class" || k == "id" { classes.append(v.lowercased()) }
            }
            ancestors.append(DatePlacement.Ancestor(role: role, classValues: classes))
            p = node.pointee.parent
        }
        let verdict = DatePlacement.verdict(ancestors)
        return verdict == .footer ? .otherContent : verdict
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
