/// What one file may cost to read: budgets enforced where the bytes are produced (inflating,
/// parsing markup, expanding entities), so a small hostile file cannot turn into gigabytes of
/// memory or minutes of parsing, and a huge article cannot make every search that hits it slow.
///
/// Each limit ends in a one-line `SourceProblem` naming the file: over a parsing limit the file
/// is skipped; over the text limit the document is kept, truncated, with a note.
public struct ReadLimits: Sendable, Equatable {
    /// Decompressed gzip content past this is refused (`--max-file-size`, default 100 MB):
    /// checked as it inflates, so a bomb never reaches memory.
    public var maxFileSize = 100 << 20
    /// Text analysed and stored per document (the body; 4 MB). A 4 MB article is already a
    /// book; past that each search hitting it would rebuild snippets from tens of MB.
    public var maxTextBytes = 4 << 20
    /// A title longer than this (a one-line text file's first line) is cut.
    public var maxTitleBytes = 4 << 10
    /// Replacement text of internal XML entities, in total per file (1 MB): an entity
    /// referenced a thousand times no longer multiplies the file.
    public var maxEntityExpansion = 1 << 20
    /// Elements per HTML/XML file or HTML fragment (200,000; the largest of 713 saved news and
    /// test pages has 10,000), so a page's trees stay near 200 MB and its extraction near 10 s.
    public var maxElements = 200_000
    /// Attributes on one element (1,000): libxml2's duplicate check is quadratic in them.
    public var maxAttributesPerElement = 1_000
    /// Attributes per file (500,000).
    public var maxAttributes = 500_000

    public init() {}

    public static let `default` = ReadLimits()

    /// "4 MB", "1.5 MB", "1000 bytes": a limit as messages show it.
    static func megabytes(_ bytes: Int) -> String {
        if bytes % (1 << 20) == 0 { return "\(bytes >> 20) MB" }
        if bytes < 1 << 20 { return "\(bytes) bytes" }
        let tenths = bytes / (1 << 20) * 10 + bytes % (1 << 20) * 10 / (1 << 20)
        return "\(tenths / 10).\(tenths % 10) MB"
    }

    /// Cuts a document's title and body to the limits, at a character boundary (at a space when
    /// one is near); returns the note to report when the body was cut.
    public func truncate(_ doc: inout SourceDocument, inFileOf count: Int) -> SourceProblem? {
        if doc.title.utf8.count > maxTitleBytes { doc.title = ReadLimits.prefix(doc.title, bytes: maxTitleBytes) }
        guard doc.body.utf8.count > maxTextBytes else { return nil }
        let total = doc.body.utf8.count
        doc.body = ReadLimits.prefix(doc.body, bytes: maxTextBytes)
        let which = count > 1 ? "document \(doc.id): " : ""
        let limit = ReadLimits.megabytes(maxTextBytes)
        return SourceProblem(path: doc.path, reason: "\(which)text past \(limit) not indexed (truncated at \(limit), "
            + "the limit on text per document; \(total - doc.body.utf8.count) bytes left out)", partial: true)
    }

    /// The longest prefix of `s` of at most `bytes` UTF-8 bytes that ends on a character
    /// boundary, shortened to the last space within 256 bytes so no word is cut in two.
    static func prefix(_ s: String, bytes: Int) -> String {
        var s = s
        return s.withUTF8 { buf -> String in
            var end = min(bytes, buf.count)
            while end > 0, end < buf.count, buf[end] & 0xC0 == 0x80 { end -= 1 }
            var space = end
            while space > 0, end - space < 256, !isSpace(buf[space - 1]) { space -= 1 }
            if space > 0, end - space < 256 { end = space - 1 }
            return String(decoding: UnsafeBufferPointer(rebasing: buf[0..<end]), as: UTF8.self)
        }
    }
}

/// The replacement text of internal entities one XML file may still expand (see
/// `ReadLimits.maxEntityExpansion`). A class: every text extraction of the file draws on it.
final class EntityBudget {
    private(set) var remaining: Int
    /// Set once an entity did not fit: the file is then refused, not read with holes.
    private(set) var exceeded = false
    let limit: Int

    init(limit: Int) { self.limit = limit; remaining = limit }

    /// Takes `bytes` from the budget; false (and `exceeded`) when they do not fit.
    func take(_ bytes: Int) -> Bool {
        guard !exceeded, bytes <= remaining else { exceeded = true; return false }
        remaining -= bytes
        return true
    }
}
