/// BM25 as Lucene and Tantivy define it (k1 = 1.2, b = 0.75, always-positive idf), over
/// index-wide statistics so that scores do not depend on how documents fall into segments.
public struct BM25: Sendable, Equatable {
    public var k1: Double = 1.2
    public var b: Double = 0.75
    /// A title occurrence counts this many times (1 = title and body are one field, as peers do).
    public var titleWeight: Double = 1.0

    /// BM25F: title and body each normalised by its own average length, the title with its
    /// own b (`b` is the body's). Nil: title and body are one field (dl = body + weight × title).
    public var fields: FieldNormalization? = nil

    public struct FieldNormalization: Sendable, Equatable {
        public var titleB: Double
        public var bodyB: Double
        public var averageTitleLength: Double
        public var averageBodyLength: Double
        /// b / avg, so scoring multiplies instead of dividing.
        let titleScale: Double
        let bodyScale: Double
        /// The smallest title norm a title match can have (its title holds at least one word).
        let minimumTitleNorm: Double
        /// The longest live title, in tokens: a block's shortest document then has a body of at
        /// least its length minus this, which bounds the body norm from below for pruning
        /// (infinity: no such bound).
        let longestTitle: Double

        public init(titleB: Double, bodyB: Double, averageTitleLength: Double, averageBodyLength: Double,
                    longestTitle: Double = .infinity) {
            self.titleB = titleB; self.bodyB = bodyB
            self.averageTitleLength = averageTitleLength; self.averageBodyLength = averageBodyLength
            self.longestTitle = longestTitle
            titleScale = titleB / max(averageTitleLength, 1e-9)
            bodyScale = bodyB / max(averageBodyLength, 1e-9)
            minimumTitleNorm = max(1 - titleB + titleScale, 1e-9)
        }
    }

    public init(k1: Double = 1.2, b: Double = 0.75, titleWeight: Double = 1.0) {
        self.k1 = k1; self.b = b; self.titleWeight = titleWeight
    }

    /// idf = ln(1 + (N − n + 0.5) / (n + 0.5)).
    public func idf(documentFrequency n: Int, documentCount N: Int) -> Double {
        log(1 + (Double(N) - Double(n) + 0.5) / (Double(n) + 0.5))
    }

    /// The score of one term in one document, given the term's weight (idf × query frequency).
    @inline(__always)
    public func score(weight: Double, tf: UInt32, titleTf: UInt32, titleLength: UInt32,
                      bodyLength: UInt32, averageLength: Double) -> Double {
        TermWeight(self, weight: weight, averageLength: averageLength)
            .score(tf: tf, titleTf: titleTf, titleLength: titleLength, bodyLength: bodyLength)
    }

    /// The same computation as `score`, with every factor shown.
    public func explain(term: String, idf: Double, queryCount: Double, tf: UInt32, titleTf: UInt32,
                        titleLength: UInt32, bodyLength: UInt32, averageLength: Double) -> Explanation {
        if let fields {
            let x = TermWeight(self, weight: 1, averageLength: averageLength)
                .fieldFrequency(tf: tf, titleTf: titleTf, titleLength: titleLength, bodyLength: bodyLength)
            let tfPart = x * (k1 + 1) / (x + k1)
            var details = [Explanation(idf, "idf = ln(1 + (N − n + 0.5) / (n + 0.5))")]
            if queryCount != 1 { details.append(Explanation(queryCount, "times the query repeats it")) }
            details.append(Explanation(tfPart, "x·(k1 + 1) / (x + k1), x = w·tf_title/(1 − b_t + b_t·len_t/avg_t) + tf_body/(1 − b + b·len_b/avg_b)", [
                Explanation(Double(tf), "tf, occurrences in the document (\(titleTf) in the title)"),
                Explanation(titleWeight, "w, title weight"),
                Explanation(Double(titleLength), "len_t, dl, document length in tokens: title"),
                Explanation(fields.averageTitleLength, "avg_t, avgdl, average title length"),
                Explanation(Double(bodyLength), "len_b, dl, document length in tokens: body"),
                Explanation(fields.averageBodyLength, "avg_b, avgdl, average body length"),
                Explanation(k1, "k1"), Explanation(fields.titleB, "b_t"), Explanation(fields.bodyB, "b"),
            ]))
            return Explanation(idf * queryCount * tfPart, "\(term): idf × tf part (BM25F)", details)
        }
        let f = Double(tf) + (titleWeight - 1) * Double(titleTf)
        let dl = Double(bodyLength) + titleWeight * Double(titleLength)
        let norm = k1 * (1 - b + b * dl / averageLength)
        let tfPart = f * (k1 + 1) / (f + norm)
        var details = [Explanation(idf, "idf = ln(1 + (N − n + 0.5) / (n + 0.5))")]
        if queryCount != 1 { details.append(Explanation(queryCount, "times the query repeats it")) }
        var tfDetails = [Explanation(Double(tf), "tf, occurrences in the document (\(titleTf) in the title)")]
        if titleWeight != 1 { tfDetails.append(Explanation(titleWeight, "title weight")) }
        tfDetails += [
            Explanation(dl, "dl, document length in tokens"),
            Explanation(averageLength, "avgdl, average document length"),
            Explanation(k1, "k1"), Explanation(b, "b"),
        ]
        details.append(Explanation(tfPart, "tf·(k1 + 1) / (tf + k1·(1 − b + b·dl/avgdl))", tfDetails))
        return Explanation(idf * queryCount * tfPart, "\(term): idf × tf part", details)
    }

    /// An upper bound of `score` for any document with tf ≤ maxTf, titleTf ≤ maxTitleTf and
    /// length ≥ minLength: what block-max pruning compares against the current threshold.
    public func maxScore(weight: Double, maxTf: UInt32, maxTitleTf: UInt32, minLength: UInt32,
                         averageLength: Double) -> Double {
        TermWeight(self, weight: weight, averageLength: averageLength)
            .maxScore(maxTf: maxTf, maxTitleTf: maxTitleTf, minLength: minLength)
    }
}

/// `BM25.score` for one term, with its constants unpacked once per term: scoring a posting then
/// reads a few stored doubles instead of copying the `BM25` value (with its optional BM25F
/// part) on every call. Every score goes through here, so pruned and exhaustive evaluation
/// and explanations agree to the last bit.
struct TermWeight {
    let weight: Double
    let k1: Double
    let k1Plus1: Double
    let titleWeight: Double
    /// Without BM25F: (titleWeight − 1), 1 − b, b and avgdl.
    let extraTitleWeight: Double
    let oneMinusB: Double
    let b: Double
    let averageLength: Double
    /// With BM25F: each field's 1 − b and b / avg, and the smallest norms a match can have.
    let isBM25F: Bool
    let oneMinusTitleB: Double
    let titleScale: Double
    let oneMinusBodyB: Double
    let bodyScale: Double
    let minimumTitleNorm: Double
    let minimumBodyNorm: Double
    let longestTitle: Double

    @inline(__always)
    init(_ bm25: BM25, weight: Double, averageLength: Double) {
        self.weight = weight
        k1 = bm25.k1
        k1Plus1 = bm25.k1 + 1
        titleWeight = bm25.titleWeight
        extraTitleWeight = bm25.titleWeight - 1
        oneMinusB = 1 - bm25.b
        b = bm25.b
        self.averageLength = averageLength
        if let f = bm25.fields {
            isBM25F = true
            oneMinusTitleB = 1 - f.titleB
            titleScale = f.titleScale
            oneMinusBodyB = 1 - f.bodyB
            bodyScale = f.bodyScale
            minimumTitleNorm = f.minimumTitleNorm
            minimumBodyNorm = max(1 - f.bodyB, 1e-9)
            longestTitle = f.longestTitle
        } else {
            isBM25F = false
            oneMinusTitleB = 0; titleScale = 0; oneMinusBodyB = 0; bodyScale = 0
            minimumTitleNorm = 1; minimumBodyNorm = 1; longestTitle = .infinity
        }
    }

    /// An upper bound of `score` for any document with tf ≤ maxTf, title tf ≤ maxTitleTf and
    /// length ≥ minLength: what block-max pruning compares with the threshold.
    @inline(__always)
    func maxScore(maxTf: UInt32, maxTitleTf: UInt32, minLength: UInt32) -> Double {
        if isBM25F {
            // Any document here has body length ≥ minLength − the longest title.
            let shortestBody = max(0, Double(minLength) - longestTitle)
            let bodyNorm = max(minimumBodyNorm, oneMinusBodyB + bodyScale * shortestBody)
            let x = titleWeight * Double(maxTitleTf) / minimumTitleNorm + Double(maxTf) / bodyNorm
            return weight * x * k1Plus1 / (x + k1)
        }
        let f = Double(maxTf) + max(0, extraTitleWeight) * Double(maxTitleTf)
        let dl = Double(minLength) * min(1, titleWeight)
        let norm = k1 * (oneMinusB + b * dl / averageLength)
        return weight * f * k1Plus1 / (f + norm)
    }

    /// BM25F's pseudo-frequency: each field's tf over its own length norm, the title weighted
    /// (also what `BM25.explain` shows).
    @inline(__always)
    func fieldFrequency(tf: UInt32, titleTf: UInt32, titleLength: UInt32, bodyLength: UInt32) -> Double {
        let nb = oneMinusBodyB + bodyScale * Double(bodyLength)
        if titleTf == 0 { return Double(tf) / nb }
        let nt = oneMinusTitleB + titleScale * Double(titleLength)
        return titleWeight * Double(titleTf) / nt + Double(tf &- titleTf) / nb
    }

    @inline(__always)
    func score(tf: UInt32, titleTf: UInt32, titleLength: UInt32, bodyLength: UInt32) -> Double {
        if isBM25F {
            let x = fieldFrequency(tf: tf, titleTf: titleTf, titleLength: titleLength, bodyLength: bodyLength)
            return weight * x * k1Plus1 / (x + k1)
        }
        let f = Double(tf) + extraTitleWeight * Double(titleTf)
        let dl = Double(bodyLength) + titleWeight * Double(titleLength)
        let norm = k1 * (oneMinusB + b * dl / averageLength)
        return weight * f * k1Plus1 / (f + norm)
    }
}

import Foundation
