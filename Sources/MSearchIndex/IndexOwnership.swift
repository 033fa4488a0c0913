#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import MSearchSources

/// Whether a folder is an msearch index, and which of its files msearch may delete.
///
/// A writer is pointed at folders users own (`--index ~/Documents` by mistake, an `Index/` of
/// their own). It writes to a folder only when the folder says it is an index: it holds a
/// valid `manifest.json`, or the marker (`msearch-index`, holding the index's identity) that a
/// writer puts in an empty or new folder before anything else. Any other non-empty folder is
/// refused, with one exception: a folder whose only entry is a `README.md` (a regular file)
/// counts as empty, so that the repository's `Index/README.md` can explain the default index's
/// folder (see `readmeName`). Within an index, only files whose names follow msearch's own grammar exactly
/// (`seg-000012-00.post`, `seg-000012-00.000015.del`, `catalog-000015`, `clusters-000015`, `actors-000015.tsv`,
/// `seg-building-PID.store`, `manifest.json.tmp-PID`) are ever treated as leftovers of a run.
public enum IndexOwnership {
    /// A fresh identity for a new index.
    public static func newIdentity() -> String { UUID().uuidString.lowercased() }

    /// The identity in the folder's marker, or nil when it has none (or not a valid one).
    public static func markerIdentity(in directory: String) -> String? {
        guard let bytes = try? DurableFile.read(directory + "/" + IndexFormat.markerName) else { return nil }
        let text = String(decoding: bytes, as: UTF8.self)
        guard text.hasPrefix(markerPrefix) else { return nil }
        let id = text.dropFirst(markerPrefix.count).trimmingCharacters(in: .whitespacesAndNewlines)
        return UUID(uuidString: id) == nil ? nil : id
    }

    /// The one file a folder may hold and still count as empty: the repository keeps
    /// `Index/README.md` (and git keeps the folder through it) to say what the default index
    /// is. Only this exact name, only as a regular file, only alone: with any other entry
    /// beside it the folder is someone else's. msearch never writes, moves or deletes it (it
    /// does not follow the writers' file grammar, `isWriterFileName`).
    public static let readmeName = "README.md"

    /// Whether a folder with these entries (no marker, no manifest) may become a new index:
    /// it is empty, or holds nothing but the README.
    static func isUnclaimed(_ directory: String, entries: [String]) -> Bool {
        if entries.isEmpty { return true }
        guard entries == [readmeName] else { return false }
        var status = stat()
        guard lstat(PathNames.system(directory + "/" + readmeName), &status) == 0 else { return false }
        return status.st_mode & S_IFMT == S_IFREG
    }

    /// Claims a folder with no manifest for a new index and returns its identity: the marker's
    /// when a first build there was interrupted, else a new one written into the marker when
    /// the folder is empty (or holds only the README). Any other folder is someone else's:
    /// refused, naming a file in it.
    static func claim(_ directory: String) throws -> String {
        if let id = markerIdentity(in: directory) { return id }
        let present = DurableFile.list(directory)
        guard isUnclaimed(directory, entries: present) else {
            throw IndexError.notAnIndex(directory: directory, file: present.first { $0 != readmeName } ?? present[0])
        }
        let id = newIdentity()
        do {
            try writeMarker(id, in: directory)
        } catch {
            // A second writer started on the same new folder claimed it first (the marker is
            // created exclusively): it is an index now, and the lock decides who writes.
            if let claimed = markerIdentity(in: directory) { return claimed }
            throw error
        }
        return id
    }

    /// Writes the marker (never over an existing file) and makes it durable.
    static func writeMarker(_ id: String, in directory: String) throws {
        let path = directory + "/" + IndexFormat.markerName
        try DurableFile.create(Array((markerPrefix + id + "\n").utf8), at: path)
        try DurableFile.syncDirectory(containing: path)
    }

    private static let markerPrefix = "msearch index "

    /// Whether `name` is one msearch's writers create (and so, in an index folder, a leftover
    /// of an interrupted run when no manifest names it). Users' files never match by accident:
    /// every part is checked, not just the prefix.
    public static func isWriterFileName(_ name: String) -> Bool {
        if name == "seg-building.store" { return true }  // as msearch before PIDs named it
        if name.hasPrefix(IndexFormat.storeInProgressPrefix), name.hasSuffix(".store") {
            return isDigits(name.dropFirst(IndexFormat.storeInProgressPrefix.count).dropLast(".store".count))
        }
        if name.hasPrefix(IndexFormat.manifestName + ".tmp-") {
            return isDigits(name.dropFirst(IndexFormat.manifestName.count + 5))
        }
        if Manifest.isCatalogName(name) || Manifest.isGazetteerName(name) || Manifest.isClustersName(name) { return true }
        let parts = name.split(separator: ".", omittingEmptySubsequences: false)
        guard (2...3).contains(parts.count), Manifest.isSegmentName(String(parts[0])) else { return false }
        if parts.count == 2 { return IndexFormat.FileExtension(rawValue: String(parts[1])) != nil }
        return isDigits(parts[1]) && parts[2] == Substring(IndexFormat.deletesExtension)
    }

    static func isDigits(_ s: Substring) -> Bool {
        !s.isEmpty && s.count <= 12 && s.utf8.allSatisfy { $0 >= 0x30 && $0 <= 0x39 }
    }
}
