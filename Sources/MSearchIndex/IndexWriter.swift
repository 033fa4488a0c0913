import MSearchAnalysis
import MSearchSources

/// Adds documents to an index and commits them. Documents are analysed, buffered in an
/// in-memory segment that is written out whenever it outgrows the memory budget, and become
/// visible only at `commit()`, which atomically replaces the manifest.
///
/// Deletions (by external id) become tombstones at commit; the commit then merges segments as
/// `mergePolicy` says. See IndexWriter+Maintenance.swift.
public final class IndexWriter {
    public let directory: String
    public internal(set) var manifest: Manifest
    public let analyzer: Analyzer
    let lock: WriteLock
    let memoryBudget: Int
    private var builder: SegmentBuilder
    /// The first flushed segment's store dictionary, reused by this run's later segments.
    private var storeDictionary: [UInt8] = []
    /// Ids of the documents in `builder`, in order.
    private var builderIds: [String] = []
    var newSegments: [SegmentInfo] = []
    /// Where each live document is, by external id.
    var ids: [String: DocumentLocation] = [:]
    /// Segment-local documents to delete at the next commit, by segment name.
    var pendingDeletes: [String: Set<Int>] = [:]
    /// Files the manifest on disk names: never removed before a commit replaces it.
    var committedFiles: Set<String> = []
    /// Files this writer created in this run (named before each is written): the only ones
    /// it removes when it ends without committing them.
    var createdFiles: Set<String> = []
    /// The gazetteer the next commit keeps (`.some(nil)`: none), when it changes.
    private var pendingGazetteer: [UInt8]??
    /// Whether the next commit has anything to write.
    var changed = false
    private var catalogChanged = false
    /// The source-file catalog (see `SourceCatalog`), written by the next commit when changed.
    public var catalog: SourceCatalog {
        didSet { catalogChanged = true; changed = true }
    }
    /// How segments are merged at commit; nil (the library default) never merges on its own
    /// (`optimize()` still does). `msearch index` and `msearch remove` use `LogMergePolicy()`.
    public var mergePolicy: LogMergePolicy? = nil

    /// Opens (or creates) the index at `directory` for writing.
    ///
    /// Only a folder that is an index is written to (see `IndexOwnership`): one with a valid
    /// manifest, or with the marker a writer leaves in an empty folder before anything else. A
    /// missing or empty folder becomes a new index (unless `createIfMissing` is false: then it
    /// is `IndexError.missing`); any other folder is `IndexError.notAnIndex`, untouched.
    /// - Parameters:
    ///   - settings: analysis for a new index; an existing index keeps its own.
    ///   - replace: start from an empty index; the old segments stay readable until commit.
    ///     A damaged manifest in a folder with the marker is replaced too.
    ///   - memoryBudget: bytes of buffered postings, columns and not yet compressed text before
    ///     a segment is written out (compressed text is already in its file).
    ///   - store: what a new (or replaced) index keeps of the text (default `.text`); an
    ///     existing index keeps its own, and asking it for another mode is an error.
    ///   - createIfMissing: false for commands that change an existing index only.
    public init(directory: String, settings: AnalyzerSettings = .default, replace: Bool = false,
                memoryBudget: Int = 256 << 20, store: StoreMode? = nil, createIfMissing: Bool = true) throws {
        self.directory = directory
        let manifestPath = Manifest.path(in: directory)
        var identity = IndexOwnership.markerIdentity(in: directory)
        if !DurableFile.exists(manifestPath) {
            guard createIfMissing else { throw IndexError.missing(directory: directory) }
            try DurableFile.createDirectory(directory)
            identity = try IndexOwnership.claim(directory)
        }
        lock = try WriteLock(directory: directory)
        var m: Manifest
        var catalog = SourceCatalog()
        var loaded: Manifest?
        do {
            loaded = DurableFile.exists(manifestPath) ? try Manifest.load(from: directory) : nil
        } catch let error as IndexError {
            // A damaged manifest is replaced only where the marker proves the folder is ours;
            // without the marker, a manifest.json that is not even msearch's JSON is another
            // program's file.
            if identity == nil, case .corrupt(_, IndexFormat.notAManifest) = error {
                throw IndexError.notAnIndex(directory: directory, file: IndexFormat.manifestName)
            }
            guard replace, identity != nil else { throw error }
        }
        if let old = loaded {
            m = old
            committedFiles = Set(m.fileNames)
            if replace {
                m.segments = []
                m.analyzer = settings
                m.catalog = nil
                m.gazetteer = nil
                m.clusters = nil
                m.languages = nil
                m.store = store ?? .text
                changed = true
            } else {
                if let store, store != (m.store ?? .text) {
                    throw IndexError.storeModeMismatch(directory: directory, index: m.store ?? .text, requested: store)
                }
                if let name = m.catalog { catalog = try SourceCatalog.load(path: directory + "/" + name) }
            }
        } else {
            m = Manifest(analyzer: settings)
            m.store = store ?? .text
            changed = true
        }
        m.id = m.id ?? identity ?? IndexOwnership.newIdentity()
        if identity == nil, let id = m.id {
            // An index from before markers: mark it, so that its folder stays provably ours.
            try? IndexOwnership.writeMarker(id, in: directory)
        }
        manifest = m
        self.catalog = catalog
        analyzer = try Analyzer(m.analyzer)
        self.memoryBudget = max(1 << 16, memoryBudget)
        builder = SegmentBuilder(directory: directory, storesText: m.storesText)
        removeLeftovers()
        for s in manifest.segments {
            let reader = try SegmentReader(info: s, directory: directory)
            for d in 0..<reader.documentCount where !reader.isDeleted(d) {
                ids[reader.columns.externalId(d)] = DocumentLocation(segment: s.name, doc: d)
            }
        }
    }

    /// Whether the index has a document with this id (committed or added since).
    public func contains(id: String) -> Bool { ids[id] != nil }

    /// Adds one document; returns the id it was stored under (made unique if already taken).
    @discardableResult
    public func add(_ source: SourceDocument) throws -> String {
        try add(AnalyzedDocument(source, analyzer: analyzer))
    }

    /// Adds a document analysed elsewhere (e.g. on another thread, with an analyzer made from
    /// `manifest.analyzer`); returns the id it was stored under (made unique if already taken).
    @discardableResult
    public func add(_ analyzed: AnalyzedDocument) throws -> String {
        var doc = analyzed
        if ids[doc.source.id] != nil {
            var n = 2
            while ids["\(analyzed.source.id)~\(n)"] != nil { n += 1 }
            doc.source.id = "\(analyzed.source.id)~\(n)"
        }
        createdFiles.insert(IndexFormat.storeInProgress)
        try builder.add(doc)
        ids[doc.source.id] = DocumentLocation(segment: "", doc: builderIds.count)
        builderIds.append(doc.source.id)
        changed = true
        if builder.memoryFootprint >= memoryBudget { try flush() }
        return doc.source.id
    }

    /// Writes the buffered documents as a new segment (not yet visible to readers).
    public func flush() throws { try reportingLostLock { try flushBuffered() } }

    /// Runs `body`; when it fails after the lock was lost, the lost lock is the error to report
    /// (a file that vanished or already exists is then a symptom of the other writer).
    func reportingLostLock<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch {
            if !lock.isHeld { throw IndexError.lockLost(directory: directory) }
            throw error
        }
    }

    private func flushBuffered() throws {
        guard !builder.isEmpty else { return }
        try lock.verify()
        manifest.generation += 1
        let name = String(format: "seg-%06d-%02d", manifest.generation, newSegments.count)
        createdFiles.formUnion(IndexFormat.FileExtension.allCases.map { "\(name).\($0.rawValue)" })
        newSegments.append(try builder.write(name: name).recordingFooterChecksums(in: directory))
        for (i, id) in builderIds.enumerated() where ids[id]?.segment == "" {
            ids[id] = DocumentLocation(segment: name, doc: i)
        }
        if storeDictionary.isEmpty { storeDictionary = builder.storeDictionary }
        builder = SegmentBuilder(directory: directory, storesText: manifest.storesText, storeDictionary: storeDictionary)
        builderIds = []
        CrashPoint.here("segment-written")
        try mergeFlushedSegments()
    }

    /// Merges the segments flushed since the last commit as the merge policy says, so that a
    /// long run does not pile up small segments until its commit. They are in no manifest
    /// yet, so the merged ones' files are deleted at once, and a crash leaves only files the
    /// next writer removes. Segments with pending deletions wait for the commit.
    private func mergeFlushedSegments() throws {
        guard let mergePolicy else { return }
        for group in mergePolicy.merges(newSegments.filter { pendingDeletes[$0.name] == nil }) {
            var segments = newSegments
            try merge(group, in: &segments)
            newSegments = segments
            try lock.verify()
            for s in group {
                for ext in IndexFormat.FileExtension.allCases { removeCreated("\(s.name).\(ext.rawValue)") }
            }
        }
    }

    /// Makes everything added and deleted so far visible in one step: segment files are
    /// already synced; tombstones, merged segments and the catalog are written and synced;
    /// then the manifest naming them replaces the old one in one rename. Files the new
    /// manifest no longer names are deleted after that.
    public func commit() throws { try commit(mergeAll: false) }

    /// Applies pending deletions and merges every segment into one, without deleted documents.
    public func optimize() throws { try commit(mergeAll: true) }

    func commit(mergeAll: Bool) throws { try reportingLostLock { try commitChanges(mergeAll: mergeAll) } }

    private func commitChanges(mergeAll: Bool) throws {
        try flush()
        var segments = manifest.segments + newSegments
        try applyPendingDeletes(to: &segments)
        let groups: [[SegmentInfo]]
        if mergeAll {
            groups = segments.count > 1 || segments.contains(where: { $0.deletes != nil }) ? [segments] : []
        } else {
            groups = mergePolicy?.merges(segments) ?? []
        }
        for group in groups {
            try merge(group, in: &segments)
            changed = true
        }
        guard changed else { return }
        manifest.generation += 1
        if catalogChanged {
            let name = IndexFormat.catalogPrefix + String(format: "%06d", manifest.generation)
            try createFile(catalog.encoded(), named: name)
            manifest.catalog = name
            CrashPoint.here("catalog-written")
        }
        if let pending = pendingGazetteer {
            manifest.gazetteer = nil
            if let bytes = pending {
                let name = IndexFormat.gazetteerPrefix + String(format: "%06d", manifest.generation) + IndexFormat.gazetteerSuffix
                try createFile(bytes, named: name)
                manifest.gazetteer = KeptFile(file: name, bytes: bytes)
            }
        }
        manifest.segments = segments
        try recordSummaries()
        CrashPoint.here("before-manifest")
        try lock.verify()
        try manifest.save(to: directory)
        CrashPoint.here("after-manifest")
        newSegments = []
        changed = false
        catalogChanged = false
        let live = Set(manifest.fileNames)
        // Only files the old manifest named or this run created: nothing else is ours to delete.
        let obsolete = committedFiles.union(createdFiles).subtracting(live)
        committedFiles = live
        createdFiles = []
        // Published: a lock lost since leaves the obsolete files to the next writer.
        let stillHeld = lock.isHeld
        if stillHeld { for file in obsolete { DurableFile.remove(directory + "/" + file) } }
        if stillHeld && pendingGazetteer != nil { DurableFile.remove(directory + "/" + IndexFormat.legacyGazetteerName) }
        pendingGazetteer = nil
    }

    /// Sets the user's gazetteer kept with the index (nil: none), written by the next commit
    /// before its manifest, which names it with its size and checksum.
    public func keepGazetteer(_ bytes: [UInt8]?) {
        let legacy = DurableFile.exists(directory + "/" + IndexFormat.legacyGazetteerName)
        let current = manifest.gazetteer.map { ($0.size, $0.crc32) }
        let wanted = bytes.map { ($0.count, FileFooter.checksum($0)) }
        guard legacy || current?.0 != wanted?.0 || current?.1 != wanted?.1 else { return }
        pendingGazetteer = .some(bytes)
        changed = true
    }

    /// Writes a new index file, first noting it as this run's (so a failure removes it).
    func createFile(_ bytes: [UInt8], named name: String) throws {
        try lock.verify()
        createdFiles.insert(name)
        try DurableFile.create(bytes, at: directory + "/" + name)
    }

    /// Removes a file this run created and no manifest names.
    func removeCreated(_ name: String) {
        guard createdFiles.remove(name) != nil, !committedFiles.contains(name) else { return }
        DurableFile.remove(directory + "/" + name)
    }

    /// Ends writing without committing: buffered documents and unsaved segments are discarded,
    /// and the files this run created for them removed. A writer that lost its lock removes
    /// nothing: the files may be another writer's by now.
    public func close() {
        newSegments = []
        builder = SegmentBuilder(directory: directory, storesText: manifest.storesText)
        if lock.isHeld {
            for file in createdFiles.subtracting(committedFiles) { DurableFile.remove(directory + "/" + file) }
        }
        createdFiles = []
        lock.release()
    }

    deinit { lock.release() }

    /// Deletes what an interrupted run left behind: files named as msearch's writers name
    /// theirs (`IndexOwnership.isWriterFileName`) that no manifest names. Called once, when
    /// the writer has its lock in a folder proven to be an index; never touches other files.
    func removeLeftovers() {
        guard lock.isHeld else { return }
        let keep = committedFiles.union(manifest.fileNames)
        for file in DurableFile.list(directory) where IndexOwnership.isWriterFileName(file) && !keep.contains(file) {
            DurableFile.remove(directory + "/" + file)
        }
    }
}

/// Where a document lives: segment name ("" while it is still buffered) and local number.
struct DocumentLocation {
    var segment: String
    var doc: Int
}

import Foundation
