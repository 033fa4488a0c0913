/// Merges segments into one by streaming what they already hold — postings, positions,
/// columns and stored records — without re-reading or re-analysing any text.
///
/// Live documents are renumbered consecutively, segment by segment, in the given order.
/// The term dictionaries are walked in step (a k-way merge in byte order); for each term the
/// live postings of each segment follow each other, remapped, and go through the ordinary
/// `PostingsWriter`, so the output is the segment `SegmentBuilder` would write for the same
/// documents. The df written is the live count, taken from the tombstones' per-term
/// decrements and checked against the postings actually copied.
///
/// Memory is bounded by one term's encoded postings (the skip table precedes the blocks), one
/// store block per input, the term dictionary and the per-document columns: postings,
/// positions and the store go to their files through `FileSink`, and the inputs' mapped
/// pages are dropped from the resident set as the merge goes (`MappedFile.releasePages`).
struct SegmentMerger {
    let readers: [SegmentReader]
    /// Per reader, old document number → new one (−1 when deleted).
    private var newNumbers: [[Int32]] = []
    /// Per new document, its length (title + body), for the blocks' minimum lengths.
    private var lengths: [UInt32] = []
    private var tokenCount = 0

    /// Output bytes between two `releasePages()` of the inputs.
    static let releaseBytes = 32 << 20

    init(_ readers: [SegmentReader]) {
        self.readers = readers
        var next: Int32 = 0
        for r in readers {
            var map = [Int32](repeating: -1, count: r.documentCount)
            for d in 0..<r.documentCount where !r.isDeleted(d) {
                map[d] = next
                next += 1
                let length = r.columns.length(d)
                lengths.append(length)
                tokenCount += Int(length)
            }
            newNumbers.append(map)
        }
    }

    /// Live documents of the merged segment.
    var documentCount: Int { lengths.count }

    /// The external ids of the merged segment's documents, in their new order.
    func externalIds() -> [String] {
        var ids: [String] = []
        ids.reserveCapacity(documentCount)
        for (r, map) in zip(readers, newNumbers) {
            for d in 0..<r.documentCount where map[d] >= 0 { ids.append(r.columns.externalId(d)) }
        }
        return ids
    }

    /// Writes the merged segment's five files under `name` and fsyncs them.
    func write(name: String, directory: String, storesText: Bool) throws -> SegmentInfo {
        let info = SegmentInfo(name: name, documentCount: documentCount, tokenCount: tokenCount)
        try writeStoreAndColumns(info, directory: directory, storesText: storesText)
        try writePostings(info, directory: directory)
        return info
    }

    /// Copies the live documents' stored records (recompressed with the new segment's
    /// dictionary, never decoded) and every declared column's values, each by its codec.
    private func writeStoreAndColumns(_ info: SegmentInfo, directory: String, storesText: Bool) throws {
        var sink = try FileSink(path: info.filePath(.store, in: directory))
        defer { sink.abandon() }
        // The first input's dictionary was trained on the first records, as a fresh build's
        // would be; training again would cost more than the rest of a merge together.
        var store = DocumentStoreWriter(storesText: storesText, dictionary: readers.first?.store.dictionary ?? [])
        let columns = DocumentColumnsWriter()
        for (r, map) in zip(readers, newNumbers) {
            try columns.startCopy(from: r.columns)
            for d in 0..<r.documentCount where map[d] >= 0 {
                try r.store.withRecord(d) { store.addRecord($0) }
                columns.copy(d)
                try store.drain(into: &sink)
                if map[d] % 8192 == 8191 { r.releasePages() }
            }
            r.releasePages()
        }
        try store.finish(into: &sink)
        try DurableFile.create(columns.finish(), at: info.filePath(.columns, in: directory))
    }

    /// The k-way merge of the term dictionaries into the postings, positions and terms files.
    private func writePostings(_ info: SegmentInfo, directory: String) throws {
        var files = try TermFilesWriter(info, directory: directory)
        defer { files.abandon() }
        let source = LivePostings(newNumbers: newNumbers)
        var walkers = try readers.map { try $0.terms.walker() }
        var active = try walkers.indices.map { try walkers[$0].next() }
        var members: [Int] = []
        var released = 0
        // Linear selection of the smallest term: merges take a handful of segments (the
        // policy merges levels of about eight), so a heap would not pay for itself.
        while true {
            members.removeAll(keepingCapacity: true)
            for i in walkers.indices where active[i] {
                if let first = members.first {
                    let c = walkers[i].term.withUnsafeBytes { x in
                        walkers[first].term.withUnsafeBytes { y in DeletedDocuments.compare(x, y) }
                    }
                    if c < 0 { members.removeAll(keepingCapacity: true) }
                    if c <= 0 { members.append(i) }
                } else {
                    members.append(i)
                }
            }
            guard let first = members.first else { break }
            var df = 0
            for i in members {
                df += try walkers[i].term.withUnsafeBufferPointer { try readers[i].liveDocumentFrequency($0, walkers[i].info) }
            }
            if df > 0 {
                try source.start(term: members.map { ($0, readers[$0], walkers[$0].info) })
                try walkers[first].term.withUnsafeBufferPointer { term in
                    try files.add(term, df: df, postings: { d, tf, ttf in try source.next(&d, &tf, &ttf) },
                                  positionDelta: { source.positionDelta() },
                                  documentLength: { lengths[Int($0)] })
                }
                try source.finish()
                // Inputs are read about as fast as the output grows: keep their pages from
                // piling up in the resident set.
                if files.bytesWritten >= released + SegmentMerger.releaseBytes {
                    released = files.bytesWritten
                    for r in readers { r.releasePages() }
                }
            }
            for i in members { active[i] = try walkers[i].next() }
        }
        try files.finish()
    }
}

/// One term's live postings across the merged segments, in segment order, renumbered: what
/// `PostingsWriter` pulls. It runs once per posting, so it reads the renumbering tables and
/// the current document's position deltas through unsafe buffers it owns: no allocation,
/// retain or uniqueness check per posting.
private final class LivePostings {
    /// Every segment's old → new numbers (−1 when deleted), one after the other.
    private let numbers: UnsafeMutablePointer<Int32>
    /// Where each segment's numbers start in `numbers`.
    private let bases: [Int]
    private var cursors: [(cursor: PostingsCursor, map: UnsafeMutablePointer<Int32>)] = []
    private var current = 0
    /// The current document's position deltas (its first position absolute).
    private var deltas: UnsafeMutablePointer<UInt32>
    private var deltaCapacity = 1024
    private var deltaCount = 0
    private var deltaIndex = 0
    /// A file of the term's first segment, named by corruption errors.
    private var file = ""

    init(newNumbers: [[Int32]]) {
        var bases: [Int] = [], total = 0
        for map in newNumbers { bases.append(total); total += map.count }
        let numbers = UnsafeMutablePointer<Int32>.allocate(capacity: max(1, total))
        for (map, base) in zip(newNumbers, bases) {
            map.withUnsafeBufferPointer { if let p = $0.baseAddress { (numbers + base).initialize(from: p, count: $0.count) } }
        }
        self.numbers = numbers
        self.bases = bases
        deltas = .allocate(capacity: deltaCapacity)
    }

    deinit {
        numbers.deallocate()
        deltas.deallocate()
    }

    /// Opens a cursor on the term in each segment that has it (`segment` indexes the tables).
    func start(term: [(segment: Int, reader: SegmentReader, info: TermInfo)]) throws {
        cursors.removeAll(keepingCapacity: true)
        for t in term {
            let cursor = try t.reader.postings(t.info)
            try cursor.start()
            cursors.append((cursor, numbers + bases[t.segment]))
        }
        current = 0
        file = term.first?.reader.terms.file ?? ""
    }

    /// Moves to the next live posting and yields its new number and frequencies; its
    /// positions are then read with `positionDelta()`.
    func next(_ d: inout UInt32, _ tf: inout UInt32, _ ttf: inout UInt32) throws {
        while current < cursors.count {
            let (cursor, map) = cursors[current]
            while cursor.doc != PostingsCursor.exhausted {
                let n = map[Int(cursor.doc)]
                if n >= 0 {
                    d = UInt32(n)
                    tf = cursor.termFrequency
                    ttf = cursor.titleTermFrequency
                    try readPositions(cursor, count: Int(tf))
                    try cursor.next()
                    return
                }
                try cursor.next()
            }
            current += 1
        }
        throw IndexError.corrupt(file: file, reason: "fewer live postings than the tombstones' document frequency")
    }

    /// Turns the cursor's positions for its document back into deltas.
    private func readPositions(_ cursor: PostingsCursor, count: Int) throws {
        if count > deltaCapacity {
            deltas.deallocate()
            deltaCapacity = count
            deltas = .allocate(capacity: count)
        }
        let out = deltas
        var n = 0
        var previous: UInt32 = 0
        try cursor.forEachPosition { p in
            guard n < count else { return }
            out[n] = n == 0 ? p : p &- previous
            previous = p
            n += 1
        }
        deltaCount = n
        deltaIndex = 0
    }

    @inline(__always)
    func positionDelta() -> UInt32 {
        guard deltaIndex < deltaCount else { return 0 }
        defer { deltaIndex += 1 }
        return deltas[deltaIndex]
    }

    /// Checks that no live posting is left over: the df written must be the exact live count.
    func finish() throws {
        while current < cursors.count {
            let (cursor, map) = cursors[current]
            while cursor.doc != PostingsCursor.exhausted {
                if map[Int(cursor.doc)] >= 0 {
                    throw IndexError.corrupt(file: file, reason: "more live postings than the tombstones' document frequency")
                }
                try cursor.next()
            }
            current += 1
        }
        cursors.removeAll(keepingCapacity: true)
    }
}
