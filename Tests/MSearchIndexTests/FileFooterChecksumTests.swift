import Testing
@testable import MSearchIndex
import MSearchTestSupport

/// The open-time checksum is libdeflate's CRC-32 while the writers (`FileSink`, the catalog)
/// still stream zlib's: both must give zlib's values, or every index written would fail to verify.
@Suite struct FileFooterChecksumTests {
    /// Bytes that are not all alike, of a length that is no multiple of any fold width.
    static let pattern: [UInt8] = (0..<1_000_003).map { UInt8(truncatingIfNeeded: ($0 &* 31 &+ 7) % 251) }

    @Test func givesZlibsValues() {
        // CRC-32's published check value, and the pattern's CRCs from Python's zlib.crc32.
        #expect(FileFooter.checksum(Array("123456789".utf8)) == 0xCBF4_3926)
        #expect(FileFooter.checksum(Self.pattern) == 0xAC01_ADF2)
        #expect(FileFooter.checksum(Array(Self.pattern[0..<77])) == 0x7440_113F)
        #expect(FileFooter.checksum([]) == 0)
    }

    @Test func verifiesWhatTheStreamingWriterWrote() throws {
        let dir = TemporaryDirectory("crc")
        let path = dir.sub("seg-000001-00.post")
        var sink = try FileSink(path: path, bufferSize: 4096)
        // Pieces smaller and larger than the sink's buffer, so zlib's CRC runs over several calls.
        for range in [0..<100, 100..<9_000, 9_000..<Self.pattern.count] {
            try Self.pattern[range].withUnsafeBytes { try sink.append($0) }
        }
        try sink.finish(kind: .postings)
        let mapped = try MappedFile(path: path)
        try FileFooter.verifyChecksum(mapped.bytes, file: path)

        var damaged = Array(mapped.bytes)
        damaged[500_000] ^= 0x10
        #expect(throws: IndexError.self) { try damaged.withUnsafeBytes { try FileFooter.verifyChecksum($0, file: path) } }
    }
}
