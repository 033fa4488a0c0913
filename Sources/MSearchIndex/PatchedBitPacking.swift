/// Bit-packing with exceptions ("patched frame of reference", as Lucene packs frequencies and
/// positions): a column is packed at the width that minimises its bytes, and the few values too
/// wide for it are patched in afterwards. A block of 128 frequencies that are mostly 1 with one
/// 17 then costs 16 bytes plus 2, not 80; a title-frequency column with two title hits, 4 bytes.
///
/// Layout: [header][exception count, if any][values' low `width` bits, bit-packed]
///         [per exception: index byte, varint of the value's bits above `width`]
/// header = width (0…32) | 0x80 when exceptions follow.
public enum PatchedBitPacking {
    static let hasExceptions: UInt8 = 0x80

    /// Appends `values` (at most 255 of them) in the layout above, at the cheapest width.
    public static func encode(_ values: UnsafeBufferPointer<UInt32>, into out: inout ByteBuffer) {
        precondition(values.count <= 255, "an exception index is one byte")
        // How many values need each number of bits, then the cost of each candidate width.
        var histogram = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        let (bestWidth, exceptions) = withUnsafeMutableBytes(of: &histogram) { raw in
            let counts = raw.bindMemory(to: Int.self)
            for v in values { counts[v == 0 ? 0 : 32 - v.leadingZeroBitCount] += 1 }
            var maxWidth = 32
            while maxWidth > 0 && counts[maxWidth] == 0 { maxWidth -= 1 }
            var bestWidth = maxWidth, bestCost = BitPacking.byteCount(count: values.count, width: maxWidth)
            var exceptions = 0, bestExceptions = 0
            for width in stride(from: maxWidth - 1, through: 0, by: -1) {
                exceptions += counts[width + 1]
                var cost = BitPacking.byteCount(count: values.count, width: width) + 1
                for bits in (width + 1)...maxWidth { cost += counts[bits] * (1 + (bits - width + 6) / 7) }
                if cost < bestCost { bestCost = cost; bestWidth = width; bestExceptions = exceptions }
            }
            return (bestWidth, bestExceptions)
        }
        if exceptions == 0 {
            out.append(UInt8(bestWidth))
            BitPacking.pack(values, width: bestWidth, into: &out)
            return
        }
        out.append(UInt8(bestWidth) | hasExceptions)
        out.append(UInt8(exceptions))
        let mask: UInt32 = bestWidth == 32 ? .max : (1 << UInt32(bestWidth)) - 1
        withUnsafeTemporaryAllocation(of: UInt32.self, capacity: max(1, values.count)) { low in
            for i in 0..<values.count { low[i] = values[i] & mask }
            BitPacking.pack(UnsafeBufferPointer(rebasing: low[0..<values.count]), width: bestWidth, into: &out)
        }
        for (i, v) in values.enumerated() where v > mask {
            out.append(UInt8(i))
            out.appendVarint(v >> UInt32(bestWidth))
        }
    }

    /// Reads `count` values written by `encode` into `out`; damage throws.
    @inline(__always)
    public static func decode(_ c: inout ByteCursor, count: Int, into out: UnsafeMutablePointer<UInt32>) throws {
        let header = try c.readByte()
        let width = Int(header & ~hasExceptions)
        guard width <= 32 else { throw c.corrupt("bit width \(width)") }
        let exceptions = header & hasExceptions != 0 ? Int(try c.readByte()) : 0
        let start = c.offset
        let raw = try c.readBytes(BitPacking.byteCount(count: count, width: width))
        BitPacking.unpack(raw.baseAddress ?? UnsafeRawPointer(bitPattern: 1)!, count: count, width: width, into: out,
                          readable: c.base.count - start)
        for _ in 0..<exceptions {
            let i = Int(try c.readByte())
            let high = try c.readVarint()
            guard i < count, width < 32, high < UInt64(1) << UInt64(32 - width) else { throw c.corrupt("bad exception") }
            out[i] |= UInt32(high) << UInt32(width)
        }
    }

    /// Moves past `count` values written by `encode` without decoding them.
    public static func skip(_ c: inout ByteCursor, count: Int) throws {
        let header = try c.readByte()
        let width = Int(header & ~hasExceptions)
        guard width <= 32 else { throw c.corrupt("bit width \(width)") }
        let exceptions = header & hasExceptions != 0 ? Int(try c.readByte()) : 0
        _ = try c.readBytes(BitPacking.byteCount(count: count, width: width))
        for _ in 0..<exceptions {
            _ = try c.readByte()
            _ = try c.readVarint()
        }
    }
}
