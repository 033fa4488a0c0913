import MSearchAnalysis
import MSearchIndex
import MSearchQuery
import MSearchSearch

/// msearch's `Query` tree as OpenSearch query DSL over the fields `OpenSearchMapping` declares,
/// resolving against the index what msearch resolves at search time (how words analyse, which
/// actors a name designates, what a prefix expands to). Matching follows msearch's planner
/// (`QueryPlanner.plan`) clause by clause; what has no exact equivalent is added to `warnings`
/// and translated as closely as OpenSearch allows, never silently changed.
struct OpenSearchTranslator {
    let searcher: Searcher
    /// Where the text is analysed as msearch analyses a query word for each language it looks
    /// in: the fields themselves for the first exported analysis, `field.LANGUAGE` sub-fields
    /// for the others (`OpenSearchMapping.text`); each exported analysis once.
    let analyses: [Analysis]
    var defaultOperator: QueryParser.DefaultOperator = .or
    /// Whether undated articles pass date filters (`--undated include`).
    var includeUndated = false
    private(set) var warnings: [String] = []

    /// One of the query's analyses and the exported (sub-)field holding the text analysed so.
    struct Analysis {
        let analyzer: Analyzer
        /// The exported analysis (`OpenSearchMapping.languages`): "english", "german", `unstemmed`.
        let language: String
        /// The sub-field's name, nil for the fields themselves.
        let subfield: String?
    }

    /// `exported`: the export's analyses, first the fields' own (`OpenSearchMapping.languages`).
    init(searcher: Searcher, exported: [String]) {
        self.searcher = searcher
        analyses = Self.analyses(searcher, exported: exported)
    }

    /// What differs for every query of a run on this index, said once: several analyses, and a
    /// --lang whose stop words are not those the exported search analysers drop.
    static func runWarnings(_ searcher: Searcher, exported: [String]) throws -> [String] {
        var notes: [String] = []
        let analyses = Self.analyses(searcher, exported: exported)
        if analyses.count > 1 {
            notes.append("the query is analysed in \(analyses.count) ways (\(analyses.map(\.language).joined(separator: ", "))): msearch adds up the scores of a word's per-language forms, each with its statistics over the whole index; OpenSearch takes the best of the per-language sub-fields (dis_max), each with its own statistics")
        }
        if searcher.queryLanguages != nil && searcher.ranking.stopWords == RankingOptions.default.stopWords {
            let exportedWords = try Searcher(reader: searcher.reader, ranking: .default).droppedStopWords
            if exportedWords != searcher.droppedStopWords {
                notes.append("--lang: msearch leaves out the stop words of \(searcher.queryLanguages!.joined(separator: ", ")); the exported search analysers drop those of the whole index")
            }
        }
        return notes
    }

    /// The analyses msearch plans a query word with (`Searcher`: the default's, then each
    /// language of the index, or only those of --lang), mapped to the exported fields; an
    /// analysis the export does not have (a --lang without documents) falls back to the fields'.
    static func analyses(_ searcher: Searcher, exported: [String]) -> [Analysis] {
        var out: [Analysis] = []
        for analyzer in searcher.queryAnalyzers {
            let name = analyzer.settings.stemmer ?? OpenSearchMapping.unstemmed
            guard let position = exported.firstIndex(of: name), !out.contains(where: { $0.language == name }) else { continue }
            out.append(Analysis(analyzer: analyzer, language: name, subfield: position == 0 ? nil : name))
        }
        if out.isEmpty, let first = exported.first {
            out.append(Analysis(analyzer: searcher.analyzer, language: first, subfield: nil))
        }
        return out
    }

    /// The OpenSearch field a scope searches: unscoped words search title and body as one text.
    static func field(_ f: Field?) -> String { f?.rawValue ?? "text" }

    static let matchNone: JSONValue = .object([("match_none", .object([]))])

    mutating func translate(_ query: Query) throws -> JSONValue {
        switch query {
        case .term(let word, let field):
            return match(word, field: field, keepStopWords: true)
        case .phrase(let text, let slop, let field):
            return phrase(text, slop: slop, field: field)
        case .prefix(let word, let field):
            return try prefix(word, field: field)
        case .boolean(let must, let should, let mustNot):
            return try boolean(must: must, should: should, mustNot: mustNot)
        case .date(let from, let to):
            guard let range = DateBounds.range(from: from, to: to) else { return Self.matchNone }
            let filter = OpenSearchDates.range(lower: from == nil ? nil : range.lowerBound, upper: to == nil ? nil : range.upperBound)
            guard includeUndated else { return filter }
            let undated: JSONValue = .object([("bool", .object([("must_not", .array([
                .object([("exists", .object([("field", .string("published"))]))])]))]))])
            return .object([("bool", .object([("should", .array([filter, undated])), ("minimum_should_match", .int(1))]))])
        case .actor(let name):
            let names = try searcher.actorNames(designatedBy: name)
            guard !names.isEmpty else {
                warnings.append("actor:\(name) names no actor in the index (as in msearch, it matches nothing): match_none")
                return Self.matchNone
            }
            return .object([("nested", .object([("path", .string("actors")), ("query", .object([
                ("terms", .object([("actors.name", .array(names.map { .string($0) }))]))]))]))])
        case .language(let code):
            return .object([("term", .object([("language", .string(code))]))])
        case .all:
            return .object([("match_all", .object([]))])
        }
    }

    /// The exported field for a scope in one analysis: `text`, `title.german`.
    static func field(_ f: Field?, _ analysis: Analysis) -> String {
        analysis.subfield.map { field(f) + "." + $0 } ?? field(f)
    }

    /// One clause per analysis, as one query: itself alone, else the best of them (`dis_max`:
    /// a document's text matches in its own language's sub-field; adding the others would count
    /// a word again for every analysis that happens to agree).
    static func best(of clauses: [JSONValue]) -> JSONValue {
        switch clauses.count {
        case 0: return matchNone
        case 1: return clauses[0]
        default: return .object([("dis_max", .object([("queries", .array(clauses))]))])
        }
    }

    /// A word: nothing when it has no term, a `match` when it is one term, a phrase when it is
    /// several ("U.S.", "Díaz-Canel"), as the planner does, in each analysis. `keepStopWords`:
    /// msearch scores it even if it is a stop word (a required word, or a query of only stop
    /// words), so the index analyser is named instead of the fields' search analyser, which
    /// drops them.
    private func match(_ word: String, field: Field?, keepStopWords: Bool) -> JSONValue {
        let keep = keepStopWords && searcher.isStopWord(word)
        return Self.best(of: analyses.compactMap { analysis in
            let terms = analysis.analyzer.terms(word)
            if terms.isEmpty { return nil }
            if terms.count > 1 { return phrase(word, slop: 0, field: field, in: analysis) }
            var options: [(String, JSONValue)] = [("query", .string(word)),
                                                  ("operator", .string(defaultOperator == .and ? "and" : "or"))]
            if keep { options.append(("analyzer", .string(OpenSearchMapping.analyzer(analysis.language)))) }
            return .object([("match", .object([(Self.field(field, analysis), .object(options))]))])
        })
    }

    /// Phrases keep their stop words in msearch: the index analyser, never the search one.
    private func phrase(_ text: String, slop: Int, field: Field?) -> JSONValue {
        Self.best(of: analyses.compactMap { phrase(text, slop: slop, field: field, in: $0) })
    }

    private func phrase(_ text: String, slop: Int, field: Field?, in analysis: Analysis) -> JSONValue? {
        if analysis.analyzer.terms(text).isEmpty { return nil }
        var options: [(String, JSONValue)] = [("query", .string(text)), ("analyzer", .string(OpenSearchMapping.analyzer(analysis.language)))]
        if slop > 0 { options.append(("slop", .int(slop))) }
        return .object([("match_phrase", .object([(Self.field(field, analysis), .object(options))]))])
    }

    /// A prefix matches the index's terms that start with the word folded as msearch folds it
    /// (OpenSearch does not analyse prefixes), each scored as a term (`scoring_boolean`), in
    /// every analysis (a stem of any language may start with it).
    private mutating func prefix(_ word: String, field: Field?) throws -> JSONValue {
        let folded = searcher.analyzer.normalize(word)
        if folded.isEmpty { return Self.matchNone }
        let expansions = try searcher.prefixExpansions(word)
        if expansions.found > expansions.kept {
            warnings.append("\(word)* expands to \(expansions.found) terms: msearch scores the \(expansions.kept) most frequent, OpenSearch every one (up to its indices.query.bool.max_clause_count)")
        }
        return Self.best(of: analyses.map { analysis in
            .object([("prefix", .object([(Self.field(field, analysis), .object([
                ("value", .string(folded)), ("rewrite", .string("scoring_boolean"))]))]))])
        })
    }

    /// Lucene's boolean query, as the planner reads it: stop words OR'ed with other words do
    /// not score (the search analyser drops them); date and actor clauses filter without
    /// scoring; a filter OR'ed with scoring clauses restricts them (`cuba date:2023`).
    private mutating func boolean(must: [Query], should: [Query], mustNot: [Query]) throws -> JSONValue {
        // msearch keeps every optional word when dropping stop words would leave nothing to score.
        let keepsStopWords = must.isEmpty && !should.contains { clause in
            if case .term(let w, _) = clause { return !searcher.isStopWord(w) }
            return !clause.isFilter
        }
        var optional: [Query] = should
        var filters: [Query] = must.filter(\.isFilter)
        var needOneOptional = false
        let optionalFilters = should.filter(\.isFilter)
        // Filters only move when scoring clauses remain beside them (stop words dropped do not count).
        let scoring = should.filter { clause in
            if clause.isFilter { return false }
            if !keepsStopWords, case .term(let w, _) = clause, searcher.isStopWord(w) { return false }
            return true
        }
        if !optionalFilters.isEmpty && !scoring.isEmpty {
            optional.removeAll(where: \.isFilter)
            filters += optionalFilters
            needOneOptional = must.isEmpty
        }
        var parts: [(String, JSONValue)] = []
        let required = try must.filter { !$0.isFilter }.map { try translate($0) }
        if !required.isEmpty { parts.append(("must", .array(required))) }
        var shouldClauses: [JSONValue] = []
        for clause in optional {
            if case .term(let w, let field) = clause {
                shouldClauses.append(match(w, field: field, keepStopWords: keepsStopWords))
            } else if clause.isFilter {
                // Filters OR'ed together select without scoring, as in msearch (score 0).
                shouldClauses.append(.object([("constant_score", .object([("filter", try translate(clause)), ("boost", .double(0))]))]))
            } else {
                shouldClauses.append(try translate(clause))
            }
        }
        if !shouldClauses.isEmpty { parts.append(("should", .array(shouldClauses))) }
        let filterClauses = try filters.map { try translate($0) }
        if !filterClauses.isEmpty { parts.append(("filter", .array(filterClauses))) }
        let excluded = try mustNot.map { try translate($0) }
        if !excluded.isEmpty { parts.append(("must_not", .array(excluded))) }
        // With a filter beside them, OpenSearch would let every should clause miss.
        if needOneOptional || (must.isEmpty && !shouldClauses.isEmpty && !filterClauses.isEmpty) {
            parts.append(("minimum_should_match", .int(1)))
        }
        return .object([("bool", .object(parts))])
    }
}
