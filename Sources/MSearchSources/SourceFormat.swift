/// The name of a file format msearch reads ("text", "html", "xml", "reuters", "jsonl"): what a
/// document carries and what the index records about it. Each name is declared by its reader,
/// beside the format's capabilities (`FormatCapabilities`), and the formats a run knows are the
/// entries of a `SourceFormatRegistry`; nothing else lists them.
public struct SourceFormat: RawRepresentable, Hashable, Codable, Sendable, CustomStringConvertible {
    public let rawValue: String

    /// A new format's name; declared once, by the format's reader (`SourceFormat.text`, …).
    public init(name: String) { rawValue = name }

    /// The standard format recorded under `rawValue` (as an index stores it), nil for a name
    /// the standard registry does not know.
    public init?(rawValue: String) {
        guard let known = SourceFormatRegistry.standard.format(named: rawValue) else { return nil }
        self = known
    }

    public var description: String { rawValue }

    /// The standard format implied by a file name's extension (case-insensitive), or nil when
    /// msearch does not read such files (see `SourceFormatRegistry.format(forPath:)`).
    public static func forPath(_ path: String) -> SourceFormat? {
        SourceFormatRegistry.standard.format(forPath: path)
    }

    /// The lower-cased extension of a file name ("" when none); a leading dot is not one.
    static func extensionOf(_ name: Substring) -> String {
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return "" }
        return name[name.index(after: dot)...].lowercased()
    }

    /// The extension that names a file's format: a trailing ".gz" is looked through
    /// ("page.html.gz" is "html"), because readers decompress gzip content themselves.
    static func formatExtension(ofPath path: String) -> String {
        var name = Substring(fileName(path))
        var ext = extensionOf(name)
        if ext == "gz" {
            name = name.dropLast(3)
            ext = extensionOf(name)
        }
        return ext
    }

    /// The last path component.
    static func fileName(_ path: String) -> String {
        var p = Substring(path)
        while p.count > 1, p.hasSuffix("/") { p = p.dropLast() }
        if let slash = p.lastIndex(of: "/") { return String(p[p.index(after: slash)...]) }
        return String(p)
    }

    /// The file name without its extension(s) msearch knows ("a/b/page.html.gz" → "page"):
    /// the id of one-document files.
    public static func stem(_ path: String) -> String {
        var name = Substring(fileName(path))
        if extensionOf(name) == "gz" { name = name.dropLast(3) }
        if let dot = name.lastIndex(of: "."), dot != name.startIndex { name = name[..<dot] }
        return String(name)
    }
}
