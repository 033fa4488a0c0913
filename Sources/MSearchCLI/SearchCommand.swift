import ArgumentParser
import Foundation
import MSearchIndex
import MSearchQuery
import MSearchSearch
import MSearchSnippets

/// Options shared by every way of searching: one-shot, REPL and batch.
struct SearchOptions: ParsableArguments {
    @OptionGroup var indexOption: IndexOption

    // `.unconditional`: `--limit -1` is a value to refuse with a message, not a missing value.
    @Option(name: [.short, .long], parsing: .unconditional, help: "How many results to show (at most 10000).")
    var limit: Int = 10

    @Option(name: .long, parsing: .unconditional, help: "Skip this many results first, for a later page (at most 100000).")
    var offset: Int = 0

    @Option(name: .long, help: "Order by publication date (newest or oldest first, undated last, equal dates by score) instead of relevance.")
    var sort: SortOrder = .relevance

    @Option(name: .long, help: ArgumentHelp("""
        collapse: one article per cluster of near-duplicates (wire copies, reposts, crossposts), \
        the best-ranked (or, sorted by date, the earliest), with "+N similar" and their ids; \
        show: list them all.
        """))
    var duplicates: DuplicateMode = .collapse

    @OptionGroup var matching: MatchOptions

    @Flag(name: .long, help: "Count the results by year, month and actor (exact, over all matches).")
    var facets = false

    @Option(name: .customLong("facet-size"), parsing: .unconditional, help: "How many actors the actor facet lists.")
    var facetSize: Int = 20

    @Option(name: .long, parsing: .unconditional, help: "Passages to show per article (at most 100).")
    var passages: Int = 1

    @Flag(name: .long, help: "Show how each hit's BM25 score was computed (idf, tf, length norm per term).")
    var explain = false

    @OptionGroup(title: "Ranking") var ranking: RankingFlags

    func validate() throws {
        let problems = [
            OptionValidation.count(limit, "--limit", in: 0...OptionValidation.maxLimit),
            OptionValidation.count(offset, "--offset", in: 0...OptionValidation.maxOffset),
            OptionValidation.count(passages, "--passages", in: 1...OptionValidation.maxPassages),
            OptionValidation.count(facetSize, "--facet-size", in: 1...OptionValidation.maxActors),
        ]
        if let problem = problems.compactMap({ $0 }).first { throw ValidationError(problem) }
    }

    /// Opens the index and configures a session from these options.
    /// `verifyInBackground`: see `IndexReader.init` (the caller finishes it before output).
    func makeSession(verifyInBackground: Bool = false) throws -> SearchSession {
        let session = try matching.makeSession(indexOption, ranking: ranking.options, verifyInBackground: verifyInBackground)
        session.limit = limit
        session.offset = offset
        session.order = sort
        session.duplicates = duplicates
        session.facets = facets
        session.facetSize = facetSize
        session.snippetOptions.passages = passages
        session.explain = explain
        return session
    }
}

/// The order of a result list (`--sort`, `:sort`): by relevance, or by publication date with
/// undated articles last either way and equal dates by relevance.
enum SortOrder: String, ExpressibleByArgument, CaseIterable {
    case relevance, newest, oldest

    var hitOrder: HitOrder {
        switch self {
        case .relevance: .score
        case .newest: .date(.newestFirst)
        case .oldest: .date(.oldestFirst)
        }
    }
}

/// `msearch QUERY`: the ranked articles with a highlighted passage each.
struct SearchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "search",
        abstract: "Search the index (the default command).",
        discussion: """
        Words are OR'ed and ranked by BM25 (see the ranking options): articles with more of them, \
        rarer ones, more often, in the title and close together come first; stop words such as \
        "the" only count inside phrases. Words match in any form the stemmer relates \
        ("deportation" finds "deportations") and with or without accents ("Cossío", "Cossio").
        """
    )

    @OptionGroup var options: SearchOptions

    @Flag(name: .long, help: "Print one JSON object: query, total, took_ms and hits (--format json).")
    var json = false

    /// How the results are printed: for a person, a script or a spreadsheet.
    enum Format: String, ExpressibleByArgument, CaseIterable { case text, json, csv }

    @Option(name: .long, help: "Output format: text, json (as --json) or csv (a header row, then rank, id, score, date, title, snippet).")
    var format: Format = .text

    /// `--json` is `--format json`.
    var output: Format { json ? .json : format }

    func validate() throws {
        if json && format != .text && format != .json { throw ValidationError("--json and --format \(format.rawValue) each choose the output: give one") }
    }

    @OptionGroup var color: ColorOption

    @Argument(help: "The query.")
    var words: [String] = []

    func run() throws {
        let text = words.joined(separator: " ")
        if text.trimmingCharacters(in: .whitespaces).isEmpty {
            // `msearch` alone on a terminal opens the REPL.
            guard isatty(STDIN_FILENO) != 0 && isatty(STDOUT_FILENO) != 0 else {
                throw ValidationError("give something to search for, e.g. msearch \"deportation flights\", or run msearch repl")
            }
            let session = try options.makeSession()
            Repl(session: session, style: color.style).run()
            return
        }
        // One query, then exit: the checksums are checked while it runs, and nothing is printed
        // before they all are (damage is an error, never a wrong answer).
        let session = try options.makeSession(verifyInBackground: true)
        let answer: SearchAnswer
        do {
            do {
                answer = try session.answer(text)
            } catch let error as IndexError {
                // Damage read meanwhile (an offset from a damaged dictionary, say) may surface in
                // another file: the checksums name the one that is damaged.
                try session.reader.finishVerification()
                throw error
            }
            try session.reader.finishVerification()
        } catch let error as QuerySyntaxError {
            FileHandle.standardError.write(error.rendered + "\n")
            // A script reading JSON gets the error as JSON, where it reads.
            if output == .json {
                print(JSONOutput.error(qid: nil, query: text, message: error.message, position: error.position).serialized())
            }
            throw ExitCode(ExitStatus.error)
        }
        switch output {
        case .json: print(JSONOutput.answer(answer).serialized())
        case .csv: FileHandle.standardOutput.write(CSVOutput.header(qid: false) + CSVOutput.rows(answer))
        case .text: print(TextOutput.render(answer, style: color.style), terminator: "")
        }
        if answer.total == 0 { throw ExitCode(ExitStatus.noHits) }
    }
}
