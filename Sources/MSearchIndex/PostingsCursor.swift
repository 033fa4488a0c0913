/// Walks one term's postings in one segment, a block at a time. Only the current block is
/// decoded (into three fixed 128-entry buffers allocated once per cursor); `advance(to:)` uses
/// the skip table to jump over whole blocks, and the block maxima bound scores for pruning.
public final class PostingsCursor {
    public static let exhausted = Int32.max

    public let documentFrequency: Int
    private let data: UnsafeRawBufferPointer      // the postings file
    private let file: String
    private let positionsData: UnsafeRawBufferPointer
    private let termPositionsStart: Int
    /// Documents in the segment: every decoded document number must be below it.
    private let segmentDocumentCount: Int64

    // Skip table, decoded at creation: one entry per block.
    private var blockLastDoc: [Int32] = []
    private var blockOffset: [Int] = []
    private var blockPositionsOffset: [Int] = []
    private var blockMaxTf: [UInt32] = []
    private var blockMaxTitleTf: [UInt32] = []
    private var blockMinLength: [UInt32] = []
    private let blockCount: Int

    private let docs: UnsafeMutablePointer<UInt32>
    private let tfs: UnsafeMutablePointer<UInt32>
    private let titleTfs: UnsafeMutablePointer<UInt32>

    private var block = -1
    private var blockLength = 0
    private var index = 0
    /// The current document, or `exhausted`.
    public private(set) var doc: Int32 = -1

    // Positions walk inside the current block.
    private var positionsDocIndex = 0
    private var positionsOffset = 0

    init(postings: UnsafeRawBufferPointer, offset: Int, documentFrequency df: Int, file: String,
         positions: UnsafeRawBufferPointer, positionsOffset: Int, positionsFile: String,
         segmentDocumentCount: Int) throws {
        documentFrequency = df
        self.segmentDocumentCount = Int64(segmentDocumentCount)
        data = postings
        self.file = file
        positionsData = positions
        termPositionsStart = positionsOffset
        blockCount = (df + IndexFormat.blockSize - 1) / IndexFormat.blockSize
        docs = .allocate(capacity: IndexFormat.blockSize)
        tfs = .allocate(capacity: IndexFormat.blockSize)
        titleTfs = .allocate(capacity: IndexFormat.blockSize)
        var c = ByteCursor(postings, offset: offset, file: file)
        if blockCount > 1 {
            blockLastDoc.reserveCapacity(blockCount)
            var last: Int64 = -1
            var posOffset = positionsOffset
            var sizes: [Int] = []
            sizes.reserveCapacity(blockCount)
            for _ in 0..<blockCount {
                let gap = try c.readVarint()
                guard gap <= UInt64(segmentDocumentCount) else { throw c.corrupt("document number out of range") }
                last += Int64(gap)
                guard last < Int64(segmentDocumentCount) else { throw c.corrupt("document number out of range") }
                blockLastDoc.append(Int32(last))
                sizes.append(try c.readVarintInt())
                blockPositionsOffset.append(posOffset)
                let (p, overflow) = posOffset.addingReportingOverflow(try c.readVarintInt())
                guard !overflow else { throw c.corrupt("positions offset out of range") }
                posOffset = p
                blockMaxTf.append(UInt32(truncatingIfNeeded: try c.readVarint()))
                blockMaxTitleTf.append(UInt32(truncatingIfNeeded: try c.readVarint()))
                blockMinLength.append(UInt32(truncatingIfNeeded: try c.readVarint()))
            }
            var o = c.offset
            for s in sizes {
                blockOffset.append(o)
                guard s <= postings.count - o else { throw c.corrupt("postings run past the end") }
                o += s
            }
        } else {
            blockOffset = [c.offset]
            blockPositionsOffset = [positionsOffset]
        }
    }

    deinit {
        docs.deallocate(); tfs.deallocate(); titleTfs.deallocate()
    }

    public var termFrequency: UInt32 { tfs[index] }
    public var titleTermFrequency: UInt32 { titleTfs[index] }

    /// Moves to the first document; call once before reading.
    public func start() throws {
        try load(block: 0, previousLast: -1)
        index = 0
        doc = Int32(docs[0])
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
        try load(block: b, previousLast: Int64(blockLastDoc[b - 1]))
        index = 0
        doc = Int32(docs[0])
    }

    /// Moves to the first document ≥ `target`, skipping whole blocks where it can.
    public func advance(to target: Int32) throws {
        if doc >= target { return }
        if blockCount > 1 && block < blockCount && blockLastDoc[block] < target {
            var b = block + 1
            while b < blockCount && blockLastDoc[b] < target { b += 1 }
            guard b < blockCount else { doc = PostingsCursor.exhausted; return }
            try load(block: b, previousLast: Int64(blockLastDoc[b - 1]))
            index = 0
            doc = Int32(docs[0])
        }
        while doc < target { try next() }
    }

    /// The last document of the current block, for block-max pruning (`exhausted` at the end).
    public var currentBlockLastDoc: Int32 {
        guard doc != PostingsCursor.exhausted else { return PostingsCursor.exhausted }
        return blockCount > 1 ? blockLastDoc[block] : Int32(docs[blockLength - 1])
    }

    /// Upper bounds for the current block: (max tf, max title tf, min document length).
    public var currentBlockMaxima: (tf: UInt32, titleTf: UInt32, minLength: UInt32)? {
        guard blockCount > 1, block >= 0, block < blockCount else { return nil }
        return (blockMaxTf[block], blockMaxTitleTf[block], blockMinLength[block])
    }

    /// The largest tf and title tf anywhere in the list, for a term's global score bound.
    public var maxima: (tf: UInt32, titleTf: UInt32)? {
        guard blockCount > 1 else { return nil }
        return (blockMaxTf.max() ?? 0, blockMaxTitleTf.max() ?? 0)
    }

    /// The largest value `bound` gives over the list: per block from its maxima (tf, title tf,
    /// min length), or, for a one-block list, exactly from its postings (`exact(tf, titleTf,
    /// doc)`). What MaxScore pruning compares with the threshold. Call after `start()`.
    public func upperBound(block bound: (UInt32, UInt32, UInt32) -> Double,
                           exact: (UInt32, UInt32, Int32) -> Double) -> Double {
        var best = 0.0
        if blockCount > 1 {
            for b in 0..<blockCount { best = max(best, bound(blockMaxTf[b], blockMaxTitleTf[b], blockMinLength[b])) }
        } else if block == 0 {
            for i in 0..<blockLength { best = max(best, exact(tfs[i], titleTfs[i], Int32(docs[i]))) }
        }
        return best
    }

    private func load(block b: Int, previousLast: Int64) throws {
        let n = b == blockCount - 1 ? documentFrequency - b * IndexFormat.blockSize : IndexFormat.blockSize
        var c = ByteCursor(data, offset: blockOffset[b], file: file)
        var previous = previousLast
        for (k, out) in [docs, tfs, titleTfs].enumerated() {
            let width = Int(try c.readByte())
            guard width <= 32 else { throw c.corrupt("bit width \(width) in a postings block") }
            let raw = try c.readBytes(BitPacking.byteCount(count: n, width: width))
            BitPacking.unpack(raw.baseAddress ?? UnsafeRawPointer(bitPattern: 1)!, count: n, width: width, into: out)
            if k == 0 {
                for i in 0..<n {
                    let d = previous + Int64(out[i]) + 1
                    guard d < segmentDocumentCount else { throw c.corrupt("document number out of range") }
                    out[i] = UInt32(d)
                    previous = d
                }
            } else if k == 1 {
                for i in 0..<n { out[i] &+= 1 }
            }
        }
        // tf ≥ 1 and title tf ≤ tf: scorers subtract one from the other.
        for i in 0..<n where tfs[i] == 0 || titleTfs[i] > tfs[i] {
            throw c.corrupt("term frequencies out of range")
        }
        block = b
        blockLength = n
        positionsDocIndex = 0
        positionsOffset = blockPositionsOffset[b]
    }

    /// Calls `body` with each position of the current document, in increasing order.
    public func forEachPosition(_ body: (UInt32) -> Void) throws {
        var c = ByteCursor(positionsData, offset: positionsOffset, file: file)
        // Skip the positions of documents before the current one in this block.
        if positionsDocIndex > index { throw c.corrupt("positions read out of order") }
        while positionsDocIndex < index {
            for _ in 0..<tfs[positionsDocIndex] { _ = try c.readVarint() }
            positionsDocIndex += 1
        }
        positionsOffset = c.offset
        var p: UInt64 = 0
        for _ in 0..<tfs[index] {
            p &+= try c.readVarint()
            guard p <= UInt64(UInt32.max) else { throw c.corrupt("position out of range") }
            body(UInt32(truncatingIfNeeded: p))
        }
    }
}
