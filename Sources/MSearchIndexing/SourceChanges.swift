import Foundation
import MSearchIndex
import MSearchSources

/// What incremental indexing decides for each file of a run, against the index's catalog:
///
/// - same size and mtime as catalogued (by `fstat` of the opened file) → unchanged, not read;
/// - otherwise the file is read and hashed: same hash → unchanged (the new mtime is noted);
///   a different hash, or a file the catalog does not know → (re)indexed, after deleting the
///   documents its previous version produced;
/// - larger than `maxFileSize` → skipped with a reason (its old documents are deleted: an index
///   rebuilt now would not hold them either);
/// - with `prune`, catalogued files under the run's paths that the walk no longer finds →
///   their documents are deleted.
///
/// The catalog is keyed by absolute path, so the same file given relatively from another
/// directory is still recognised. A symbolic link that leads outside the given paths is not
/// followed: nothing outside them is read. Each file is opened once and judged by where its open
/// descriptor leads (`SourceFile`), so a link swapped in meanwhile cannot leak a file.
public final class SourceChanges {
    private let writer: IndexWriter
    private var catalog: SourceCatalog
    private var catalogChanged = false
    private var seen = Set<String>()
    let maxFileSize: Int
    /// The file being (re)indexed: its key, stat and hash, until `indexed` records its ids.
    /// Files handed out by `bytesToIndex` whose documents are not yet recorded, by path.
    private var pending: [String: (key: String, size: Int, modified: Int64, hash: UInt64, isNew: Bool)] = [:]

    /// The given paths with symbolic links resolved: every file read must resolve inside one.
    private let roots: SourceRoots

    public init(writer: IndexWriter, maxFileSize: Int, roots: [String] = []) {
        self.writer = writer
        self.maxFileSize = maxFileSize
        catalog = writer.catalog
        self.roots = SourceRoots(paths: roots)
    }

    /// JSON Lines files at least this large are streamed (`JSONLinesStream`) instead of read
    /// whole: memory stays bounded however large they are, and `maxFileSize` bounds their lines.
    var streamThreshold = 8 << 20

    /// What to index of `path` (its bytes, or a stream for a large JSON Lines file) when it must
    /// be (re)indexed; nil when it is unchanged or cannot be read (the reason is added to the
    /// report's problems).
    func inputToIndex(path: String, format: SourceFormat, report: inout IndexingRun.Report) throws -> DocumentPipeline.Input? {
        let key = CatalogPath.absolute(path)
        guard seen.insert(key).inserted else { return nil }
        let file: SourceFile
        do {
            file = try SourceFile(opening: path, inside: roots)
        } catch let problem as SourceProblem {
            report.skip(problem)
            try forget(key, report: &report)
            return nil
        }
        let size = file.size
        let modified = file.modified
        let old = catalog.entries[key]
        report.bytesSeen += size
        if let old, old.size == size, old.modified == modified {
            report.skipUnchanged(path)
            return nil
        }
        var input: DocumentPipeline.Input
        let hash: UInt64, length: Int
        do {
            if size >= streamThreshold, let open = SourceFormatRegistry.standard[format]?.openStream,
               let stream = try open(file, maxFileSize) {
                (hash, length) = try SourceChanges.hash(file)
                input = .stream(stream)
            } else {
                if size > maxFileSize {
                    report.skip(SourceProblem(path: path, reason: "file too large (\(megabytes(size)) MB, over the --max-file-size limit of \(megabytes(maxFileSize)) MB)", kind: .tooLarge))
                    try forget(key, report: &report)
                    return nil
                }
                let bytes = try file.read(limit: maxFileSize)
                (hash, length) = (SourceCatalog.hash(bytes), bytes.count)
                input = .bytes(bytes, format)
            }
        } catch let problem as SourceProblem {
            report.skip(problem)
            try forget(key, report: &report)
            return nil
        }
        report.bytesRead += length
        if var old, old.hash == hash, old.size == length {
            old.modified = modified
            catalog.entries[key] = old
            catalogChanged = true
            report.skipUnchanged(path)
            return nil
        }
        if let old {
            for id in old.ids { try writer.delete(id: id) }
            report.removedDocuments += old.ids.count
        }
        pending[path] = (key, length, modified, hash, old == nil)
        return input
    }

    /// Records the ids of the documents a file given out by `bytesToIndex` produced.
    func indexed(path: String, ids: [String], report: inout IndexingRun.Report) {
        guard let p = pending.removeValue(forKey: path) else { return }
        catalogChanged = true
        if ids.isEmpty {
            if catalog.entries.removeValue(forKey: p.key) != nil { report.removed += 1 }
            return
        }
        catalog.entries[p.key] = SourceCatalog.Entry(size: p.size, modified: p.modified, hash: p.hash, ids: ids)
        if p.isNew { report.added += 1 } else { report.updated += 1 }
    }

    /// Deletes the documents of a catalogued file and forgets it.
    private func forget(_ key: String, report: inout IndexingRun.Report) throws {
        guard let old = catalog.entries.removeValue(forKey: key) else { return }
        for id in old.ids { try writer.delete(id: id) }
        catalogChanged = true
        report.removed += 1
        report.removedDocuments += old.ids.count
    }

    /// With `prune`, deletes the documents of catalogued files under `roots` that this run did
    /// not see; then hands the updated catalog to the writer for the commit.
    func finish(prune: Bool, roots: [String], report: inout IndexingRun.Report) throws {
        if prune {
            let absoluteRoots = roots.map(CatalogPath.absolute)
            for key in catalog.entries.keys.sorted() where !seen.contains(key)
                && absoluteRoots.contains(where: { CatalogPath.isInside(key, $0) }) {
                try forget(key, report: &report)
            }
        }
        if catalogChanged { writer.catalog = catalog }
    }

    /// Deletes the documents of every catalogued file equal to or under `paths` (`msearch remove`).
    /// Returns the paths that matched nothing.
    public func remove(_ paths: [String], report: inout IndexingRun.Report) throws -> [String] {
        var unmatched: [String] = []
        for path in paths {
            let root = CatalogPath.absolute(path)
            let keys = catalog.entries.keys.filter { CatalogPath.isInside($0, root) }.sorted()
            if keys.isEmpty { unmatched.append(path) }
            for key in keys { try forget(key, report: &report) }
        }
        if catalogChanged { writer.catalog = catalog }
        return unmatched
    }

    private func megabytes(_ bytes: Int) -> String {
        String(format: bytes % (1 << 20) == 0 ? "%.0f" : "%.1f", Double(bytes) / Double(1 << 20))
    }

    /// The catalog hash and length of an open file, read a megabyte at a time.
    static func hash(_ file: SourceFile) throws -> (UInt64, Int) {
        var hasher = SourceCatalog.Hasher()
        var length = 0
        try file.forEachChunk { chunk in
            hasher.update(chunk)
            length += chunk.count
        }
        return (hasher.value, length)
    }
}

/// Absolute, lexically normalised paths: the catalog's keys and the documents' stored paths
/// (lossless, see `PathNames`).
public enum CatalogPath {
    private static let cwd = PathNames.currentDirectory()

    public static func absolute(_ path: String) -> String {
        let full = path.hasPrefix("/") ? path : cwd + "/" + path
        var parts: [Substring] = []
        for c in full.split(separator: "/") {
            if c == "." { continue }
            if c == ".." { if !parts.isEmpty { parts.removeLast() }; continue }
            parts.append(c)
        }
        return "/" + parts.joined(separator: "/")
    }

    /// Whether `path` is `root` or lies below it.
    static func isInside(_ path: String, _ root: String) -> Bool { PathNames.isInside(path, root) }
}
