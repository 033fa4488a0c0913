import Foundation
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
    /// Re-reads titles and bodies from the sources when the index keeps no text.
    private let unstoredText: UnstoredText?
    /// The user's gazetteer kept with this snapshot (`msearch index --actors`), verified.
    public let keptGazetteer: [UInt8]?

    /// - Parameter verificationBudget: bytes of index files whose checksums are verified at
    ///   open, smallest files first (see `IndexVerification`).
    /// - Parameter sourceText: finds titles and bodies again in the source files when the index
    ///   keeps no text (`--store none`); without one, such an index's documents have none
    ///   (`documentText` says the text is unavailable).
    /// - Parameter verifyInBackground: check the checksums on a second thread while the caller
    ///   works; it must call `finishVerification()` before it shows anything read.
    public init(directory: String, verificationBudget: Int = IndexVerification.defaultBudget,
                verifyInBackground: Bool = false, sourceText: SourceTextProvider? = nil) throws {
        self.directory = directory
        let snapshot = try IndexVerification.openSnapshot(directory)
        (manifest, segments, keptGazetteer) = (snapshot.manifest, snapshot.segments, snapshot.gazetteer)
        clusters = snapshot.clusters
        var bases: [Int] = []
        var b = 0
        for s in segments { bases.append(b); b += s.documentCount }
        segmentBases = bases
        // Mapped now, parsed (and its checksum verified) when a text is first needed.
        unstoredText = manifest.storesText ? nil : UnstoredText(catalogFile: snapshot.catalogFile, provider: sourceText)
        let files = IndexVerification.filesToVerify(segments, budget: verificationBudget)
        if verifyInBackground {
            pendingVerification = BackgroundVerification(files)
        } else {
            for f in files { try FileFooter.verifyChecksum(f.bytes, file: f.path) }
        }
    }

    private var pendingVerification: BackgroundVerification?

    /// Returns once the checksums verified at open are all checked (at once, unless the reader
    /// was opened with `verifyInBackground`); throws the damage found, naming the file.
    public func finishVerification() throws {
        try pendingVerification?.finish()
    }

    public var documentCount: Int { manifest.documentCount }

    private let clustersLock = NSLock()
    private var clusters: NearDuplicateClusters?

    /// The snapshot's near-duplicate clusters (`NearDuplicateClusters`): those the commit kept
    /// (read and verified at open: a damaged file is an error naming it), or, in an index from
    /// before the file, derived from the signature columns the first time they are asked for.
    public var nearDuplicates: NearDuplicateClusters {
        clustersLock.lock()
        defer { clustersLock.unlock() }
        if let clusters { return clusters }
        let built = NearDuplicateClusters(segments: segments)
        clusters = built
        return built
    }

    /// Whether the clusters came from the file the commit kept (for tests and `check`).
    var clustersWereKept: Bool { manifest.clusters != nil }

    /// The id of the cluster of index-wide document `doc` (its representative's external id),
    /// or nil when the document has no near-duplicate: what exports and JSON output carry.
    public func clusterId(_ doc: Int) -> String? {
        let clusters = nearDuplicates
        guard let c = clusters.cluster(of: doc), let first = clusters.members(c).first else { return nil }
        return externalId(first)
    }
    public var averageDocumentLength: Double {
        documentCount == 0 ? 0 : Double(manifest.tokenCount) / Double(documentCount)
    }

    /// An analyzer configured as the index was built.
    public func makeAnalyzer() throws -> Analyzer { try Analyzer(manifest.analyzer) }

    /// Index-wide document frequency of an analysed term, over live documents only.
    public func documentFrequency(_ term: UnsafeBufferPointer<UInt8>) throws -> Int {
        var df = 0
        for s in segments {
            if let info = try s.terms.lookup(term) { df += try s.liveDocumentFrequency(term, info) }
        }
        return df
    }

    /// Whether index-wide document `a` comes before `b` in external-id order: how exact score
    /// ties are broken, so the ranking does not depend on how documents fall into segments.
    public func externalIdPrecedes(_ a: Int, _ b: Int) -> Bool {
        let (sa, la) = locate(a), (sb, lb) = locate(b)
        let c = DocumentColumns.compareExternalIds(segments[sa].columns, la, segments[sb].columns, lb)
        return c != 0 ? c < 0 : a < b
    }

    /// The document for an index-wide document number, with its text (see `documentText`).
    public func document(_ globalDoc: Int) throws -> SourceDocument {
        try documentText(globalDoc).document
    }

    /// The stored document, with its title and body re-read from the source when the index
    /// keeps no text; `textAvailable` is false (and title and body empty) when that source
    /// changed or vanished since it was indexed.
    public func documentText(_ globalDoc: Int) throws -> (document: SourceDocument, textAvailable: Bool) {
        let (s, local) = locate(globalDoc)
        let stored = try segments[s].document(local)
        guard let unstoredText else { return (stored, true) }
        // A damaged catalog is damage, not a changed source.
        try unstoredText.verifyCatalog()
        if var full = unstoredText.text(for: stored) {
            full.language = stored.language
            return (full, true)
        }
        return (stored, false)
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
