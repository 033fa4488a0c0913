import Foundation
import MSearchIndex
import MSearchSources

/// The titles and bodies of an index built with `--store none`, re-read from the source files
/// when they are needed (as Recoll does): for snippets, `show` and export.
///
/// The catalog says which file holds each id (under its absolute path, whatever directory
/// msearch runs in) and what that file's size and hash were when it was indexed. A file is
/// trusted only while its bytes still match; the document is then the one at its stored
/// ordinal among the documents the file yields (SGML, JSON Lines and feeds hold many).
/// Otherwise the text is unavailable, and callers say "source changed since indexing".
/// The last file read is kept: the hits of a page and the documents of an export mostly come
/// from the same few files. A JSON Lines file is kept as its lines (`JSONLinesDocuments`), and
/// only the document asked for is parsed: a page of hits from a large file costs reading and
/// hashing it once, not parsing all of it. Thread-safe.
///
/// The index finds the file in its catalog (`UnstoredText`) and asks this provider: reading
/// the file again takes knowing source formats, which the storage layer does not. Give each
/// `IndexReader` its own, since the last file is kept by path and snapshots differ.
public final class SourceText: SourceTextProvider, @unchecked Sendable {
    private let lock = NSLock()
    private var cachedPath: String?
    private var cached: Documents?

    /// A file's documents, all parsed, or a JSON Lines file's parsed one at a time.
    private enum Documents {
        case parsed([SourceDocument])
        case lines(any DocumentsByOrdinal)

        func document(at ordinal: Int) -> SourceDocument? {
            switch self {
            case .parsed(let documents): return ordinal >= 0 && ordinal < documents.count ? documents[ordinal] : nil
            case .lines(let lines): return lines.document(at: ordinal)
            }
        }
    }

    /// Shown instead of a passage when the text cannot be re-read.
    public static let changedNotice = "source changed since indexing; run msearch index"

    public init() {}

    /// `stored` with its title and body read from its source, or nil when the source changed
    /// or vanished since it was indexed.
    public func text(for stored: SourceDocument, inFile path: String, catalogued entry: SourceCatalog.Entry) -> SourceDocument? {
        lock.lock(); defer { lock.unlock() }
        if path != cachedPath {
            cachedPath = path
            cached = read(path, format: stored.format, entry: entry)
        }
        guard let found = cached?.document(at: stored.ordinal) else { return nil }
        var doc = stored
        doc.title = found.title
        doc.body = found.body
        return doc
    }

    /// The file's documents, or nil when its bytes no longer match the catalog.
    private func read(_ path: String, format: SourceFormat, entry: SourceCatalog.Entry) -> Documents? {
        guard let bytes = try? FileBytes.read(path: path),
              bytes.count == entry.size, SourceCatalog.hash(bytes) == entry.hash else { return nil }
        if let find = SourceFormatRegistry.standard[format]?.findDocuments { return find(bytes, path).map(Documents.lines) }
        return .parsed(SourceReader.readAll(bytes: bytes, path: path, format: format).documents)
    }
}
