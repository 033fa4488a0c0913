import MSearchAnalysis
import MSearchSources

/// A document after analysis, ready for the segment builder: its terms in one flat byte array.
/// Analysis is the expensive, parallelisable part of indexing; building postings is not, so
/// the two meet at this plain value.
public struct AnalyzedDocument: Sendable {
    public var source: SourceDocument
    /// All term bytes, concatenated; token i is termBytes[termEnds[i-1] ..< termEnds[i]].
    public var termBytes: [UInt8] = []
    public var termEnds: [UInt32] = []
    public var positions: [UInt32] = []
    /// Tokens before this index come from the title.
    public var titleTokenCount = 0
    public var titleLength: UInt32 = 0
    public var bodyLength: UInt32 = 0

    /// Analyses title then body; body positions start after a gap so no phrase spans both.
    public init(_ source: SourceDocument, analyzer: Analyzer) {
        self.source = source
        var title = source.title
        var lastTitlePosition: UInt32 = 0
        title.withUTF8 { utf8 in
            analyzer.analyze(utf8) { term, token in
                termBytes.append(contentsOf: term)
                termEnds.append(UInt32(termBytes.count))
                positions.append(UInt32(token.position))
                lastTitlePosition = UInt32(token.position)
            }
        }
        titleTokenCount = positions.count
        titleLength = UInt32(positions.count)
        let bodyBase = titleTokenCount == 0 ? 0 : lastTitlePosition + 1 + UInt32(IndexFormat.titleBodyGap)
        var body = source.body
        body.withUTF8 { utf8 in
            analyzer.analyze(utf8) { term, token in
                termBytes.append(contentsOf: term)
                termEnds.append(UInt32(termBytes.count))
                positions.append(bodyBase + UInt32(token.position))
            }
        }
        bodyLength = UInt32(positions.count - titleTokenCount)
    }

    public var length: UInt32 { titleLength + bodyLength }
}
