/// Walks one term's postings in one segment, a block at a time. Only the current block is
/// decoded, into fixed 128-entry buffers; `advance(to:)` uses the skip table to jump over whole
/// blocks, and the block maxima bound scores for pruning. Positions are decoded only when asked
/// for, chunk by chunk. A cursor makes three allocations (itself, its buffers, its skip table),
/// however long the list.
public final class PostingsCursor {
    public static let exhausted = Int32.max

    /// One block's entry of the skip table.
    private struct Skip {
        var lastDoc: Int32 = -1
        var maxTf: UInt32 = 0
        var maxTitleTf: UInt32 = 0
        var minLength: UInt32 = 0
        var offset = 0
        var positionsOffset = 0
    }

    public let documentFrequency: Int
    private let data: UnsafeRawBufferPointer      // the postings file
    private let file: String
    /// Documents in the segment: every decoded document number must be below it.
    private let segmentDocumentCount: Int64

    /// One entry per block, decoded at creation (offsets only, for a one-block list).
    private let skips: UnsafeMutablePointer<Skip>
    private let blockCount: Int

    /// docs, tfs, title tfs and a positions chunk: 4 × 128 entries in one allocation.
    private let buffers: UnsafeMutablePointer<UInt32>
    private var docs: UnsafeMutablePointer<UInt32> { buffers }
    @usableFromInline let tfs: UnsafeMutablePointer<UInt32>
    @usableFromInline let titleTfs: UnsafeMutablePointer<UInt32>

    private var block = -1
    /// Where `shallowBlock(at:)` stands in the skip table.
    private var shallowBlock = 0
    private var singleBlockLastDoc: Int32 = -1
    private var blockLength = 0
    @usableFromInline private(set) var index = 0
    /// The current document, or `exhausted`.
    public private(set) var doc: Int32 = -1

    // Positions of the current block: the stream index of document `positionsDocIndex`'s first
    // delta (documents are visited in order, so this only moves forward within a block).
    private var positions: BlockPositionsReader
    private var positionsDocIndex = 0
    private var positionsStreamIndex = 0
    /// The block's positions reader is set up on the first positions request of each block.
    private var positionsReady = false

    /// Whether frequencies are decoded with each block (scorers read them for every document)
    /// or only when positions are asked for (phrases, which intersect documents first).
    private let eagerFrequencies: Bool
    private var frequenciesReady = false
    /// Where the current block's frequency columns start.
    private var frequenciesOffset = 0

    init(postings: UnsafeRawBufferPointer, offset: Int, documentFrequency df: Int, file: String,
         positions: UnsafeRawBufferPointer, positionsOffset: Int, positionsFile: String,
         segmentDocumentCount: Int, frequencies: Bool) throws {
        documentFrequency = df
        eagerFrequencies = frequencies
        self.segmentDocumentCount = Int64(segmentDocumentCount)
        data = postings
        self.file = file
        blockCount = (df + IndexFormat.blockSize - 1) / IndexFormat.blockSize
        buffers = .allocate(capacity: 4 * IndexFormat.blockSize)
        tfs = buffers + IndexFormat.blockSize
        titleTfs = buffers + 2 * IndexFormat.blockSize
        skips = .allocate(capacity: max(1, blockCount))
        self.positions = BlockPositionsReader(data: positions, file: positionsFile,
                                              buffer: buffers + 3 * IndexFormat.blockSize)
        var c = ByteCursor(postings, offset: offset, file: file)
        if blockCount > 1 {
            var last: Int64 = -1
            var posOffset = positionsOffset
            for b in 0..<blockCount {
                var s = Skip()
                let gap = try c.readVarint()
                guard gap <= UInt64(segmentDocumentCount) else { throw c.corrupt("document number out of range") }
                last += Int64(gap)
                guard last < Int64(segmentDocumentCount) else { throw c.corrupt("document number out of range") }
                s.lastDoc = Int32(last)
                s.offset = try c.readVarintInt()          // the block's size, until the loop below
                s.positionsOffset = posOffset
                let (p, overflow) = posOffset.addingReportingOverflow(try c.readVarintInt())
                guard !overflow else { throw c.corrupt("positions offset out of range") }
                posOffset = p
                s.maxTf = UInt32(truncatingIfNeeded: try c.readVarint())
                s.maxTitleTf = UInt32(truncatingIfNeeded: try c.readVarint())
                s.minLength = UInt32(truncatingIfNeeded: try c.readVarint())
                (skips + b).initialize(to: s)
            }
            var o = c.offset
            for b in 0..<blockCount {
                let size = skips[b].offset
                guard size <= postings.count - o else { throw c.corrupt("postings run past the end") }
                skips[b].offset = o
                o += size
            }
        } else {
            skips.initialize(to: Skip(offset: c.offset, positionsOffset: positionsOffset))
        }
    }

    deinit {
        buffers.deallocate()
        skips.deallocate()
    }

    /// The current document's frequencies (only for a cursor made with `frequencies: true`;
    /// one made without them decodes tf only, when positions are asked for).
    /// Inlinable: scorers read them for every document they score.
    @inlinable public var termFrequency: UInt32 { tfs[index] }
    @inlinable public var titleTermFrequency: UInt32 { titleTfs[index] }

    /// Moves to the first document; call once before reading.
    public func start() throws {
        try load(block: 0, previousLast: -1)
        index = 0
        doc = Int32(docs[0])
        if blockCount == 1 { singleBlockLastDoc = Int32(docs[blockLength - 1]) }
    }

    /// For block-max pruning, from the skip table alone (nothing is decoded, the cursor does
    /// not move): the block holding the first document ≥ `target` (nil past the end of the
    /// list). Call after `start()`, with targets that never decrease. A one-block list has no
    /// maxima in the skip table: `blockMaxima` is nil for it, and callers bound it exactly.
    public func shallowBlock(at target: Int32) -> Int? {
        if blockCount == 1 { return target <= singleBlockLastDoc ? 0 : nil }
        var b = shallowBlock
        while b < blockCount && skips[b].lastDoc < target { b += 1 }
        shallowBlock = b
        return b < blockCount ? b : nil
    }

    /// How many blocks the list has (`shallowBlock`'s results are below it).
    public var blockTotal: Int { blockCount }

    /// The last document of block `b`.
    public func blockLastDoc(_ b: Int) -> Int32 { blockCount == 1 ? singleBlockLastDoc : skips[b].lastDoc }

    /// Block `b`'s maxima: (max tf, max title tf, min document length); nil for a one-block list.
    public func blockMaxima(_ b: Int) -> (tf: UInt32, titleTf: UInt32, minLength: UInt32)? {
        blockCount == 1 ? nil : (skips[b].maxTf, skips[b].maxTitleTf, skips[b].minLength)
    }

    /// Moves to the next document, or to `exhausted`.
    @inline(__always)
    public func next() throws {
        index += 1
        if index < blockLength {
            doc = Int32(docs[index])
            return
        }
        try nextBlock()
    }

    private func nextBlock() throws {
        let b = block + 1
        guard b < blockCount else { doc = PostingsCursor.exhausted; return }
        try load(block: b, previousLast: Int64(skips[b - 1].lastDoc))
        index = 0
        doc = Int32(docs[0])
    }

    /// Moves to the first document ≥ `target`, skipping whole blocks where it can.
    public func advance(to target: Int32) throws {
        if doc >= target { return }
        if blockCount > 1 && block < blockCount && skips[block].lastDoc < target {
            var b = block + 1
            while b < blockCount && skips[b].lastDoc < target { b += 1 }
            guard b < blockCount else { doc = PostingsCursor.exhausted; return }
            try load(block: b, previousLast: Int64(skips[b - 1].lastDoc))
            index = 0
            doc = Int32(docs[0])
            if doc >= target { return }
        }
        // The target is in this block or past its end. Targets are mostly a few documents
        // ahead, so gallop (1, 2, 4, … ahead), then binary search the last step.
        var lo = index + 1, step = 1
        while lo + step < blockLength && Int32(docs[lo + step - 1]) < target {
            lo += step
            step <<= 1
        }
        var hi = min(lo + step, blockLength)
        while lo < hi {
            let mid = (lo + hi) >> 1
            if Int32(docs[mid]) < target { lo = mid + 1 } else { hi = mid }
        }
        if lo < blockLength {
            index = lo
            doc = Int32(docs[lo])
        } else {
            index = blockLength - 1
            try nextBlock()
            while doc < target { try next() }
        }
    }

    /// The largest value `bound` gives over the list: per block from its maxima (tf, title tf,
    /// min length), or, for a one-block list, exactly from its postings (`exact(tf, titleTf,
    /// doc)`). What MaxScore pruning compares with the threshold. Call after `start()`.
    public func upperBound(block bound: (UInt32, UInt32, UInt32) -> Double,
                           exact: (UInt32, UInt32, Int32) -> Double) -> Double {
        var best = 0.0
        if blockCount > 1 {
            for b in 0..<blockCount { best = max(best, bound(skips[b].maxTf, skips[b].maxTitleTf, skips[b].minLength)) }
        } else if block == 0 {
            for i in 0..<blockLength { best = max(best, exact(tfs[i], titleTfs[i], Int32(docs[i]))) }
        }
        return best
    }

    private func load(block b: Int, previousLast: Int64) throws {
        let n = b == blockCount - 1 ? documentFrequency - b * IndexFormat.blockSize : IndexFormat.blockSize
        var c = ByteCursor(data, offset: skips[b].offset, file: file)
        try PatchedBitPacking.decode(&c, count: n, into: docs)
        // Gaps are stored minus one, so numbers strictly increase (no UInt32 sum of 128 gaps
        // overflows an Int64): only the last one needs its range check.
        var previous = previousLast
        for i in 0..<n {
            previous += Int64(docs[i]) + 1
            docs[i] = UInt32(truncatingIfNeeded: previous)
        }
        guard previous < segmentDocumentCount else { throw c.corrupt("document number out of range") }
        block = b
        blockLength = n
        positionsReady = false
        frequenciesOffset = c.offset
        frequenciesReady = false
        if eagerFrequencies { try decodeFrequencies() }
    }

    /// Unpacks the current block's tf and title tf columns; a cursor made without frequencies
    /// wants tf only, to find positions, and leaves the title tf column packed.
    private func decodeFrequencies() throws {
        let n = blockLength
        var c = ByteCursor(data, offset: frequenciesOffset, file: file)
        try PatchedBitPacking.decode(&c, count: n, into: tfs)
        for i in 0..<n { tfs[i] &+= 1 }
        guard eagerFrequencies else { frequenciesReady = true; return }
        try PatchedBitPacking.decode(&c, count: n, into: titleTfs)
        // tf ≥ 1 and title tf ≤ tf: scorers subtract one from the other.
        for i in 0..<n where tfs[i] == 0 || titleTfs[i] > tfs[i] {
            throw c.corrupt("term frequencies out of range")
        }
        frequenciesReady = true
    }

    /// Calls `body` with each position of the current document, in increasing order.
    public func forEachPosition(_ body: (UInt32) -> Void) throws {
        if !frequenciesReady { try decodeFrequencies() }
        if !positionsReady {
            var total = 0
            for i in 0..<blockLength { total += Int(tfs[i]) }
            positions.reset(offset: skips[block].positionsOffset, total: total)
            positionsDocIndex = 0
            positionsStreamIndex = 0
            positionsReady = true
        }
        if positionsDocIndex > index { positionsDocIndex = 0; positionsStreamIndex = 0 }
        while positionsDocIndex < index {
            positionsStreamIndex += Int(tfs[positionsDocIndex])
            positionsDocIndex += 1
        }
        try positions.forEach(first: positionsStreamIndex, count: Int(tfs[index]), body)
    }
}
