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
/// from the same few files. The catalog and its id → file map are built on first use, so
/// opening a large index to search it (ids only) costs nothing here. Thread-safe.
public final class SourceText: @unchecked Sendable {
    private var catalog: SourceCatalog?
    private let catalogFile: MappedFile?
    private var pathOfId: [String: String]?
    private let lock = NSLock()
    private var cachedPath: String?
    private var cachedDocuments: [SourceDocument]?

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
        if catalog == nil { catalog = catalogFile.flatMap { try? SourceCatalog.load($0) } ?? SourceCatalog() }
        var paths: [String: String] = [:]
        for (path, entry) in catalog?.entries ?? [:] { for id in entry.ids { paths[id] = path } }
        pathOfId = paths
        return paths
    }

    /// `stored` with its title and body read from its source, or nil when the source changed
    /// or vanished since it was indexed.
    public func text(for stored: SourceDocument) -> SourceDocument? {
        lock.lock(); defer { lock.unlock() }
        guard let path = pathsById()[stored.id] else { return nil }
        if path != cachedPath {
            cachedPath = path
            cachedDocuments = read(path, format: stored.format)
        }
        guard let documents = cachedDocuments, stored.ordinal >= 0, stored.ordinal < documents.count else { return nil }
        var doc = stored
        doc.title = documents[stored.ordinal].title
        doc.body = documents[stored.ordinal].body
        return doc
    }

    /// The file's documents, or nil when its bytes no longer match the catalog.
    private func read(_ path: String, format: SourceFormat) -> [SourceDocument]? {
        guard let entry = catalog?.entries[path], let bytes = try? FileBytes.read(path: path),
              bytes.count == entry.size, SourceCatalog.hash(bytes) == entry.hash else { return nil }
        return SourceReader.readAll(bytes: bytes, path: path, format: format).documents
    }
}
