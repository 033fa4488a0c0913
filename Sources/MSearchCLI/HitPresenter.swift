import MSearchQuery
import MSearchAnalysis
import MSearchIndex
import MSearchSearch
import MSearchSnippets
import MSearchSources

/// A hit ready to print: the stored document and the passage that shows why it matched.
struct PresentedHit {
    var rank: Int
    var hit: Hit
    var document: SourceDocument
    var snippets: [Snippet]
    var titleHighlights: [Range<Int>]
}

/// Turns scored hits into presented hits: loads each stored document and finds the query's
/// terms in its text with the index's analyzer, so a stemmed or accent-folded variant
/// ("deportations", "Cossio") is highlighted where the reader sees it.
struct HitPresenter {
    let reader: IndexReader
    let analyzer: Analyzer
    let terms: [[UInt8]]
    let termWeights: [Double]
    var options = SnippetOptions()

    init(searcher: Searcher, query: Query, options: SnippetOptions = SnippetOptions()) throws {
        reader = searcher.reader
        analyzer = try searcher.reader.makeAnalyzer()
        terms = searcher.highlightTerms(query)
        let n = reader.documentCount
        termWeights = try terms.map { t in
            let df = try t.withUnsafeBufferPointer { try searcher.reader.documentFrequency($0) }
            return searcher.bm25.idf(documentFrequency: df, documentCount: n)
        }
        self.options = options
    }

    func present(_ hits: [Hit]) throws -> [PresentedHit] {
        try hits.enumerated().map { i, hit in
            let doc = try reader.document(hit.doc)
            let matches = self.matches(in: doc.body)
            let snippets = SnippetBuilder.passages(text: doc.body, matches: matches,
                                                   termWeights: termWeights, options: options)
            let titleHighlights = self.matches(in: doc.title).map { $0.start..<$0.end }
            return PresentedHit(rank: i + 1, hit: hit, document: doc, snippets: snippets,
                                titleHighlights: titleHighlights)
        }
    }

    /// The tokens of `text` whose analysed form is one of the query's terms.
    func matches(in text: String) -> [TermMatch] {
        var out: [TermMatch] = []
        var t = text
        t.withUTF8 { utf8 in
            analyzer.analyze(utf8) { term, token in
                for (i, q) in terms.enumerated() where q.count == term.count && q.elementsEqual(term) {
                    out.append(TermMatch(start: token.start, end: token.end, term: i))
                    break
                }
            }
        }
        return out
    }
}
