import MSearchAnalysis
import MSearchIndex
import MSearchQuery
import MSearchSearch
import MSearchSnippets
import MSearchSources

/// A hit ready to print: the stored document and the passage that shows why it matched.
struct PresentedHit {
    var rank: Int
    var hit: Hit
    var externalId: String
    /// The stored document; nil when only ids were asked for (TREC runs).
    var document: SourceDocument?
    var snippets: [Snippet]
    var titleHighlights: [Range<Int>]
    /// How the score was computed, when `--explain` asked for it.
    var explanation: Explanation? = nil
    /// The index keeps no text and the source file changed or vanished since indexing, so
    /// there is no title or passage to show.
    var sourceChanged = false
    /// The id of the hit's near-duplicate cluster (its first member's), nil when it has none.
    var cluster: String? = nil
    /// The other members of that cluster (external ids).
    var similar: [String] = []
}

/// Turns scored hits into presented hits: loads each stored document and finds the query's
/// patterns in its text with the index's analyzer, so a stemmed or accent-folded variant
/// ("deportations", "Cossio") is highlighted where the reader sees it, and a phrase is one span.
struct HitPresenter {
    let reader: IndexReader
    let analyzer: Analyzer
    let patterns: [HighlightPattern]
    var options: SnippetOptions

    init(searcher: Searcher, query: Query, options: SnippetOptions = SnippetOptions()) throws {
        reader = searcher.reader
        analyzer = searcher.analyzer
        patterns = try searcher.highlightPatterns(query)
        self.options = options
    }

    func present(_ hits: [Hit], startRank: Int = 1) throws -> [PresentedHit] {
        try hits.enumerated().map { i, hit in
            let (doc, textAvailable) = try reader.documentText(hit.doc)
            // The hit's own language's analysis finds the forms its text has (`deportaciones`).
            let own = analyzer.forLanguage(doc.language ?? "")
            let snippets = SnippetBuilder.passages(text: doc.body, matches: matches(in: doc.body, analyzer: own),
                                                   termWeights: patterns.map(\.weight), options: options)
            let titleHighlights = matches(in: doc.title, analyzer: own).map { $0.start..<$0.end }
            return PresentedHit(rank: startRank + i, hit: hit, externalId: doc.id, document: doc,
                                snippets: snippets, titleHighlights: titleHighlights, sourceChanged: !textAvailable)
        }
    }

    /// Where the query's patterns occur in `text` (analysed by `analyzer`, the default
    /// language's unless given), as byte ranges of the original text.
    func matches(in text: String, analyzer: Analyzer? = nil) -> [TermMatch] {
        let analyzer = analyzer ?? self.analyzer
        var terms: [[UInt8]] = []
        var tokens: [Token] = []
        analyzer.analyze(text) { term, token in
            terms.append(Array(term))
            tokens.append(token)
        }
        var out: [TermMatch] = []
        var covered = 0  // tokens before this index are already inside a match
        for i in 0..<tokens.count where i >= covered {
            for (p, pattern) in patterns.enumerated() {
                guard let last = match(pattern, at: i, terms: terms, tokens: tokens) else { continue }
                out.append(TermMatch(start: tokens[i].start, end: tokens[last].end, term: p))
                covered = last + 1
                break
            }
        }
        return out
    }

    /// The index of the last token of `pattern` if it occurs starting at token `i`.
    private func match(_ pattern: HighlightPattern, at i: Int, terms: [[UInt8]], tokens: [Token]) -> Int? {
        guard terms[i] == pattern.terms[0] else { return nil }
        var last = i
        var j = i
        for k in 1..<max(1, pattern.terms.count) {
            let wanted = tokens[i].position + pattern.offsets[k]
            while j < tokens.count && tokens[j].position < wanted { j += 1 }
            guard j < tokens.count, tokens[j].position == wanted, terms[j] == pattern.terms[k] else { return nil }
            last = j
        }
        return last
    }
}
