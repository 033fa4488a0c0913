import Foundation
import CLibXML2

extension SourceFormat {
    /// HTML pages (`HTMLReader`).
    public static let html = SourceFormat(name: "html")
}

/// HTML pages: one document per file, id = file stem. The body is the article text found by
/// `ArticleExtractor`; title, URL and publication date come from the page's metadata.
/// Pages with more elements or attributes than `ReadLimits` allows are skipped before libxml2
/// builds their tree; a text node past libxml2's 10 MB limit is reported (the parser stops
/// reading the page there).
enum HTMLReader {
    static let capabilities = FormatCapabilities(
        format: .html, label: "HTML", extensions: ["html", "htm", "xhtml"],
        sniff: { $0.markupStarts(with: "<!doctype html", "<html") },
        identity: .fileStem, read: { try read($0) })

    static func read(_ input: SourceInput) throws -> SourceParts {
        let path = input.path, limits = input.limits
        let scan = try input.bytes.withUnsafeBufferPointer { try MarkupScan.check($0, limits: limits, path: path, what: "page", html: true) }
        var problems: [SourceProblem] = []
        if scan.longestText > MarkupScan.parserTextLimit {
            problems.append(SourceProblem(path: path, reason: "a text of \(scan.longestText) bytes without markup at byte \(scan.longestTextStart): "
                + "the HTML parser reads one text node up to 10 MB, so the page is read only up to byte \(scan.longestTextStart + MarkupScan.parserTextLimit)", partial: true))
        }
        guard let doc = parse(input.bytes, knownUTF8: input.knownUTF8) else {
            throw SourceProblem(path: path, reason: "unparseable HTML")
        }
        // The tree copies what it needs: libxml2's own tree is freed before extraction builds
        // its per-node tables, so the two never peak together.
        let tree = HTMLTree(doc: doc)
        xmlFreeDoc(doc)
        let metadata = PageMetadata(tree: tree)
        var title = metadata.title
        var extractor = ArticleExtractor(tree: tree, title: title)
        let body = extractor.extract()
        if title.isEmpty {
            title = tree.all(.h1, under: tree.root).lazy.map { tree.textOf($0) }.first { !$0.isEmpty }
                ?? firstLine(of: body)
        }
        if title.isEmpty && body.isEmpty { throw SourceProblem(path: path, reason: "no text content", kind: .empty) }
        if title.isEmpty { title = input.stem }
        var document = SourceDocument(id: input.stem, path: path, title: title, body: body,
                                      date: metadata.date?.iso, dateEvidence: metadata.dateEvidence,
                                      url: metadata.url, format: .html)
        document.languageHint = tree.declaredLanguage
        return SourceParts(documents: [document], problems: problems)
    }

    /// Parses with libxml2's forgiving HTML parser in the page's character set: a BOM wins, then
    /// valid UTF-8 (pages re-saved as UTF-8 often keep a stale charset declaration), then the
    /// declared charset; otherwise UTF-8, with invalid bytes repaired (U+FFFD), never guessed.
    static func parse(_ bytes: [UInt8], knownUTF8: Bool) -> XDoc? {
        let encoding = knownUTF8 ? "UTF-8" : chooseEncoding(bytes)
        if encoding == "UTF-8" {
            let clean = bytes.withUnsafeBufferPointer { firstInvalidUTF8($0) == nil }
            let utf8 = clean ? bytes : Array(String(decoding: bytes, as: UTF8.self).utf8)
            return utf8.withUnsafeBufferPointer { LibXML.parseHTML($0, encoding: "UTF-8") }
        }
        if let doc = bytes.withUnsafeBufferPointer({ LibXML.parseHTML($0, encoding: encoding) }) { return doc }
        let utf8 = Array(String(decoding: bytes, as: UTF8.self).utf8)
        return utf8.withUnsafeBufferPointer { LibXML.parseHTML($0, encoding: "UTF-8") }
    }

    /// "UTF-8" unless the bytes are not valid UTF-8 and the page declares another charset.
    static func chooseEncoding(_ bytes: [UInt8]) -> String {
        bytes.withUnsafeBufferPointer { buf -> String in
            guard firstInvalidUTF8(buf) != nil, let declared = declaredCharset(buf).map(canonicalCharset) else { return "UTF-8" }
            return declared
        }
    }

    static func canonicalCharset(_ s: String) -> String {
        let l = s.lowercased()
        switch l {
        case "utf-8", "utf8", "unicode-1-1-utf-8": return "UTF-8"
        case "iso-8859-1", "latin1", "latin-1", "us-ascii", "ascii", "iso8859-1", "l1", "cp1252": return "windows-1252"
        default: return l
        }
    }

    /// The charset named by `<meta charset>`, `<meta http-equiv … content="…; charset=…">` or an
    /// XML declaration within the first 4 KB.
    static func declaredCharset(_ buf: UnsafeBufferPointer<UInt8>) -> String? {
        let n = min(buf.count, 4096)
        let head = String(decoding: UnsafeBufferPointer(rebasing: buf[0..<n]), as: UTF8.self).lowercased()
        for key in ["charset=", "encoding="] {
            guard let r = head.range(of: key) else { continue }
            var value = head[r.upperBound...].drop { $0 == "\"" || $0 == "'" || $0 == " " }
            value = value.prefix { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" || $0 == ":" || $0 == "." }
            if !value.isEmpty { return String(value) }
        }
        return nil
    }

    /// Plain text of an HTML fragment (an RSS description, Atom html content): all of it, blocks
    /// as paragraphs, without scripts and styles. No article extraction: the fragment is the item.
    /// Throws when its markup passes the limits (`path` names the file it came from).
    static func fragmentText(_ html: String, limits: ReadLimits = .default, path: String = "fragment") throws -> String {
        let bytes = Array(html.utf8)
        _ = try bytes.withUnsafeBufferPointer { try MarkupScan.check($0, limits: limits, path: path, what: "fragment", html: true) }
        guard !bytes.isEmpty, let doc = bytes.withUnsafeBufferPointer({ LibXML.parseHTML($0, encoding: "UTF-8") }) else {
            return ""
        }
        defer { xmlFreeDoc(doc) }
        let tree = HTMLTree(doc: doc)
        guard tree.root >= 0 else { return "" }
        return tree.textOf(tree.root)
    }
}

/// Title, URL and publication date of a page, from its metadata.
struct PageMetadata {
    var title: String = ""
    var url: String?
    var date: PartialDate?
    var dateEvidence: String?

    init(tree: HTMLTree) {
        let jsonLD = JSONLDInfo(scripts: tree.jsonLD)
        title = PageMetadata.chooseTitle(tree: tree, jsonLD: jsonLD)
        url = tree.canonical ?? tree.meta["og:url"]
        if let u = url, u.isEmpty { url = nil }
        (date, dateEvidence) = PageMetadata.chooseDate(tree: tree, jsonLD: jsonLD, url: url, title: title)
    }

    // MARK: title

    /// Like Readability: JSON-LD headline/name, then Dublin Core, Open Graph, Twitter and
    /// Parse.ly titles, then the <title> with its site name cut off.
    static func chooseTitle(tree: HTMLTree, jsonLD: JSONLDInfo) -> String {
        let docTitle = articleTitle(tree: tree)
        if let name = jsonLD.name, let headline = jsonLD.headline, name != headline {
            let nameMatches = ArticleExtractor.similarity(name, docTitle) > 0.75
            let headlineMatches = ArticleExtractor.similarity(headline, docTitle) > 0.75
            return clean(headlineMatches && !nameMatches ? headline : name)
        }
        if let t = jsonLD.name ?? jsonLD.headline, !clean(t).isEmpty { return clean(t) }
        for key in ["dc:title", "dcterm:title", "og:title", "weibo:article:title", "weibo:webpage:title", "title",
                    "twitter:title", "parsely-title"] {
            if let v = metaValue(tree, key), !clean(v).isEmpty { return clean(v) }
        }
        return docTitle
    }

    /// Meta values by Readability's normalised key (dots and spaces as in "DC.title" → "dc:title").
    static func metaValue(_ tree: HTMLTree, _ key: String) -> String? {
        var found: String? = nil
        for (k, v) in tree.metaOrder where k.replacingOccurrences(of: ".", with: ":") == key { found = v }
        return found
    }

    /// Collapsed whitespace, leftover entities (double-escaped in some CMSes) decoded.
    static func clean(_ s: String) -> String {
        var b = TextBuilder()
        var s = s
        if s.utf8.contains(0x26) { s.withUTF8 { b.appendDecodingEntities($0) } } else { b.append(s) }
        return b.string()
    }

    /// Readability's _getArticleTitle: the <title>, minus a site name after " | ", " - ", " » "…
    /// unless that leaves too few words; for "Site: Title" the part after the colon.
    static func articleTitle(tree: HTMLTree) -> String {
        let orig = clean(tree.titleText)
        var cur = orig
        var hierarchical = false
        func words(_ s: String) -> Int { s.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" }).count }
        let seps: [Character] = ["|", "-", "–", "—", "\\", "/", ">", "»"]
        // Positions of " X " separators.
        let chars = Array(orig)
        var sepPositions: [Int] = []
        if chars.count >= 3 {
            for i in 1..<(chars.count - 1) where seps.contains(chars[i]) && chars[i - 1] == " " && chars[i + 1] == " " {
                sepPositions.append(i - 1)
            }
        }
        if let last = sepPositions.last {
            hierarchical = sepPositions.contains { ["\\", "/", ">", "»"].contains(chars[$0 + 1]) }
            cur = String(chars[0..<last])
            if words(cur) < 3 {
                // Remove the first part instead.
                if let first = chars.firstIndex(where: { seps.contains($0) }) {
                    cur = String(chars[(first + 1)...])
                }
            }
        } else if orig.contains(": ") {
            let headings = tree.all(.h1, under: tree.root) + tree.all(.h2, under: tree.root)
            let trimmed = orig.trimmingASCIISpaces()
            let match = headings.contains { tree.textOf($0).trimmingASCIISpaces() == trimmed }
            if !match, let lastColon = orig.lastIndex(of: ":"), let firstColon = orig.firstIndex(of: ":") {
                cur = String(orig[orig.index(after: lastColon)...])
                if words(cur) < 3 {
                    cur = String(orig[orig.index(after: firstColon)...])
                } else if words(String(orig[..<firstColon])) > 5 {
                    cur = orig
                }
            }
        } else if orig.count > 150 || orig.count < 15 {
            let h1s = tree.all(.h1, under: tree.root)
            if h1s.count == 1 { cur = tree.textOf(h1s[0]) }
        }
        cur = collapseWhitespace(cur.trimmingASCIISpaces())
        let curWords = words(cur)
        let origWithoutSeps = orig.filter { !seps.contains($0) }
        if curWords <= 4 && (!hierarchical || curWords != words(origWithoutSeps) - 1) {
            cur = orig
        }
        return cur
    }
}
