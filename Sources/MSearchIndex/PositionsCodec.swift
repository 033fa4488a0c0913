/// The positions of one postings block, bit-packed as Lucene and Tantivy store them: smaller
/// than varints (a gap of 200 takes 8 bits, not 16) and decoded 128 at a time without a branch
/// per byte.
///
/// The block's documents' positions, in document order, form one stream of deltas: each
/// document's first position as is, its others as the gap from the previous one. The stream is
/// cut into chunks of `chunkSize` deltas (only the last one shorter), each chunk packed
/// with `PatchedBitPacking` (the first positions of documents are the wide exceptions among
/// small gaps). The number of deltas is the sum of the block's
/// term frequencies, so the stream stores no count, and a reader finds chunk k by hopping over
/// the k full chunks before it.
public enum PositionsCodec {
    public static let chunkSize = 128

    /// Appends `deltas` as chunks; returns the bytes appended.
    @discardableResult
    public static func encode(_ deltas: UnsafeBufferPointer<UInt32>, into out: inout ByteBuffer) -> Int {
        let before = out.count
        var start = 0
        while start < deltas.count {
            let chunk = UnsafeBufferPointer(rebasing: deltas[start..<min(start + chunkSize, deltas.count)])
            PatchedBitPacking.encode(chunk, into: &out)
            start += chunkSize
        }
        return out.count - before
    }

}
