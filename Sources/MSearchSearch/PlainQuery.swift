import MSearchQuery

extension Searcher {
    /// Text as a bag of words, without query syntax: every word the analyzer finds (split at
    /// hyphens, quotes, brackets and other punctuation) OR'ed, ranked by BM25. For pasted prose
    /// and for test collections' natural-language queries (`--syntax plain`).
    public func plainQuery(_ text: String) -> Query {
        let utf8 = Array(text.utf8)
        let words: [Query] = analyzer.tokens(text).map {
            .term(String(decoding: utf8[$0.token.start..<$0.token.end], as: UTF8.self), field: nil)
        }
        return words.count == 1 ? words[0] : .boolean(must: [], should: words, mustNot: [])
    }
}
