/// Encodes one term's postings into blocks of 128 documents: bit-packed document gaps, term
/// frequencies and title frequencies, preceded (for terms in more than one block) by a skip
/// table that lets a query jump over blocks and bound their scores without decoding them.
///
/// Layout of one term:
///   skip table (only if df > 128), per block: varint lastDoc gap, varint block bytes,
///     varint positions bytes, varint maxTf, varint maxTitleTf, varint minLength
///   blocks, each: [width][doc gaps − 1] [width][tf − 1] [width][title tf]
/// The first gap of a block is relative to the previous block's last document (or −1).
struct PostingsWriter {
    private var docs = [UInt32](repeating: 0, count: IndexFormat.blockSize)
    private var tfs = [UInt32](repeating: 0, count: IndexFormat.blockSize)
    private var titleTfs = [UInt32](repeating: 0, count: IndexFormat.blockSize)
    private var blocks = ByteBuffer()
    private var skips = ByteBuffer()

    /// Appends one term's postings to `out`. `postings` yields (doc, tf, titleTf) in doc order;
    /// `positionBytes(doc index)` gives the bytes each posting takes in the positions file.
    mutating func write(df: Int,
                        postings: (inout UInt32, inout UInt32, inout UInt32) -> Void,
                        positionBytes: (Int) -> Int,
                        documentLength: (UInt32) -> UInt32,
                        into out: inout ByteBuffer) {
        blocks.removeAll()
        skips.removeAll()
        var previousLast: Int64 = -1
        var written = 0
        let multiBlock = df > IndexFormat.blockSize
        while written < df {
            let n = min(IndexFormat.blockSize, df - written)
            var maxTf: UInt32 = 0, maxTitleTf: UInt32 = 0, minLength = UInt32.max
            var posBytes = 0
            for i in 0..<n {
                var d: UInt32 = 0, tf: UInt32 = 0, ttf: UInt32 = 0
                postings(&d, &tf, &ttf)
                docs[i] = d
                tfs[i] = tf
                titleTfs[i] = ttf
                maxTf = max(maxTf, tf)
                maxTitleTf = max(maxTitleTf, ttf)
                minLength = min(minLength, documentLength(d))
                posBytes += positionBytes(written + i)
            }
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
        var gaps = [UInt32](repeating: 0, count: n)
        var prev = previousLast
        for i in 0..<n {
            gaps[i] = UInt32(Int64(docs[i]) - prev - 1)
            prev = Int64(docs[i])
        }
        let tfm1 = (0..<n).map { tfs[$0] - 1 }
        let ttf = Array(titleTfs[0..<n])
        for column in [gaps, tfm1, ttf] {
            column.withUnsafeBufferPointer { col in
                let w = BitPacking.bitWidth(col)
                blocks.append(UInt8(w))
                BitPacking.pack(col, width: w, into: &blocks)
            }
        }
    }
}
