/// A page's publication date from its markup, in the README's order of trust: JSON-LD
/// `datePublished` (measured: it keeps the local day where meta tags often give UTC; meta tags
/// first lose 2 of the 33 dated readability pages), publication-date meta tags, `itemprop=datePublished` and `<time pubdate>`, a dated URL
/// path, date elements (`<time datetime>`, `<abbr title>`, `.date`/`.byline`/`.meta` elements, in
/// the article first), then creation and last the modification dates (`dateCreated`,
/// `uploadDate`, `og:updated_time`, `dateModified`), which are later than publication when they
/// differ but usually the same day.
/// A timestamp's calendar day is the one in its own zone ("2023-11-08T20:09-05:00" is the 8th).
extension PageMetadata {
    static let metaDateKeys: [(String, String)] = [
        ("article:published_time", "meta article:published_time"),
        ("og:article:published_time", "meta og:article:published_time"),
        ("og:published_time", "meta og:published_time"),
        ("parsely-pub-date", "meta parsely-pub-date"),
        ("datepublished", "meta datePublished"),
        ("citation_publication_date", "meta citation_publication_date"),
        ("citation_date", "meta citation_date"),
        ("dc.date.issued", "meta DC.date.issued"),
        ("dcterms.issued", "meta dcterms.issued"),
        ("dc.date", "meta dc.date"),
        ("dcterms.date", "meta dcterms.date"),
        ("dc.date.created", "meta dc.date.created"),
        ("dcterms.created", "meta dcterms.created"),
        ("pubdate", "meta pubdate"),
        ("publishdate", "meta publishdate"),
        ("publish-date", "meta publish-date"),
        ("publish_date", "meta publish_date"),
        ("publication_date", "meta publication_date"),
        ("article.published", "meta article.published"),
        ("sailthru.date", "meta sailthru.date"),
        ("date", "meta date"),
    ]

    /// Creation, then modification meta tags: fallbacks when nothing states the publication.
    static let metaCreatedKeys: [(String, String)] = [
        ("datecreated", "meta dateCreated"),
        ("uploaddate", "meta uploadDate"),
    ]
    static let metaModifiedKeys: [(String, String)] = [
        ("og:updated_time", "meta og:updated_time"),
        ("article:modified_time", "meta article:modified_time"),
        ("datemodified", "meta dateModified"),
        ("last-modified", "meta last-modified"),
    ]

    static func chooseDate(tree: HTMLTree, jsonLD: JSONLDInfo, url: String?) -> (PartialDate?, String?) {
        // The first value of each key: a teaser's `<meta itemprop=datePublished>` further down
        // the page does not replace the article's.
        var firstMeta: [String: String] = [:]
        for (k, v) in tree.metaOrder where firstMeta[k] == nil { firstMeta[k] = v }
        func meta(_ keys: [(String, String)]) -> (PartialDate, String)? {
            for (key, evidence) in keys {
                if let v = firstMeta[key], let d = DateNormalizer.parse(v) { return (d, evidence) }
            }
            return nil
        }
        func first(_ values: [String], _ evidence: String) -> (PartialDate, String)? {
            values.lazy.compactMap { DateNormalizer.parse($0) }.first.map { ($0, evidence) }
        }
        func json(_ value: String?, _ evidence: String) -> (PartialDate, String)? {
            value.flatMap { DateNormalizer.parse($0) }.map { ($0, evidence) }
        }
        let e = tree.dateEvidence
        let urlDate = [url, tree.meta["og:url"]].compactMap { $0 }.lazy.compactMap { dateInURL($0) }.first
        let inOrder: [() -> (PartialDate, String)?] = [
            { json(jsonLD.datePublished, "json-ld datePublished") },
            { meta(metaDateKeys) },
            { first(e.itempropPublished, "itemprop datePublished") },
            { first(e.timePubdate, "time pubdate") },
            { urlDate.map { ($0, "url path") } },
            { e.inArticle.first.map { ($0, "date element in article") } },
            { e.elsewhere.first.map { ($0, "date element") } },
            { json(jsonLD.dateCreated, "json-ld dateCreated") },
            { json(jsonLD.uploadDate, "json-ld uploadDate") },
            { meta(metaCreatedKeys) },
            { first(e.itempropCreated, "itemprop dateCreated") },
            { meta(metaModifiedKeys) },
            { json(jsonLD.dateModified, "json-ld dateModified") },
            { first(e.itempropModified, "itemprop dateModified") },
        ]
        let found = inOrder.lazy.compactMap { $0() }.first
        return (found?.0, found?.1)
    }

    /// "/2023/11/14/" (or "/2023/11/") in a URL path.
    static func dateInURL(_ url: String) -> PartialDate? {
        let parts = url.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        guard parts.count >= 3 else { return nil }
        for i in 0..<(parts.count - 2) {
            let y = parts[i], m = parts[i + 1], d = parts[i + 2]
            guard y.count == 4, let yy = Int(y), (1990...2100).contains(yy), m.count == 2, let mm = Int(m) else { continue }
            if d.count == 2, let dd = Int(d), i + 3 < parts.count, let date = PartialDate(year: yy, month: mm, day: dd) {
                return date
            }
        }
        return nil
    }
}
