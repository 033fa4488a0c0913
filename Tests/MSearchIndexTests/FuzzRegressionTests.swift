import Foundation
import Testing
@testable import MSearchIndex
import MSearchTestSupport

/// Inputs the index fuzzer (Fuzz/Index) once crashed on; the raw inputs are in Fuzz/Index/regressions.
@Suite struct IndexFuzzRegressionTests {
    /// A length near Int.max made `offset + count` overflow in `ByteCursor.readBytes` (found in a
    /// tombstone file's term entry by IndexFuzzer): it must throw, not trap.
    @Test func hugeLengthsThrowInsteadOfOverflowing() throws {
        let bytes: [UInt8] = [0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x7F, 1, 2, 3]
        try bytes.withUnsafeBytes { raw in
            var c = ByteCursor(raw, file: "f.del")
            let n = try c.readVarintInt()
            #expect(n > Int.max / 2)
            #expect(throws: IndexError.self) { _ = try c.readBytes(n) }
            var d = ByteCursor(raw, offset: Int.max - 2, file: "f.del")
            #expect(throws: IndexError.self) { _ = try d.readUInt64() }
            #expect(throws: IndexError.self) { _ = try d.readByte() }
        }
    }

    @Test func tombstoneTermWithAHugeLengthIsReportedAsDamage() throws {
        let dir = TemporaryDirectory()
        // A valid header and bitset for a one-document segment, one term entry whose length
        // varint says 2^63 − 1.
        var out = ByteBuffer()
        out.appendUInt64(1); out.appendUInt64(0); out.appendUInt64(0); out.appendUInt64(1)
        out.appendUInt64(0)          // bitset
        out.appendUInt64(0)          // offset of entry 0
        out.append(contentsOf: [0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x7F, 0x61, 0x01])
        FileFooter.append(kind: .deletes, to: &out)
        let path = dir.path + "/seg-000001-00.000002.del"
        try DurableFile.write(out.bytes, to: path)
        let segment = SegmentInfo(name: "seg-000001-00", documentCount: 1, tokenCount: 0)
        let deletes = try DeletedDocuments(path: path, segment: segment, deletes: SegmentDeletes(file: "seg-000001-00.000002.del", documentCount: 0, tokenCount: 0))
        #expect(throws: IndexError.self) {
            _ = try Array("a".utf8).withUnsafeBufferPointer { try deletes.documentFrequencyDecrement($0) }
        }
    }
}
