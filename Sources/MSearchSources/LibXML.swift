import CLibXML2

typealias XNode = UnsafeMutablePointer<xmlNode>
typealias XDoc = UnsafeMutablePointer<xmlDoc>

/// Thin, safe-by-default wrappers around libxml2: parsing with options that never touch the network
/// or the file system and never expand entities, and reading names, attributes and text.
enum LibXML {
    private static let initialized: Void = { xmlInitParser() }()

    /// libxml2 prints some errors (encoding conversion) even with NOERROR; route this thread's
    /// errors to a no-op. The parser context still records the last error for our messages.
    static func prepareThread() {
        _ = initialized
        xmlSetStructuredErrorFunc(nil, { _, _ in })
    }

    /// Parses HTML leniently (recover from any error). `encoding` overrides what the page declares.
    static func parseHTML(_ bytes: UnsafeBufferPointer<UInt8>, encoding: String?) -> XDoc? {
        prepareThread()
        guard let base = bytes.baseAddress, bytes.count < Int(Int32.max) else { return nil }
        var options = HTML_PARSE_RECOVER.rawValue | HTML_PARSE_NOERROR.rawValue | HTML_PARSE_NOWARNING.rawValue
            | HTML_PARSE_NONET.rawValue | HTML_PARSE_COMPACT.rawValue
        if encoding != nil { options |= HTML_PARSE_IGNORE_ENC.rawValue }
        return base.withMemoryRebound(to: CChar.self, capacity: bytes.count) { p in
            if let encoding {
                return encoding.withCString { htmlReadMemory(p, Int32(bytes.count), nil, $0, Int32(options)) }
            }
            return htmlReadMemory(p, Int32(bytes.count), nil, nil, Int32(options))
        }
    }

    /// Parses XML strictly. No XML_PARSE_NOENT (entities stay references: no billion-laughs
    /// expansion, no external entity is read), no DTD loading, no network.
    /// Throws a one-line reason with libxml2's message and the line on malformed input.
    static func parseXML(_ bytes: UnsafeBufferPointer<UInt8>, encoding: String?, path: String) throws -> XDoc {
        prepareThread()
        guard let base = bytes.baseAddress, bytes.count < Int(Int32.max) else {
            throw SourceProblem(path: path, reason: "file too large for the XML parser", kind: .tooLarge)
        }
        guard let ctxt = xmlNewParserCtxt() else { throw SourceProblem(path: path, reason: "cannot create XML parser") }
        defer { xmlFreeParserCtxt(ctxt) }
        let options = XML_PARSE_NONET.rawValue | XML_PARSE_NOERROR.rawValue | XML_PARSE_NOWARNING.rawValue
            | XML_PARSE_NOCDATA.rawValue | XML_PARSE_COMPACT.rawValue
        let doc: XDoc? = base.withMemoryRebound(to: CChar.self, capacity: bytes.count) { p in
            if let encoding {
                return encoding.withCString { xmlCtxtReadMemory(ctxt, p, Int32(bytes.count), nil, $0, Int32(options)) }
            }
            return xmlCtxtReadMemory(ctxt, p, Int32(bytes.count), nil, nil, Int32(options))
        }
        if let doc, ctxt.pointee.wellFormed != 0 { return doc }
        if let doc { xmlFreeDoc(doc) }
        let err = ctxt.pointee.lastError
        var message = err.message.map { String(cString: $0) } ?? "parse error"
        message = collapseWhitespace(message)
        if message.hasSuffix(".") { message.removeLast() }
        throw SourceProblem(path: path, reason: "malformed XML: \(message)" + (err.line > 0 ? " (line \(err.line))" : ""))
    }

    static func root(_ doc: XDoc) -> XNode? { xmlDocGetRootElement(doc) }

    @inline(__always) static func isElement(_ n: XNode) -> Bool { n.pointee.type == XML_ELEMENT_NODE }

    /// The local name (without prefix), as libxml2 stores it; HTML names are lower-case.
    static func name(_ n: XNode) -> String {
        guard let p = n.pointee.name else { return "" }
        return String(cString: p)
    }

    /// The namespace prefix of an element ("content" in content:encoded), or nil.
    static func prefix(_ n: XNode) -> String? {
        guard let ns = n.pointee.ns, let p = ns.pointee.prefix else { return nil }
        return String(cString: p)
    }

    static func namespaceURI(_ n: XNode) -> String? {
        guard let ns = n.pointee.ns, let p = ns.pointee.href else { return nil }
        return String(cString: p)
    }

    /// Element children in order.
    static func children(_ n: XNode) -> [XNode] {
        var out: [XNode] = []
        var c = n.pointee.children
        while let child = c {
            if child.pointee.type == XML_ELEMENT_NODE { out.append(child) }
            c = child.pointee.next
        }
        return out
    }

    /// The value of attribute `name` (case-insensitive, any namespace).
    static func attribute(_ n: XNode, _ name: String) -> String? {
        var a = n.pointee.properties
        while let attr = a {
            if let an = attr.pointee.name, String(cString: an).lowercased() == name { return attributeValue(attr) }
            a = attr.pointee.next
        }
        return nil
    }

    static func attributeValue(_ attr: UnsafeMutablePointer<xmlAttr>) -> String {
        var s = ""
        var c = attr.pointee.children
        while let n = c {
            if let content = n.pointee.content { s += String(cString: content) }
            c = n.pointee.next
        }
        return s
    }

    /// All attributes as (lower-cased name, value) pairs.
    static func attributes(_ n: XNode) -> [(String, String)] {
        var out: [(String, String)] = []
        var a = n.pointee.properties
        while let attr = a {
            if let an = attr.pointee.name { out.append((String(cString: an).lowercased(), attributeValue(attr))) }
            a = attr.pointee.next
        }
        return out
    }

    /// Raw text content of a subtree (text and CDATA), whitespace untouched. Entity references
    /// are not followed, except internal entities whose replacement text is plain, drawn from
    /// the file's `entities` budget (HTML pages have none to expand).
    static func rawText(_ n: XNode, entities: EntityBudget = EntityBudget(limit: 0)) -> String {
        var out: [UInt8] = []
        appendRawText(n, &out, entities, depth: 0)
        return String(decoding: out, as: UTF8.self)
    }

    static func appendRawText(_ n: XNode, _ out: inout [UInt8], _ entities: EntityBudget, depth: Int) {
        switch n.pointee.type {
        case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
            if let c = n.pointee.content { appendCString(c, &out) }
        case XML_ENTITY_REF_NODE:
            appendEntity(n, &out, entities)
        case XML_ELEMENT_NODE, XML_DOCUMENT_NODE, XML_HTML_DOCUMENT_NODE:
            guard depth < 512 else { return }
            var c = n.pointee.children
            while let child = c {
                appendRawText(child, &out, entities, depth: depth + 1)
                c = child.pointee.next
            }
        default:
            break
        }
    }

    static func appendCString(_ c: UnsafePointer<UInt8>, _ out: inout [UInt8]) {
        let len = Int(xmlStrlen(c))
        out.append(contentsOf: UnsafeBufferPointer(start: c, count: len))
    }

    /// The replacement text of an internal entity when it is plain text (no markup or further
    /// references), taken from the file's budget: never the content of external entities, never
    /// a nested expansion, and never more than `ReadLimits.maxEntityExpansion` in all, however
    /// often the entity is referenced (the caller refuses the file once the budget is exceeded).
    static func appendEntity(_ n: XNode, _ out: inout [UInt8], _ entities: EntityBudget) {
        guard !entities.exceeded, let doc = n.pointee.doc, let name = n.pointee.name,
              let ent = xmlGetDocEntity(doc, name),
              ent.pointee.etype == XML_INTERNAL_GENERAL_ENTITY,
              let content = ent.pointee.content else { return }
        // libxml2 keeps the length of the replacement text: no scan of a large entity per reference.
        let len = ent.pointee.length > 0 ? Int(ent.pointee.length) : Int(xmlStrlen(content))
        guard entities.take(len) else { return }
        let buf = UnsafeBufferPointer(start: content, count: len)
        if buf.contains(0x26) || buf.contains(0x3C) { return }
        out.append(contentsOf: buf)
    }
}
