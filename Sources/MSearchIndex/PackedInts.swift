/// Unsigned integers of one bit width, packed end to end: a column of N values takes N × width
/// bits instead of N × 32, and value i is still one unaligned 8-byte load, a shift and a mask
/// away, so the columns read while scoring and counting facets keep O(1) random access.
///
/// Layout: UInt8 width (0…56), ⌈N × width / 8⌉ bytes, then 8 zero bytes so the load for the
/// last value never reads past the section. The count N is known to the reader.
enum PackedIntsWriter {
    /// The widest supported value: 56 bits, so a value plus its in-byte shift fits one load.
    static let maxWidth = 56

    static func width(forMax value: UInt64) -> Int {
        value == 0 ? 0 : UInt64.bitWidth - value.leadingZeroBitCount
    }

    static func append(_ values: [UInt64], to out: inout ByteBuffer) {
        let width = width(forMax: values.max() ?? 0)
        precondition(width <= maxWidth, "packed value too large")
        out.append(UInt8(width))
        var packed = [UInt8](repeating: 0, count: (values.count * width + 7) / 8 + 8)
        var bit = 0
        for v in values where width > 0 {
            var value = v, at = bit, left = width
            while left > 0 {
                let shift = at & 7, take = min(left, 8 - shift)
                packed[at >> 3] |= UInt8(truncatingIfNeeded: (value & ((1 << UInt64(take)) - 1)) << UInt64(shift))
                value >>= UInt64(take); at += take; left -= take
            }
            bit += width
        }
        out.append(contentsOf: packed)
    }
}

/// A read-only view of a `PackedIntsWriter` section inside a mapped file. Inlinable, so that a
/// scorer in another module reads a value without a call.
@usableFromInline
struct PackedInts {
    @usableFromInline let base: UnsafeRawPointer?
    @usableFromInline let width: Int
    @usableFromInline let mask: UInt64
    @usableFromInline let count: Int

    /// Reads the section at the cursor, checking that it fits, and moves the cursor past it.
    init(_ cursor: inout ByteCursor, count: Int) throws {
        let w = Int(try cursor.readByte())
        guard w <= PackedIntsWriter.maxWidth, count >= 0, count <= Int(Int32.max) else {
            throw cursor.corrupt("packed column width \(w) or count out of range")
        }
        let section = try cursor.readBytes((count * w + 7) / 8 + 8)
        base = section.baseAddress
        width = w
        mask = w == 0 ? 0 : (1 << UInt64(w)) - 1
        self.count = count
    }

    /// Value `i` (0 outside the column, so a damaged number cannot read past the mapping).
    @inlinable @inline(__always)
    subscript(_ i: Int) -> UInt64 {
        guard width > 0, UInt(bitPattern: i) < UInt(count), let base else { return 0 }
        let bit = i &* width
        let word = UInt64(littleEndian: base.loadUnaligned(fromByteOffset: bit >> 3, as: UInt64.self))
        return (word >> UInt64(bit & 7)) & mask
    }

    /// The sum and the largest of values `0..<n` (`n` clamped to the column): the bounds are
    /// checked once for the run, not per value, so a pass over a million documents' lengths is
    /// a few instructions a value. Fewer than 2^31 values below 2^57: the sum cannot wrap.
    func sumAndLargest(upTo n: Int) -> (sum: UInt64, largest: UInt64) {
        let n = min(max(0, n), count)
        guard width > 0, let base else { return (0, 0) }
        var sum: UInt64 = 0, largest: UInt64 = 0
        var bit = 0
        for _ in 0..<n {
            // Within the section: its 8 bytes of padding cover the last value's load.
            let word = UInt64(littleEndian: base.loadUnaligned(fromByteOffset: bit >> 3, as: UInt64.self))
            let value = (word >> UInt64(bit & 7)) & mask
            sum &+= value
            largest = Swift.max(largest, value)
            bit &+= width
        }
        return (sum, largest)
    }
}
