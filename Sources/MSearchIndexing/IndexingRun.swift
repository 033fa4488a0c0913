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
    /// Dates and actors are extracted with this (nil: text only). No default value here: a
    /// property's default is built by every initializer, even one given nil, and building an
    /// Extractor loads the gazetteer (0.74 G of the 4.28 G instructions of a lean build of 5,000
    /// Reuters documents).
    public var extractor: Extractor?
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
    /// Every file is read as this format (`--format`), whatever its name or content says.
    public var format: SourceFormat? = nil

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
        /// Every file (or given folder) that gave no documents, once, in the order met, with
        /// the reason it is counted under (`SourceProblem.kind`); unchanged files included.
        public var skipped: [SourceProblem] = []
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

        /// How many files were skipped for each reason.
        public var skipCounts: [SkipReason: Int] {
            skipped.reduce(into: [:]) { $0[$1.kind, default: 0] += 1 }
        }

        /// Whether a file was left out for a reason other than being unchanged: something the
        /// user gave is not in the index (the exit status of `msearch index` says so).
        public var lostContent: Bool { skipped.contains { $0.kind.losesContent } }

        /// A file that gives no documents: its problem is reported and counted once.
        mutating func skip(_ problem: SourceProblem) {
            problems.append(problem)
            skipped.append(problem)
        }

        /// A file whose catalogued size and content are those it has now.
        mutating func skipUnchanged(_ path: String) {
            unchanged += 1
            skipped.append(SourceProblem(path: path, reason: "unchanged since the last run", kind: .unchanged))
        }
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

    /// Why a run found nothing to read: each given path and what became of it.
    static func noSourceMessage(paths: [String], entries: [SourceWalker.Entry]) -> String {
        let problems = entries.compactMap { entry -> SourceProblem? in
            if case .skipped(let problem) = entry { return problem } else { return nil }
        }
        let listed = problems.prefix(5).map { "\($0.path): \($0.reason)" }
        let more = problems.count > 5 ? "; and \(problems.count - 5) more" : ""
        return "no source found in \(paths.joined(separator: ", "))" + (listed.isEmpty ? "" : " (\(listed.joined(separator: "; "))\(more))")
            + "; no index was created or changed"
    }

    /// The given folders under which the walk found no entry at all (empty, or only hidden
    /// and special files): said once each, so a mistyped or empty folder is not silent.
    func emptyFolders(in entries: [SourceWalker.Entry]) -> [String] {
        paths.filter { root in
            var st = stat()
            guard stat(PathNames.system(root), &st) == 0, (st.st_mode & S_IFMT) == S_IFDIR else { return false }
            return !entries.contains { entry in
                switch entry {
                case .file(let path, _): return PathNames.isInside(path, root)
                case .skipped(let problem): return PathNames.isInside(problem.path, root)
                }
            }
        }
    }

    /// The skip a file that gave no documents is counted as: its first problem's reason (its
    /// other problems are in the report's problems), or "empty" when it had none.
    static func skipOf(_ file: DocumentPipeline.FileDocuments) -> SourceProblem {
        guard var first = file.problems.first(where: { !$0.partial }) else {
            return SourceProblem(path: file.path, reason: "no documents", kind: .empty)
        }
        let others = file.problems.count - 1
        if others > 0 { first.reason += " (and \(others) more problem\(others == 1 ? "" : "s"))" }
        return first
    }

    public func run() throws -> Report {
        let started = Date()
        var report = Report()
        // Walked before the index is opened: a run that finds nothing to read creates nothing.
        let entries = SourceWalker(paths: paths, forcedFormat: format).entries()
        let found = entries.contains { if case .file = $0 { return true } else { return false } }
        if !found && !prune {
            throw IndexingError(IndexingRun.noSourceMessage(paths: paths, entries: entries))
        }
        MallocTuning.forIndexing()
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
            case .skipped(let problem): report.skip(problem)
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
        for path in emptyFolders(in: entries) {
            report.skip(SourceProblem(path: path, reason: "no source found in this folder", kind: .empty))
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
            if file.documentCount > 0 { report.files += 1 } else { report.skipped.append(IndexingRun.skipOf(file)) }
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
