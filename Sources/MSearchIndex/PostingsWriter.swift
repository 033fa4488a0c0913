/// Encodes one term's postings into blocks of 128 documents: bit-packed document gaps, term
/// frequencies and title frequencies, preceded (for terms in more than one block) by a skip
/// table that lets a query jump over blocks and bound their scores without decoding them.
/// Each block's positions go to the positions file (`PositionsCodec`).
///
/// Layout of one term:
///   skip table (only if df > 128), per block: varint lastDoc gap, varint block bytes,
///     varint positions bytes, varint maxTf, varint maxTitleTf, varint minLength
///   blocks, each: [doc gaps − 1] [tf − 1] [title tf], each column packed with
///     `PatchedBitPacking` (a few large frequencies do not widen the whole column)
/// The first gap of a block is relative to the previous block's last document (or −1).
struct PostingsWriter {
    private var docs = [UInt32](repeating: 0, count: IndexFormat.blockSize)
    private var tfs = [UInt32](repeating: 0, count: IndexFormat.blockSize)
    private var titleTfs = [UInt32](repeating: 0, count: IndexFormat.blockSize)
    private var column = [UInt32](repeating: 0, count: IndexFormat.blockSize)
    private var deltas: [UInt32] = []
    private var blocks = ByteBuffer()
    private var skips = ByteBuffer()

    /// Appends one term's postings to `out` and its positions to `positions`. `postings` yields
    /// (doc, tf, titleTf) in doc order; `positionDelta` yields the position deltas of those
    /// documents in the same order (tf of them per document, each document's first one absolute).
    mutating func write(df: Int,
                        postings: (inout UInt32, inout UInt32, inout UInt32) throws -> Void,
                        positionDelta: () throws -> UInt32,
                        documentLength: (UInt32) -> UInt32,
                        into out: inout ByteBuffer,
                        positions: inout ByteBuffer) throws {
        blocks.removeAll()
        skips.removeAll()
        var previousLast: Int64 = -1
        var written = 0
        let multiBlock = df > IndexFormat.blockSize
        while written < df {
            let n = min(IndexFormat.blockSize, df - written)
            var maxTf: UInt32 = 0, maxTitleTf: UInt32 = 0, minLength = UInt32.max
            deltas.removeAll(keepingCapacity: true)
            for i in 0..<n {
                var d: UInt32 = 0, tf: UInt32 = 0, ttf: UInt32 = 0
                try postings(&d, &tf, &ttf)
                docs[i] = d
                tfs[i] = tf
                titleTfs[i] = ttf
                maxTf = max(maxTf, tf)
                maxTitleTf = max(maxTitleTf, ttf)
                minLength = min(minLength, documentLength(d))
                for _ in 0..<tf { deltas.append(try positionDelta()) }
            }
            let posBytes = deltas.withUnsafeBufferPointer { PositionsCodec.encode($0, into: &positions) }
            let blockStart = blocks.count
            encodeBlock(count: n, previousLast: previousLast)
            if multiBlock {
                skips.appendVarint(UInt64(Int64(docs[n - 1]) - previousLast))
                skips.appendVarint(blocks.count - blockStart)
                skips.appendVarint(posBytes)
                skips.appendVarint(maxTf)
                skips.appendVarint(maxTitleTf)
                skips.appendVarint(minLength)
            }
            previousLast = Int64(docs[n - 1])
            written += n
        }
        out.append(contentsOf: skips.bytes)
        out.append(contentsOf: blocks.bytes)
    }

    private mutating func encodeBlock(count n: Int, previousLast: Int64) {
        var prev = previousLast
        for i in 0..<n {
            column[i] = UInt32(Int64(docs[i]) - prev - 1)
            prev = Int64(docs[i])
        }
        appendColumn(n)
        for i in 0..<n { column[i] = tfs[i] - 1 }
        appendColumn(n)
        for i in 0..<n { column[i] = titleTfs[i] }
        appendColumn(n)
    }

    /// The first n values of `column`, with `PatchedBitPacking`.
    private mutating func appendColumn(_ n: Int) {
        column.withUnsafeBufferPointer { all in
            PatchedBitPacking.encode(UnsafeBufferPointer(rebasing: all[0..<n]), into: &blocks)
        }
    }
}
