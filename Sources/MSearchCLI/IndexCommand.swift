import ArgumentParser
import Foundation
import MSearchAnalysis
import MSearchExtraction
import MSearchIndex
import MSearchIndexing
import MSearchSources

/// `msearch index`: builds the index from files and folders, or brings it up to date.
struct IndexCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "index",
        abstract: "Add files and folders (read recursively) to the index, or bring it up to date.",
        discussion: """
        Reads \(SourceFormatRegistry.standard.summary), a trailing .gz looked through; \
        files whose extension names no format are recognised by their first bytes (plain text \
        when no format claims them; binary files are skipped), and --format reads every file as \
        one format. On an existing index, new files are added, changed files re-indexed (by size, mtime and \
        content hash) and unchanged ones skipped; --prune also deletes the documents of files \
        that are gone. Files that cannot be read are listed with the reason and skipped; the \
        summary counts skipped files by reason (\(SkipReason.allCases.map(\.label).joined(separator: ", "))) \
        and --skipped lists them. Changes become visible in a single atomic step: searches \
        running meanwhile keep seeing the previous index, and an interrupted run leaves it as it was.

        Exit status: 0 when every file was indexed or unchanged, 1 when the index was updated \
        but some file was skipped (binary, malformed, unreadable, too large, empty, of unknown \
        format), 2 for a usage or index error, or when no source was found at the given paths \
        (no index is then created).
        """
    )

    @OptionGroup var indexOption: IndexOption

    @Argument(help: "Files and folders to index.")
    var paths: [String]

    @Flag(name: .long, help: "Build the index from scratch from PATHs (drop everything else).")
    var rebuild = false

    @Flag(name: .long, help: "Delete the documents of indexed files under PATHs that no longer exist.")
    var prune = false

    @Option(name: .long, help: "Memory for buffering documents before a segment is written, in MB.")
    var memory: Double = Double(IndexingRun.defaultMemoryBudget >> 20)

    @Option(name: .customLong("max-file-size"), help: "Skip files larger than this many MB (JSON Lines files are streamed: lines larger than this).")
    var maxFileSize: Int = 100

    @Flag(name: .shortAndLong, help: "Print nothing but problems.")
    var quiet = false

    @Flag(name: [.customLong("skipped"), .customLong("verbose"), .customShort("v")],
          help: "List every skipped file after the summary: reason, tab, path, tab, the particulars (unchanged files too).")
    var listSkipped = false

    @Option(name: .long, help: ArgumentHelp("Read every file as this format, whatever its name or content: \(SourceFormatRegistry.standard.formats.map(\.format.rawValue).joined(separator: ", ")).", valueName: "format"))
    var format: String?

    @Option(name: .long, help: ArgumentHelp("A gazetteer of actors to add to the built-in one: lines of canonical name<TAB>person|organisation|place<TAB>alias|alias…", valueName: "file"))
    var actors: String?

    @Option(name: .long, help: ArgumentHelp("Keep the articles' text in the index (text, the default for a new index), or not (none: about half the size; titles and snippets are then re-read from the source files when shown). Remembered by the index.", valueName: "text|none"))
    var store: StoreMode?

    @Flag(name: .customLong("no-extract"), help: "Index the text only: no dates or actors from the text.")
    var noExtract = false

    @Option(name: .long, help: ArgumentHelp("The language of documents that declare none and are too short or mixed to detect (a code: en, es, de…; default en). Each document is analysed in its own language. Remembered by the index.", valueName: "code"))
    var language: String?

    /// The built-in gazetteer, extended by the user's file (whose entries win): `bytes`, read
    /// from `file`.
    static func extractor(gazetteer bytes: [UInt8]?, file: String) throws -> Extractor {
        var gazetteer = Gazetteer.default
        if let warning = Gazetteer.defaultLoadWarning {
            FileHandle.standardError.write("msearch: \(warning)\n")
        }
        if let bytes { gazetteer.merge(try IndexGazetteer.parse(bytes, file: file)) }
        return Extractor(gazetteer: gazetteer)
    }

    func validate() throws {
        if paths.isEmpty { throw ValidationError("give at least one file or folder to index") }
        if !(memory >= 0.1 && memory <= 1_048_576) { throw ValidationError("--memory takes a number of MB, 0.1 or more") }
        if maxFileSize < 1 || maxFileSize > 1024 { throw ValidationError("--max-file-size takes a number of MB from 1 to 1024") }
        if let language, LanguageCode.primary(language) != language.lowercased() {
            throw ValidationError("--language takes a language code of 2 or 3 letters (en, es, de), not \"\(language)\"")
        }
        _ = try forcedFormat()
    }

    /// The format `--format` names (nil when not given); an unknown name is a usage error that
    /// lists the registry's names.
    func forcedFormat() throws -> SourceFormat? {
        guard let format else { return nil }
        let registry = SourceFormatRegistry.standard
        if let known = registry.format(named: format.lowercased()) { return known }
        let names = registry.formats.map(\.format.rawValue).joined(separator: ", ")
        throw ValidationError("unknown format '\(format)' for --format; the formats are: \(names)")
    }

    func run() throws {
        let index = indexOption.directory
        if let problem = IndexLocation.problem(writing: index) { throw CommandError(problem) }
        // An update keeps using the gazetteer the index was built with, unless given another;
        // the index keeps it in the same commit as the documents extracted with it.
        let kept: (bytes: [UInt8], path: String)?
        do {
            kept = try actors.map { (try DurableFile.read($0), $0) } ?? (rebuild ? nil : try IndexGazetteer.kept(in: index))
        } catch {
            throw CommandError("\(error)")
        }
        let gazetteer = kept?.bytes, gazetteerFile = kept?.path ?? ""
        // given here, so IndexingRun's default Extractor (gazetteer, lexicon) is never built
        var run = IndexingRun(directory: index, paths: paths.map(CommandLineArguments.path), replace: rebuild,
                              extractor: noExtract ? nil : try IndexCommand.extractor(gazetteer: gazetteer, file: gazetteerFile))
        run.keptGazetteer = .some(gazetteer)
        run.prune = prune
        run.store = store
        if let language { run.settings = .perDocumentLanguage(default: language.lowercased()) }
        run.memoryBudget = Int(memory * 1_048_576)
        run.maxFileSize = maxFileSize << 20
        run.format = try forcedFormat()
        if !quiet { run.reporter = IndexingProgress() }
        let report = try run.run()
        if report.rebuiltWithoutCatalog {
            FileHandle.standardError.write("msearch: \(index) had no catalog of source files (built by an older msearch); rebuilt it from the given paths\n")
        }
        for problem in report.problems {
            // One line per problem, whatever a reader put in the reason (or a file name holds).
            let what = problem.partial ? "partly indexed" : "skipped"
            FileHandle.standardError.write("msearch: \(what) \(TerminalText.escaped("\(problem)"))\n")
        }
        if !quiet {
            print(report.summary + " → \(index)")
            print(report.details)
            if let skips = report.skipSummary { print(skips) }
        }
        if listSkipped {
            for skip in report.skipped {
                print([skip.kind.label, skip.path, skip.reason].map { TerminalText.escaped($0) }.joined(separator: "\t"))
            }
        }
        if report.indexDocuments == 0 && report.unchanged == 0 && report.removed == 0 {
            throw CommandError("no documents found in \(paths.joined(separator: ", "))")
        }
        if report.lostContent { throw ExitCode(ExitStatus.skippedFiles) }
    }
}

/// `--store text|none`.
extension StoreMode: ExpressibleByArgument {}
