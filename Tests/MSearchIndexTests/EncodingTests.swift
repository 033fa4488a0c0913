import Testing
@testable import MSearchIndex

@Suite struct EncodingTests {
    @Test func varintsRoundTrip() throws {
        let values: [UInt64] = [0, 1, 127, 128, 255, 300, 16_383, 16_384, 1 << 32, UInt64.max]
        var b = ByteBuffer()
        for v in values { b.appendVarint(v) }
        let (decoded, atEnd, overrun) = try b.bytes.withUnsafeBytes { raw -> ([UInt64], Bool, Bool) in
            var c = ByteCursor(raw, file: "t")
            let decoded = try values.map { _ in try c.readVarint() }
            let atEnd = c.isAtEnd
            let overrun = (try? c.readVarint()) == nil
            return (decoded, atEnd, overrun)
        }
        #expect(decoded == values)
        #expect(atEnd)
        #expect(overrun)
    }

    @Test func truncatedVarintThrowsInsteadOfTrapping() throws {
        let bytes: [UInt8] = [0x80, 0x80]
        let failed = bytes.withUnsafeBytes { raw in
            var c = ByteCursor(raw, file: "f.post")
            return (try? c.readVarint()) == nil
        }
        #expect(failed)
    }

    @Test(arguments: [0, 1, 3, 7, 8, 13, 21, 31, 32])
    func bitPackingRoundTrips(width: Int) {
        var rng = SystemRandomNumberGenerator()
        for count in [1, 5, 127, 128] {
            let mask: UInt64 = width == 0 ? 0 : (1 << UInt64(width)) - 1
            let values = (0..<count).map { _ in UInt32(truncatingIfNeeded: rng.next() & mask) }
            var out = ByteBuffer()
            values.withUnsafeBufferPointer { BitPacking.pack($0, width: width, into: &out) }
            #expect(out.count == BitPacking.byteCount(count: count, width: width))
            let decoded = UnsafeMutablePointer<UInt32>.allocate(capacity: count)
            defer { decoded.deallocate() }
            out.bytes.withUnsafeBytes { raw in
                BitPacking.unpack(raw.baseAddress ?? UnsafeRawPointer(bitPattern: 8)!, count: count, width: width, into: decoded)
            }
            #expect(Array(UnsafeBufferPointer(start: decoded, count: count)) == values)
        }
    }

    @Test func bitWidthIsTheWidestValue() {
        #expect([0, 0].withUnsafeBufferPointer { BitPacking.bitWidth($0) } == 0)
        #expect([1, 2, 3].withUnsafeBufferPointer { BitPacking.bitWidth($0) } == 2)
        #expect([UInt32.max].withUnsafeBufferPointer { BitPacking.bitWidth($0) } == 32)
    }

    @Test func dateKeysKeepPrecision() {
        #expect(DocumentColumns.dateKey("2023-11-14") == 20231114)
        #expect(DocumentColumns.dateKey("2023-11") == 20231100)
        #expect(DocumentColumns.dateKey("2023") == 20230000)
        #expect(DocumentColumns.dateKey(nil) == 0)
        #expect(DocumentColumns.dateKey("junk") == 0)
        #expect(DocumentColumns.dateKey("2023-13-01") == 0)
    }
}
