/// Reads what `ByteBuffer` wrote, from memory-mapped bytes. Every read is bounds-checked and a
/// read past the end throws `IndexError.corrupt`, so a damaged file gives a message, not a trap.
public struct ByteCursor {
    public let base: UnsafeRawBufferPointer
    public var offset: Int
    /// The file the bytes belong to, for error messages.
    public let file: String

    public init(_ base: UnsafeRawBufferPointer, offset: Int = 0, file: String) {
        self.base = base; self.offset = offset; self.file = file
    }

    public var isAtEnd: Bool { offset >= base.count }

    @inline(__always)
    public mutating func readByte() throws -> UInt8 {
        guard offset >= 0, offset < base.count else { throw corrupt("read past the end") }
        let b = base[offset]
        offset += 1
        return b
    }

    /// Most varints in an index are one byte (gaps, lengths, small counts): that case is
    /// inlined; longer ones take `readLongVarint`.
    @inline(__always)
    public mutating func readVarint() throws -> UInt64 {
        if offset >= 0 && offset < base.count {
            let b = base[offset]
            if b < 0x80 {
                offset += 1
                return UInt64(b)
            }
        }
        return try readLongVarint()
    }

    @inline(never)
    private mutating func readLongVarint() throws -> UInt64 {
        var result: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            guard offset >= 0, offset < base.count else { throw corrupt("varint runs past the end") }
            let b = base[offset]
            offset += 1
            result |= UInt64(b & 0x7f) << shift
            if b < 0x80 { return result }
            shift += 7
            if shift > 63 { throw corrupt("varint too long") }
        }
    }

    @inline(__always)
    public mutating func readVarintInt() throws -> Int {
        let v = try readVarint()
        guard v <= UInt64(Int.max) else { throw corrupt("value out of range") }
        return Int(v)
    }

    public mutating func readUInt32() throws -> UInt32 {
        guard offset >= 0, offset <= base.count - 4 else { throw corrupt("read past the end") }
        let v = base.loadUnaligned(fromByteOffset: offset, as: UInt32.self)
        offset += 4
        return UInt32(littleEndian: v)
    }

    public mutating func readUInt64() throws -> UInt64 {
        guard offset >= 0, offset <= base.count - 8 else { throw corrupt("read past the end") }
        let v = base.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
        offset += 8
        return UInt64(littleEndian: v)
    }

    /// The next `count` bytes, without copying. (Compared by subtraction: a damaged length
    /// near Int.max must not overflow `offset + count`.)
    @inline(__always)
    public mutating func readBytes(_ count: Int) throws -> UnsafeRawBufferPointer {
        guard count >= 0, offset >= 0, offset <= base.count, count <= base.count - offset else { throw corrupt("read past the end") }
        let slice = UnsafeRawBufferPointer(rebasing: base[offset..<(offset + count)])
        offset += count
        return slice
    }

    public mutating func readString() throws -> String {
        let n = try readVarintInt()
        let raw = try readBytes(n)
        return String(decoding: raw, as: UTF8.self)
    }

    public func corrupt(_ what: String) -> IndexError {
        .corrupt(file: file, reason: "\(what) at byte \(offset)")
    }
}
