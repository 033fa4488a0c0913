/// A segment's tombstones: which of its documents are deleted, and what they took from the
/// index statistics. Segments are immutable, so deleting a document writes a new `.del` file for
/// its segment (named in the manifest, replaced at the next commit that deletes more) instead
/// of touching the segment. Searches skip the marked documents; merges drop them for good.
///
/// Statistics stay exact: the file keeps, per term, how many deleted documents contain it
/// (computed at delete time by re-analysing their stored text), so df, N and the token count
/// equal those of an index rebuilt from the live documents.
///
/// Layout: UInt64 document count, deleted count, deleted tokens, term count; the bitset of
/// deleted documents in UInt64 words (bit d % 64 of word d / 64); per term a UInt64 offset
/// into the entries; entries sorted by term bytes: varint length, term bytes, varint df
/// decrement. Footer kind `deletes`.
public final class DeletedDocuments {
    public let path: String
    private let mapped: MappedFile
    var mappedFile: MappedFile { mapped }
    private let bytes: UnsafeRawBufferPointer
    /// Documents in the segment (bits in the set).
    public let documentCount: Int
    public let deletedCount: Int
    public let deletedTokens: Int
    public let termCount: Int
    private let offsetsStart: Int
    private let entriesStart: Int

    static let headerSize = 32

    init(path: String, segment: SegmentInfo, deletes: SegmentDeletes) throws {
        self.path = path
        mapped = try MappedFile(path: path)
        let payload = try FileFooter.validate(mapped.bytes, kind: .deletes, file: path)
        bytes = UnsafeRawBufferPointer(rebasing: mapped.bytes[0..<payload])
        func bad(_ reason: String) -> IndexError { .corrupt(file: path, reason: reason) }
        guard payload >= DeletedDocuments.headerSize else { throw bad("deletes file too short") }
        var c = ByteCursor(bytes, file: path)
        let docs = try c.readUInt64(), deleted = try c.readUInt64(), tokens = try c.readUInt64(), terms = try c.readUInt64()
        guard docs == UInt64(segment.documentCount) else {
            throw bad("covers \(docs) documents, the segment holds \(segment.documentCount)")
        }
        guard deleted == UInt64(deletes.documentCount), tokens == UInt64(deletes.tokenCount) else {
            throw bad("counts differ from the manifest's")
        }
        documentCount = segment.documentCount
        deletedCount = deletes.documentCount
        deletedTokens = deletes.tokenCount
        let words = (documentCount + 63) / 64
        offsetsStart = DeletedDocuments.headerSize + words * 8
        guard terms <= UInt64(payload / 8), offsetsStart + Int(terms) * 8 <= payload else {
            throw bad("term table runs past the end")
        }
        termCount = Int(terms)
        entriesStart = offsetsStart + termCount * 8
        var set = 0
        for w in 0..<words { set += word(w).nonzeroBitCount }
        guard set == deletedCount else { throw bad("\(set) documents marked, \(deletedCount) counted") }
    }

    @inline(__always)
    private func word(_ w: Int) -> UInt64 {
        UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: DeletedDocuments.headerSize + w * 8, as: UInt64.self))
    }

    /// Whether segment-local document `doc` is deleted.
    @inline(__always)
    public func contains(_ doc: Int) -> Bool {
        guard doc >= 0, doc < documentCount else { return false }
        return word(doc >> 6) & (1 << UInt64(doc & 63)) != 0
    }

    /// The deleted documents, in order.
    public func forEachDeleted(_ body: (Int) throws -> Void) rethrows {
        for w in 0..<((documentCount + 63) / 64) {
            var bits = word(w)
            while bits != 0 {
                try body(w * 64 + bits.trailingZeroBitCount)
                bits &= bits - 1
            }
        }
    }

    private func entry(_ i: Int) throws -> (term: UnsafeRawBufferPointer, decrement: Int) {
        let o = UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: offsetsStart + i * 8, as: UInt64.self))
        guard o < UInt64(bytes.count - entriesStart) else {
            throw IndexError.corrupt(file: path, reason: "term entry \(i) points outside the file")
        }
        var c = ByteCursor(bytes, offset: entriesStart + Int(o), file: path)
        let n = try c.readVarintInt()
        let term = try c.readBytes(n)
        let d = try c.readVarintInt()
        return (term, d)
    }

    /// How many deleted documents contain `term` (0 when none does).
    public func documentFrequencyDecrement(_ term: UnsafeBufferPointer<UInt8>) throws -> Int {
        var lo = 0, hi = termCount - 1
        let key = UnsafeRawBufferPointer(term)
        while lo <= hi {
            let mid = (lo + hi) / 2
            let e = try entry(mid)
            let c = DeletedDocuments.compare(e.term, key)
            if c == 0 { return e.decrement }
            if c < 0 { lo = mid + 1 } else { hi = mid - 1 }
        }
        return 0
    }

    /// Every (term, decrement) pair in term order.
    public func forEachTerm(_ body: (UnsafeRawBufferPointer, Int) throws -> Void) throws {
        for i in 0..<termCount {
            let e = try entry(i)
            try body(e.term, e.decrement)
        }
    }

    static func compare(_ a: UnsafeRawBufferPointer, _ b: UnsafeRawBufferPointer) -> Int {
        let m = min(a.count, b.count)
        for i in 0..<m where a[i] != b[i] { return a[i] < b[i] ? -1 : 1 }
        return a.count == b.count ? 0 : (a.count < b.count ? -1 : 1)
    }

    /// The bytes of a `.del` file.
    static func encode(documentCount: Int, deleted: [UInt64], deletedCount: Int, deletedTokens: Int,
                       decrements: [(term: [UInt8], count: Int)]) -> [UInt8] {
        var out = ByteBuffer(capacity: headerSize + deleted.count * 8 + decrements.count * 16)
        out.appendUInt64(UInt64(documentCount))
        out.appendUInt64(UInt64(deletedCount))
        out.appendUInt64(UInt64(deletedTokens))
        out.appendUInt64(UInt64(decrements.count))
        for w in deleted { out.appendUInt64(w) }
        var entries = ByteBuffer()
        for d in decrements {
            out.appendUInt64(UInt64(entries.count))
            entries.appendVarint(d.term.count)
            entries.append(contentsOf: d.term)
            entries.appendVarint(d.count)
        }
        out.append(contentsOf: entries.bytes)
        FileFooter.append(kind: .deletes, to: &out)
        return out.bytes
    }
}
