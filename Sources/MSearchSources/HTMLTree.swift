import CLibXML2

/// HTML element kinds the extractor distinguishes; everything else is `.other`.
enum HTag: UInt8 {
    case text, other
    case a, abbr, address, article, aside, b, bdi, bdo, blockquote, body, br, caption, center, cite, code
    case data, dd, del, details, dfn, dialog, div, dl, dt, em, embed, fieldset, figcaption, figure
    case font, footer, form, h1, h2, h3, h4, h5, h6, header, hr, html, i, img, input, ins, kbd, label
    case li, main, mark, math, menu, nav, ol, p, picture, pre, q, ruby, s, samp, section, small, span
    case strong, sub, summary, sup, table, tbody, td, tfoot, th, thead, time, tr, u, ul, `var`, wbr
    case colgroup, col

    static let byName: [String: HTag] = {
        var d: [String: HTag] = [:]
        let all: [HTag] = [.a, .abbr, .address, .article, .aside, .b, .bdi, .bdo, .blockquote, .body, .br, .caption,
                           .center, .cite, .code, .data, .dd, .del, .details, .dfn, .dialog, .div, .dl, .dt, .em, .embed,
                           .fieldset, .figcaption, .figure, .font, .footer, .form, .h1, .h2, .h3, .h4, .h5, .h6, .header,
                           .hr, .html, .i, .img, .input, .ins, .kbd, .label, .li, .main, .mark, .math, .menu, .nav, .ol,
                           .p, .picture, .pre, .q, .ruby, .s, .samp, .section, .small, .span, .strong, .sub, .summary,
                           .sup, .table, .tbody, .td, .tfoot, .th, .thead, .time, .tr, .u, .ul, .var, .wbr, .colgroup, .col]
        for t in all { d["\(t)"] = t }
        d["object"] = .embed; d["iframe"] = .embed
        d["strike"] = .s; d["tt"] = .code; d["big"] = .small; d["acronym"] = .abbr
        return d
    }()

    var isHeading: Bool { self == .h1 || self == .h2 || self == .h3 || self == .h4 || self == .h5 || self == .h6 }

    /// Block-level for text output: starts and ends a paragraph.
    var isBlock: Bool {
        switch self {
        case .p, .div, .section, .article, .main, .header, .footer, .aside, .nav, .h1, .h2, .h3, .h4, .h5, .h6,
             .ul, .ol, .li, .dl, .dt, .dd, .table, .tr, .blockquote, .pre, .figure, .figcaption, .hr, .br,
             .address, .details, .summary, .caption, .form, .fieldset, .center, .body, .html, .menu, .dialog,
             .tbody, .thead, .tfoot:
            return true
        default: return false
        }
    }

    /// Readability's DIV_TO_P_ELEMS: a div containing one of these is not a paragraph.
    var isDivToPBlock: Bool {
        switch self {
        case .blockquote, .dl, .div, .img, .ol, .p, .pre, .table, .ul: return true
        default: return false
        }
    }

    /// Readability's phrasing elements (inline content that can sit in a paragraph).
    var isPhrasing: Bool {
        switch self {
        case .abbr, .b, .bdo, .br, .cite, .code, .data, .dfn, .em, .embed, .i, .img, .input, .kbd, .label,
             .mark, .math, .q, .ruby, .samp, .small, .span, .strong, .sub, .sup, .time, .var, .wbr, .text:
            return true
        default: return false
        }
    }
}

/// Element and text nodes of a parsed page in Swift arrays (children lists, text as byte ranges),
/// which the article extractor can score, restructure and prune cheaply.
struct HTMLTree {
    struct Node {
        var tag: HTag
        var parent: Int32
        var children: [Int32] = []
        /// Text nodes: byte range in `text`.
        var textStart: Int32 = 0
        var textEnd: Int32 = 0
        /// Raw class attribute (for readability's same-class sibling bonus).
        var className: String = ""
        /// Lower-cased "class id", matched against boilerplate patterns.
        var matchString: String = ""
        var flags: UInt16 = 0
        /// Readability's class weight (class and id against positive/negative patterns).
        var weight: Int16 = 0
        /// The div this paragraph replaced (`restructureDiv`), -1 for none: the page's layout
        /// as written, whose classes say where a text sits (`PageTextDates`).
        var replacedDiv: Int32 = -1
    }

    // Node flags.
    static let unlikely: UInt16 = 1 << 0      // class/id look like boilerplate
    /// Boilerplate whatever the page: cookie/consent/newsletter widgets, <nav>, <aside>, dialogs,
    /// role=navigation… (removed in every extraction attempt).
    static let strongUnlikely: UInt16 = 1 << 1
    static let byline: UInt16 = 1 << 2
    static let hashLink: UInt16 = 1 << 3      // <a href="#…">
    static let dataTable: UInt16 = 1 << 4
    static let articleBody: UInt16 = 1 << 5   // itemprop=articleBody
    static let videoEmbed: UInt16 = 1 << 7
    /// The element is or contains <article>, <main> or itemprop=articleBody: never boilerplate.
    static let holdsArticle: UInt16 = 1 << 8

    var nodes: [Node] = []
    var text: [UInt8] = []
    /// Collapsed character count and commas of each text node (0 for elements).
    var textLen: [Int32] = []
    var textCommas: [Int32] = []
    var root: Int32 = -1
    var body: Int32 = -1

    // Page metadata gathered while building.
    var meta: [String: String] = [:]
    var metaOrder: [(String, String)] = []
    var titleText: String = ""
    var canonical: String?
    /// The page's declared language: `<html lang>` (or `xml:lang`), else a `Content-Language`
    /// meta, else Open Graph's `og:locale` ("es_ES"); as written.
    var declaredLanguage: String? { htmlLanguage ?? contentLanguage ?? meta["og:locale"] }
    var htmlLanguage: String?
    var contentLanguage: String?
    var jsonLD: [String] = []
    /// Dates in elements and attributes outside the meta tags, in page order.
    var dateEvidence = HTMLDateEvidence()
    var lang: String?

    init(doc: XDoc) {
        guard let r = LibXML.root(doc) else { return }
        nodes.reserveCapacity(4096)
        text.reserveCapacity(1 << 16)
        root = build(r, parent: -1, depth: 0, inTable: false, inCode: false) ?? -1
        if body < 0 { body = root }
        markDataTables()
        if root >= 0 { _ = markArticleHolders(root) }
    }

    @discardableResult
    mutating func markArticleHolders(_ n: Int32) -> Bool {
        var holds = false
        for c in nodes[Int(n)].children where nodes[Int(c)].tag != .text {
            if markArticleHolders(c) { holds = true }
        }
        let node = nodes[Int(n)]
        if node.tag == .article || node.tag == .main || node.flags & HTMLTree.articleBody != 0 { holds = true }
        if holds { nodes[Int(n)].flags |= HTMLTree.holdsArticle }
        return holds
    }

    mutating func newNode(_ tag: HTag, parent: Int32) -> Int32 {
        nodes.append(Node(tag: tag, parent: parent))
        textLen.append(0); textCommas.append(0)
        return Int32(nodes.count - 1)
    }

    // MARK: building

    static let skipped: Set<String> = [
        "script", "style", "noscript", "template", "svg", "canvas", "video", "audio", "select", "textarea",
        "option", "optgroup", "button", "head", "title", "meta", "link", "base", "source", "track", "map",
        "area", "param", "datalist", "output", "progress", "meter", "frameset", "frame", "applet", "portal",
    ]

    /// Builds the subtree for `x`; returns the index to insert in the parent (a div that holds
    /// just one paragraph is replaced by that paragraph), or nil when the element is dropped.
    mutating func build(_ x: XNode, parent: Int32, depth: Int, inTable: Bool, inCode: Bool) -> Int32? {
        let name = LibXML.name(x).lowercased()
        var attrs: [(String, String)] = []
        if x.pointee.properties != nil { attrs = LibXML.attributes(x) }
        noteMetadata(x, name: name, attrs: attrs)
        if name == "head" || name == "noscript" || name == "template" {
            // Not content, but where most metadata lives.
            collectMetadata(under: x, depth: depth + 1)
            return nil
        }
        if HTMLTree.skipped.contains(name) || depth > 400 { return nil }
        if name.utf8.contains(0x3A) { return nil }   // o:p, fb:like, …
        var classAttr = "", idAttr = "", style = "", role = "", itemprop = "", rel = "", href = ""
        var hidden = false, ariaHidden = false
        for (k, v) in attrs {
            switch k {
            case "class": classAttr = v
            case "id": idAttr = v
            case "style": style = v
            case "role": role = v.lowercased()
            case "itemprop": itemprop = v.lowercased()
            case "rel": rel = v.lowercased()
            case "href": href = v
            case "hidden": hidden = true
            case "aria-hidden": ariaHidden = v.trimmingASCIISpaces().lowercased() == "true"
            case "lang": if name == "html", lang == nil { lang = v }
            default: break
            }
        }
        // Invisible elements are not content.
        if hidden { return nil }
        if ariaHidden && !ReadabilityPatterns.matches(classAttr, ["fallback-image"]) { return nil }
        if !style.isEmpty {
            let s = style.lowercased().filter { $0 != " " }
            if ReadabilityPatterns.matches(s, ["display:none", "visibility:hidden"]) { return nil }
        }
        let tag = HTag.byName[name] ?? .other
        let me = newNode(tag, parent: parent)
        if tag == .body && body < 0 { body = me }
        var flags: UInt16 = 0
        let match = (classAttr + " " + idAttr).lowercased()
        if match.count > 1 {
            nodes[Int(me)].matchString = match
            nodes[Int(me)].className = classAttr
            nodes[Int(me)].weight = Int16(ReadabilityPatterns.weight(className: classAttr, id: idAttr))
            if tag != .body && tag != .a && !inTable && !inCode, !ReadabilityPatterns.matches(match, ReadabilityPatterns.maybe) {
                if ReadabilityPatterns.matches(match, ReadabilityPatterns.unlikely) { flags |= HTMLTree.unlikely }
                if ReadabilityPatterns.matches(match, ReadabilityPatterns.strongUnlikely) { flags |= HTMLTree.strongUnlikely }
            }
        }
        if ["menu", "menubar", "navigation", "alertdialog", "dialog"].contains(role) {
            flags |= HTMLTree.strongUnlikely
        } else if role == "complementary" || role == "alert" {
            flags |= HTMLTree.unlikely
        }
        if tag == .nav || tag == .aside || tag == .dialog || tag == .menu { flags |= HTMLTree.strongUnlikely }
        if rel == "author" || ReadabilityPatterns.matches(itemprop, ["author"]) || ReadabilityPatterns.matches(match, ReadabilityPatterns.byline) {
            flags |= HTMLTree.byline
        }
        if tag == .a, href.hasPrefix("#") { flags |= HTMLTree.hashLink }
        if ReadabilityPatterns.matches(itemprop, ["articlebody"]) { flags |= HTMLTree.articleBody }
        if tag == .embed, attrs.contains(where: { ReadabilityPatterns.isVideoURL($0.1) }) { flags |= HTMLTree.videoEmbed }
        nodes[Int(me)].flags = flags

        // Children.
        var kids: [Int32] = []
        let childInTable = inTable || tag == .table
        let childInCode = inCode || tag == .code || tag == .pre
        var c = x.pointee.children
        while let child = c {
            switch child.pointee.type {
            case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
                if let content = child.pointee.content {
                    kids.append(addText(content, parent: me))
                }
            case XML_ELEMENT_NODE:
                if let k = build(child, parent: me, depth: depth + 1, inTable: childInTable, inCode: childInCode) {
                    kids.append(k)
                }
            default:
                break
            }
            c = child.pointee.next
        }
        nodes[Int(me)].children = kids
        if tag == .div { return restructureDiv(me) }
        return me
    }

    mutating func addText(_ content: UnsafePointer<UInt8>, parent: Int32) -> Int32 {
        let n = newNode(.text, parent: parent)
        let start = text.count
        LibXML.appendCString(content, &text)
        nodes[Int(n)].textStart = Int32(start)
        nodes[Int(n)].textEnd = Int32(text.count)
        // Collapsed length (whitespace runs count one) and commas.
        var len: Int32 = 0, commas: Int32 = 0
        var inSpace = true
        var i = start
        let end = text.count
        while i < end {
            let b = text[i]
            if isSpace(b) {
                if !inSpace { len += 1; inSpace = true }
            } else {
                inSpace = false
                if b & 0xC0 != 0x80 { len += 1 }
                if b == 0x2C { commas += 1 }
                else if b == 0xEF, i + 2 < end, text[i + 1] == 0xBC, text[i + 2] == 0x8C { commas += 1 }     // ，
                else if b == 0xD8, i + 1 < end, text[i + 1] == 0x8C { commas += 1 }                        // ،
                else if b == 0xE3, i + 2 < end, text[i + 1] == 0x80, text[i + 2] == 0x81 { commas += 1 }   // 、
            }
            i += 1
        }
        if inSpace && len > 0 { len -= 1 }
        textLen[Int(n)] = len
        textCommas[Int(n)] = commas
        return n
    }

    func isWhitespaceText(_ n: Int32) -> Bool {
        let node = nodes[Int(n)]
        return node.tag == .text && textLen[Int(n)] == 0
    }

    func isPhrasing(_ n: Int32) -> Bool {
        let t = nodes[Int(n)].tag
        if t.isPhrasing { return true }
        if t == .a || t == .del || t == .ins { return nodes[Int(n)].children.allSatisfy { isPhrasing($0) } }
        return false
    }

    /// Readability's treatment of DIVs: runs of inline content become paragraphs; a div holding a
    /// single paragraph (and few links) is replaced by it; a div without blocks becomes a paragraph.
    mutating func restructureDiv(_ div: Int32) -> Int32 {
        let kids = nodes[Int(div)].children
        var newKids: [Int32] = []
        var run: [Int32] = []
        var runStarted = false
        for k in kids {
            if isPhrasing(k) {
                if runStarted { run.append(k) }
                else if !(isWhitespaceText(k) || nodes[Int(k)].tag == .br) { runStarted = true; run = [k] }
                else { newKids.append(k) }
            } else {
                if runStarted { wrapRun(&newKids, &run, div: div); runStarted = false }
                newKids.append(k)
            }
        }
        if runStarted { wrapRun(&newKids, &run, div: div); runStarted = false }
        nodes[Int(div)].children = newKids

        // A single paragraph child and no loose text: the paragraph replaces the div.
        let elementKids = newKids.filter { nodes[Int($0)].tag != .text }
        if elementKids.count == 1, nodes[Int(elementKids[0])].tag == .p,
           !newKids.contains(where: { nodes[Int($0)].tag == .text && textLen[Int($0)] > 0 }) {
            let p = elementKids[0]
            let (t, l) = quickLengths(p)
            if t == 0 || l / Double(t) < 0.25 {
                nodes[Int(p)].parent = nodes[Int(div)].parent
                nodes[Int(p)].replacedDiv = div
                // Readability tests the div for boilerplate before replacing it: keep the verdict.
                nodes[Int(p)].flags |= nodes[Int(div)].flags & (HTMLTree.unlikely | HTMLTree.strongUnlikely | HTMLTree.byline)
                return p
            }
        }
        if !hasBlockDescendant(div) { nodes[Int(div)].tag = .p }
        return div
    }

    private mutating func wrapRun(_ newKids: inout [Int32], _ run: inout [Int32], div: Int32) {
        var trailing: [Int32] = []
        while let last = run.last, isWhitespaceText(last) || nodes[Int(last)].tag == .br { trailing.insert(run.removeLast(), at: 0) }
        let p = newNode(.p, parent: div)
        nodes[Int(p)].children = run
        for k in run { nodes[Int(k)].parent = p }
        newKids.append(p)
        newKids.append(contentsOf: trailing)
        run = []
    }

    func hasBlockDescendant(_ n: Int32) -> Bool {
        for c in nodes[Int(n)].children {
            if nodes[Int(c)].tag.isDivToPBlock || hasBlockDescendant(c) { return true }
        }
        return false
    }

    /// Text length and link text length of a subtree (construction-time, nothing removed yet).
    func quickLengths(_ n: Int32) -> (Int32, Double) {
        let node = nodes[Int(n)]
        if node.tag == .text { return (textLen[Int(n)], 0) }
        var t: Int32 = 0, l: Double = 0
        for c in node.children {
            let (ct, cl) = quickLengths(c)
            t += ct; l += cl
        }
        if node.tag == .a { l = Double(t) * (node.flags & HTMLTree.hashLink != 0 ? 0.3 : 1) }
        return (t, l)
    }

    /// Readability's data-table test: tables of real data are kept whatever their link density.
    mutating func markDataTables() {
        for i in nodes.indices where nodes[i].tag == .table {
            if isDataTable(Int32(i)) { nodes[i].flags |= HTMLTree.dataTable }
        }
    }

    func isDataTable(_ t: Int32) -> Bool {
        var rows = 0, columns = 0
        var hasHeaderParts = false, nested = false
        func walk(_ n: Int32, _ depth: Int) {
            for c in nodes[Int(n)].children {
                let tag = nodes[Int(c)].tag
                switch tag {
                case .table: nested = true; continue
                case .th, .thead, .tfoot, .colgroup, .col, .caption: hasHeaderParts = true
                case .tr:
                    rows += 1
                    let cells = nodes[Int(c)].children.filter { nodes[Int($0)].tag == .td || nodes[Int($0)].tag == .th }.count
                    columns = max(columns, cells)
                default: break
                }
                walk(c, depth + 1)
            }
        }
        walk(t, 0)
        if hasHeaderParts { return true }
        if nested { return false }
        if rows >= 10 || columns > 4 { return true }
        return rows * columns > 10
    }

    // MARK: metadata

    /// Notes the metadata in a subtree that is not content (the head).
    mutating func collectMetadata(under x: XNode, depth: Int) {
        guard depth < 400 else { return }
        var c = x.pointee.children
        while let child = c {
            if child.pointee.type == XML_ELEMENT_NODE {
                let name = LibXML.name(child).lowercased()
                let attrs = child.pointee.properties != nil ? LibXML.attributes(child) : []
                noteMetadata(child, name: name, attrs: attrs)
                if name != "script" && name != "style" && name != "title" { collectMetadata(under: child, depth: depth + 1) }
            }
            c = child.pointee.next
        }
    }

    mutating func noteMetadata(_ x: XNode, name: String, attrs: [(String, String)]) {
        switch name {
        case "html":
            if htmlLanguage == nil, let lang = attrs.first(where: { $0.0 == "lang" || $0.0 == "xml:lang" })?.1,
               !lang.isEmpty { htmlLanguage = lang }
        case "title":
            if titleText.isEmpty { titleText = collapseWhitespace(LibXML.rawText(x)) }
        case "meta":
            var content: String? = nil
            var keys: [String] = []
            for (k, v) in attrs {
                switch k {
                case "content": content = v
                case "http-equiv" where v.lowercased() == "content-language": keys.append("content-language")
                case "http-equiv" where v.lowercased() == "last-modified": keys.append("last-modified")
                case "property", "name", "itemprop":
                    for key in v.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" }) {
                        keys.append(key.lowercased())
                    }
                default: break
                }
            }
            guard let content, !content.isEmpty else { return }
            let value = collapseWhitespace(content)
            if keys.contains("content-language"), contentLanguage == nil { contentLanguage = value }
            for k in keys {
                meta[k] = value
                metaOrder.append((k, value))
            }
        case "link":
            var isCanonical = false, href: String? = nil
            for (k, v) in attrs {
                if k == "rel", v.lowercased().split(separator: " ").contains("canonical") { isCanonical = true }
                if k == "href" { href = v }
            }
            if isCanonical, canonical == nil, let href, !href.isEmpty { canonical = href }
        case "script":
            if attrs.contains(where: { $0.0 == "type" && $0.1.lowercased().contains("ld+json") }) {
                jsonLD.append(LibXML.rawText(x))
            }
        default:
            dateEvidence.note(x, name: name, attrs: attrs)
        }
    }

    // MARK: text

    /// The visible text of a subtree: block elements become paragraphs, cells are spaced,
    /// whitespace collapses. `skip` tells which nodes (and their subtrees) to leave out.
    func appendText(_ n: Int32, to out: inout TextBuilder, inPre: Bool = false, skip: (Int32) -> Bool) {
        let node = nodes[Int(n)]
        if node.tag == .text {
            let buf = text.withUnsafeBufferPointer { UnsafeBufferPointer(rebasing: $0[Int(node.textStart)..<Int(node.textEnd)]) }
            if inPre {
                // Keep the lines of preformatted text.
                var start = 0
                for i in 0..<buf.count where buf[i] == 0x0A {
                    out.append(UnsafeBufferPointer(rebasing: buf[start..<i]))
                    out.breakParagraph()
                    start = i + 1
                }
                out.append(UnsafeBufferPointer(rebasing: buf[start...]))
            } else {
                out.append(buf)
            }
            return
        }
        if skip(n) { return }
        let tag = node.tag
        if tag == .br || tag == .hr { out.breakParagraph(); return }
        let block = tag.isBlock
        if block { out.breakParagraph() }
        if tag == .td || tag == .th { out.space() }
        for c in node.children { appendText(c, to: &out, inPre: inPre || tag == .pre, skip: skip) }
        if tag == .td || tag == .th { out.space() }
        if block { out.breakParagraph() }
    }

    func textOf(_ n: Int32) -> String {
        guard n >= 0 else { return "" }
        var b = TextBuilder()
        appendText(n, to: &b, skip: { _ in false })
        return b.string()
    }

    /// All nodes with `tag` under `n` (inclusive) in document order.
    func all(_ tag: HTag, under n: Int32) -> [Int32] {
        guard n >= 0 else { return [] }   // no root: a page libxml2 found no element in
        var out: [Int32] = []
        var stack: [Int32] = [n]
        while let x = stack.popLast() {
            if nodes[Int(x)].tag == tag { out.append(x) }
            stack.append(contentsOf: nodes[Int(x)].children.reversed())
        }
        return out
    }
}
