import Foundation

/// What a page's JSON-LD says about the article: the first schema.org Article-like object's
/// name/headline and dates (any object's when no article has them). Pages often hold JSON-LD that
/// strict JSON rejects (a raw newline inside a string, a stray brace): those are read again with
/// control characters turned into spaces, and failing that, their dates are found by key in the
/// raw text, as htmldate does.
struct JSONLDInfo {
    var name: String?
    var headline: String?
    var datePublished: String?
    /// Lower-trust dates: creation and upload (media pages), then the last modification.
    var dateCreated: String?
    var uploadDate: String?
    var dateModified: String?

    static let articleTypes: Set<String> = [
        "Article", "AdvertiserContentArticle", "NewsArticle", "AnalysisNewsArticle", "AskPublicNewsArticle",
        "BackgroundNewsArticle", "BlogPosting", "DiscussionForumPosting", "LiveBlogPosting", "OpinionNewsArticle",
        "ReportageNewsArticle", "ReviewNewsArticle", "Report", "SatiricalArticle", "ScholarlyArticle",
        "MedicalScholarlyArticle", "SocialMediaPosting", "TechArticle",
    ]

    static let dateKeys = ["datePublished", "dateCreated", "uploadDate", "dateModified"]

    init(scripts: [String]) {
        var titleSet = false
        var articleDates: [String: String] = [:], anyDates: [String: String] = [:], rawDates: [String: String] = [:]
        for script in scripts {
            var text = script.trimmingASCIISpaces()
            if text.hasPrefix("<![CDATA[") { text = String(text.dropFirst(9)) }
            if text.hasSuffix("]]>") { text = String(text.dropLast(3)) }
            guard let json = JSONLDInfo.parseTolerantly(text) else {
                for (k, v) in JSONLDInfo.datesByKey(inRaw: text) where rawDates[k] == nil { rawDates[k] = v }
                continue
            }
            var objects: [[String: Any]] = []
            JSONLDInfo.flatten(json, into: &objects, depth: 0)
            for o in objects {
                let isArticle = JSONLDInfo.types(o).contains { JSONLDInfo.articleTypes.contains($0) }
                if isArticle, !titleSet {
                    titleSet = true
                    name = (o["name"] as? String).map { $0.trimmingASCIISpaces() }
                    headline = (o["headline"] as? String).map { $0.trimmingASCIISpaces() }
                }
                for key in JSONLDInfo.dateKeys {
                    guard let d = o[key] as? String else { continue }
                    if isArticle, articleDates[key] == nil { articleDates[key] = d }
                    if anyDates[key] == nil { anyDates[key] = d }
                }
            }
        }
        func date(_ key: String) -> String? { articleDates[key] ?? anyDates[key] ?? rawDates[key] }
        datePublished = date("datePublished")
        dateCreated = date("dateCreated")
        uploadDate = date("uploadDate")
        dateModified = date("dateModified")
    }

    /// Strict JSON first; then with control characters (raw newlines and tabs in strings) as
    /// spaces, which changes nothing outside strings.
    static func parseTolerantly(_ text: String) -> Any? {
        if let data = text.data(using: .utf8), let json = try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed]) {
            return json
        }
        let spaced = String(decoding: text.utf8.map { $0 < 0x20 ? 0x20 : $0 }, as: UTF8.self)
        if let data = spaced.data(using: .utf8), let json = try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed]) {
            return json
        }
        return nil
    }

    /// `"datePublished": "…"` and the other date keys found in text that is no JSON at all (a
    /// stray brace, a missing comma), first occurrence of each.
    static func datesByKey(inRaw text: String) -> [String: String] {
        var out: [String: String] = [:]
        for key in dateKeys {
            guard let r = text.range(of: "\"" + key + "\"") else { continue }
            var rest = text[r.upperBound...].drop { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }
            guard rest.first == ":" else { continue }
            rest = rest.dropFirst().drop { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }
            guard rest.first == "\"" else { continue }
            let value = rest.dropFirst().prefix { $0 != "\"" }
            if !value.isEmpty, value.count <= 64 { out[key] = String(value) }
        }
        return out
    }

    static func types(_ o: [String: Any]) -> [String] {
        func strip(_ s: String) -> String {
            // "http://schema.org/NewsArticle" → "NewsArticle"
            s.split(separator: "/").last.map(String.init) ?? s
        }
        if let t = o["@type"] as? String { return [strip(t)] }
        if let ts = o["@type"] as? [Any] { return ts.compactMap { $0 as? String }.map(strip) }
        return []
    }

    /// Objects at the top level, in arrays and in @graph, in order.
    static func flatten(_ json: Any, into out: inout [[String: Any]], depth: Int) {
        guard depth < 4 else { return }
        if let a = json as? [Any] {
            for x in a { flatten(x, into: &out, depth: depth + 1) }
        } else if let o = json as? [String: Any] {
            out.append(o)
            if let g = o["@graph"] { flatten(g, into: &out, depth: depth + 1) }
            if let m = o["mainEntity"] as? [String: Any] { flatten(m, into: &out, depth: depth + 1) }
        }
    }
}
