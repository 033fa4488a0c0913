import MSearchAnalysis

/// What a commit derives from its whole snapshot and keeps beside the manifest, so that a query
/// in a new process starts without scanning every document: the near-duplicate clusters (a
/// `clusters-GEN` file, checksummed in the manifest) and the documents per language.
extension IndexWriter {
    /// Computes the clusters and language counts of `manifest.segments` (their live documents)
    /// and writes the clusters file; the manifest saved next names both. A full recomputation
    /// per commit: the clusters are connected components, which one added or deleted document
    /// can merge or split anywhere in the index.
    func recordSummaries() throws {
        let readers = try manifest.segments.map { try SegmentReader(info: $0, directory: directory) }
        var counts: [UInt32: Int] = [:]
        for segment in readers {
            for d in 0..<segment.documentCount where !segment.isDeleted(d) {
                counts[segment.columns.languageValue(d), default: 0] += 1
            }
        }
        var languages: [String: Int] = [:]
        for (code, n) in counts where code != 0 { languages[LanguageCode.unpack(code), default: 0] += n }
        manifest.languages = languages

        let bytes = NearDuplicateClusters(segments: readers).encoded()
        let name = IndexFormat.clustersPrefix + String(format: "%06d", manifest.generation)
        try createFile(bytes, named: name)
        manifest.clusters = KeptFile(file: name, bytes: bytes)
        CrashPoint.here("clusters-written")
    }
}
