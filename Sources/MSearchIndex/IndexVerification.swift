import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// How a reader makes sure it is not reading a damaged or half-replaced index.
///
/// - **A consistent snapshot.** The reader reads the manifest, then maps the files it names. A
///   writer committing in between may delete files the new manifest no longer names (merged
///   segments, replaced tombstones); the reader then sees a file vanish, re-reads the manifest
///   and tries again. Files already mapped stay readable after they are unlinked.
/// - **Checksums at open.** Every file's CRC-32 is verified before the first query, smallest
///   files first, until `budget` bytes have been read (256 MB by default, about 40 ms;
///   `MSEARCH_VERIFY_MB` changes it, 0 turns it off; `BackgroundVerification` checks them beside
///   the first query, for a caller that shows nothing before they are done). Below the budget — which covers most
///   archives — a flipped bit anywhere gives an error naming the file instead of a wrong
///   answer. Above it, the largest files (postings, positions, stored text) rely on the
///   readers' bounds and range checks, which turn damage into errors rather than crashes but
///   cannot notice every flipped bit; `msearch check` verifies everything.
public enum IndexVerification {
    public static let defaultBudget: Int = {
        if let v = getenv("MSEARCH_VERIFY_MB"), let mb = Int(String(cString: v)), mb >= 0 { return mb << 20 }
        return 256 << 20
    }()

    /// What a reader opens: the manifest and everything it names, mapped or read together so
    /// that a commit meanwhile cannot leave the reader with another commit's catalog or
    /// gazetteer (a file that vanishes means a newer manifest: start again).
    struct Snapshot {
        var manifest: Manifest
        var segments: [SegmentReader]
        var catalogFile: MappedFile?
        /// The user's gazetteer kept with the index, verified against the manifest.
        var gazetteer: [UInt8]?
        /// The near-duplicate clusters the commit kept, verified and decoded; nil when none.
        var clusters: NearDuplicateClusters?
    }

    static func openSnapshot(_ directory: String) throws -> Snapshot {
        var attempts = 0
        while true {
            let manifest = try Manifest.load(from: directory)
            do {
                let segments = try manifest.segments.map { try SegmentReader(info: $0, directory: directory) }
                let catalogFile = try manifest.catalog.map { try MappedFile(path: directory + "/" + $0) }
                var gazetteer = try manifest.gazetteer?.read(in: directory)
                let legacy = directory + "/" + IndexFormat.legacyGazetteerName
                if manifest.gazetteer == nil, DurableFile.exists(legacy) { gazetteer = try DurableFile.read(legacy) }
                // Small (4 bytes a clustered document) and checked in full: damage is an error
                // at open, never a wrong list of duplicates.
                let clusters = try manifest.clusters.map { kept in
                    try NearDuplicateClusters.decode(kept.read(in: directory), total: segments.reduce(0) { $0 + $1.documentCount },
                                                     file: directory + "/" + kept.file)
                }
                return Snapshot(manifest: manifest, segments: segments, catalogFile: catalogFile, gazetteer: gazetteer,
                                clusters: clusters)
            } catch let error as IndexError {
                attempts += 1
                guard case .io(let path, _) = error, !DurableFile.exists(path) else { throw error }
                guard attempts < 20, let now = try? Manifest.load(from: directory), now.generation != manifest.generation else {
                    // Not a commit meanwhile: a file the manifest names is gone.
                    throw IndexError.corrupt(file: path, reason: "missing, though the manifest names it")
                }
            }
        }
    }

    /// The files verified at open: the smallest first, while they fit in `budget` bytes.
    static func filesToVerify(_ segments: [SegmentReader], budget: Int) -> [MappedFile] {
        guard budget > 0 else { return [] }
        let files = segments.flatMap { $0.files.map(\.0) }.sorted { $0.bytes.count < $1.bytes.count }
        var used = 0
        var out: [MappedFile] = []
        for f in files {
            guard f.bytes.count <= budget - used else { break }
            used += f.bytes.count
            out.append(f)
        }
        return out
    }
}

/// The checksums of `IndexVerification.filesToVerify` checked on a second thread while the
/// caller already answers a query (the CLI's one-shot search: on a large index the checksums
/// are half of its time). `finish()` verifies what is left alongside it and returns when all
/// are done, throwing the first damage found: a caller that shows nothing before `finish()`
/// keeps the guarantee that damage is an error, never a wrong answer. Reading a damaged file
/// meanwhile is safe, as without a budget: the readers' bounds checks turn damage into errors.
final class BackgroundVerification: @unchecked Sendable {
    private let files: [MappedFile]
    /// Guards the three fields below; signalled when a file is done.
    private let state = NSCondition()
    private var next = 0
    private var inFlight = 0
    private var failure: Error?

    init(_ files: [MappedFile]) {
        self.files = files
        guard !files.isEmpty else { return }
        Thread { [self] in self.work() }.start()
    }

    /// Verifies files until none is left (on whichever thread calls it).
    private func work() {
        state.lock()
        while failure == nil, next < files.count {
            let file = files[next]
            next += 1
            inFlight += 1
            state.unlock()
            var found: Error?
            do { try FileFooter.verifyChecksum(file.bytes, file: file.path) } catch { found = error }
            state.lock()
            inFlight -= 1
            if failure == nil, let found { failure = found }
            state.broadcast()
        }
        state.unlock()
    }

    /// Verifies what is left with the background thread, waits for it, throws what was found.
    func finish() throws {
        work()
        state.lock()
        defer { state.unlock() }
        while inFlight > 0 { state.wait() }
        if let failure { throw failure }
    }
}
