import CLibXML2

extension SourceFormat {
    /// XML files: RSS and Atom feeds, any other XML (`XMLFeedReader`).
    public static let xml = SourceFormat(name: "xml")
}

/// XML files: RSS 2.0, RSS 1.0 (RDF) and Atom feeds give one document per item/entry; any other
/// XML (sitemaps, data files) is one document with all its text.
///
/// Parsed strictly and safely (see `LibXML.parseXML`): a malformed file is a problem, a hostile
/// one cannot make the parser read local files, and `ReadLimits` bound its elements, attributes
/// and the entity text expanded in the whole file.
enum XMLFeedReader {
    /// An XML declaration says XML unless an HTML page follows it (XHTML is read as HTML).
    static let capabilities = FormatCapabilities(
        format: .xml, label: "RSS/Atom and other XML", extensions: ["xml", "rss", "atom"],
        sniff: { prefix in
            prefix.markupStarts(with: "<rss", "<feed", "<rdf:rdf")
                || (prefix.starts(with: "<?xml") && !prefix.markupStarts(with: "<!doctype html", "<html"))
        },
        identity: .perDocument(key: "RSS guid or link, Atom id or link (a file that is no feed: its stem)"), read: { try read($0) })

    static func read(_ input: SourceInput) throws -> SourceParts {
        let path = input.path, limits = input.limits
        let encoding: String? = input.knownUTF8 ? "UTF-8" : nil
        if encoding == nil {
            let declared = declaredEncoding(input.bytes)
            if declared == nil || declared == "utf-8" || declared == "utf8" {
                if let bad = input.bytes.withUnsafeBufferPointer({ firstInvalidUTF8($0) }) {
                    throw SourceProblem(path: path, reason: "not valid UTF-8 at byte \(bad)")
                }
            }
        }
        _ = try input.bytes.withUnsafeBufferPointer { try MarkupScan.check($0, limits: limits, path: path) }
        let doc = try input.bytes.withUnsafeBufferPointer { try LibXML.parseXML($0, encoding: encoding, path: path) }
        defer { xmlFreeDoc(doc) }
        let parts = try read(doc, path: path, limits: limits)
        if parts.entities.exceeded {
            throw SourceProblem(path: path, reason: "XML entities expand to more than \(ReadLimits.megabytes(limits.maxEntityExpansion)) in the file (entity amplification; the limit per file)")
        }
        return parts.result
    }

    /// The documents of a parsed file, and how much entity text they took.
    private static func read(_ doc: XDoc, path: String, limits: ReadLimits) throws -> (result: SourceParts, entities: EntityBudget) {
        guard let root = LibXML.root(doc) else { throw SourceProblem(path: path, reason: "malformed XML: no root element") }
        let stem = SourceFormat.stem(path)   // the id of a file that is no feed, and of items without one
        let entities = EntityBudget(limit: limits.maxEntityExpansion)
        var feed = FeedBuilder(path: path, stem: stem, entities: entities, limits: limits)
        switch LibXML.name(root).lowercased() {
        case "rss":
            for channel in LibXML.children(root) where LibXML.name(channel) == "channel" {
                feed.language = feed.text(FeedBuilder.child(channel, "language")) ?? LibXML.attribute(root, "lang")
                for item in LibXML.children(channel) where LibXML.name(item) == "item" { feed.addRSSItem(item) }
            }
            for item in LibXML.children(root) where LibXML.name(item) == "item" { feed.addRSSItem(item) }
        case "rdf":
            for item in LibXML.children(root) where LibXML.name(item) == "item" { feed.addRSSItem(item) }
            for channel in LibXML.children(root) where LibXML.name(channel) == "channel" {
                for item in LibXML.children(channel) where LibXML.name(item) == "item" { feed.addRSSItem(item) }
            }
        case "feed":
            feed.language = LibXML.attribute(root, "lang")
            for entry in LibXML.children(root) where LibXML.name(entry) == "entry" { feed.addAtomEntry(entry) }
        default:
            return (SourceParts(documents: [try genericDocument(root, path: path, stem: stem, entities: entities)]), entities)
        }
        if feed.result.documents.isEmpty && feed.result.problems.isEmpty && !entities.exceeded {
            throw SourceProblem(path: path, reason: "feed has no items", kind: .empty)
        }
        return (feed.result, entities)
    }

    /// The encoding named in the XML declaration, lower-cased.
    static func declaredEncoding(_ bytes: [UInt8]) -> String? {
        let n = min(bytes.count, 200)
        let head = String(decoding: bytes[0..<n], as: UTF8.self)
        guard head.hasPrefix("<?xml"), let end = head.range(of: "?>") else { return nil }
        let decl = head[..<end.lowerBound]
        guard let r = decl.range(of: "encoding") else { return nil }
        let rest = decl[r.upperBound...].drop { $0 == " " || $0 == "=" || $0 == "\"" || $0 == "'" }
        return String(rest.prefix { $0 != "\"" && $0 != "'" && $0 != " " }).lowercased()
    }

    /// Any other XML: one document; the title from the first title-like element, else the stem.
    static func genericDocument(_ root: XNode, path: String, stem: String, entities: EntityBudget) throws -> SourceDocument {
        var title = ""
        var stack: [XNode] = [root]
        while let n = stack.popLast(), title.isEmpty {
            let name = LibXML.name(n).lowercased()
            if name == "title" || name == "headline" {
                title = collapseWhitespace(LibXML.rawText(n, entities: entities))
                if !title.isEmpty { break }
            }
            stack.append(contentsOf: LibXML.children(n).reversed())
        }
        var body = TextBuilder()
        appendXMLText(root, to: &body, entities: entities, xhtml: false, depth: 0)
        let text = body.string()
        if title.isEmpty && text.isEmpty && !entities.exceeded { throw SourceProblem(path: path, reason: "no text content", kind: .empty) }
        if title.isEmpty { title = stem }
        return SourceDocument(id: stem, path: path, title: title, body: text, format: .xml)
    }

    static let xhtmlBlocks: Set<String> = [
        "p", "div", "section", "article", "header", "footer", "aside", "nav", "h1", "h2", "h3", "h4", "h5", "h6",
        "ul", "ol", "li", "dl", "dt", "dd", "table", "tr", "blockquote", "pre", "figure", "figcaption", "hr", "br",
        "address", "main",
    ]

    /// Text of an XML subtree. In XHTML mode block elements make paragraphs; otherwise every
    /// element that contains elements ends a paragraph (records, sitemap <url>s…), leaves are spaced.
    static func appendXMLText(_ n: XNode, to out: inout TextBuilder, entities: EntityBudget, xhtml: Bool, depth: Int) {
        guard depth < 256 else { return }
        var c = n.pointee.children
        var hasElements = false
        while let child = c {
            switch child.pointee.type {
            case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
                if let content = child.pointee.content {
                    out.append(UnsafeBufferPointer(start: content, count: Int(xmlStrlen(content))))
                }
            case XML_ENTITY_REF_NODE:
                var bytes: [UInt8] = []
                LibXML.appendEntity(child, &bytes, entities)
                bytes.withUnsafeBufferPointer { out.append($0) }
            case XML_ELEMENT_NODE:
                hasElements = true
                let name = LibXML.name(child).lowercased()
                if name == "script" || name == "style" { break }
                if xhtml {
                    let block = xhtmlBlocks.contains(name)
                    if block { out.breakParagraph() }
                    if name == "td" || name == "th" { out.space() }
                    appendXMLText(child, to: &out, entities: entities, xhtml: true, depth: depth + 1)
                    if block { out.breakParagraph() }
                } else {
                    out.space()
                    appendXMLText(child, to: &out, entities: entities, xhtml: false, depth: depth + 1)
                    out.space()
                }
            default:
                break
            }
            c = child.pointee.next
        }
        if !xhtml && hasElements { out.breakParagraph() }
    }
}

/// Collects feed items as documents, with ids unique within the file.
struct FeedBuilder {
    let path: String
    let stem: String
    var result = SourceParts()
    var seen = Set<String>()
    var ordinal = 0
    /// The feed's declared language (RSS `<language>`, the root's `xml:lang`), the hint of
    /// items that declare none of their own (`dc:language`, `xml:lang`).
    var language: String?
    /// The file's entity budget, shared by every item's text.
    let entities: EntityBudget
    let limits: ReadLimits

    init(path: String, stem: String, entities: EntityBudget, limits: ReadLimits) {
        self.path = path; self.stem = stem; self.entities = entities; self.limits = limits
    }

    static func child(_ n: XNode, _ name: String, prefix: String? = nil) -> XNode? {
        LibXML.children(n).first { LibXML.name($0) == name && (prefix == nil || LibXML.prefix($0) == prefix) }
    }

    func text(_ n: XNode?) -> String? {
        guard let n else { return nil }
        let t = collapseWhitespace(LibXML.rawText(n, entities: entities))
        return t.isEmpty ? nil : t
    }

    /// Escaped HTML (RSS descriptions) becomes text; plain text passes through. Throws when the
    /// fragment's markup passes the limits.
    func htmlText(_ raw: String) throws -> String {
        if raw.utf8.contains(0x3C) || raw.utf8.contains(0x26) { return try HTMLReader.fragmentText(raw, limits: limits, path: path) }
        return collapseWhitespace(raw)
    }

    /// Records an item whose text passes the limits as a problem of the file: the other items
    /// are still read.
    mutating func skipItem(_ error: Error) {
        let reason = (error as? SourceProblem)?.reason ?? "\(error)"
        result.problems.append(SourceProblem(path: path, reason: "item \(ordinal): \(reason)"))
    }

    mutating func addRSSItem(_ item: XNode) {
        ordinal += 1
        do { try addRSSItemText(item) } catch { skipItem(error) }
    }

    private mutating func addRSSItemText(_ item: XNode) throws {
        let link = text(FeedBuilder.child(item, "link"))
        let guid = text(FeedBuilder.child(item, "guid"))
        var title = try text(FeedBuilder.child(item, "title")).map(htmlText) ?? ""
        // Each element's text is taken once: entity text counts against the budget as often as it is read.
        func raw(_ name: String, _ prefix: String? = nil) -> String? {
            FeedBuilder.child(item, name, prefix: prefix).map { LibXML.rawText($0, entities: entities) }
        }
        var bodyRaw = raw("encoded", "content")
        if bodyRaw.map(collapseWhitespace)?.isEmpty ?? true { bodyRaw = raw("description") }
        let body = try bodyRaw.map(htmlText) ?? ""
        var date: PartialDate? = nil, evidence: String? = nil
        for (name, prefix, ev) in [("pubDate", nil, "rss pubDate"), ("date", "dc", "dc:date"),
                                   ("published", nil, "atom published"), ("updated", nil, "atom updated")] as [(String, String?, String)] {
            if let v = text(FeedBuilder.child(item, name, prefix: prefix)), let d = DateNormalizer.parse(v) {
                date = d; evidence = ev; break
            }
        }
        var url = link
        if url == nil, let g = FeedBuilder.child(item, "guid"), LibXML.attribute(g, "ispermalink")?.lowercased() != "false" {
            if let gv = guid, gv.hasPrefix("http") { url = gv }
        }
        if url == nil, let rdfAbout = LibXML.attribute(item, "about") { url = rdfAbout }
        if title.isEmpty { title = firstLine(of: body) }
        add(id: guid ?? link ?? url, title: title, body: body, date: date, evidence: evidence, url: url,
            language: text(FeedBuilder.child(item, "language", prefix: "dc")) ?? LibXML.attribute(item, "lang"))
    }

    mutating func addAtomEntry(_ entry: XNode) {
        ordinal += 1
        do { try addAtomEntryText(entry) } catch { skipItem(error) }
    }

    private mutating func addAtomEntryText(_ entry: XNode) throws {
        let atomID = text(FeedBuilder.child(entry, "id"))
        // The alternate link (or one without rel) is the article; otherwise any link.
        var link: String? = nil, anyLink: String? = nil
        for l in LibXML.children(entry) where LibXML.name(l) == "link" {
            guard let href = LibXML.attribute(l, "href"), !href.isEmpty else { continue }
            let rel = LibXML.attribute(l, "rel") ?? "alternate"
            if rel == "alternate" && link == nil { link = href }
            if anyLink == nil { anyLink = href }
        }
        link = link ?? anyLink
        var title = try FeedBuilder.child(entry, "title").map(atomText) ?? ""
        title = collapseWhitespace(title.replacingOccurrences(of: "\n", with: " "))
        var body = try FeedBuilder.child(entry, "content").map(atomText) ?? ""
        if body.isEmpty { body = try FeedBuilder.child(entry, "summary").map(atomText) ?? "" }
        var date: PartialDate? = nil, evidence: String? = nil
        for (name, ev) in [("published", "atom published"), ("updated", "atom updated"), ("issued", "atom issued")] {
            if let v = text(FeedBuilder.child(entry, name)), let d = DateNormalizer.parse(v) {
                date = d; evidence = ev; break
            }
        }
        if title.isEmpty { title = firstLine(of: body) }
        add(id: atomID ?? link, title: title, body: body, date: date, evidence: evidence, url: link,
            language: LibXML.attribute(entry, "lang"))
    }

    /// Atom text constructs: type="text" (default), "html" (escaped markup) or "xhtml" (inline div).
    func atomText(_ n: XNode) throws -> String {
        let type = (LibXML.attribute(n, "type") ?? "text").lowercased()
        if type == "xhtml" || type.hasSuffix("xhtml+xml") {
            var out = TextBuilder()
            XMLFeedReader.appendXMLText(n, to: &out, entities: entities, xhtml: true, depth: 0)
            return out.string()
        }
        let raw = LibXML.rawText(n, entities: entities)
        if type == "html" || type.hasSuffix("html") { return try HTMLReader.fragmentText(raw, limits: limits, path: path) }
        return JSONLinesReader.normalizeBody(raw)
    }

    mutating func add(id: String?, title: String, body: String, date: PartialDate?, evidence: String?, url: String?,
                      language itemLanguage: String?) {
        if title.isEmpty && body.isEmpty {
            result.problems.append(SourceProblem(path: path, reason: "item \(ordinal): no title or text"))
            return
        }
        var docID = id ?? DocumentIdentity.numbered(stem: stem, ordinal)
        if seen.contains(docID) { docID += "#\(ordinal)" }
        seen.insert(docID)
        var document = SourceDocument(id: docID, path: path, title: title, body: body, date: date?.iso,
                                      dateEvidence: date == nil ? nil : evidence, url: url, format: .xml)
        document.languageHint = itemLanguage ?? language
        result.documents.append(document)
    }
}
