/// What the dictionary knows of a term in one segment: how many documents contain it and where
/// its postings and positions start.
public struct TermInfo: Equatable, Sendable {
    public var documentFrequency: Int
    public var postingsOffset: Int
    public var positionsOffset: Int
}

/// Writes the sorted terms of a segment in blocks of 32 with shared-prefix compression, then an
/// index of block offsets. A reader binary-searches the blocks' first terms straight from the
/// mapped file, so opening an index parses nothing.
///
/// Entry: varint shared prefix, varint suffix length, suffix, varint df,
///        varint postings offset, varint positions offset (deltas from the previous entry
///        of the block; absolute for the block's first entry, whose prefix is always 0).
/// Tail:  UInt64 block offsets, then UInt64 term count, block count, index offset.
struct TermDictionaryWriter {
    private(set) var buffer = ByteBuffer()
    private var blockOffsets: [UInt64] = []
    private var previous: [UInt8] = []
    private var inBlock = 0
    private var previousInfo = TermInfo(documentFrequency: 0, postingsOffset: 0, positionsOffset: 0)
    private(set) var termCount = 0

    mutating func add(_ term: UnsafeBufferPointer<UInt8>, _ info: TermInfo) {
        if inBlock == IndexFormat.termBlockSize { inBlock = 0 }
        let first = inBlock == 0
        if first { blockOffsets.append(UInt64(buffer.count)) }
        var shared = 0
        if !first {
            let n = min(previous.count, term.count)
            while shared < n && previous[shared] == term[shared] { shared += 1 }
        }
        buffer.appendVarint(shared)
        buffer.appendVarint(term.count - shared)
        buffer.append(UnsafeBufferPointer(rebasing: term[shared...]))
        buffer.appendVarint(info.documentFrequency)
        if first {
            buffer.appendVarint(info.postingsOffset)
            buffer.appendVarint(info.positionsOffset)
        } else {
            buffer.appendVarint(info.postingsOffset - previousInfo.postingsOffset)
            buffer.appendVarint(info.positionsOffset - previousInfo.positionsOffset)
        }
        previous.removeAll(keepingCapacity: true)
        previous.append(contentsOf: term)
        previousInfo = info
        inBlock += 1
        termCount += 1
    }

    mutating func finish() -> [UInt8] {
        let indexOffset = buffer.count
        for o in blockOffsets { buffer.appendUInt64(o) }
        buffer.appendUInt64(UInt64(termCount))
        buffer.appendUInt64(UInt64(blockOffsets.count))
        buffer.appendUInt64(UInt64(indexOffset))
        FileFooter.append(kind: .terms, to: &buffer)
        return buffer.bytes
    }
}

/// Reads a segment's term dictionary from its mapped file.
public struct TermDictionary {
    fileprivate let bytes: UnsafeRawBufferPointer
    public let file: String
    public let termCount: Int
    fileprivate let blockCount: Int
    private let indexOffset: Int

    init(_ mapped: MappedFile) throws {
        file = mapped.path
        let payload = try FileFooter.validate(mapped.bytes, kind: .terms, file: file)
        bytes = UnsafeRawBufferPointer(rebasing: mapped.bytes[0..<payload])
        guard payload >= 24 else { throw IndexError.corrupt(file: file, reason: "term dictionary too short") }
        var c = ByteCursor(bytes, offset: payload - 24, file: file)
        let rawTerms = try c.readUInt64(), rawBlocks = try c.readUInt64(), rawIndex = try c.readUInt64()
        // Range checks before any conversion or multiplication, which would trap on overflow.
        guard rawBlocks <= UInt64(payload / 8), rawIndex <= UInt64(payload),
              rawTerms <= rawBlocks * UInt64(IndexFormat.termBlockSize)
        else { throw IndexError.corrupt(file: file, reason: "term dictionary index is inconsistent") }
        termCount = Int(rawTerms)
        blockCount = Int(rawBlocks)
        indexOffset = Int(rawIndex)
        guard indexOffset + blockCount * 8 == payload - 24,
              termCount <= blockCount * IndexFormat.termBlockSize,
              termCount > (blockCount - 1) * IndexFormat.termBlockSize || blockCount == 0
        else { throw IndexError.corrupt(file: file, reason: "term dictionary index is inconsistent") }
    }

    fileprivate func blockOffset(_ b: Int) throws -> Int {
        let o = UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: indexOffset + b * 8, as: UInt64.self))
        guard o < UInt64(indexOffset) else { throw IndexError.corrupt(file: file, reason: "term block offset out of range") }
        return Int(o)
    }

    /// Compares the first term of block `b` with `key`.
    private func compareFirstTerm(ofBlock b: Int, with key: UnsafeBufferPointer<UInt8>) throws -> Int {
        var c = ByteCursor(bytes, offset: try blockOffset(b), file: file)
        _ = try c.readVarint()
        let n = try c.readVarintInt()
        let term = try c.readBytes(n)
        let m = min(n, key.count)
        for i in 0..<m where term[i] != key[i] { return term[i] < key[i] ? -1 : 1 }
        return n == key.count ? 0 : (n < key.count ? -1 : 1)
    }

    /// The last block whose first term is ≤ key (0 if none).
    private func blockFor(_ key: UnsafeBufferPointer<UInt8>) throws -> Int {
        var lo = 0, hi = blockCount - 1
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if try compareFirstTerm(ofBlock: mid, with: key) <= 0 { lo = mid } else { hi = mid - 1 }
        }
        return lo
    }

    /// The term's entry, or nil if the segment does not contain it. The key is compared with
    /// the block's entries as they are decoded, through their shared prefixes, so a lookup
    /// copies and allocates nothing (it runs several times per query term).
    public func lookup(_ key: UnsafeBufferPointer<UInt8>) throws -> TermInfo? {
        guard blockCount > 0 else { return nil }
        let block = try blockFor(key)
        var c = ByteCursor(bytes, offset: try blockOffset(block), file: file)
        let entries = min(IndexFormat.termBlockSize, termCount - block * IndexFormat.termBlockSize)
        var info = TermInfo(documentFrequency: 0, postingsOffset: 0, positionsOffset: 0)
        // The previous term is below the key and equals its first `matched` bytes; where it
        // differs (at `matched`) its byte is the smaller, or it ends there.
        var matched = 0
        var previousLength = 0
        for entry in 0..<entries {
            let shared = try c.readVarintInt()
            let suffixLength = try c.readVarintInt()
            guard shared <= previousLength else { throw c.corrupt("bad shared prefix") }
            let suffix = try c.readBytes(suffixLength)
            try readInfo(&c, into: &info, first: entry == 0)
            previousLength = shared + suffixLength
            // Shares less with the previous term than the key does: greater than the key.
            if shared < matched { return nil }
            // Shares more: it differs from the key where the previous term did, so is below it.
            if shared > matched { continue }
            var j = 0
            while j < suffixLength && matched + j < key.count && suffix[j] == key[matched + j] { j += 1 }
            if j == suffixLength {
                if matched + j == key.count { return info }
                matched += j                                   // a proper prefix of the key
            } else if matched + j < key.count && suffix[j] < key[matched + j] {
                matched += j
            } else {
                return nil                                     // past the key
            }
        }
        return nil
    }

    /// Reads an entry's df and offsets (absolute for a block's first entry, else deltas).
    @inline(__always)
    fileprivate func readInfo(_ c: inout ByteCursor, into info: inout TermInfo, first: Bool) throws {
        info.documentFrequency = try c.readVarintInt()
        let p = try c.readVarintInt(), q = try c.readVarintInt()
        if first {
            info.postingsOffset = p; info.positionsOffset = q
        } else {
            let (a, o1) = info.postingsOffset.addingReportingOverflow(p)
            let (b, o2) = info.positionsOffset.addingReportingOverflow(q)
            guard !o1, !o2 else { throw c.corrupt("term offsets overflow") }
            info.postingsOffset = a; info.positionsOffset = b
        }
    }

    public func lookup(_ term: String) throws -> TermInfo? {
        var t = term
        return try t.withUTF8 { try lookup($0) }
    }

    /// Visits terms in order starting at the first term ≥ `key` (all terms for an empty key)
    /// until `body` returns false.
    public func forEach(from key: UnsafeBufferPointer<UInt8>,
                        _ body: (UnsafeBufferPointer<UInt8>, TermInfo) throws -> Bool) throws {
        guard blockCount > 0 else { return }
        let start = key.isEmpty ? 0 : try blockFor(key)
        try scan(fromBlock: start) { term, info in
            if compare(term, key) < 0 { return true }
            return try body(term, info)
        }
    }

    /// Decodes entries from block `first` onwards until `body` returns false.
    private func scan(fromBlock first: Int,
                      _ body: (UnsafeBufferPointer<UInt8>, TermInfo) throws -> Bool) throws {
        var term = [UInt8]()
        term.reserveCapacity(64)
        var c = ByteCursor(bytes, offset: try blockOffset(first), file: file)
        var remaining = termCount - first * IndexFormat.termBlockSize
        var inBlock = 0
        var info = TermInfo(documentFrequency: 0, postingsOffset: 0, positionsOffset: 0)
        while remaining > 0 {
            let shared = try c.readVarintInt()
            let suffixLength = try c.readVarintInt()
            guard shared <= term.count else { throw c.corrupt("bad shared prefix") }
            term.removeSubrange(shared...)
            term.append(contentsOf: try c.readBytes(suffixLength))
            try readInfo(&c, into: &info, first: inBlock == 0)
            inBlock = (inBlock + 1) % IndexFormat.termBlockSize
            remaining -= 1
            let more = try term.withUnsafeBufferPointer { try body($0, info) }
            if !more { return }
        }
    }

    /// A pull-style walk over every term in order, for merges that advance several
    /// dictionaries in step (`forEach` cannot be interleaved).
    public struct Walker {
        private let dictionary: TermDictionary
        private var c: ByteCursor
        private var remaining: Int
        private var inBlock = 0
        /// The current term and its entry (valid after `next()` returned true).
        public private(set) var term: [UInt8] = []
        public private(set) var info = TermInfo(documentFrequency: 0, postingsOffset: 0, positionsOffset: 0)

        init(_ dictionary: TermDictionary) throws {
            self.dictionary = dictionary
            remaining = dictionary.termCount
            c = ByteCursor(dictionary.bytes, offset: dictionary.blockCount > 0 ? try dictionary.blockOffset(0) : 0,
                           file: dictionary.file)
            term.reserveCapacity(64)
        }

        /// Moves to the next term; false at the end.
        public mutating func next() throws -> Bool {
            guard remaining > 0 else { return false }
            let shared = try c.readVarintInt()
            let suffixLength = try c.readVarintInt()
            guard shared <= term.count else { throw c.corrupt("bad shared prefix") }
            term.removeSubrange(shared...)
            term.append(contentsOf: try c.readBytes(suffixLength))
            try dictionary.readInfo(&c, into: &info, first: inBlock == 0)
            inBlock = (inBlock + 1) % IndexFormat.termBlockSize
            remaining -= 1
            return true
        }
    }

    public func walker() throws -> Walker { try Walker(self) }

    @inline(__always)
    private func compare(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Int {
        let m = min(a.count, b.count)
        for i in 0..<m where a[i] != b[i] { return a[i] < b[i] ? -1 : 1 }
        return a.count == b.count ? 0 : (a.count < b.count ? -1 : 1)
    }
}
