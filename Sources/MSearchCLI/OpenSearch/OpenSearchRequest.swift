import MSearchQuery
import MSearchSearch

/// A whole search request body for a query of a session: the translated query (with the
/// session's --from/--to/--actor filters), the page, the order, highlighting and facets.
/// What the session asks for that has no exact equivalent becomes a warning.
enum OpenSearchRequest {
    struct Translation {
        var body: JSONValue
        var warnings: [String]
    }

    /// The ranking parts OpenSearch has no equivalent for, once per run (not per query).
    static func rankingWarnings(_ ranking: RankingOptions) -> [String] {
        var notes: [String] = []
        if ranking.bm25.titleWeight != 1 {
            notes.append("ranking: msearch counts a title word \(ranking.bm25.titleWeight) times (BM25F over title and body); OpenSearch scores the field \"text\" (title and body) with BM25 k1 \(ranking.bm25.k1), b \(ranking.bm25.b)")
        }
        if ranking.proximity > 0 { notes.append("ranking: msearch's proximity bonus (\(ranking.proximity), window \(ranking.proximityWindow)) has no equivalent") }
        if ranking.feedback != nil { notes.append("ranking: RM3 feedback (--rm3) has no equivalent") }
        if ranking.stopWords != RankingOptions.default.stopWords {
            notes.append("ranking: the exported search analysers drop the \(RankingOptions.default.stopWords.rawValue) stop words, not --stopwords \(ranking.stopWords.rawValue)")
        }
        if ranking.bm25.k1 != RankingOptions.default.bm25.k1 || ranking.bm25.b != RankingOptions.default.bm25.b
            || ranking.titleB != RankingOptions.default.titleB {
            notes.append("ranking: the exported index's similarity has msearch's default k1 and b, not those given")
        }
        return notes
    }

    static func translate(_ parsed: Query, session: SearchSession, exported: [String]) throws -> Translation {
        session.analyseForLanguageFilter()
        var translator = OpenSearchTranslator(searcher: session.searcher, exported: exported)
        translator.defaultOperator = session.parser.defaultOperator
        translator.includeUndated = session.searcher.includeUndated
        let query = try translator.translate(session.filters.apply(to: parsed))
        var fields: [(String, JSONValue)] = [("query", query), ("size", .int(session.limit)), ("from", .int(session.offset)),
                                             ("track_total_hits", .bool(true)), ("sort", sort(session.order))]
        if session.limit > 0 {
            fields.append(("highlight", .object([
                ("require_field_match", .bool(false)),
                ("fields", .object([("title", .object([("number_of_fragments", .int(0))])),
                                    ("body", .object([("number_of_fragments", .int(session.snippetOptions.passages))]))])),
            ])))
        }
        if session.facets { fields.append(("aggs", facets(size: session.facetSize))) }
        if session.explain { fields.append(("explain", .bool(true))) }
        return Translation(body: .object(fields), warnings: translator.warnings)
    }

    /// msearch's orders, with its tie-breaks: equal scores by id; by date, undated last, a
    /// date known only to the month or year before the days of its period (`DateKey`), equal
    /// dates by score, then id.
    static func sort(_ order: SortOrder) -> JSONValue {
        // "_score" alone (descending): the specification reads {"_score": {…}} two ways.
        let score: JSONValue = .string("_score")
        let id: JSONValue = .object([("id", .object([("order", .string("asc"))]))])
        func byDate(_ direction: String, precision: String) -> [JSONValue] {
            [.object([("published", .object([("order", .string(direction)), ("missing", .string("_last"))]))]),
             .object([("published_precision", .object([("order", .string(precision)), ("missing", .string("_last"))]))])]
        }
        switch order {
        case .relevance: return .array([score, id])
        // "day" < "month" < "year": newest first puts a day before its month's undated-day articles.
        case .newest: return .array(byDate("desc", precision: "asc") + [score, id])
        case .oldest: return .array(byDate("asc", precision: "desc") + [score, id])
        }
    }

    /// `--facets`: years and months as msearch counts them (a month only for articles whose
    /// month is known), the most named actors and the languages.
    static func facets(size: Int) -> JSONValue {
        func histogram(_ interval: String, _ format: String) -> JSONValue {
            .object([("date_histogram", .object([("field", .string("published")), ("calendar_interval", .string(interval)),
                                                 ("format", .string(format)), ("min_doc_count", .int(1))]))])
        }
        return .object([
            ("year", histogram("year", "yyyy")),
            ("month", .object([("filter", .object([("terms", .object([("published_precision", .array([.string("day"), .string("month")]))]))])),
                               ("aggs", .object([("month", histogram("month", "yyyy-MM"))]))])),
            ("actor", .object([("nested", .object([("path", .string("actors"))])),
                               ("aggs", .object([("actor", .object([("terms", .object([("field", .string("actors.name")), ("size", .int(size))]))]))]))])),
            ("language", .object([("terms", .object([("field", .string("language")), ("size", .int(size))]))])),
        ])
    }
}
