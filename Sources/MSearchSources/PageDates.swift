import Foundation

/// A page's publication date from its markup, in the README's order of trust: JSON-LD
/// `datePublished` (measured: it keeps the local day where meta tags often give UTC; meta tags
/// first lose 2 of the 33 dated readability pages), publication-date meta tags, `itemprop=datePublished` and `<time pubdate>`, a dated URL
/// path, date elements (`<time datetime>`, `<abbr title>`, `.date`/`.byline`/`.meta` elements, in
/// the article first), a date the page's text labels as the publication's or prints beside the
/// headline (`PageTextDates`), a date in the title, then creation and last the modification
/// dates (`dateCreated`, `uploadDate`, `og:updated_time`, `dateModified`, a labelled update
/// date), which are later than publication when they differ but usually the same day.
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
        // Further publication-date names htmldate reads (its date attributes), in no site's
        // particular order: CMS, analytics and syndication conventions.
        ("article_date_original", "meta article_date_original"),
        ("date_published", "meta date_published"),
        ("dc.date.publication", "meta dc.date.publication"),
        ("dc:date", "meta dc:date"),
        ("dc:created", "meta dc:created"),
        ("rnews:datepublished", "meta rnews:datePublished"),
        ("originalpublicationdate", "meta originalpublicationdate"),
        ("dcsext.articlefirstpublished", "meta dcsext.articlefirstpublished"),
        ("shareaholic:article_published_time", "meta shareaholic:article_published_time"),
        ("vr:published_time", "meta vr:published_time"),
        ("mediator_published_time", "meta mediator_published_time"),
        ("bt:pubdate", "meta bt:pubdate"),
        ("rbpubdate", "meta rbpubdate"),
        ("displaydate", "meta displaydate"),
        ("dateposted", "meta dateposted"),
        ("pdate", "meta pdate"),
        ("ptime", "meta ptime"),
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

    static func chooseDate(tree: HTMLTree, jsonLD: JSONLDInfo, url: String?, title: String) -> (PartialDate?, String?) {
        // The first value of each key: a teaser's `<meta itemprop=datePublished>` further down
        // the page does not replace the article's.
        var firstMeta: [String: String] = [:]
        for (k, v) in tree.metaOrder where firstMeta[k] == nil { firstMeta[k] = v }
        // A key whose tags name different days (microdata `<meta itemprop=datePublished>` of
        // several teasers in the body) is contested: every key that agrees with itself is asked
        // first, and a contested key only when none does.
        var daysByKey: [String: Set<PartialDate>] = [:]
        for (k, v) in tree.metaOrder { if let d = metaValueDate(v) { daysByKey[k, default: []].insert(d) } }
        func meta(_ keys: [(String, String)]) -> (PartialDate, String)? {
            for contested in [false, true] {
                for (key, evidence) in keys where (daysByKey[key]?.count ?? 0 > 1) == contested {
                    if let v = firstMeta[key], let d = metaValueDate(v) { return (d, evidence) }
                }
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
        // Read only when the markup states no date: a scan of every text of the page.
        var pageTextScan: PageTextDates?
        func pageText() -> PageTextDates {
            if let scan = pageTextScan { return scan }
            let scan = PageTextDates(tree: tree, titles: [title, tree.titleText] + [firstMeta["og:title"], jsonLD.headline].compactMap { $0 })
            pageTextScan = scan
            return scan
        }
        let urlDate = [url, tree.meta["og:url"]].compactMap { $0 }.lazy.compactMap { dateInURL($0) }.first
        let inOrder: [() -> (PartialDate, String)?] = [
            { json(jsonLD.datePublished, "json-ld datePublished") },
            { meta(metaDateKeys) },
            { firstMeta["parsely-page"].flatMap(parselyPublished).map { ($0, "meta parsely-page pub_date") } },
            { first(e.itempropPublished, "itemprop datePublished") },
            { first(e.timePubdate, "time pubdate") },
            { urlDate.map { ($0, "url path") } },
            { e.inArticle.first.map { ($0, "date element in article") } },
            { e.elsewhere.first.map { ($0, "date element") } },
            { pageText().labelledPublished.map { ($0, "labelled date in page") } },
            { pageText().byHeadline.map { ($0, "date by the headline") } },
            { ([tree.titleText] + [firstMeta["og:title"]].compactMap { $0 }).lazy.compactMap(dateInTitle).first.map { ($0, "title") } },
            { json(jsonLD.dateCreated, "json-ld dateCreated") },
            { json(jsonLD.uploadDate, "json-ld uploadDate") },
            { meta(metaCreatedKeys) },
            { first(e.itempropCreated, "itemprop dateCreated") },
            { meta(metaModifiedKeys) },
            { json(jsonLD.dateModified, "json-ld dateModified") },
            { first(e.itempropModified, "itemprop dateModified") },
            { pageText().labelledUpdated.map { ($0, "labelled update date in page") } },
        ]
        guard let (date, evidence) = inOrder.lazy.compactMap({ $0() }).first else { return (nil, nil) }
        // A timestamp stated in UTC carries a publisher's local evening into the next day: when
        // the page's own URL path dates the article the day before, that local day is the one
        // the publisher printed. (Measured: date elements the day before are as often a
        // teaser's date as the article's, so only the URL corrects.)
        let raw: String? = evidence == "json-ld datePublished" ? jsonLD.datePublished
            : evidence == "meta parsely-page pub_date" ? firstMeta["parsely-page"].flatMap(parselyPublishedValue)
            : metaDateKeys.first(where: { $0.1 == evidence }).flatMap { firstMeta[$0.0] }
        if let raw, isUTCTimestamp(raw) {
            if let urlDate, isDayBefore(urlDate, date) { return (urlDate, evidence + "; local day from url path") }
        }
        return (date, evidence)
    }

    /// Whether a timestamp states its time in UTC ("…T04:58:46Z", "+00:00", "+0000", "GMT",
    /// "UTC"), as feeds and JSON-LD often do, rather than in the publisher's own zone.
    static func isUTCTimestamp(_ value: String) -> Bool {
        let trimmed = value.trimmingCharacters(in: .whitespaces)
        guard trimmed.contains(":") else { return false }   // a date without a time has no zone
        let upper = trimmed.uppercased()
        return upper.hasSuffix("Z") || upper.hasSuffix("+00:00") || upper.hasSuffix("+0000")
            || upper.contains("GMT+0000") || upper.hasSuffix("GMT") || upper.hasSuffix("UTC")
    }

    /// Whether `earlier` is the calendar day just before `later` (both day-precise).
    static func isDayBefore(_ earlier: PartialDate, _ later: PartialDate) -> Bool {
        guard let m1 = earlier.month, let d1 = earlier.day, let m2 = later.month, let d2 = later.day else { return false }
        return GregorianCalendar.dayNumber(year: later.year, month: m2, day: d2)
            - GregorianCalendar.dayNumber(year: earlier.year, month: m1, day: d1) == 1
    }

    /// A meta tag's date: any form `DateNormalizer` reads, or a numeric date with slashes whose
    /// order a number above 12 settles ("05/29/2007 09:49:00" is May 29, "29/05/2007" too). Only
    /// here: a meta tag's value is a date by its name, where in prose "13/11" may be a score.
    static func metaValueDate(_ value: String) -> PartialDate? {
        if let date = DateNormalizer.parse(value) { return date }
        let head = value.utf8.prefix(while: { $0 != 0x20 && $0 != 0x54 })
        let parts = head.split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count <= 2, parts[1].count <= 2, parts[2].count == 4,
              let a = Int(String(decoding: parts[0], as: UTF8.self)), let b = Int(String(decoding: parts[1], as: UTF8.self)),
              let year = Int(String(decoding: parts[2], as: UTF8.self)) else { return nil }
        if a > 12, b <= 12 { return PartialDate(year: year, month: b, day: a) }
        if b > 12, a <= 12 { return PartialDate(year: year, month: a, day: b) }
        return nil
    }

    /// The `pub_date` of Parse.ly's `parsely-page` meta tag, a JSON object of the page's
    /// metadata that analytics-tagged news sites carry ("2014-12-29T23:17:11", "2014-10-29 at
    /// 07:38:00AM EST": the date is read from its start).
    static func parselyPublished(_ json: String) -> PartialDate? {
        parselyPublishedValue(json).flatMap(DateNormalizer.parse)
    }

    static func parselyPublishedValue(_ json: String) -> String? {
        guard let data = json.data(using: .utf8),
              let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else { return nil }
        return object["pub_date"] as? String
    }

    /// A title segment that is a full date and nothing else, as news sites append it ("Una
    /// solución … - 07.12.2017 - LA NACION", "… | DW | 19.01.2020"): segments are separated by
    /// " | ", " - ", " – " or " — ". A date inside the headline's words is not one.
    static func dateInTitle(_ title: String) -> PartialDate? {
        let segments = TitleSegments.split(title, at: [" | ", " - ", " – ", " — "])
        guard segments.count >= 2 else { return nil }
        for trimmed in segments {
            // the whole segment must be the date: a headline "5 March 2020 was the day" is not
            guard trimmed.utf8.count <= 30, segmentIsOnlyDate(trimmed),
                  let date = DateNormalizer.parse(trimmed), date.day != nil else { continue }
            return date
        }
        return nil
    }

    /// Whether a short text is a date alone: its words are numbers, month or weekday names
    /// (the letters of at most three words) and date punctuation.
    private static func segmentIsOnlyDate(_ text: String) -> Bool {
        let words = text.split(whereSeparator: { $0 == " " || $0 == "," || $0 == "." || $0 == "/" || $0 == "-" })
        let letterWords = words.filter { $0.contains(where: { $0.isLetter }) }
        return words.count <= 5 && letterWords.count <= 2
    }

    /// A full date in a URL path: "/2023/11/14/" segments, or "2023-11-14" within a segment
    /// ("/story/2019-11-19/slug", "/news/slug-2019-11-19/"), as htmldate's complete-URL pattern
    /// reads it. The query and fragment are not the path.
    static func dateInURL(_ url: String) -> PartialDate? {
        var path = Substring(url)
        if let q = path.firstIndex(where: { $0 == "?" || $0 == "#" }) { path = path[..<q] }
        let parts = path.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        guard parts.count >= 3 else { return nil }
        for i in 0..<(parts.count - 2) {
            let y = parts[i], m = parts[i + 1], d = parts[i + 2]
            guard y.count == 4, let yy = Int(y), (1990...2100).contains(yy), m.count == 2, let mm = Int(m) else { continue }
            if d.count == 2, let dd = Int(d), i + 3 < parts.count, let date = PartialDate(year: yy, month: mm, day: dd) {
                return date
            }
        }
        for part in parts.dropFirst(3) {   // scheme, "", host
            let bytes = Array(part.utf8)
            guard bytes.count >= 10 else { continue }
            func digit(_ k: Int) -> Int? { k < bytes.count && bytes[k] >= 0x30 && bytes[k] <= 0x39 ? Int(bytes[k] - 0x30) : nil }
            for start in 0...(bytes.count - 10) {
                guard start == 0 || digit(start - 1) == nil, digit(start + 10) == nil,
                      bytes[start + 4] == 0x2D, bytes[start + 7] == 0x2D,
                      let y0 = digit(start), let y1 = digit(start + 1), let y2 = digit(start + 2), let y3 = digit(start + 3),
                      let m0 = digit(start + 5), let m1 = digit(start + 6), let d0 = digit(start + 8), let d1 = digit(start + 9) else { continue }
                let year = y0 * 1000 + y1 * 100 + y2 * 10 + y3
                guard (1990...2100).contains(year), let date = PartialDate(year: year, month: m0 * 10 + m1, day: d0 * 10 + d1) else { continue }
                return date
            }
        }
        return nil
    }
}
