import MSearchAnalysis
import MSearchSources

/// Adds documents to an index and commits them. Documents are analysed, buffered in an
/// in-memory segment that is written out whenever it outgrows the memory budget, and become
/// visible only at `commit()`, which atomically replaces the manifest.
public final class IndexWriter {
    public let directory: String
    public private(set) var manifest: Manifest
    public let analyzer: Analyzer
    private let lock: WriteLock
    private let memoryBudget: Int
    private var builder = SegmentBuilder()
    private var newSegments: [SegmentInfo] = []
    private var droppedSegments: [SegmentInfo] = []
    private var ids: Set<String> = []

    /// Opens (or creates) the index at `directory` for writing.
    /// - Parameters:
    ///   - settings: analysis for a new index; an existing index keeps its own.
    ///   - replace: start from an empty index; the old segments stay readable until commit.
    public init(directory: String, settings: AnalyzerSettings = .default, replace: Bool = false,
                memoryBudget: Int = 256 << 20) throws {
        self.directory = directory
        try DurableFile.createDirectory(directory)
        lock = try WriteLock(directory: directory)
        var m: Manifest
        if DurableFile.exists(Manifest.path(in: directory)) {
            m = try Manifest.load(from: directory)
            if replace {
                droppedSegments = m.segments
                m.segments = []
                m.analyzer = settings
            }
        } else {
            m = Manifest(analyzer: settings)
        }
        manifest = m
        analyzer = try Analyzer(m.analyzer)
        self.memoryBudget = memoryBudget
        removeLeftovers()
        if !replace {
            for s in manifest.segments {
                let reader = try SegmentReader(info: s, directory: directory)
                for d in 0..<reader.documentCount { ids.insert(try reader.document(d).id) }
            }
        }
    }

    /// Adds one document; returns the id it was stored under (made unique if already taken).
    @discardableResult
    public func add(_ source: SourceDocument) throws -> String {
        try add(AnalyzedDocument(source, analyzer: analyzer))
    }

    /// Adds a document analysed elsewhere (e.g. on another thread, with an analyzer made from
    /// `manifest.analyzer`); returns the id it was stored under.
    @discardableResult
    public func add(_ analyzed: AnalyzedDocument) throws -> String {
        var doc = analyzed
        if ids.contains(doc.source.id) {
            var n = 2
            while ids.contains("\(analyzed.source.id)~\(n)") { n += 1 }
            doc.source.id = "\(analyzed.source.id)~\(n)"
        }
        ids.insert(doc.source.id)
        builder.add(doc)
        if builder.memoryFootprint >= memoryBudget { try flush() }
        return doc.source.id
    }

    /// Writes the buffered documents as a new segment (not yet visible to readers).
    public func flush() throws {
        guard !builder.isEmpty else { return }
        manifest.generation += 1
        let name = String(format: "seg-%06d-%02d", manifest.generation, newSegments.count)
        newSegments.append(try builder.write(name: name, directory: directory))
        builder = SegmentBuilder()
    }

    /// Makes everything added so far visible: segment files are already synced, then the
    /// manifest naming them replaces the old one in one rename.
    public func commit() throws {
        try flush()
        manifest.segments.append(contentsOf: newSegments)
        manifest.generation += 1
        try manifest.save(to: directory)
        newSegments = []
        for s in droppedSegments { removeFiles(of: s.name) }
        droppedSegments = []
        removeLeftovers()
    }

    /// Ends writing without committing: buffered documents and unsaved segments are discarded.
    public func close() {
        for s in newSegments { removeFiles(of: s.name) }
        newSegments = []
        lock.release()
    }

    deinit { lock.release() }

    /// Deletes files no manifest names: what an interrupted run left behind.
    private func removeLeftovers() {
        let live = Set((manifest.segments + newSegments + droppedSegments).map(\.name))
        for file in DurableFile.list(directory) where file.hasPrefix("seg-") {
            let stem = String(file.prefix { $0 != "." })
            if !live.contains(stem) { DurableFile.remove(directory + "/" + file) }
        }
        for file in DurableFile.list(directory) where file.hasPrefix(IndexFormat.manifestName + ".tmp-") {
            DurableFile.remove(directory + "/" + file)
        }
    }

    private func removeFiles(of segment: String) {
        for ext in IndexFormat.FileExtension.allCases {
            DurableFile.remove("\(directory)/\(segment).\(ext.rawValue)")
        }
    }
}

import Foundation
