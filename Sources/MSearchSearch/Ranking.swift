import MSearchIndex

/// Everything that shapes a ranking beyond which documents match. Each part can be switched off;
/// `classic` is plain BM25 as the peer engines run it, `default` is what msearch uses.
/// Measured on six test collections: Benchmarks/RELEVANCE.md.
public struct RankingOptions: Sendable, Equatable {
    /// BM25 parameters and the title weight (BM25F over title and body).
    public var bm25: BM25
    /// BM25F: when set, title and body are length-normalised separately, the title with this b
    /// and the body with `bm25.b`. Nil: one field, normalised by title + body length.
    public var titleB: Double?
    /// Words OR'ed into a query that do not add to its score (positions stay for phrases).
    public var stopWords: StopWordList
    /// Term-proximity bonus (0 = off): the top candidates gain, for each pair of distinct query
    /// words occurring within `proximityWindow` positions of each other, a BM25-saturated
    /// Σ 1/distance² weighted by the rarer word's idf, times this factor (after Rasolofo & Savoy's BM25TP).
    public var proximity: Double
    public var proximityWindow: Int
    /// How many first-pass hits the proximity bonus re-ranks (at least the requested limit).
    public var rerankDepth: Int
    /// Pseudo-relevance feedback (RM3), or nil.
    public var feedback: FeedbackOptions?

    public init(bm25: BM25 = BM25(), titleB: Double? = nil, stopWords: StopWordList = .none, proximity: Double = 0,
                proximityWindow: Int = 5, rerankDepth: Int = 20, feedback: FeedbackOptions? = nil) {
        self.bm25 = bm25; self.titleB = titleB; self.stopWords = stopWords; self.proximity = proximity
        self.proximityWindow = proximityWindow; self.rerankDepth = rerankDepth; self.feedback = feedback
    }

    /// Plain BM25 (k1 1.2, b 0.75), every word scored, no proximity, no feedback.
    public static let classic = RankingOptions()

    /// msearch's defaults: English stop words (and single characters) left out of OR'ed words,
    /// BM25F with title words counting twice (title b 0.9, body b 0.65, k1 1.2) and a proximity
    /// bonus (0.35, window 5) on the top 20; no feedback.
    public static let `default` = RankingOptions(bm25: BM25(k1: 1.2, b: 0.65, titleWeight: 2), titleB: 0.9,
                                                 stopWords: .english, proximity: 0.35, proximityWindow: 5,
                                                 rerankDepth: 20, feedback: nil)
}

/// RM3 pseudo-relevance feedback, as Anserini runs it: the first pass's top `documents` hits
/// give a relevance model (each term's share of a document, weighted by the document's score);
/// its `terms` best terms (skipping stop words and terms in more than `maxDocumentFraction` of
/// the documents) join the query, interpolated with it with weight `originalWeight`. Anserini
/// uses 10 / 10 / 0.5 and no smoothing; 0.7 and μ = 300 did better on all five collections.
public struct FeedbackOptions: Sendable, Equatable {
    public var documents: Int
    public var terms: Int
    public var originalWeight: Double
    public var maxDocumentFraction: Double
    /// μ of the feedback documents' language models (0: maximum likelihood, tf / |D|).
    public var smoothing: Double

    public init(documents: Int = 10, terms: Int = 10, originalWeight: Double = 0.7, maxDocumentFraction: Double = 0.1,
                smoothing: Double = 300) {
        self.documents = documents; self.terms = terms; self.originalWeight = originalWeight
        self.maxDocumentFraction = maxDocumentFraction; self.smoothing = smoothing
    }
}

extension Searcher {
    /// Average title and body lengths of the live documents, from the per-document columns
    /// (one pass at open), so an updated index ranks as a rebuilt one.
    static func fieldNormalization(_ reader: IndexReader, titleB: Double, bodyB: Double) -> BM25.FieldNormalization {
        var title: UInt64 = 0, body: UInt64 = 0
        var longestTitle: UInt32 = 0
        for s in reader.segments {
            let segment = s.columns.lengths.totals(count: s.documentCount, isDeleted: s.deletes == nil ? nil : s.isDeleted)
            title &+= segment.title
            body &+= segment.body
            longestTitle = max(longestTitle, segment.longestTitle)
        }
        let n = Double(max(1, reader.documentCount))
        return BM25.FieldNormalization(titleB: titleB, bodyB: bodyB, averageTitleLength: Double(title) / n,
                                       averageBodyLength: Double(body) / n,
                                       longestTitle: Double(longestTitle))
    }
}
