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
            // Whole groups of 8 values (exactly `width` bytes each) by a loop specialised for
            // the width, the rest one by one.
            let groups = count >> 3
            unpackGroups(source, groups: groups, width: width, into: out)
            bitPos = groups * 8 * width
            for i in (groups * 8)..<count {
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

    /// Unpacks `groups` × 8 values; every width gets its own copy of the loop, in which the
    /// eight shifts and the mask are constants (about half the instructions of the general loop).
    private static func unpackGroups(_ source: UnsafeRawPointer, groups: Int, width: Int,
                                     into out: UnsafeMutablePointer<UInt32>) {
        switch width {
        case 1: unpackGroups(source, groups, 1, out)
        case 2: unpackGroups(source, groups, 2, out)
        case 3: unpackGroups(source, groups, 3, out)
        case 4: unpackGroups(source, groups, 4, out)
        case 5: unpackGroups(source, groups, 5, out)
        case 6: unpackGroups(source, groups, 6, out)
        case 7: unpackGroups(source, groups, 7, out)
        case 8: unpackGroups(source, groups, 8, out)
        case 9: unpackGroups(source, groups, 9, out)
        case 10: unpackGroups(source, groups, 10, out)
        case 11: unpackGroups(source, groups, 11, out)
        case 12: unpackGroups(source, groups, 12, out)
        case 13: unpackGroups(source, groups, 13, out)
        case 14: unpackGroups(source, groups, 14, out)
        case 15: unpackGroups(source, groups, 15, out)
        case 16: unpackGroups(source, groups, 16, out)
        default: unpackGroups(source, groups, width, out)
        }
    }

    @inline(__always)
    private static func unpackGroups(_ source: UnsafeRawPointer, _ groups: Int, _ width: Int,
                                     _ out: UnsafeMutablePointer<UInt32>) {
        let mask: UInt64 = width == 32 ? 0xffff_ffff : (UInt64(1) << UInt64(width)) - 1
        for g in 0..<groups {
            let group = source + g * width
            let o = out + g * 8
            @inline(__always) func value(_ j: Int) -> UInt32 {
                let bit = j * width
                let word = UInt64(littleEndian: group.loadUnaligned(fromByteOffset: bit >> 3, as: UInt64.self))
                return UInt32(truncatingIfNeeded: (word >> UInt64(bit & 7)) & mask)
            }
            o[0] = value(0); o[1] = value(1); o[2] = value(2); o[3] = value(3)
            o[4] = value(4); o[5] = value(5); o[6] = value(6); o[7] = value(7)
        }
    }

    /// `unpack` when only the packed bytes themselves may be read.
    @inline(__always)
    public static func unpack(_ source: UnsafeRawPointer, count: Int, width: Int,
                              into out: UnsafeMutablePointer<UInt32>) {
        unpack(source, count: count, width: width, into: out, readable: byteCount(count: count, width: width))
    }
}
