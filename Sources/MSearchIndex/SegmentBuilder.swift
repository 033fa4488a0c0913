import MSearchSources

/// Builds one segment in memory from analysed documents, then writes its files.
/// Per term it keeps two growing byte buffers (doc entries and positions) and a few counters in
/// parallel arrays indexed by term id: no object per posting, so memory is close to the size
/// of the finished postings. `memoryFootprint` counts the heap bytes really held (capacities,
/// array headers), because the writer's budget is what bounds the process's memory.
/// The store's compressed blocks go to `IndexFormat.storeInProgress` as they fill, so the
/// budget is spent on postings, which can only be written once the segment is complete.
final class SegmentBuilder {
    /// What the builder keeps per distinct term, in one array indexed by term id.
    struct TermState {
        /// varint (doc gap, tf, title tf) triples.
        var docEntries = ByteBuffer()
        /// Per doc, tf varint position gaps (restarting at 0 for each doc).
        var positions = ByteBuffer()
        var documentFrequency: UInt32 = 0
        var lastDoc: Int32 = -1
        var pendingTf: UInt32 = 0
        var pendingTitleTf: UInt32 = 0
        var lastPosition: UInt32 = 0
    }

    private var terms = TermTable()
    private var states: [TermState] = []
    private var touched: [Int32] = []
    private var tokenIds: [Int32] = []

    private let directory: String
    private var store: DocumentStoreWriter
    /// The store's file, opened by the first document.
    private var storeFile: FileSink?
    private let columns = DocumentColumnsWriter()
    private(set) var documentCount = 0
    private(set) var tokenCount = 0
    /// Heap bytes of every term's two buffers.
    private var postingBytes = 0
    /// The store file's write buffer: a few blocks, not the megabyte a flush writes with.
    static let storeBufferBytes = 64 << 10

    var isEmpty: Bool { documentCount == 0 }

    /// Builds a segment of the index in `directory` (where the store is written as it fills).
    /// `storesText: false` leaves titles and bodies out of the store (`StoreMode.none`);
    /// `storeDictionary` is an earlier segment's (see `DocumentStoreWriter.init`).
    init(directory: String, storesText: Bool = true, storeDictionary: [UInt8] = []) {
        self.directory = directory
        store = DocumentStoreWriter(storesText: storesText, dictionary: storeDictionary)
    }

    /// Closes the store's file if the segment was never written; the file stays a leftover.
    deinit { storeFile?.abandon() }

    private var storeInProgressPath: String { directory + "/" + IndexFormat.storeInProgress }

    /// The store's compression dictionary, once trained (after `write`, always when it has one).
    var storeDictionary: [UInt8] { store.trainedDictionary }

    /// The memory held, compared with the writer's budget.
    var memoryFootprint: Int {
        terms.memoryFootprint + postingBytes + states.capacity * MemoryLayout<TermState>.stride
            + store.memoryFootprint + (storeFile?.heapBytes ?? 0) + columns.memoryFootprint
    }

    func add(_ doc: AnalyzedDocument) throws {
        if storeFile == nil {
            storeFile = try FileSink(path: storeInProgressPath, bufferSize: SegmentBuilder.storeBufferBytes)
        }
        let d = Int32(documentCount)
        // Intern first (it may add terms), then update the states through one unsafe buffer.
        tokenIds.removeAll(keepingCapacity: true)
        doc.termBytes.withUnsafeBufferPointer { bytes in
            var start = 0
            for end in doc.termEnds {
                tokenIds.append(terms.intern(UnsafeBufferPointer(rebasing: bytes[start..<Int(end)])))
                start = Int(end)
            }
        }
        if states.count < terms.count {
            states.append(contentsOf: repeatElement(TermState(), count: terms.count - states.count))
        }
        var added = 0
        states.withUnsafeMutableBufferPointer { st in
            for i in 0..<tokenIds.count {
                let id = Int(tokenIds[i])
                if st[id].pendingTf == 0 {
                    touched.append(Int32(id))
                    st[id].lastPosition = 0
                }
                let p = doc.positions[i]
                let before = st[id].positions.heapBytes
                st[id].positions.appendVarint(p - st[id].lastPosition)
                added += st[id].positions.heapBytes - before
                st[id].lastPosition = p
                st[id].pendingTf += 1
                if i < doc.titleTokenCount { st[id].pendingTitleTf += 1 }
            }
            for t in touched {
                let id = Int(t)
                let before = st[id].docEntries.heapBytes
                st[id].docEntries.appendVarint(UInt32(d - st[id].lastDoc))
                st[id].docEntries.appendVarint(st[id].pendingTf)
                st[id].docEntries.appendVarint(st[id].pendingTitleTf)
                added += st[id].docEntries.heapBytes - before
                st[id].lastDoc = d
                st[id].documentFrequency += 1
                st[id].pendingTf = 0
                st[id].pendingTitleTf = 0
            }
        }
        postingBytes += added
        touched.removeAll(keepingCapacity: true)
        store.add(doc.source)
        try store.drain(into: &storeFile!)
        columns.add(doc)
        documentCount += 1
        tokenCount += Int(doc.length)
    }

    /// Writes the segment's files under `name` and fsyncs them. Postings and positions go to
    /// their files a megabyte at a time, and each term's buffers are released once written, so
    /// flushing needs little memory beyond the builder's own; the store, already on disk, gets
    /// its tail and is renamed.
    func write(name: String) throws -> SegmentInfo {
        let info = SegmentInfo(name: name, documentCount: documentCount, tokenCount: tokenCount)
        var files = try TermFilesWriter(info, directory: directory)
        defer { files.abandon() }
        let lengths = zip(columns.values(.titleLength), columns.values(.bodyLength)).map { $0 + $1 }
        for t in terms.sortedIds() {
            let id = Int(t)
            try states[id].docEntries.bytes.withUnsafeBytes { entries in
                try states[id].positions.bytes.withUnsafeBytes { pos in
                    var c = ByteCursor(entries, file: name)
                    var pc = ByteCursor(pos, file: name)
                    var doc: Int64 = -1
                    try terms.withTerm(id) { term in
                        try files.add(term, df: Int(states[id].documentFrequency), postings: { d, tf, ttf in
                            doc += Int64(try c.readVarint())
                            d = UInt32(doc)
                            tf = UInt32(try c.readVarint())
                            ttf = UInt32(try c.readVarint())
                        }, positionDelta: { UInt32(try pc.readVarint()) },
                           documentLength: { lengths[Int($0)] })
                    }
                }
            }
            states[id] = TermState()
        }
        try files.finish()
        try store.finish(into: &storeFile!)
        try DurableFile.move(storeInProgressPath, to: info.filePath(.store, in: directory))
        try DurableFile.create(columns.finish(), at: info.filePath(.columns, in: directory))
        return info
    }
}
