import Foundation
import MSearchSources

/// Finds a document again in its source file, for an index built with `--store none`. The index
/// knows which file holds each id and what the file was when it was indexed (its catalog); how
/// to find the document in that file depends on the file's format, which the storage layer does
/// not know. So whoever opens the index gives it a provider (MSearchIndexing's `SourceText`).
public protocol SourceTextProvider: AnyObject, Sendable {
    /// `stored` with its title and body read again from the file at `path` (absolute), or nil
    /// when that file is gone or no longer has the size and hash catalogued in `entry`.
    func text(for stored: SourceDocument, inFile path: String, catalogued entry: SourceCatalog.Entry) -> SourceDocument?
}

/// What an index built with `--store none` does to show a document's title and body: find
/// the file the id came from in its catalog (keyed by absolute path, so it works from any
/// directory), with the size and hash the file had, and ask the provider for the document at
/// its stored ordinal there. No provider, or none found, means no text: callers then say
/// "source changed since indexing". The id → file map is built on first use, so opening a
/// large index only to search it (ids only) costs nothing here. Thread-safe.
public final class UnstoredText: @unchecked Sendable {
    private var catalog: SourceCatalog?
    private let catalogFile: MappedFile?
    /// nil: no one can read the sources, so no text (the catalog is still checked).
    private let provider: SourceTextProvider?
    private var pathOfId: [String: String]?
    /// Why the catalog file could not be read (it is damaged), once it was tried.
    private var catalogError: Error?
    private let lock = NSLock()

    /// Re-reads against a catalog in memory.
    public init(catalog: SourceCatalog, provider: SourceTextProvider?) {
        self.catalog = catalog
        catalogFile = nil
        self.provider = provider
    }

    /// Re-reads against a mapped catalog file (nil: none, so no text), parsed when first needed.
    public init(catalogFile: MappedFile?, provider: SourceTextProvider?) {
        self.catalogFile = catalogFile
        self.provider = provider
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
        guard let path = pathsById()[stored.id], let entry = catalog?.entries[path] else { return nil }
        return provider?.text(for: stored, inFile: path, catalogued: entry)
    }
}
