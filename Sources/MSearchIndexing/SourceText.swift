import Foundation
import MSearchSources

/// The titles and bodies of an index built with `--store none`, re-read from the source files
/// when they are needed (as Recoll does): for snippets, `show`, export and merges.
///
/// The catalog says which file holds each id (under its absolute path, whatever directory
/// msearch runs in) and what that file's size and hash were when it was indexed. A file is
/// trusted only while its bytes still match; the document is then the one at its stored
/// ordinal among the documents the file yields (SGML, JSON Lines and feeds hold many).
/// Otherwise the text is unavailable, and callers say "source changed since indexing".
/// The last file read is kept: the hits of a page and the documents of a merge mostly come
/// from the same few files. A JSON Lines file is kept as its lines (`JSONLinesDocuments`), and
/// only the document asked for is parsed: a page of hits from a large file costs reading and
/// hashing it once, not parsing all of it. The catalog and its id → file map are built on first use, so
/// opening a large index to search it (ids only) costs nothing here. Thread-safe.
public final class SourceText: @unchecked Sendable {
    private var catalog: SourceCatalog?
    private let catalogFile: MappedFile?
    private var pathOfId: [String: String]?
    /// Why the catalog file could not be read (it is damaged), once it was tried.
    private var catalogError: Error?
    private let lock = NSLock()
    private var cachedPath: String?
    private var cached: Documents?

    /// A file's documents, all parsed, or a JSON Lines file's parsed one at a time.
    private enum Documents {
        case parsed([SourceDocument])
        case lines(JSONLinesDocuments)

        func document(at ordinal: Int) -> SourceDocument? {
            switch self {
            case .parsed(let documents): return ordinal >= 0 && ordinal < documents.count ? documents[ordinal] : nil
            case .lines(let lines): return lines.document(at: ordinal)
            }
        }
    }

    /// Shown instead of a passage when the text cannot be re-read.
    public static let changedNotice = "source changed since indexing; run msearch index"

    /// Re-reads against a catalog in memory (the writer's, during merges).
    public init(catalog: SourceCatalog) {
        self.catalog = catalog
        catalogFile = nil
    }

    /// Re-reads against a mapped catalog file (nil: none, so no text), parsed when first needed.
    public init(catalogFile: MappedFile?) {
        self.catalogFile = catalogFile
    }

    /// The file holding each id, by absolute path (built on first use; caller holds the lock).
    private func pathsById() -> [String: String] {
        if let pathOfId { return pathOfId }
        if catalog == nil {
            do {
                catalog = try catalogFile.map { try SourceCatalog.load($0) } ?? SourceCatalog()
            } catch {
                catalogError = error
                catalog = SourceCatalog()
            }
        }
        var paths: [String: String] = [:]
        for (path, entry) in catalog?.entries ?? [:] { for id in entry.ids { paths[id] = path } }
        pathOfId = paths
        return paths
    }

    /// Throws the catalog's damage, if it is damaged: then no text can be trusted to be the
    /// source's, and saying "source changed" would send the user to the wrong fix.
    public func verifyCatalog() throws {
        lock.lock(); defer { lock.unlock() }
        _ = pathsById()
        if let catalogError { throw catalogError }
    }

    /// `stored` with its title and body read from its source, or nil when the source changed
    /// or vanished since it was indexed.
    public func text(for stored: SourceDocument) -> SourceDocument? {
        lock.lock(); defer { lock.unlock() }
        guard let path = pathsById()[stored.id] else { return nil }
        if path != cachedPath {
            cachedPath = path
            cached = read(path, format: stored.format)
        }
        guard let found = cached?.document(at: stored.ordinal) else { return nil }
        var doc = stored
        doc.title = found.title
        doc.body = found.body
        return doc
    }

    /// The file's documents, or nil when its bytes no longer match the catalog.
    private func read(_ path: String, format: SourceFormat) -> Documents? {
        guard let entry = catalog?.entries[path], let bytes = try? FileBytes.read(path: path),
              bytes.count == entry.size, SourceCatalog.hash(bytes) == entry.hash else { return nil }
        if format == .jsonl { return JSONLinesDocuments(bytes: bytes, path: path).map(Documents.lines) }
        return .parsed(SourceReader.readAll(bytes: bytes, path: path, format: format).documents)
    }
}
