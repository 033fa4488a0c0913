import ArgumentParser
import Foundation
import MSearchIndex
import MSearchIndexing

/// `msearch`: search an archive of articles from the command line.
public struct MSearchCommand: ParsableCommand {
    public static let version = "0.1.0"

    public static let configuration = CommandConfiguration(
        commandName: "msearch",
        abstract: "Search your archive of news articles, offline.",
        discussion: """
        With no subcommand, searches the index in ./Index (built from ./seeds when missing).

        Examples:
          msearch "deportation flights"
          msearch --limit 5 --json cossio
          msearch index --index ~/news-index ~/archive/2023 ~/feeds/world.rss
          msearch --index ~/news-index havana talks
          msearch --actor "Fernandez de Cossio" --from 2023 --facets migration
          msearch show 004_14776b980787243b
          msearch --format csv --limit 100 havana > hits.csv

        Queries: words (any may match; --and for all), "exact phrase", "phrase"~3, \
        +must, -not, AND OR NOT with ( ), prefix*, title:…, body:…, date:2023..2024, \
        actor:"de Cossío". Other commands take their options after their name. Each hit \
        shows its id, which show, show --text and open take.

        Exit status: 0 when something matched, 1 when nothing did, 2 for a usage or index error.

        Shell completions: msearch --generate-completion-script bash|zsh|fish (the README says \
        where each shell reads them). The man page is Documentation/msearch.1.
        """,
        version: version,
        subcommands: [SearchCommand.self, IndexCommand.self, RemoveCommand.self, OptimizeCommand.self, CheckCommand.self,
                      ReplCommand.self, BatchCommand.self, ShowCommand.self, OpenCommand.self, SimilarCommand.self, DuplicatesCommand.self, ActorsCommand.self, ExportCommand.self, TranslateCommand.self, EvalCommand.self,
                      BenchCommand.self],
        defaultSubcommand: SearchCommand.self
    )

    public init() {}

    /// Parses arguments, runs the command and exits with msearch's documented status codes.
    public static func main(arguments: [String]? = nil) -> Never {
        let given = arguments ?? Array(CommandLine.arguments.dropFirst())
        // Asked for JSON: a script reads stdout, so an error is a JSON object there too.
        let json = CommandOrder.asksForJSON(given)
        do {
            var command = try parseAsRoot(arguments)
            if let search = command as? SearchCommand, let problem = CommandOrder.problem(query: search.words, arguments: given) {
                throw CommandError(problem)
            }
            try command.run()
            Foundation.exit(0)
        } catch let exit as ExitCode {
            Foundation.exit(exit.rawValue)
        } catch let error as IndexError {
            fail("\(error)", json: json)
        } catch let error as CommandError {
            fail("\(error)", json: json)
        } catch let error as IndexingError {
            fail("\(error)", json: json)
        } catch {
            // Help and version requests exit 0; every usage error exits 2 (not ArgumentParser's 64).
            let code = exitCode(for: error)
            if code == .success { self.exit(withError: error) }
            FileHandle.standardError.write(fullMessage(for: error) + "\n")
            if json { print(JSONOutput.usageError(message(for: error)).serialized()) }
            Foundation.exit(ExitStatus.error)
        }
    }

    private static func fail(_ message: String, json: Bool) -> Never {
        FileHandle.standardError.write("msearch: \(message)\n")
        if json { print(JSONOutput.usageError(message).serialized()) }
        Foundation.exit(ExitStatus.error)
    }
}

/// msearch's exit statuses, as documented in `--help` and the README.
public enum ExitStatus {
    public static let hits: Int32 = 0
    public static let noHits: Int32 = 1
    /// `msearch index`: the index was updated, but some file was skipped (not as unchanged).
    public static let skippedFiles: Int32 = 1
    public static let error: Int32 = 2
}

/// A failure the user can fix, reported as one line.
public struct CommandError: Error, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}

extension FileHandle {
    func write(_ string: String) { write(Data(string.utf8)) }
}
