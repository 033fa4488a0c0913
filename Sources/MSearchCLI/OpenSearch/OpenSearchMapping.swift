import MSearchIndex
import MSearchSearch

/// The create-index body (`OUT/index.json`): analysers equivalent to msearch's, BM25 with its
/// parameters, and the mapping of the fields `OpenSearchDocument` writes.
///
/// Analysis, per language: msearch's tokens (runs of letters, digits and marks; an apostrophe
/// between letters stays inside: `Tokenizer`) as a `pattern` tokenizer, then `lowercase`,
/// `asciifolding` and the Snowball stemmer of the language. The search analyser adds a `stop`
/// filter with the words msearch leaves out of an OR of words (`StopWordList`); the translation
/// names the index analyser where msearch keeps them (phrases, required words).
struct OpenSearchMapping {
    /// The languages the index's text is analysed in, first the default one: Snowball algorithm
    /// names ("english"), or `unstemmed`. The fields carry the first; each further language
    /// gets sub-fields (`title.german`) with its own analysers.
    var languages: [String]
    var stopWords: [String]
    var ranking: RankingOptions

    static let unstemmed = "unstemmed"
    static let similarity = "bm25"
    /// msearch's gap between title and body positions, so no phrase spans both in `text` either.
    static let titleBodyGap = IndexFormat.titleBodyGap

    /// The index's analyses, as stemmer names: the manifest's default first, then the stemmer
    /// of each further language its live documents are in (`Searcher.languages`), each once.
    static func languages(of reader: IndexReader) -> [String] {
        let settings = reader.manifest.analyzer
        var names = [settings.stemmer ?? unstemmed]
        for code in Searcher.languages(of: reader) {
            let name = settings.forLanguage(code).stemmer ?? unstemmed
            if !names.contains(name) { names.append(name) }
        }
        return names
    }

    static func analyzer(_ language: String) -> String { "msearch_\(language)" }
    static func searchAnalyzer(_ language: String) -> String { "msearch_\(language)_search" }

    /// Snowball algorithms (libstemmer's names) that OpenSearch's `snowball` filter knows, by
    /// the name it takes (the specification's `SnowballLanguage`).
    static let snowballNames: [String: String] = [
        "armenian": "Armenian", "basque": "Basque", "catalan": "Catalan", "danish": "Danish", "dutch": "Dutch",
        "english": "English", "finnish": "Finnish", "french": "French", "german": "German", "hungarian": "Hungarian",
        "italian": "Italian", "norwegian": "Norwegian", "porter": "Porter", "portuguese": "Portuguese",
        "romanian": "Romanian", "russian": "Russian", "spanish": "Spanish", "swedish": "Swedish", "turkish": "Turkish",
    ]

    /// A token is a run of letters, digits and combining marks; ' or ’ stays inside only
    /// between two letters (the pattern is where tokens split, as Java regular expressions).
    static let tokenPattern = "[^\\p{L}\\p{N}\\p{M}'’]+|(?<!\\p{L})['’]+|['’]+(?!\\p{L})"
    /// msearch drops longer tokens (`Analyzer.maxTokenBytes` bytes; `length` counts characters).
    static let maxTokenLength = 64

    /// What cannot be mirrored, for the export's warnings.
    var problems: [String] {
        var notes = languages.filter { $0 != Self.unstemmed && Self.snowballNames[$0] == nil }.map {
            "OpenSearch's snowball filter has no \($0) stemmer: the \(Self.analyzer($0)) analyser does not stem"
        }
        if let titleB = ranking.titleB, titleB != ranking.bm25.b {
            notes.append("one BM25 similarity (k1 \(ranking.bm25.k1), b \(ranking.bm25.b)) for every text field: msearch's title b \(titleB) (BM25F) has no place in the settings")
        }
        return notes
    }

    var body: JSONValue {
        .object([("settings", settings), ("mappings", mappings)])
    }

    private var settings: JSONValue {
        var filters: [(String, JSONValue)] = [
            ("msearch_length", .object([("type", .string("length")), ("min", .int(1)), ("max", .int(Self.maxTokenLength))])),
            ("msearch_stop", .object([("type", .string("stop")), ("stopwords", .array(stopWords.map { .string($0) })),
                                      ("ignore_case", .bool(false))])),
        ]
        var analyzers: [(String, JSONValue)] = []
        for language in languages {
            var chain = ["lowercase", "asciifolding", "msearch_length"]
            var stem: [String] = []
            if let name = Self.snowballNames[language] {
                filters.append(("msearch_\(language)_stemmer", .object([("type", .string("snowball")), ("language", .string(name))])))
                stem = ["msearch_\(language)_stemmer"]
            }
            func analyzer(_ filters: [String]) -> JSONValue {
                .object([("type", .string("custom")), ("tokenizer", .string("msearch_tokens")),
                         ("filter", .array(filters.map { .string($0) }))])
            }
            analyzers.append((Self.analyzer(language), analyzer(chain + stem)))
            chain.append("msearch_stop")
            analyzers.append((Self.searchAnalyzer(language), analyzer(chain + stem)))
        }
        let bm25 = ranking.bm25
        return .object([
            ("analysis", .object([
                ("tokenizer", .object([("msearch_tokens", .object([("type", .string("pattern")), ("pattern", .string(Self.tokenPattern))]))])),
                ("filter", .object(filters)),
                ("analyzer", .object(analyzers)),
            ])),
            // One BM25 with msearch's k1 and body b for every text field (the specification names
            // a similarity by its algorithm, so there is no second one for BM25F's title b).
            ("similarity", .object([(Self.similarity, .object([
                ("type", .string("BM25")), ("k1", .double(bm25.k1)), ("b", .double(bm25.b)), ("discount_overlaps", .bool(true)),
            ]))])),
        ])
    }

    private var mappings: JSONValue {
        let keyword: JSONValue = .object([("type", .string("keyword"))])
        // Lucene refuses a term over 32,766 bytes: a longer path or URL is kept in the source only.
        let longKeyword: JSONValue = .object([("type", .string("keyword")), ("ignore_above", .int(8191))])
        return .object([
            // A field the export does not declare is an error at load, not a guessed type.
            ("dynamic", .string("strict")),
            ("properties", .object([
                ("id", keyword),
                ("title", text(copyTo: true)),
                ("body", text(copyTo: true)),
                // msearch's one text field: title then body, what unscoped words match.
                ("text", text(copyTo: false)),
                ("source_path", longKeyword),
                ("url", longKeyword),
                ("published", .object([("type", .string("date")), ("format", .string("yyyy-MM-dd"))])),
                ("published_precision", keyword),
                ("published_evidence", keyword),
                ("dates_mentioned", keyword),
                ("actors", .object([("type", .string("nested")), ("properties", .object([("name", keyword), ("kind", keyword)]))])),
                ("language", keyword),
                ("cluster", keyword),
            ])),
        ])
    }

    private func text(copyTo: Bool) -> JSONValue {
        let first = languages[0]
        var fields: [(String, JSONValue)] = [
            ("type", .string("text")), ("analyzer", .string(Self.analyzer(first))),
            ("search_analyzer", .string(Self.searchAnalyzer(first))), ("similarity", .string(Self.similarity)),
        ]
        if copyTo { fields.append(("copy_to", .array([.string("text")]))) } else { fields.append(("position_increment_gap", .int(Self.titleBodyGap))) }
        let others = languages.dropFirst()
        if !others.isEmpty {
            fields.append(("fields", .object(others.map { language in
                (language, .object([("type", .string("text")), ("analyzer", .string(Self.analyzer(language))),
                                    ("search_analyzer", .string(Self.searchAnalyzer(language))),
                                    ("similarity", .string(Self.similarity))]))
            })))
        }
        return .object(fields)
    }
}
