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
        try DurableFile.write(DeletedDocuments.encode(documentCount: info.documentCount, deleted: bits,
                                                      deletedCount: count, deletedTokens: tokens,
                                                      decrements: sorted),
                              to: directory + "/" + file)
        CrashPoint.here("deletes-written")
        var updated = info
        updated.deletes = SegmentDeletes(file: file, documentCount: count, tokenCount: tokens)
        return updated
    }

    /// Memory a merge may use: the indexing budget, but at least 64 MB, so that indexing with a
    /// small buffer still merges its many small segments.
    var mergeBudget: Int { max(memoryBudget, 64 << 20) }

    /// What rebuilding a segment's live documents takes in memory: about its files' size (the
    /// builder holds postings, positions and compressed stored text much as they are on disk).
    func estimatedBuildMemory(_ s: SegmentInfo) -> Int {
        let bytes = IndexFormat.FileExtension.allCases.reduce(0) { $0 + DurableFile.size(s.filePath($1, in: directory)) }
        let live = s.documentCount == 0 ? 1 : Double(s.liveDocumentCount) / Double(s.documentCount)
        return Int(Double(bytes) * 1.5 * live) + 1
    }

    /// Replaces `group` in `segments` by new segments holding its live documents, in order.
    ///
    /// A merge re-adds the stored documents through the ordinary `SegmentBuilder`: simple, and
    /// independent of the postings format, at the price of re-analysing the text. The new
    /// segments take the place of the first merged one; the old files stay on disk (readers of
    /// the old snapshot may still map them) until the commit's manifest no longer names them.
    /// The merged segments' checksums are verified first (the merge reads them whole anyway).
    /// An index that keeps no text re-reads it from the sources first; when one of them changed
    /// since it was indexed the merge is skipped (returns false) and the segments stay as they are.
    @discardableResult
    func merge(_ group: [SegmentInfo], in segments: inout [SegmentInfo], budget: Int) throws -> Bool {
        let names = Set(group.map(\.name))
        guard let position = segments.firstIndex(where: { names.contains($0.name) }) else { return false }
        var reread: [String: SourceDocument] = [:]
        if !manifest.storesText {
            let text = SourceText(catalog: catalog)
            for info in group {
                let reader = try SegmentReader(info: info, directory: directory)
                for d in 0..<reader.documentCount where !reader.isDeleted(d) {
                    guard let doc = text.text(for: try reader.document(d)) else { return false }
                    reread["\(info.name)/\(d)"] = doc
                }
            }
        }
        var output: [SegmentInfo] = []
        var builder = SegmentBuilder(storesText: manifest.storesText)
        var builderIds: [String] = []
        func write() throws {
            manifest.generation += 1
            let name = String(format: "seg-%06d-%02d", manifest.generation, 0)
            output.append(try builder.write(name: name, directory: directory))
            for (i, id) in builderIds.enumerated() { ids[id] = DocumentLocation(segment: name, doc: i) }
            builder = SegmentBuilder(storesText: manifest.storesText)
            builderIds = []
            CrashPoint.here("merge-written")
        }
        for info in group {
            let reader = try SegmentReader(info: info, directory: directory)
            // A merge must not launder damage into a segment with fresh checksums.
            for (file, _) in reader.files { try FileFooter.verifyChecksum(file.bytes, file: file.path) }
            for d in 0..<reader.documentCount where !reader.isDeleted(d) {
                let doc = try reread.removeValue(forKey: "\(info.name)/\(d)") ?? reader.document(d)
                let analyzed = AnalyzedDocument(doc, analyzer: analyzer)
                guard analyzed.length == reader.columns.length(d) else {
                    throw IndexError.corrupt(file: info.filePath(.store, in: directory),
                        reason: "document \(analyzed.source.id) no longer analyses as it was indexed (was the stemmer library upgraded?); rebuild with `msearch index --rebuild`")
                }
                builder.add(analyzed)
                builderIds.append(analyzed.source.id)
                if builder.memoryFootprint >= budget { try write() }
            }
        }
        if !builder.isEmpty { try write() }
        segments.removeAll { names.contains($0.name) }
        segments.insert(contentsOf: output, at: min(position, segments.count))
        newSegments.removeAll { names.contains($0.name) }
        return true
    }
}

import Foundation
