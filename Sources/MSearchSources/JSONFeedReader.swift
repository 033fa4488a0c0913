import Foundation

extension SourceFormat {
    /// JSON Feed 1.0 and 1.1 (`JSONFeedReader`).
    public static let jsonFeed = SourceFormat(name: "jsonfeed")
}

/// JSON Feed (https://jsonfeed.org/version/1.1): a JSON object with a `version` URL and an
/// `items` array, one document per item. The title is `title` (else the text's first line), the
/// text `content_text`, else `content_html` through the HTML reader's fragment text, else
/// `summary`; the date `date_published`, else `date_modified` (the feed's own word that the
/// item existed by then, a weaker claim); the id `id`, else `url`. An item without title and
/// text is a problem for that item only. A `.json` file that is no feed is said to be of
/// unknown format, not malformed: `.json` is the extension of many other things.
enum JSONFeedReader {
    /// The version URL every JSON Feed starts its object with, by the specification (in any
    /// position of the object, in practice); some writers escape its slashes.
    static let capabilities = FormatCapabilities(
        format: .jsonFeed, label: "JSON Feed", extensions: ["json"],
        sniff: { prefix in
            prefix.text.first == UInt8(ascii: "{")
                && (contains(prefix.text, "jsonfeed.org/version/1") || contains(prefix.text, "jsonfeed.org\\/version\\/1"))
        },
        identity: .perDocument(key: "item id or url"), read: { try read($0) })

    static func read(_ input: SourceInput) throws -> SourceParts {
        let path = input.path
        // Invalid UTF-8 is repaired, as in JSON Lines.
        let data = input.bytes.withUnsafeBufferPointer { firstInvalidUTF8($0) } == nil
            ? Data(input.bytes) : Data(String(decoding: input.bytes, as: UTF8.self).utf8)
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
        } catch {
            // The parser's message quotes the input, which may hold line breaks: one line, short.
            let detail = ((error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String).map { firstLine(of: collapseWhitespace($0)) }
            throw SourceProblem(path: path, reason: "malformed JSON Feed: invalid JSON" + (detail.map { " (\($0))" } ?? ""))
        }
        guard let feed = object as? [String: Any], let version = feed["version"] as? String,
              version.hasPrefix("https://jsonfeed.org/version/") else {
            throw SourceProblem(path: path, reason: "not a JSON Feed (no \"version\": \"https://jsonfeed.org/version/1.1\")", kind: .unknownFormat)
        }
        guard let items = feed["items"] as? [Any] else {
            throw SourceProblem(path: path, reason: "malformed JSON Feed: no \"items\" array")
        }
        if items.isEmpty { throw SourceProblem(path: path, reason: "feed has no items", kind: .empty) }
        let stem = SourceFormat.stem(path)
        var result = SourceParts()
        var seen = Set<String>()
        for (i, element) in items.enumerated() {
            let ordinal = i + 1
            guard let item = element as? [String: Any] else {
                result.problems.append(SourceProblem(path: path, reason: "item \(ordinal): not a JSON object"))
                continue
            }
            do {
                guard var doc = try document(item, path: path, limits: input.limits) else {
                    result.problems.append(SourceProblem(path: path, reason: "item \(ordinal): no title or text"))
                    continue
                }
                if doc.id.isEmpty { doc.id = DocumentIdentity.numbered(stem: stem, ordinal) }
                if seen.contains(doc.id) { doc.id += "#\(ordinal)" }
                seen.insert(doc.id)
                result.documents.append(doc)
            } catch let problem as SourceProblem {
                result.problems.append(SourceProblem(path: path, reason: "item \(ordinal): \(problem.reason)", kind: problem.kind))
            }
        }
        return result
    }

    /// One item's document (its id empty when the item names none), nil when it has no text.
    static func document(_ item: [String: Any], path: String, limits: ReadLimits) throws -> SourceDocument? {
        func string(_ key: String) -> String? {
            switch item[key] {
            case let s as String: return s.isEmpty ? nil : s
            case let n as NSNumber: return n.stringValue
            default: return nil
            }
        }
        var body = string("content_text").map(JSONLinesReader.normalizeBody) ?? ""
        if body.isEmpty, let html = string("content_html") { body = try HTMLReader.fragmentText(html, limits: limits, path: path) }
        if body.isEmpty, let summary = string("summary") { body = JSONLinesReader.normalizeBody(summary) }
        var title = collapseWhitespace(string("title") ?? "")
        if title.isEmpty { title = firstLine(of: body) }
        if title.isEmpty && body.isEmpty { return nil }
        var date: PartialDate? = nil, evidence: String? = nil
        for (key, words) in [("date_published", "json feed date_published"), ("date_modified", "json feed date_modified")] {
            if let raw = string(key), let parsed = DateNormalizer.parse(raw) { date = parsed; evidence = words; break }
        }
        let url = string("url") ?? string("external_url")
        let id = collapseWhitespace(string("id") ?? url ?? "")
        return SourceDocument(id: id, path: path, title: title, body: body, date: date?.iso,
                              dateEvidence: evidence, url: url, format: .jsonFeed)
    }

    private static func contains(_ hay: [UInt8], _ needle: String) -> Bool {
        let n = Array(needle.utf8)
        guard hay.count >= n.count else { return false }
        return (0...(hay.count - n.count)).contains { hay[$0..<($0 + n.count)].elementsEqual(n) }
    }
}
