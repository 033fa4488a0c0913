import Foundation
import MSearchAnalysis
import MSearchExtraction
import MSearchIndex
import MSearchSources

/// One indexing run: walk the paths, read every new or changed file, add its documents,
/// delete what changed or went away, commit once. A file that cannot be read is reported and
/// skipped; the run goes on. Without `replace`, the run updates the index in place against its
/// catalog of source files (see `SourceChanges`). What happens meanwhile goes to `reporter`;
/// what happened is the returned `Report`. Printing either is the front end's business.
public struct IndexingRun {
    public var directory: String
    public var paths: [String]
    public var replace: Bool
    /// Dates and actors are extracted with this (nil: text only).
    public var extractor: Extractor? = Extractor()
    /// Delete the documents of catalogued files under `paths` that are gone.
    public var prune = false
    /// The in-memory segment's budget. Indexing's peak is about 50 MB of fixed cost (libraries,
    /// extraction data, analysis caches, two pipeline rounds) plus this, so 12 MB keeps a
    /// Reuters-sized run within Tantivy's 64 MB; a larger budget makes fewer, larger segments.
    public static let defaultMemoryBudget = 12 << 20
    public var memoryBudget = IndexingRun.defaultMemoryBudget
    public var maxFileSize = 100 << 20
    /// What a new or rebuilt index keeps of the text; nil keeps the existing index's choice.
    public var store: StoreMode? = nil
    /// How a new or rebuilt index analyses text (default: per-document language, English when
    /// undecided); an existing index keeps its own.
    public var settings: AnalyzerSettings = .default
    /// The user's gazetteer for the index to keep, committed with the documents (`.some(nil)`:
    /// none); nil leaves the index's as it is.
    public var keptGazetteer: [UInt8]?? = nil
    /// Told of the run's progress and problems as they happen (a progress line, a log).
    public var reporter: IndexingReporter? = nil

    public init(directory: String, paths: [String], replace: Bool, extractor: Extractor? = Extractor()) {
        self.directory = directory
        self.paths = paths
        self.replace = replace
        self.extractor = extractor
    }

    /// What a run did.
    public struct Report: Sendable {
        /// Files that gave documents, and the documents added.
        public var files = 0
        public var documents = 0
        /// Files skipped or partly indexed, with the reason, in the order met.
        public var problems: [SourceProblem] = []
        public var seconds = 0.0
        /// Files new to the index, changed since the last run, unchanged, and whose documents
        /// were deleted (gone, pruned, removed, or no longer readable).
        public var added = 0, updated = 0, unchanged = 0, removed = 0
        /// Documents deleted (of changed and removed files).
        public var removedDocuments = 0
        /// Bytes of the files judged, and of those read.
        public var bytesSeen = 0, bytesRead = 0
        /// The index after the run.
        public var indexDocuments = 0, segments = 0
        /// The index had no catalog (built by an older msearch) and was rebuilt.
        public var rebuiltWithoutCatalog = false

        public init() {}
    }

    /// A one-document file's id is its file stem; inside a folder walk it is qualified with
    /// the folder path below the walked root ("mozilla-1/source"), so files with the same name
    /// in different folders keep distinct ids that do not depend on the walk order.
    public func qualifiedId(_ id: String, path: String) -> String {
        let stem = SourceFormat.stem(path)
        guard id == stem else { return id }
        for root in paths {
            let prefix = root.hasSuffix("/") ? root : root + "/"
            if path.hasPrefix(prefix) {
                let relative = path.dropFirst(prefix.count)
                guard let slash = relative.lastIndex(of: "/") else { return id }
                return String(relative[..<slash]) + "/" + stem
            }
        }
        return id
    }

    public func run() throws -> Report {
        let started = Date()
        MallocTuning.forIndexing()
        var report = Report()
        var writer = try IndexWriter(directory: directory, settings: settings, replace: replace, memoryBudget: memoryBudget, store: store)
        if !replace && writer.manifest.catalog == nil && writer.manifest.documentCount > 0 {
            // Built without a catalog of source files: nothing to compare with, so rebuild.
            writer.close()
            writer = try IndexWriter(directory: directory, settings: settings, replace: true, memoryBudget: memoryBudget, store: store)
            report.rebuiltWithoutCatalog = true
        }
        defer { writer.close() }
        writer.mergePolicy = LogMergePolicy()
        if let keptGazetteer { writer.keepGazetteer(keptGazetteer) }
        let changes = SourceChanges(writer: writer, maxFileSize: maxFileSize, roots: paths)
        let entries = SourceWalker(paths: paths).entries()
        if let reporter {
            var totalFiles = 0, totalBytes = 0
            for case .file(let path, _) in entries {
                totalFiles += 1
                var st = stat()
                totalBytes += stat(PathNames.system(path), &st) == 0 ? Int(st.st_size) : 0
            }
            reporter.found(files: totalFiles, bytes: totalBytes)
        }
        var files: [String] = []
        var formats: [String: SourceFormat] = [:]
        for entry in entries {
            switch entry {
            case .skipped(let problem): report.problems.append(problem)
            case .file(let path, let format): files.append(path); formats[path] = format
            }
        }
        // Problems go to the reporter as they are added to the report, wherever they arise.
        var problemsReported = 0
        func reportProblems() {
            guard let reporter else { return }
            while problemsReported < report.problems.count {
                reporter.problem(report.problems[problemsReported])
                problemsReported += 1
            }
        }
        reportProblems()
        // The catalog decides, file by file and in order, what needs reading; parsing,
        // extraction and analysis then run on every core (DocumentPipeline).
        var filesDone = 0
        var ids: [String] = []
        var pipeline = DocumentPipeline(settings: writer.manifest.analyzer, extractor: extractor)
        pipeline.limits.maxFileSize = maxFileSize
        try pipeline.run(files: files, select: { path in
            let input = try changes.inputToIndex(path: path, format: formats[path] ?? .text, report: &report)
            reportProblems()
            if input == nil { filesDone += 1; reporter?.progress(report, filesDone: filesDone) }
            return input
        }, consume: { analyzed in
            var doc = analyzed
            doc.source.id = qualifiedId(doc.source.id, path: doc.source.path)
            // Stored absolute (as the catalog keys it), so results read from another directory
            // still name the file; the CLI shows it relative to where it runs when it can.
            doc.source.path = CatalogPath.absolute(doc.source.path)
            ids.append(try writer.add(doc))
            report.documents += 1
        }, fileDone: { file in
            report.problems.append(contentsOf: file.problems)
            if file.documentCount > 0 { report.files += 1 }
            changes.indexed(path: file.path, ids: ids, report: &report)
            ids = []
            filesDone += 1
            reportProblems()
            reporter?.progress(report, filesDone: filesDone)
        })
        try changes.finish(prune: prune, roots: paths, report: &report)
        reportProblems()
        reporter?.committing()
        try writer.commit()
        reporter?.committed()
        report.indexDocuments = writer.manifest.documentCount
        report.segments = writer.manifest.segments.count
        report.seconds = Date().timeIntervalSince(started)
        return report
    }
}
