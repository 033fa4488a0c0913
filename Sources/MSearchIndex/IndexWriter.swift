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
    private let lock: WriteLock
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
    /// - Parameters:
    ///   - settings: analysis for a new index; an existing index keeps its own.
    ///   - replace: start from an empty index; the old segments stay readable until commit.
    ///   - memoryBudget: bytes of buffered postings, columns and not yet compressed text before
    ///     a segment is written out (compressed text is already in its file).
    ///   - store: what a new (or replaced) index keeps of the text (default `.text`); an
    ///     existing index keeps its own, and asking it for another mode is an error.
    public init(directory: String, settings: AnalyzerSettings = .default, replace: Bool = false,
                memoryBudget: Int = 256 << 20, store: StoreMode? = nil) throws {
        self.directory = directory
        try DurableFile.createDirectory(directory)
        lock = try WriteLock(directory: directory)
        var m: Manifest
        var catalog = SourceCatalog()
        if DurableFile.exists(Manifest.path(in: directory)) {
            m = try Manifest.load(from: directory)
            committedFiles = Set(m.fileNames)
            if replace {
                m.segments = []
                m.analyzer = settings
                m.catalog = nil
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
        try builder.add(doc)
        ids[doc.source.id] = DocumentLocation(segment: "", doc: builderIds.count)
        builderIds.append(doc.source.id)
        changed = true
        if builder.memoryFootprint >= memoryBudget { try flush() }
        return doc.source.id
    }

    /// Writes the buffered documents as a new segment (not yet visible to readers).
    public func flush() throws {
        guard !builder.isEmpty else { return }
        manifest.generation += 1
        let name = String(format: "seg-%06d-%02d", manifest.generation, newSegments.count)
        newSegments.append(try builder.write(name: name))
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
            for s in group {
                for ext in IndexFormat.FileExtension.allCases { DurableFile.remove(s.filePath(ext, in: directory)) }
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

    func commit(mergeAll: Bool) throws {
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
            try DurableFile.write(catalog.encoded(), to: directory + "/" + name)
            manifest.catalog = name
            CrashPoint.here("catalog-written")
        }
        manifest.segments = segments
        CrashPoint.here("before-manifest")
        try manifest.save(to: directory)
        CrashPoint.here("after-manifest")
        newSegments = []
        changed = false
        catalogChanged = false
        let live = Set(manifest.fileNames)
        for file in committedFiles.subtracting(live) { DurableFile.remove(directory + "/" + file) }
        committedFiles = live
        removeLeftovers()
    }

    /// Ends writing without committing: buffered documents and unsaved segments are discarded.
    public func close() {
        newSegments = []
        builder = SegmentBuilder(directory: directory, storesText: manifest.storesText)
        removeLeftovers()
        lock.release()
    }

    deinit { lock.release() }

    /// Deletes files no manifest names: what an interrupted run left behind.
    func removeLeftovers() {
        var keep = committedFiles.union(manifest.fileNames)
        if !builder.isEmpty { keep.insert(IndexFormat.storeInProgress) }
        for s in newSegments {
            for ext in IndexFormat.FileExtension.allCases { keep.insert("\(s.name).\(ext.rawValue)") }
        }
        for file in DurableFile.list(directory) {
            let ours = file.hasPrefix("seg-") || file.hasPrefix(IndexFormat.catalogPrefix)
            if (ours && !keep.contains(file)) || file.hasPrefix(IndexFormat.manifestName + ".tmp-") {
                DurableFile.remove(directory + "/" + file)
            }
        }
    }
}

/// Where a document lives: segment name ("" while it is still buffered) and local number.
struct DocumentLocation {
    var segment: String
    var doc: Int
}

import Foundation
