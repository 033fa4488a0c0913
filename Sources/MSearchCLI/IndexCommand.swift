import ArgumentParser
import Foundation
import MSearchExtraction
import MSearchIndex

/// The gazetteer an index was built with: the built-in one plus the user's file, which is kept
/// in the index directory so searches resolve the same aliases (`actor:MoSW`).
enum IndexGazetteer {
    static let fileName = "actors.tsv"

    static func keep(_ file: String, in index: String) throws {
        let bytes = try DurableFile.read(file)
        try DurableFile.replaceAtomically(bytes, at: index + "/" + fileName)
    }

    static func load(indexDirectory: String) -> Gazetteer {
        var g = Gazetteer.default
        if let extra = try? Gazetteer(contentsOfFile: indexDirectory + "/" + fileName) { g.merge(extra) }
        return g
    }
}

/// `msearch index`: builds the index from files and folders.
struct IndexCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "index",
        abstract: "Build an index from files and folders (read recursively).",
        discussion: """
        Reads plain text (.txt, .md), HTML (.html, .htm), RSS/Atom and other XML (.xml, .rss,
        .atom), Reuters-21578 SGML (.sgm) and JSON Lines (.jsonl). Files that cannot be read are
        listed with the reason and skipped. The new index replaces the old one in a single atomic
        step: searches running meanwhile keep seeing the old one.
        """
    )

    @Option(name: .long, help: "The index directory.")
    var index: String = IndexLocation.defaultDirectory

    @Argument(help: "Files and folders to index.")
    var paths: [String]

    @Flag(name: .shortAndLong, help: "Print nothing but problems.")
    var quiet = false

    @Option(name: .long, help: ArgumentHelp("A gazetteer of actors to add to the built-in one: lines of canonical name<TAB>person|organisation|place<TAB>alias|alias…", valueName: "file"))
    var actors: String?

    @Flag(name: .customLong("no-extract"), help: "Index the text only: no dates or actors from the text.")
    var noExtract = false

    /// The built-in gazetteer, extended by the user's file (whose entries win).
    static func extractor(gazetteerFile: String?) throws -> Extractor {
        var gazetteer = Gazetteer.default
        if let warning = Gazetteer.defaultLoadWarning {
            FileHandle.standardError.write("msearch: \(warning)\n")
        }
        if let gazetteerFile {
            do {
                gazetteer.merge(try Gazetteer(contentsOfFile: gazetteerFile))
            } catch {
                throw CommandError("\(error)")
            }
        }
        return Extractor(gazetteer: gazetteer)
    }

    func validate() throws {
        if paths.isEmpty { throw ValidationError("give at least one file or folder to index") }
    }

    func run() throws {
        var run = IndexingRun(directory: index, paths: paths, replace: true)
        run.extractor = noExtract ? nil : try IndexCommand.extractor(gazetteerFile: actors)
        let report = try run.run()
        if let actors { try IndexGazetteer.keep(actors, in: index) } else { DurableFile.remove(index + "/" + IndexGazetteer.fileName) }
        for problem in report.problems {
            FileHandle.standardError.write("msearch: skipped \(problem)\n")
        }
        if !quiet { print(report.summary + " → \(index)") }
        if report.documents == 0 {
            throw CommandError("no documents found in \(paths.joined(separator: ", "))")
        }
    }
}
