import Glibc

/// A pass over HTML/XML bytes before libxml2 sees them, counting start tags and their
/// attributes: libxml2 has no limit on either (3 million `<p>` cost gigabytes of trees, one
/// element with 100,000 attributes a minute of its quadratic duplicate check), so the counts
/// are checked here, at memchr speed, against `ReadLimits`.
///
/// The count is an upper bound of what the parser builds: every `<` followed by a letter counts
/// as an element, except in comments, CDATA sections and (for HTML) scripts and styles, which
/// the parser reads as text.
struct MarkupScan {
    var elements = 0
    var attributes = 0
    /// The longest run of bytes between two tags, and where it starts.
    var longestText = 0
    var longestTextStart = 0

    /// libxml2's limit on one text node without XML_PARSE_HUGE (XML_MAX_TEXT_LENGTH): the
    /// HTML parser stops reading the page there.
    static let parserTextLimit = 10_000_000

    /// Counts the markup in `buf`; throws the reason when a limit is passed.
    /// `html`: the bytes go to the HTML parser, for which scripts and styles hold no elements.
    static func check(_ buf: UnsafeBufferPointer<UInt8>, limits: ReadLimits, path: String, what: String = "file",
                      html: Bool = false) throws -> MarkupScan {
        var scan = MarkupScan()
        guard let base = buf.baseAddress else { return scan }
        let n = buf.count
        var i = 0
        var textStart = 0
        func noteText(upTo end: Int) {
            if end - textStart > scan.longestText { scan.longestText = end - textStart; scan.longestTextStart = textStart }
        }
        while i < n {
            guard let p = memchr(base + i, 0x3C, n - i) else { break }   // '<'
            let lt = UnsafeRawPointer(p) - UnsafeRawPointer(base)
            noteText(upTo: lt)
            i = lt + 1
            guard i < n else { break }
            if isASCIILetter(buf[i]) {
                scan.elements += 1
                if scan.elements > limits.maxElements {
                    throw SourceProblem(path: path, reason: "more than \(limits.maxElements) elements in the \(what) (the limit per \(what))")
                }
                let nameStart = i
                i = try scanTag(buf, from: i, scan: &scan, limits: limits, path: path, what: what, tagStart: lt)
                if html, let raw = rawTextName(buf, at: nameStart) { i = skipRawText(buf, from: i, closing: raw) }
            } else if let end = skipSpecial(buf, from: i) {
                i = end
            }
            textStart = i
        }
        noteText(upTo: n)
        return scan
    }

    /// "script" or "style" when the tag name at `i` is one (any case): their content is text to
    /// libxml2's HTML parser, whatever `<` it holds (`if (a<b)`), so it is not scanned as markup.
    private static func rawTextName(_ buf: UnsafeBufferPointer<UInt8>, at i: Int) -> StaticString? {
        for name in ["script", "style"] as [StaticString] where hasName(buf, at: i, name) { return name }
        return nil
    }

    /// Whether the bytes at `i` are `name` (ASCII, any case) followed by the end of a tag name.
    private static func hasName(_ buf: UnsafeBufferPointer<UInt8>, at i: Int, _ name: StaticString) -> Bool {
        let m = name.utf8CodeUnitCount
        guard i + m <= buf.count else { return false }
        for k in 0..<m where buf[i + k] | 0x20 != name.utf8Start[k] { return false }
        return i + m == buf.count || !isASCIILetter(buf[i + m])
    }

    /// The offset of the `</name` that closes a script or style from `i` (or the end of input).
    private static func skipRawText(_ buf: UnsafeBufferPointer<UInt8>, from start: Int, closing name: StaticString) -> Int {
        var i = start
        while i < buf.count, let p = memchr(buf.baseAddress! + i, 0x3C, buf.count - i) {
            let lt = UnsafeRawPointer(p) - UnsafeRawPointer(buf.baseAddress!)
            if lt + 1 < buf.count, buf[lt + 1] == 0x2F, hasName(buf, at: lt + 2, name) { return lt }
            i = lt + 1
        }
        return buf.count
    }

    /// Skips a comment or a CDATA section starting after its `<`; nil when `i` starts neither.
    private static func skipSpecial(_ buf: UnsafeBufferPointer<UInt8>, from i: Int) -> Int? {
        func starts(_ s: StaticString) -> Bool {
            let m = s.utf8CodeUnitCount
            guard i + m <= buf.count else { return false }
            return memcmp(buf.baseAddress! + i, s.utf8Start, m) == 0
        }
        func skip(to close: StaticString, from start: Int) -> Int {
            let needle = UnsafeBufferPointer(start: close.utf8Start, count: close.utf8CodeUnitCount)
            let rest = UnsafeBufferPointer(rebasing: buf[start...])
            guard let at = findBytes(needle, in: rest) else { return buf.count }
            return start + at + needle.count
        }
        if starts("!--") { return skip(to: "-->", from: i + 3) }
        if starts("![CDATA[") { return skip(to: "]]>", from: i + 8) }
        return nil
    }

    /// Reads a start tag's name and attributes from `i` (just after `<`); returns the offset
    /// after its `>` (or the end of input).
    private static func scanTag(_ buf: UnsafeBufferPointer<UInt8>, from start: Int, scan: inout MarkupScan,
                                limits: ReadLimits, path: String, what: String, tagStart: Int) throws -> Int {
        let n = buf.count
        var i = start
        func endsName(_ b: UInt8) -> Bool { isSpace(b) || b == 0x3E || b == 0x2F || b == 0x3D }   // > / =
        while i < n, !endsName(buf[i]) { i += 1 }
        var count = 0
        while i < n {
            let b = buf[i]
            if b == 0x3E { return i + 1 }
            if isSpace(b) || b == 0x2F { i += 1; continue }
            if b == 0x3C { return i }   // a new tag before this one closed: libxml2 recovers likewise
            // An attribute name (or a stray '='), then perhaps a value.
            let nameStart = i
            while i < n, !endsName(buf[i]), buf[i] != 0x3C { i += 1 }
            if i == nameStart, b != 0x3D { i += 1; continue }
            count += 1
            scan.attributes += 1
            if count > limits.maxAttributesPerElement {
                throw SourceProblem(path: path, reason: "an element with more than \(limits.maxAttributesPerElement) attributes at byte \(tagStart) (the limit per element)")
            }
            if scan.attributes > limits.maxAttributes {
                throw SourceProblem(path: path, reason: "more than \(limits.maxAttributes) attributes in the \(what) (the limit per \(what))")
            }
            var j = i
            while j < n, isSpace(buf[j]) { j += 1 }
            guard j < n, buf[j] == 0x3D else { continue }   // no value
            j += 1
            while j < n, isSpace(buf[j]) { j += 1 }
            guard j < n else { return n }
            let q = buf[j]
            if q == 0x22 || q == 0x27 {
                guard let close = memchr(buf.baseAddress! + j + 1, Int32(q), n - j - 1) else { return n }
                i = UnsafeRawPointer(close) - UnsafeRawPointer(buf.baseAddress!) + 1
            } else {
                while j < n, !isSpace(buf[j]), buf[j] != 0x3E { j += 1 }
                i = j
            }
        }
        return n
    }
}
