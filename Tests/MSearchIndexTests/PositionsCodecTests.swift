import Foundation
import Testing
import MSearchSources
import MSearchTestSupport
import MSearchIndexTestSupport
@testable import MSearchIndex

/// The bit-packed positions of a postings block (`PositionsCodec`, `BlockPositionsReader`), on
/// their own and through a real index.
@Suite struct PositionsCodecTests {
    /// Encodes the documents' positions as one block and reads each document back, in order.
    func roundTrip(_ docs: [[UInt32]], read wanted: [Int]? = nil) throws -> [[UInt32]] {
        var deltas: [UInt32] = []
        for positions in docs {
            var previous: UInt32 = 0
            for p in positions { deltas.append(p - previous); previous = p }
        }
        var out = ByteBuffer()
        out.append(contentsOf: [0xAA, 0xBB])          // the block need not start the file
        let written = deltas.withUnsafeBufferPointer { PositionsCodec.encode($0, into: &out) }
        #expect(written == out.count - 2)
        let buffer = UnsafeMutablePointer<UInt32>.allocate(capacity: PositionsCodec.chunkSize)
        defer { buffer.deallocate() }
        return try out.bytes.withUnsafeBytes { raw in
            var reader = BlockPositionsReader(data: raw, file: "test.pos", buffer: buffer)
            reader.reset(offset: 2, total: deltas.count)
            var starts: [Int] = []
            var s = 0
            for d in docs { starts.append(s); s += d.count }
            return try (wanted ?? Array(docs.indices)).map { i in
                var got: [UInt32] = []
                try reader.forEach(first: starts[i], count: docs[i].count) { got.append($0) }
                return got
            }
        }
    }

    @Test func onePosition() throws {
        #expect(try roundTrip([[0]]) == [[0]])
        #expect(try roundTrip([[417]]) == [[417]])
    }

    @Test func manyPositionsInOneDocumentCrossChunks() throws {
        let doc = (0..<300).map { UInt32($0 * 3 + 1) }       // 300 deltas: chunks of 128, 128, 44
        #expect(try roundTrip([doc]) == [doc])
    }

    @Test func exactChunkBoundaries() throws {
        for n in [127, 128, 129, 256, 257] {
            let doc = (0..<n).map { UInt32($0 * 2) }
            #expect(try roundTrip([doc]) == [doc], "n = \(n)")
        }
        // Documents ending exactly at a chunk boundary, and one straddling the next.
        let a = (0..<128).map { UInt32($0) }, b = (5..<205).map { UInt32($0) }, c: [UInt32] = [9]
        #expect(try roundTrip([a, b, c]) == [a, b, c])
    }

    @Test func largeGapsAndTheLargestPosition() throws {
        let docs: [[UInt32]] = [[0, 1 << 20, 1 << 31, UInt32.max - 1, UInt32.max], [7], [UInt32.max]]
        #expect(try roundTrip(docs) == docs)
    }

    @Test func manyDocumentsSkippingSomeAndRereading() throws {
        var docs: [[UInt32]] = []
        for d in 0..<128 { docs.append((0..<(1 + d % 5)).map { UInt32(d + $0 * (d + 1)) }) }
        let wanted = [3, 40, 41, 127, 2]                      // the last one goes back: re-read from the start
        #expect(try roundTrip(docs, read: wanted) == wanted.map { docs[$0] })
        #expect(try roundTrip(docs) == docs)
    }

    @Test func damagedChunksThrow() throws {
        let buffer = UnsafeMutablePointer<UInt32>.allocate(capacity: PositionsCodec.chunkSize)
        defer { buffer.deallocate() }
        for bytes: [UInt8] in [[40, 1, 2], [7], [], [0, 0xFF, 0xFF, 0xFF, 0xFF]] {
            bytes.withUnsafeBytes { raw in
                var reader = BlockPositionsReader(data: raw, file: "test.pos", buffer: buffer)
                reader.reset(offset: 0, total: 200)
                #expect(throws: IndexError.self) {
                    try reader.forEach(first: 0, count: 200) { _ in }
                }
                #expect(throws: IndexError.self) {
                    try reader.forEach(first: 190, count: 20) { _ in }   // beyond the block's count
                }
            }
        }
    }

    /// Encodes with `PatchedBitPacking`, checks the size, decodes and skips.
    func patched(_ values: [UInt32]) throws -> (decoded: [UInt32], bytes: Int) {
        var out = ByteBuffer()
        values.withUnsafeBufferPointer { PatchedBitPacking.encode($0, into: &out) }
        out.append(0x5A)                                        // what follows must stay unread
        let decoded = UnsafeMutablePointer<UInt32>.allocate(capacity: max(1, values.count))
        defer { decoded.deallocate() }
        try out.bytes.withUnsafeBytes { raw in
            var c = ByteCursor(raw, file: "test")
            try PatchedBitPacking.decode(&c, count: values.count, into: decoded)
            #expect(c.offset == out.count - 1)
            var s = ByteCursor(raw, file: "test")
            try PatchedBitPacking.skip(&s, count: values.count)
            #expect(s.offset == out.count - 1)
        }
        return (Array(UnsafeBufferPointer(start: decoded, count: values.count)), out.count - 1)
    }

    @Test func patchedBitPackingRoundTrips() throws {
        let cases: [[UInt32]] = [
            [], [0], [1], [UInt32.max], Array(repeating: 0, count: 128), Array(repeating: UInt32.max, count: 128),
            (0..<128).map { UInt32($0) }, (0..<128).map { $0 % 50 == 7 ? 1 << 30 : UInt32($0 % 3) },
            (0..<128).map { $0 == 127 ? UInt32.max : 1 }, (0..<100).map { UInt32($0 * 2_654_435_761 % 1000) },
        ]
        for values in cases {
            #expect(try patched(values).decoded == values, "\(values.prefix(8))…")
        }
    }

    @Test func patchedBitPackingMakesOutliersCheap() throws {
        // 127 ones and one large value: one bit each plus a patch, not 17 bits each.
        let values = (0..<128).map { $0 == 64 ? UInt32(100_000) : 1 }
        let (decoded, bytes) = try patched(values)
        #expect(decoded == values)
        #expect(bytes <= 2 + 16 + 4)
        // Mostly zeros with two ones (title frequencies): a few bytes.
        let title = (0..<128).map { $0 == 3 || $0 == 90 ? UInt32(1) : 0 }
        #expect(try patched(title).bytes <= 6)
    }

    /// Through a real segment: a term in more than one postings block (so the skip table's
    /// positions offsets are used), with more than 128 positions in one document.
    @Test func indexWithManyBlocksAndLongDocuments() throws {
        var documents: [SourceDocument] = []
        var expected: [[UInt32]] = []
        for i in 0..<300 {
            let repeats = i == 150 ? 400 : 1 + i % 4
            var words: [String] = []
            var positions: [UInt32] = []
            for r in 0..<repeats {
                for _ in 0..<(r * 7 % 11) { words.append("filler") }
                positions.append(UInt32(words.count))
                words.append("needle")
            }
            // The body starts after the title and the gap.
            expected.append(positions.map { $0 + 1 + UInt32(IndexFormat.titleBodyGap) })
            documents.append(.text("d\(i)", title: "title", body: words.joined(separator: " ")))
        }
        let index = try TestIndex(documents)
        let reader = index.reader
        let segment = reader.segments[0]
        let cursor = try segment.postings(try #require(try segment.terms.lookup("needl")))
        try cursor.start()
        var got: [[UInt32]] = []
        while cursor.doc != PostingsCursor.exhausted {
            var positions: [UInt32] = []
            try cursor.forEachPosition { positions.append($0) }
            #expect(positions.count == Int(cursor.termFrequency))
            got.append(positions)
            try cursor.next()
        }
        #expect(got == expected)
        // Skipping to documents in later blocks finds their positions too.
        let skipping = try segment.postings(try #require(try segment.terms.lookup("needl")))
        try skipping.start()
        for d in [5, 150, 290] {
            try skipping.advance(to: Int32(d))
            var positions: [UInt32] = []
            try skipping.forEachPosition { positions.append($0) }
            #expect(positions == expected[d], "doc \(d)")
        }
        #expect(IndexChecker.check(directory: index.path).isHealthy)
    }
}
