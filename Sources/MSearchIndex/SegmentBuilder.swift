import MSearchSources

/// Builds one segment in memory from analysed documents, then writes its files.
/// Per term it keeps two growing byte buffers (doc entries and positions) and a few counters in
/// parallel arrays indexed by term id: no object per posting, so memory is close to the size
/// of the finished postings and is easy to account for against the writer's budget.
final class SegmentBuilder {
    private var terms = TermTable()
    /// Per term: varint (doc gap, tf, title tf) triples.
    private var docEntries: [ByteBuffer] = []
    /// Per term: per doc, tf varint position gaps (restarting at 0 for each doc).
    private var positionEntries: [ByteBuffer] = []
    private var documentFrequency: [UInt32] = []
    private var lastDoc: [Int32] = []
    private var pendingTf: [UInt32] = []
    private var pendingTitleTf: [UInt32] = []
    private var lastPosition: [UInt32] = []
    private var touched: [Int32] = []

    private var store = DocumentStoreWriter()
    private var columns = DocumentColumnsWriter()
    private(set) var documentCount = 0
    private(set) var tokenCount = 0
    private var postingBytes = 0

    var isEmpty: Bool { documentCount == 0 }

    /// An estimate of the memory held, compared with the writer's budget.
    var memoryFootprint: Int {
        terms.memoryFootprint + postingBytes + terms.count * 96 + store.memoryFootprint + documentCount * 12
    }

    func add(_ doc: AnalyzedDocument) {
        let d = Int32(documentCount)
        doc.termBytes.withUnsafeBufferPointer { bytes in
            var start = 0
            for i in 0..<doc.termEnds.count {
                let end = Int(doc.termEnds[i])
                let id = Int(terms.intern(UnsafeBufferPointer(rebasing: bytes[start..<end])))
                start = end
                if id == docEntries.count {
                    docEntries.append(ByteBuffer())
                    positionEntries.append(ByteBuffer())
                    documentFrequency.append(0)
                    lastDoc.append(-1)
                    pendingTf.append(0)
                    pendingTitleTf.append(0)
                    lastPosition.append(0)
                }
                if pendingTf[id] == 0 {
                    touched.append(Int32(id))
                    lastPosition[id] = 0
                }
                let p = doc.positions[i]
                let before = positionEntries[id].count
                positionEntries[id].appendVarint(p - lastPosition[id])
                postingBytes += positionEntries[id].count - before
                lastPosition[id] = p
                pendingTf[id] += 1
                if i < doc.titleTokenCount { pendingTitleTf[id] += 1 }
            }
        }
        for t in touched {
            let id = Int(t)
            let before = docEntries[id].count
            docEntries[id].appendVarint(UInt32(d - lastDoc[id]))
            docEntries[id].appendVarint(pendingTf[id])
            docEntries[id].appendVarint(pendingTitleTf[id])
            postingBytes += docEntries[id].count - before
            lastDoc[id] = d
            documentFrequency[id] += 1
            pendingTf[id] = 0
            pendingTitleTf[id] = 0
        }
        touched.removeAll(keepingCapacity: true)
        store.add(doc.source)
        columns.add(titleLength: doc.titleLength, bodyLength: doc.bodyLength, date: doc.source.date, id: doc.source.id)
        documentCount += 1
        tokenCount += Int(doc.length)
    }

    /// Writes the segment's files into `directory` under `name` and fsyncs them.
    func write(name: String, directory: String) throws -> SegmentInfo {
        var postings = ByteBuffer()
        var positions = ByteBuffer()
        var dictionary = TermDictionaryWriter()
        var writer = PostingsWriter()
        let lengths = zip(columns.titleLengths, columns.bodyLengths).map { $0 + $1 }
        for t in terms.sortedIds() {
            let id = Int(t)
            let info = TermInfo(documentFrequency: Int(documentFrequency[id]),
                                postingsOffset: postings.count, positionsOffset: positions.count)
            // Positions are already in their final form: copy them, noting each doc's byte size.
            var positionSizes: [Int] = []
            positionSizes.reserveCapacity(info.documentFrequency)
            try docEntries[id].bytes.withUnsafeBytes { entries in
                try positionEntries[id].bytes.withUnsafeBytes { pos in
                    var ec = ByteCursor(entries, file: name)
                    var pc = ByteCursor(pos, file: name)
                    for _ in 0..<info.documentFrequency {
                        _ = try ec.readVarint()
                        let tf = try ec.readVarint()
                        _ = try ec.readVarint()
                        let before = pc.offset
                        for _ in 0..<tf { _ = try pc.readVarint() }
                        positionSizes.append(pc.offset - before)
                    }
                    var c = ByteCursor(entries, file: name)
                    var doc: Int64 = -1
                    // The closure cannot throw; entries were just validated by the loop above.
                    writer.write(df: info.documentFrequency, postings: { d, tf, ttf in
                        doc += Int64((try? c.readVarint()) ?? 0)
                        d = UInt32(doc)
                        tf = UInt32((try? c.readVarint()) ?? 1)
                        ttf = UInt32((try? c.readVarint()) ?? 0)
                    }, positionBytes: { positionSizes[$0] },
                       documentLength: { lengths[Int($0)] },
                       into: &postings)
                    positions.append(UnsafeBufferPointer(start: pos.baseAddress?.assumingMemoryBound(to: UInt8.self), count: pos.count))
                }
            }
            terms.withTerm(id) { dictionary.add($0, info) }
        }
        // Padding lets block decoding read whole words near the end without a bounds check.
        postings.append(contentsOf: [UInt8](repeating: 0, count: 8))
        FileFooter.append(kind: .postings, to: &postings)
        FileFooter.append(kind: .positions, to: &positions)
        let info = SegmentInfo(name: name, documentCount: documentCount, tokenCount: tokenCount)
        try DurableFile.write(dictionary.finish(), to: info.filePath(.terms, in: directory))
        try DurableFile.write(postings.bytes, to: info.filePath(.postings, in: directory))
        try DurableFile.write(positions.bytes, to: info.filePath(.positions, in: directory))
        try DurableFile.write(store.finish(), to: info.filePath(.store, in: directory))
        try DurableFile.write(columns.finish(), to: info.filePath(.columns, in: directory))
        return info
    }
}
