/// Decodes the positions of one postings block (`PositionsCodec`'s layout) for a cursor, one
/// 128-delta chunk at a time into a buffer the cursor owns: only the chunks holding the
/// documents a query asks about are unpacked, and nothing is allocated.
struct BlockPositionsReader {
    private let data: UnsafeRawBufferPointer
    private let file: String
    /// `PositionsCodec.chunkSize` entries, owned (allocated and freed) by the cursor.
    private let buffer: UnsafeMutablePointer<UInt32>
    private var blockStart = 0
    /// Deltas in the block's stream: the sum of its term frequencies.
    private var total = 0
    private var decodedChunk = -1
    /// The chunk that starts at `nextChunkOffset`: where a forward hop resumes.
    private var nextChunk = 0
    private var nextChunkOffset = 0

    init(data: UnsafeRawBufferPointer, file: String, buffer: UnsafeMutablePointer<UInt32>) {
        self.data = data; self.file = file; self.buffer = buffer
    }

    /// Starts a new block whose stream begins at `offset` and holds `total` deltas.
    @inline(__always)
    mutating func reset(offset: Int, total: Int) {
        blockStart = offset
        self.total = total
        decodedChunk = -1
        nextChunk = 0
        nextChunkOffset = offset
    }

    /// Calls `body` with the `count` positions whose deltas start at index `first` of the stream.
    mutating func forEach(first: Int, count: Int, _ body: (UInt32) -> Void) throws {
        let size = PositionsCodec.chunkSize
        let end = first + count
        guard first >= 0, end <= total else { throw corrupt("positions beyond the block") }
        var p: UInt64 = 0
        var k = first
        while k < end {
            let chunk = k / size
            if chunk != decodedChunk { try decode(chunk) }
            let stop = min(end, (chunk + 1) * size)
            while k < stop {
                p &+= UInt64(buffer[k - chunk * size])
                guard p <= UInt64(UInt32.max) else { throw corrupt("position out of range") }
                body(UInt32(truncatingIfNeeded: p))
                k += 1
            }
        }
    }

    /// Unpacks chunk `chunk` into the buffer, hopping over the full chunks before it.
    private mutating func decode(_ chunk: Int) throws {
        let size = PositionsCodec.chunkSize
        if chunk < nextChunk { nextChunk = 0; nextChunkOffset = blockStart }
        var c = ByteCursor(data, offset: nextChunkOffset, file: file)
        while nextChunk < chunk {
            try PatchedBitPacking.skip(&c, count: size)
            nextChunk += 1
        }
        try PatchedBitPacking.decode(&c, count: min(size, total - chunk * size), into: buffer)
        decodedChunk = chunk
        nextChunk = chunk + 1
        nextChunkOffset = c.offset
    }

    private func corrupt(_ what: String) -> IndexError {
        .corrupt(file: file, reason: "\(what) in the block at byte \(blockStart)")
    }
}
