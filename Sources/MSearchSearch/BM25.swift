/// BM25 as Lucene and Tantivy define it (k1 = 1.2, b = 0.75, always-positive idf), over
/// index-wide statistics so that scores do not depend on how documents fall into segments.
public struct BM25: Sendable, Equatable {
    public var k1: Double = 1.2
    public var b: Double = 0.75
    /// A title occurrence counts this many times (1 = title and body are one field, as peers do).
    public var titleWeight: Double = 1.0

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
        let f = Double(tf) + (titleWeight - 1) * Double(titleTf)
        let dl = Double(bodyLength) + titleWeight * Double(titleLength)
        let norm = k1 * (1 - b + b * dl / averageLength)
        return weight * f * (k1 + 1) / (f + norm)
    }

    /// The same computation as `score`, with every factor shown.
    public func explain(term: String, idf: Double, queryCount: Double, tf: UInt32, titleTf: UInt32,
                        titleLength: UInt32, bodyLength: UInt32, averageLength: Double) -> Explanation {
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
        let f = Double(maxTf) + max(0, titleWeight - 1) * Double(maxTitleTf)
        let dl = Double(minLength) * min(1, titleWeight)
        let norm = k1 * (1 - b + b * dl / averageLength)
        return weight * f * (k1 + 1) / (f + norm)
    }
}

import Foundation
