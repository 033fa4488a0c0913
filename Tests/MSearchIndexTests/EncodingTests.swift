import Testing
@testable import MSearchIndex
import MSearchTestSupport

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

    /// Every width, with and without the 8 readable bytes after the data that let `unpack`
    /// take its word-at-a-time path (8-value groups specialised per width, then the rest).
    @Test(arguments: Array(0...32))
    func bitPackingRoundTrips(width: Int) {
        var rng = SplitMix64(seed: 104)
        for count in [1, 5, 8, 17, 127, 128] {
            let mask: UInt64 = width == 0 ? 0 : (1 << UInt64(width)) - 1
            let values = (0..<count).map { _ in UInt32(truncatingIfNeeded: rng.next() & mask) }
            var out = ByteBuffer()
            values.withUnsafeBufferPointer { BitPacking.pack($0, width: width, into: &out) }
            #expect(out.count == BitPacking.byteCount(count: count, width: width))
            let packed = out.count
            out.append(contentsOf: [UInt8](repeating: 0xFF, count: 8))
            for readable in [packed, packed + 8] {
                let decoded = UnsafeMutablePointer<UInt32>.allocate(capacity: count)
                defer { decoded.deallocate() }
                out.bytes.withUnsafeBytes { raw in
                    BitPacking.unpack(raw.baseAddress ?? UnsafeRawPointer(bitPattern: 8)!, count: count, width: width,
                                      into: decoded, readable: readable)
                }
                #expect(Array(UnsafeBufferPointer(start: decoded, count: count)) == values, "readable \(readable)")
            }
        }
    }

    @Test func bitWidthIsTheWidestValue() {
        #expect([0, 0].withUnsafeBufferPointer { BitPacking.bitWidth($0) } == 0)
        #expect([1, 2, 3].withUnsafeBufferPointer { BitPacking.bitWidth($0) } == 2)
        #expect([UInt32.max].withUnsafeBufferPointer { BitPacking.bitWidth($0) } == 32)
    }

    @Test func dateKeysKeepPrecision() {
        #expect(DateKey.key("2023-11-14") == 20231114)
        #expect(DateKey.key("2023-11") == 20231100)
        #expect(DateKey.key("2023") == 20230000)
        #expect(DateKey.key(nil) == 0)
        #expect(DateKey.key("junk") == 0)
        #expect(DateKey.key("2023-13-01") == 0)
    }
}
