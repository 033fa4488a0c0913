import ArgumentParser
import Foundation
import MSearchQuery

/// `msearch translate QUERY`: the OpenSearch search request body for a query, for an index
/// exported with `msearch export --to opensearch`.
struct TranslateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "translate",
        abstract: "Print the OpenSearch/Elasticsearch search request body for a query.",
        discussion: """
        For an index exported with msearch export --to opensearch. Words, phrases, +, -, AND, \
        OR, NOT, prefix*, title:, body:, date:, actor: and the options (--and, --from, --to, \
        --actor, --undated, --limit, --offset, --sort, --facets, --passages, --explain) become \
        the request's query DSL, page, sort, aggregations and highlighting; actor names are \
        resolved with the index's actors and gazetteer. What has no exact equivalent \
        (msearch's title weight and proximity bonus, prefixes over 256 terms) is said on stderr.
        """
    )

    @OptionGroup var options: SearchOptions

    @Argument(help: "The query.")
    var words: [String] = []

    func run() throws {
        let text = words.joined(separator: " ")
        guard !text.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw ValidationError("give a query to translate, e.g. msearch translate \"deportation flights\"")
        }
        let session = try options.makeSession()
        let exported = OpenSearchMapping.languages(of: session.reader)
        session.analyseForLanguageFilter()
        let parsed: Query
        do throws(QuerySyntaxError) {
            parsed = session.plainSyntax ? try session.searcher.plainQuery(text) : try session.parser.parse(text)
        } catch {
            FileHandle.standardError.write(error.rendered + "\n")
            throw ExitCode(ExitStatus.error)
        }
        let translation = try OpenSearchRequest.translate(parsed, session: session, exported: exported)
        for warning in OpenSearchRequest.rankingWarnings(options.ranking.options)
            + (try OpenSearchTranslator.runWarnings(session.searcher, exported: exported)) + translation.warnings {
            FileHandle.standardError.write("msearch: warning: \(warning)\n")
        }
        print(translation.body.serialized())
    }
}
