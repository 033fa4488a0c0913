import MSearchAnalysis
import MSearchSources

/// An open index: the snapshot named by the manifest at open time. Segments are immutable, so
/// a writer committing meanwhile never changes what this reader sees.
public final class IndexReader {
    public let directory: String
    public let manifest: Manifest
    public let segments: [SegmentReader]
    /// Where each segment's documents start in the index-wide numbering.
    public let segmentBases: [Int]

    public init(directory: String) throws {
        self.directory = directory
        manifest = try Manifest.load(from: directory)
        segments = try manifest.segments.map { try SegmentReader(info: $0, directory: directory) }
        var bases: [Int] = []
        var b = 0
        for s in segments { bases.append(b); b += s.documentCount }
        segmentBases = bases
    }

    public var documentCount: Int { manifest.documentCount }
    public var averageDocumentLength: Double {
        documentCount == 0 ? 0 : Double(manifest.tokenCount) / Double(documentCount)
    }

    /// An analyzer configured as the index was built.
    public func makeAnalyzer() throws -> Analyzer { try Analyzer(manifest.analyzer) }

    /// Index-wide document frequency of an analysed term.
    public func documentFrequency(_ term: UnsafeBufferPointer<UInt8>) throws -> Int {
        var df = 0
        for s in segments { df += try s.terms.lookup(term)?.documentFrequency ?? 0 }
        return df
    }

    /// The stored document for an index-wide document number.
    public func document(_ globalDoc: Int) throws -> SourceDocument {
        let (s, local) = locate(globalDoc)
        return try segments[s].document(local)
    }

    /// The external id of an index-wide document number, without touching the stored text.
    public func externalId(_ globalDoc: Int) -> String {
        let (s, local) = locate(globalDoc)
        return segments[s].columns.externalId(local)
    }

    public func locate(_ globalDoc: Int) -> (segment: Int, local: Int) {
        var s = segments.count - 1
        while s > 0 && segmentBases[s] > globalDoc { s -= 1 }
        return (s, globalDoc - segmentBases[s])
    }
}
