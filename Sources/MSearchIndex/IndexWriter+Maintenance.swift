import MSearchAnalysis
import MSearchSources

/// Deletions and merges: what keeps an index that is updated every day exact and compact.
extension IndexWriter {
    /// Marks the document with this external id deleted; it disappears at the next commit.
    /// Returns false when no live document has the id.
    @discardableResult
    public func delete(id: String) throws -> Bool {
        guard var location = ids[id] else { return false }
        if location.segment.isEmpty {
            try flush()
            guard let flushed = ids[id] else { return false }
            location = flushed
        }
        pendingDeletes[location.segment, default: []].insert(location.doc)
        ids[id] = nil
        changed = true
        return true
    }

    /// Writes a new `.del` file for every segment with pending deletions (the old tombstones
    /// plus the new ones) and drops segments left without live documents.
    func applyPendingDeletes(to segments: inout [SegmentInfo]) throws {
        defer { pendingDeletes = [:] }
        for i in segments.indices.reversed() {
            guard let docs = pendingDeletes[segments[i].name], !docs.isEmpty else { continue }
            if let updated = try tombstones(for: segments[i], adding: docs) {
                segments[i] = updated
            } else {
                segments.remove(at: i)
            }
        }
    }

    /// The segment with `docs` deleted too, or nil when none of its documents is left.
    ///
    /// The df decrements come from re-analysing each deleted document's stored text with the
    /// index's analyzer — the same text and settings that built the segment, so the same terms.
    /// Each document's re-analysed length must equal its indexed length, or the statistics
    /// would silently drift: then the writer refuses and asks for a rebuild. An index that
    /// keeps no text counts them in the segment's postings instead (`PostingsDecrements`).
    private func tombstones(for info: SegmentInfo, adding docs: Set<Int>) throws -> SegmentInfo? {
        let reader = try SegmentReader(info: info, directory: directory)
        var bits = [UInt64](repeating: 0, count: (info.documentCount + 63) / 64)
        var decrements: [[UInt8]: Int] = [:]
        var count = 0, tokens = 0
        if let old = reader.deletes {
            old.forEachDeleted { bits[$0 >> 6] |= 1 << UInt64($0 & 63) }
            try old.forEachTerm { term, n in decrements[Array(term)] = n }
            count = old.deletedCount
            tokens = old.deletedTokens
        }
        var seen = Set<[UInt8]>()
        for d in docs.sorted() where d >= 0 && d < info.documentCount {
            let mask: UInt64 = 1 << UInt64(d & 63)
            guard bits[d >> 6] & mask == 0 else { continue }
            bits[d >> 6] |= mask
            count += 1
            if !manifest.storesText {
                tokens += Int(reader.columns.length(d))
                continue
            }
            let analyzed = AnalyzedDocument(try reader.document(d), analyzer: analyzer)
            guard analyzed.length == reader.columns.length(d) else {
                throw IndexError.corrupt(file: info.filePath(.store, in: directory),
                    reason: "document \(analyzed.source.id) no longer analyses as it was indexed (was the stemmer library upgraded?); rebuild with `msearch index --rebuild`")
            }
            tokens += Int(analyzed.length)
            seen.removeAll(keepingCapacity: true)
            analyzed.termBytes.withUnsafeBufferPointer { bytes in
                var start = 0
                for end in analyzed.termEnds {
                    seen.insert(Array(bytes[start..<Int(end)]))
                    start = Int(end)
                }
            }
            for term in seen { decrements[term, default: 0] += 1 }
        }
        if count == info.documentCount { return nil }
        if !manifest.storesText { decrements = try PostingsDecrements.count(in: reader, deleted: bits) }
        manifest.generation += 1
        let file = "\(info.name).\(String(format: "%06d", manifest.generation)).\(IndexFormat.deletesExtension)"
        let sorted = decrements.map { (term: $0.key, count: $0.value) }
            .sorted { $0.term.lexicographicallyPrecedes($1.term) }
        try createFile(DeletedDocuments.encode(documentCount: info.documentCount, deleted: bits,
                                               deletedCount: count, deletedTokens: tokens,
                                               decrements: sorted),
                       named: file)
        CrashPoint.here("deletes-written")
        var updated = info
        updated.deletes = SegmentDeletes(file: file, documentCount: count, tokenCount: tokens)
        return updated
    }

    /// Replaces `group` in `segments` by one segment holding its live documents, in their
    /// order in `segments` (none when no document is left).
    ///
    /// `SegmentMerger` streams the segments' postings, columns and stored records into the new
    /// files: no text is re-read or re-analysed, so an index without stored text merges like
    /// any other, and memory stays bounded whatever the segments' sizes. The new segment takes
    /// the place of the first merged one; the old files stay on disk (readers of the old
    /// snapshot may still map them) until the commit's manifest no longer names them.
    func merge(_ group: [SegmentInfo], in segments: inout [SegmentInfo]) throws {
        let names = Set(group.map(\.name))
        guard let position = segments.firstIndex(where: { names.contains($0.name) }) else { return }
        // In index order, so that documents keep their relative order (a merge of a whole
        // index without deletions writes the files a one-segment build would).
        let ordered = segments.filter { names.contains($0.name) }
        let readers = try ordered.map { try SegmentReader(info: $0, directory: directory) }
        // A merge must not launder damage into a segment with fresh checksums.
        for reader in readers {
            for (file, _) in reader.files { try FileFooter.verifyChecksum(file.bytes, file: file.path) }
            reader.releasePages()
        }
        let merger = SegmentMerger(readers)
        var output: [SegmentInfo] = []
        if merger.documentCount > 0 {
            manifest.generation += 1
            let name = String(format: "seg-%06d-%02d", manifest.generation, 0)
            try lock.verify()
            createdFiles.formUnion(IndexFormat.FileExtension.allCases.map { "\(name).\($0.rawValue)" })
            output.append(try merger.write(name: name, directory: directory, storesText: manifest.storesText)
                .recordingFooterChecksums(in: directory))
            for (i, id) in merger.externalIds().enumerated() { ids[id] = DocumentLocation(segment: name, doc: i) }
            CrashPoint.here("merge-written")
        }
        segments.removeAll { names.contains($0.name) }
        segments.insert(contentsOf: output, at: min(position, segments.count))
        newSegments.removeAll { names.contains($0.name) }
    }
}
