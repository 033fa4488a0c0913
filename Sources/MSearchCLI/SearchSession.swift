import Foundation
import MSearchExtraction
import MSearchIndex
import MSearchIndexing
import MSearchQuery
import MSearchSearch
import MSearchSnippets

/// Filters that apply to every query of a session (command-line options, or REPL commands
/// that stay until cleared).
struct SearchFilters: Equatable {
    var from: String?
    var to: String?
    var actors: [String] = []
    /// Only documents in this language (a code); query words are then analysed in it alone.
    var language: String?

    var isEmpty: Bool { from == nil && to == nil && actors.isEmpty && language == nil }

    /// The filters as required clauses around the user's query.
    func apply(to query: Query) -> Query {
        var must: [Query] = []
        if from != nil || to != nil { must.append(.date(from: from, to: to)) }
        must += actors.map { .actor($0) }
        if let language { must.append(.language(language)) }
        guard !must.isEmpty else { return query }
        return .boolean(must: [query] + must, should: [], mustNot: [])
    }
}

/// One answered query: what the user typed, how it parsed, and the presented page of hits.
struct SearchAnswer {
    var text: String
    var query: Query
    var total: Int
    var hits: [PresentedHit]
    var tookMs: Double
    /// How many hits of the order precede the first one shown (`hits[0].rank` is `offset + 1`).
    var offset = 0
    var order = SortOrder.relevance
    /// The query with misspelt or unknown words replaced by the closest indexed words.
    var didYouMean: String? = nil
    var facets: FacetCounts? = nil
    /// Why few or no articles are shown: what each filter removed (`FilterExplanation`).
    var notes: [String] = []
    /// Whether the list shows one article per near-duplicate cluster (the total counts articles).
    var collapsed = false
    /// When collapsed, how many results the matches make (one per cluster).
    var groups: Int? = nil

    /// For a "more like this" list, the article it started from (so `:more` continues it).
    var similarTo: Int? = nil

    /// The length of the whole result list: clusters count once when collapsed.
    var listLength: Int { groups ?? total }

    /// Where the next page starts, or nil when this one reaches the last match (or shows no
    /// hit at all, as with `--limit 0`, so a script paging on it always ends).
    var nextOffset: Int? {
        let end = offset + hits.count
        return !hits.isEmpty && end < listLength ? end : nil
    }
}

/// An open index and the settings that shape each query: the one-shot command, the REPL and
/// batch mode all answer through this, so they behave the same. The index is opened once and
/// every query reads the memory-mapped files without re-opening them.
final class SearchSession {
    let reader: IndexReader
    let searcher: Searcher
    var parser: QueryParser
    var filters = SearchFilters()
    var limit = 10
    /// Where a query's first page starts (`--offset`), and the order of its hits (`--sort`).
    var offset = 0
    var order = SortOrder.relevance
    var snippetOptions = SnippetOptions()
    /// Attach to each hit how its score was computed.
    var explain = false
    /// Read each query as a bag of words (`--syntax plain`), not the query language.
    var plainSyntax = false
    /// Count results by year, month and actor.
    var facets = false
    var facetSize = 20
    /// One article per near-duplicate cluster, or all of them.
    var duplicates = DuplicateMode.collapse

    init(reader: IndexReader, defaultOperator: QueryParser.DefaultOperator = .or,
         ranking: RankingOptions = .default) throws {
        self.reader = reader
        searcher = try Searcher(reader: reader, ranking: ranking)
        parser = QueryParser(defaultOperator: defaultOperator)
        searcher.actorAlias = try IndexGazetteer.aliasResolver(reader: reader)
    }

    /// How much of each hit to load: ids only (TREC runs), stored documents, or passages too.
    enum Detail { case ids, documents, snippets }

    /// Query words are analysed only in the language of `--lang` / `:lang` when one is set
    /// (its stemmer, its stop words), else in every language of the index.
    func analyseForLanguageFilter() {
        if searcher.queryLanguages != filters.language.map({ [$0] }) { searcher.queryLanguages = filters.language.map { [$0] } }
    }

    /// Parses and runs `text`, returning hits `offset ..< offset + limit` in `order` (by
    /// default the session's: the REPL's `:more` passes the page and order it continues).
    /// Throws `QuerySyntaxError` for a malformed query and `IndexError` for a damaged index.
    func answer(_ text: String, offset requested: Int? = nil, order requestedOrder: SortOrder? = nil,
                detail: Detail = .snippets) throws -> SearchAnswer {
        let started = DispatchTime.now().uptimeNanoseconds
        let parsed = plainSyntax ? try searcher.plainQuery(text) : try parser.parse(text)
        let query = filters.apply(to: parsed)
        analyseForLanguageFilter()
        let order = requestedOrder ?? self.order
        // A run of ids (TREC) shows no total, so MaxScore may skip what cannot make the page;
        // it is judged article by article, so it is never collapsed.
        // Both bounded (offset by the hits there are, limit by OptionValidation.maxLimit): no overflow.
        // The page starts where asked (reported so), searched from at most the last document.
        let asked = max(0, requested ?? self.offset)
        let offset = min(asked, reader.documentCount)
        let limit = min(max(0, limit), OptionValidation.maxLimit)
        let results = try searcher.search(query, SearchRequest(limit: limit, offset: offset, exactTotal: detail != .ids,
                                                               facetActors: facets ? facetSize : nil,
                                                               order: detail == .ids ? order.hitOrder : hitOrder(order)))
        var hits = try present(results.hits, query: parsed, offset: offset, detail: detail)
        if explain {
            for i in hits.indices { hits[i].explanation = try searcher.explain(query, doc: hits[i].hit.doc) }
        }
        var didYouMean: String?
        var notes: [String] = []
        if detail != .ids {
            // A thin page (not even one full) is also worth a more common spelling.
            let thin = results.total < max(1, limit)
            let suggestions = try searcher.suggestions(for: parsed, rareWords: thin)
            if !suggestions.isEmpty { didYouMean = SearchSession.corrected(text, suggestions) }
            notes = try FilterExplanation(session: self).notes(for: parsed, total: results.total)
            if reader.documentCount == 0 {
                notes.append("The index \(reader.directory) holds no articles: add some with `msearch index --index \(reader.directory) PATH…`.")
            }
        }
        let tookMs = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e6
        return SearchAnswer(text: text, query: parsed, total: results.total, hits: hits, tookMs: tookMs,
                            offset: asked, order: order, didYouMean: didYouMean, facets: results.facets, notes: notes,
                            collapsed: duplicates == .collapse && detail != .ids, groups: results.groups)
    }

    /// `text` with each suggested word replacing the first whole-word occurrence of the word it
    /// corrects, written in the typed word's case ("Goverment" → "Government", "NATOO" → "NATO").
    static func corrected(_ text: String, _ suggestions: [Suggestion]) -> String {
        var corrected = text
        for s in suggestions {
            var search = corrected.startIndex..<corrected.endIndex
            while let r = corrected.range(of: s.word, options: [.caseInsensitive], range: search) {
                let before = r.lowerBound == corrected.startIndex ? nil : corrected[corrected.index(before: r.lowerBound)]
                let after = r.upperBound == corrected.endIndex ? nil : corrected[r.upperBound]
                if before?.isLetter != true && before?.isNumber != true && after?.isLetter != true && after?.isNumber != true {
                    corrected.replaceSubrange(r, with: inCase(of: String(corrected[r]), s.replacement))
                    break
                }
                search = r.upperBound..<corrected.endIndex
            }
        }
        return corrected
    }

    private static func inCase(of typed: String, _ replacement: String) -> String {
        let letters = typed.filter(\.isLetter)
        if letters.count > 1 && letters.allSatisfy(\.isUppercase) { return replacement.uppercased() }
        if typed.first?.isUppercase == true { return replacement.prefix(1).uppercased() + replacement.dropFirst() }
        return replacement
    }

    /// Loads what `detail` asks for of each hit of a page starting after `offset` hits, with
    /// highlights for `query` and the hits' near-duplicate clusters.
    func present(_ page: [Hit], query: Query, offset: Int, detail: Detail) throws -> [PresentedHit] {
        var hits: [PresentedHit]
        switch detail {
        case .snippets:
            let presenter = try HitPresenter(searcher: searcher, query: query, options: snippetOptions)
            hits = try presenter.present(page, startRank: offset + 1)
        case .documents, .ids:
            hits = try page.enumerated().map { i, hit in
                PresentedHit(rank: offset + i + 1, hit: hit, externalId: reader.externalId(hit.doc),
                             document: detail == .documents ? try reader.document(hit.doc) : nil,
                             snippets: [], titleHighlights: [])
            }
        }
        if detail != .ids { attachClusters(&hits) }
        return hits
    }
}
