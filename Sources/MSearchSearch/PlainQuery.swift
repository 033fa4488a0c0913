import MSearchQuery

extension Searcher {
    /// Text as a bag of words, without query syntax: every word the analyzer finds (split at
    /// hyphens, quotes, brackets and other punctuation) OR'ed, ranked by BM25. For pasted prose
    /// and for test collections' natural-language queries (`--syntax plain`).
    /// The query language's budget applies: at most `QueryBudget.maxBytes` and
    /// `QueryBudget.maxClauses` words.
    public func plainQuery(_ text: String) throws(QuerySyntaxError) -> Query {
        try QueryBudget.checkLength(text)
        let utf8 = Array(text.utf8)
        let tokens = analyzer.tokens(text)
        if tokens.count > QueryBudget.maxClauses {
            let start = tokens[QueryBudget.maxClauses].token.start
            throw QueryBudget.tooManyClauses(text, at: String(decoding: utf8[..<start], as: UTF8.self).count)
        }
        let words: [Query] = tokens.map {
            .term(String(decoding: utf8[$0.token.start..<$0.token.end], as: UTF8.self), field: nil)
        }
        return words.count == 1 ? words[0] : .boolean(must: [], should: words, mustNot: [])
    }
}
