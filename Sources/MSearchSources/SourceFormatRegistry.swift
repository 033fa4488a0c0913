/// The formats a run reads, and how a file is matched to one: by its extension first, then by
/// sniffing its first bytes. `SourceReader` and `SourceWalker` dispatch through a registry, so
/// no code outside a format's reader names the format.
public struct SourceFormatRegistry: Sendable {
    /// In order: sniffing asks them in this order, and the fuzzers pick formats by position.
    public let formats: [FormatCapabilities]
    /// What content no format recognises is read as, when it looks like text at all.
    public let fallback: SourceFormat?
    private let byExtension: [String: Int]
    private let byName: [String: Int]

    /// Every format msearch reads. A new format adds its reader's `capabilities` here.
    public static let standard = SourceFormatRegistry([
        TextReader.capabilities,
        HTMLReader.capabilities,
        XMLFeedReader.capabilities,
        ReutersReader.capabilities,
        // Before JSON Lines, whose sniffing takes any text that starts with "{".
        JSONFeedReader.capabilities,
        JSONLinesReader.capabilities,
        MailReader.capabilities,
    ], fallback: .text)

    /// Names and extensions must be unique across `formats` (a programming error otherwise).
    public init(_ formats: [FormatCapabilities], fallback: SourceFormat? = nil) {
        self.formats = formats
        self.fallback = fallback
        var byExtension: [String: Int] = [:], byName: [String: Int] = [:]
        for (i, capabilities) in formats.enumerated() {
            precondition(byName.updateValue(i, forKey: capabilities.format.rawValue) == nil,
                         "format \(capabilities.format) registered twice")
            for ext in capabilities.extensions {
                precondition(byExtension.updateValue(i, forKey: ext) == nil, "extension .\(ext) claimed by two formats")
            }
        }
        self.byExtension = byExtension
        self.byName = byName
    }

    /// The formats and their extensions in a sentence, for help texts: "plain text (.txt, .md),
    /// HTML (.html, .htm) and JSON Lines (.jsonl)".
    public var summary: String {
        let parts = formats.map { "\($0.label) (\($0.extensions.map { "." + $0 }.joined(separator: ", ")))" }
        guard let last = parts.last else { return "" }
        return parts.count == 1 ? last : parts.dropLast().joined(separator: ", ") + " and " + last
    }

    /// A registry with one more format (a test's, a library user's).
    public func adding(_ capabilities: FormatCapabilities) -> SourceFormatRegistry {
        SourceFormatRegistry(formats + [capabilities], fallback: fallback)
    }

    public subscript(format: SourceFormat) -> FormatCapabilities? {
        byName[format.rawValue].map { formats[$0] }
    }

    /// The registered format called `name` ("jsonl").
    public func format(named name: String) -> SourceFormat? { byName[name].map { formats[$0].format } }

    /// The format implied by a file name's extension (case-insensitive, ".gz" looked through),
    /// or nil when no registered format claims it. The walker picks files by this alone.
    public func format(forPath path: String) -> SourceFormat? { capabilities(forPath: path)?.format }

    public func capabilities(forPath path: String) -> FormatCapabilities? {
        byExtension[SourceFormat.formatExtension(ofPath: path)].map { formats[$0] }
    }

    /// The format of a file: by its extension when that names one, else by its first bytes
    /// (`prefix`, a few hundred bytes are plenty): the first format whose sniffing recognises
    /// them, else the fallback when they look like text. Nil for binary content (a NUL byte),
    /// gzip and UTF-16/32 content, which cannot be told from raw bytes.
    public func detect(path: String, prefix: [UInt8]) -> SourceFormat? {
        if let format = format(forPath: path) { return format }
        guard let sniffed = SniffedPrefix(prefix) else { return nil }
        return formats.first { $0.sniff?(sniffed) == true }?.format ?? fallback
    }

    /// The problem for a file no registered format claims ("unsupported file type (.pdf)").
    static func unsupported(_ path: String) -> SourceProblem {
        let ext = SourceFormat.extensionOf(Substring(SourceFormat.fileName(path)))
        return SourceProblem(path: path, reason: ext.isEmpty ? "unsupported file type (no extension)" : "unsupported file type (.\(ext))", kind: .unknownFormat)
    }
}

/// The first bytes of a file as sniffing sees them: after a UTF-8 byte-order mark and leading
/// whitespace, lower-cased (ASCII), so each format's test is a plain prefix comparison.
public struct SniffedPrefix: Sendable {
    /// The prefix from its first non-blank byte, ASCII letters lower-cased.
    public let text: [UInt8]

    /// Nil when the bytes are not text sniffing can judge: gzip, a UTF-16/32 byte-order mark,
    /// or a NUL byte.
    public init?(_ raw: [UInt8]) {
        if raw.starts(with: [0x1F, 0x8B]) || raw.starts(with: [0xFF, 0xFE]) || raw.starts(with: [0xFE, 0xFF])
            || raw.starts(with: [0, 0, 0xFE, 0xFF]) || raw.contains(0) { return nil }
        var bytes = raw[...]
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
        text = bytes.drop(while: isSpace).map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }
    }

    /// Whether the text starts with `start` (give it lower-case).
    public func starts(with start: String) -> Bool { text.starts(with: start.utf8) }

    /// The text after an XML declaration, comments and processing instructions (and the
    /// whitespace between them): where the first element or DOCTYPE is.
    public var afterProlog: ArraySlice<UInt8> {
        var rest = text[...]
        while true {
            rest = rest.drop(while: isSpace)
            let close: [UInt8]
            if rest.starts(with: "<?".utf8) { close = Array("?>".utf8) }
            else if rest.starts(with: "<!--".utf8) { close = Array("-->".utf8) }
            else { return rest }
            guard let end = SniffedPrefix.find(close, in: rest) else { return rest[rest.endIndex...] }
            rest = rest[(end + close.count)...]
        }
    }

    /// Whether the first element or DOCTYPE after the prolog starts with one of `starts`.
    public func markupStarts(with starts: String...) -> Bool {
        let rest = afterProlog
        return starts.contains { rest.starts(with: $0.utf8) }
    }

    private static func find(_ needle: [UInt8], in hay: ArraySlice<UInt8>) -> Int? {
        var i = hay.startIndex
        while i + needle.count <= hay.endIndex {
            if hay[i..<(i + needle.count)].elementsEqual(needle) { return i }
            i += 1
        }
        return nil
    }
}
