import MSearchQuery
import ArgumentParser
import Foundation
import MSearchIndex
import MSearchSearch
import MSearchSnippets

/// `msearch QUERY`: the ranked articles with a highlighted passage each.
struct SearchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "search",
        abstract: "Search the index (the default command).",
        discussion: """
        The words are OR'ed and ranked by BM25 (k1 1.2, b 0.75): articles with more of them,
        rarer ones, and more often, come first. Words match in any form the stemmer relates
        ("deportation" finds "deportations") and with or without accents ("Cossío", "Cossio").
        """
    )

    @Option(name: .long, help: "The index directory (default: ./Index, built from ./seeds when missing).")
    var index: String?

    @Option(name: [.short, .long], help: "How many results to show.")
    var limit: Int = 10

    @Flag(name: .long, help: "Print one JSON object: query, total, took_ms and hits.")
    var json = false

    @Option(name: .long, help: "Colour highlights: auto (on a terminal, unless NO_COLOR is set), always or never.")
    var color: ColorMode = .auto

    @Argument(help: "The words to search for.")
    var words: [String] = []

    func validate() throws {
        if limit < 0 { throw ValidationError("--limit must be 0 or more") }
        if words.allSatisfy({ $0.trimmingCharacters(in: .whitespaces).isEmpty }) {
            throw ValidationError("give something to search for, e.g. msearch \"deportation flights\"")
        }
    }

    func run() throws {
        let queryText = words.joined(separator: " ")
        let reader = try IndexLocation.open(index)
        let searcher = try Searcher(reader: reader)
        let started = DispatchTime.now()
        let query = BagOfWords.parse(queryText)
        let results = try searcher.search(query, limit: limit)
        let presented = try HitPresenter(searcher: searcher, query: query).present(results.hits)
        let tookMs = Double(DispatchTime.now().uptimeNanoseconds - started.uptimeNanoseconds) / 1e6
        if json {
            print(JSONOutput.render(query: queryText, total: results.total, tookMs: tookMs, hits: presented))
        } else {
            let style: HighlightStyle = color.enabled ? .ansi : .markers(open: "[", close: "]")
            print(TextOutput.render(query: queryText, total: results.total, tookMs: tookMs,
                                    hits: presented, style: style), terminator: "")
        }
        if results.total == 0 { throw ExitCode(ExitStatus.noHits) }
    }
}

/// Until the query language lands: every word is a term, and any of them may match.
enum BagOfWords {
    static func parse(_ text: String) -> Query {
        .boolean(must: [], should: text.split(whereSeparator: { $0.isWhitespace }).map { .term(String($0), field: nil) },
                 mustNot: [])
    }
}
