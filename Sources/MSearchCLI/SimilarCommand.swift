import ArgumentParser
import Foundation
import MSearchIndex
import MSearchQuery
import MSearchSearch

extension SearchSession {
    /// The articles most like index-wide document `doc` (`MoreLikeThis`), as a page of the
    /// session's list: the article itself is left out, and so are its near-duplicates unless
    /// the session shows duplicates. The answer's query is the OR of the chosen terms (for
    /// highlighting), its text "similar to ID".
    func similar(to doc: Int, offset requested: Int? = nil, order requestedOrder: SortOrder? = nil) throws -> SearchAnswer {
        let started = DispatchTime.now().uptimeNanoseconds
        let order = requestedOrder ?? self.order
        let asked = max(0, requested ?? self.offset)
        let offset = min(asked, reader.documentCount)
        let limit = min(max(0, limit), OptionValidation.maxLimit)
        let excluded = Set(duplicates == .collapse ? cluster(of: doc) : [doc])
        let request = SearchRequest(limit: limit, offset: offset, facetActors: facets ? facetSize : nil,
                                    order: hitOrder(order), excluded: excluded)
        let (results, terms) = try searcher.similar(to: doc, request)
        let query: Query = .boolean(must: [], should: terms.map { .term($0, field: nil) }, mustNot: [])
        let hits = try present(results.hits, query: query, offset: offset, detail: .snippets)
        let tookMs = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e6
        return SearchAnswer(text: "similar to \(reader.externalId(doc))", query: query, total: results.total, hits: hits,
                            tookMs: tookMs, offset: asked, order: order, facets: results.facets,
                            collapsed: duplicates == .collapse, groups: results.groups, similarTo: doc)
    }
}

/// `msearch similar ID`: "more like this" for one article.
struct SimilarCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "similar",
        abstract: "List the articles most like one article, by its most characteristic words.",
        discussion: """
            The article's words with the highest tf·idf (those in at least 2 articles and at most \
            half of them, occurring at least twice in it; 25 at most, as Lucene's MoreLikeThis) \
            are searched for together, each weighted by its score. The article itself is not \
            listed, nor, unless --duplicates show, its near-duplicates.
            """)

    @OptionGroup var options: SearchOptions

    @Flag(name: .long, help: "Print one JSON object: query, total, took_ms and hits.")
    var json = false

    @OptionGroup var color: ColorOption

    @Argument(help: "The article's id, as search results show it.")
    var id: String

    func run() throws {
        let session = try options.makeSession()
        guard let doc = DocumentLookup.number(of: id, in: session.reader) else {
            throw CommandError("no document with id \(TerminalText.escaped(id)) in \(TerminalText.escaped(session.reader.directory))")
        }
        let answer = try session.similar(to: doc)
        if json {
            print(JSONOutput.answer(answer).serialized())
        } else {
            print(TextOutput.render(answer, style: color.style), terminator: "")
        }
        if answer.total == 0 { throw ExitCode(ExitStatus.noHits) }
    }
}

/// `msearch duplicates`: every cluster of near-duplicates, one per line.
struct DuplicatesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "duplicates",
        abstract: "List the clusters of near-duplicate articles: one line per cluster, its ids separated by tabs.")

    @OptionGroup var indexOption: IndexOption

    func run() throws {
        let reader = try indexOption.open()
        var buffer = ""
        for members in reader.nearDuplicates.all {
            buffer += members.map { TerminalText.escaped(reader.externalId($0)) }.joined(separator: "\t") + "\n"
            if buffer.utf8.count > 1 << 16 { FileHandle.standardOutput.write(buffer); buffer = "" }
        }
        FileHandle.standardOutput.write(buffer)
    }
}
