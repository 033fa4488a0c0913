/// Packs small unsigned integers at a fixed bit width: the compression of postings blocks.
/// A block of 128 document gaps that all fit in 5 bits takes 80 bytes instead of 512.
public enum BitPacking {
    /// The number of bits needed for the largest of `values`.
    @inline(__always)
    public static func bitWidth(_ values: UnsafeBufferPointer<UInt32>) -> Int {
        var acc: UInt32 = 0
        for v in values { acc |= v }
        return acc == 0 ? 0 : 32 - acc.leadingZeroBitCount
    }

    /// Bytes taken by `count` values at `width` bits.
    @inline(__always)
    public static func byteCount(count: Int, width: Int) -> Int { (count * width + 7) >> 3 }

    /// Appends `values` packed at `width` bits, low bits first.
    public static func pack(_ values: UnsafeBufferPointer<UInt32>, width: Int, into out: inout ByteBuffer) {
        guard width > 0 else { return }
        var acc: UInt64 = 0
        var bits = 0
        for v in values {
            acc |= UInt64(v) << UInt64(bits)
            bits += width
            while bits >= 8 {
                out.append(UInt8(truncatingIfNeeded: acc))
                acc >>= 8
                bits -= 8
            }
        }
        if bits > 0 { out.append(UInt8(truncatingIfNeeded: acc)) }
    }

    /// Unpacks `count` values of `width` bits starting at `source`. The caller guarantees that
    /// `readable` bytes (at least `byteCount(count:width:)`) can be read from `source`: with 8
    /// to spare (the files' footers and padding) every value is one unaligned 64-bit load.
    @inline(__always)
    public static func unpack(_ source: UnsafeRawPointer, count: Int, width: Int,
                              into out: UnsafeMutablePointer<UInt32>, readable: Int) {
        if width == 0 {
            out.update(repeating: 0, count: count)
            return
        }
        let mask: UInt64 = width == 32 ? 0xffff_ffff : (UInt64(1) << UInt64(width)) - 1
        let total = byteCount(count: count, width: width)
        var bitPos = 0
        if total + 8 <= readable {
            for i in 0..<count {
                let word = UInt64(littleEndian: source.loadUnaligned(fromByteOffset: bitPos >> 3, as: UInt64.self))
                out[i] = UInt32(truncatingIfNeeded: (word >> UInt64(bitPos & 7)) & mask)
                bitPos += width
            }
            return
        }
        for i in 0..<count {
            let byte = bitPos >> 3
            var word: UInt64 = 0
            var k = 0
            while k < 8 && byte + k < total {
                word |= UInt64(source.load(fromByteOffset: byte + k, as: UInt8.self)) << UInt64(8 * k)
                k += 1
            }
            out[i] = UInt32(truncatingIfNeeded: (word >> UInt64(bitPos & 7)) & mask)
            bitPos += width
        }
    }

    /// `unpack` when only the packed bytes themselves may be read.
    @inline(__always)
    public static func unpack(_ source: UnsafeRawPointer, count: Int, width: Int,
                              into out: UnsafeMutablePointer<UInt32>) {
        unpack(source, count: count, width: width, into: out, readable: byteCount(count: count, width: width))
    }
}
