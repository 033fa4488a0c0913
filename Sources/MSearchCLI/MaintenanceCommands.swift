import ArgumentParser
import Foundation
import MSearchIndex
import MSearchIndexing

/// `msearch remove`: deletes the documents of files (or of everything under folders).
struct RemoveCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "remove",
        abstract: "Delete the documents of the given files, or of every file under the given folders.",
        discussion: "The files need not exist any more. Paths are matched as indexed (made absolute)."
    )

    @OptionGroup var indexOption: IndexOption

    @Argument(help: "Files and folders whose documents to delete.")
    var paths: [String]

    func validate() throws {
        if paths.isEmpty { throw ValidationError("give at least one file or folder") }
    }

    func run() throws {
        let index = indexOption.directory
        let started = Date()
        let writer = try IndexWriter(directory: index, createIfMissing: false)
        defer { writer.close() }
        writer.mergePolicy = LogMergePolicy()
        guard writer.manifest.catalog != nil || writer.manifest.documentCount == 0 else {
            throw CommandError("\(index) has no catalog of source files (built by an older msearch); rebuild it with `msearch index --rebuild`")
        }
        var report = IndexingRun.Report()
        let unmatched = try SourceChanges(writer: writer, maxFileSize: 0).remove(paths.map(CommandLineArguments.path), report: &report)
        try writer.commit()
        for path in unmatched { FileHandle.standardError.write("msearch: nothing indexed from \(TerminalText.escaped(path))\n") }
        print("removed \(report.removedDocuments) document\(report.removedDocuments == 1 ? "" : "s") of \(report.removed) file\(report.removed == 1 ? "" : "s") in \(String(format: "%.2f", Date().timeIntervalSince(started))) s; index: \(writer.manifest.documentCount) documents in \(writer.manifest.segments.count) segment\(writer.manifest.segments.count == 1 ? "" : "s")")
        if report.removed == 0 { throw ExitCode(ExitStatus.error) }
    }
}

/// `msearch optimize`: merges every segment into one, purging deleted documents.
struct OptimizeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "optimize",
        abstract: "Merge the index into one segment, dropping deleted documents for good.",
        discussion: "Searches keep working meanwhile. Needs memory for the whole index's postings."
    )

    @OptionGroup var indexOption: IndexOption

    func run() throws {
        let index = indexOption.directory
        let started = Date()
        let writer = try IndexWriter(directory: index, createIfMissing: false)
        defer { writer.close() }
        let before = writer.manifest.segments.count
        let deleted = writer.manifest.segments.reduce(0) { $0 + ($1.deletes?.documentCount ?? 0) }
        try writer.optimize()
        print("optimized \(index): \(before) segment\(before == 1 ? "" : "s") → \(writer.manifest.segments.count), \(deleted) deleted document\(deleted == 1 ? "" : "s") purged, \(writer.manifest.documentCount) documents, in \(String(format: "%.2f", Date().timeIntervalSince(started))) s")
    }
}
