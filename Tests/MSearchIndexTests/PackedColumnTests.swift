import Testing
@testable import MSearchIndex
import MSearchTestSupport

/// The bit-packed columns: values and ids come back exactly, and ids order as strings do.
@Suite struct PackedColumnTests {
    @Test(arguments: [0, 1, 5, 12, 15, 31, 33, 56])
    func packedIntsRoundTrip(width: Int) throws {
        var rng = SplitMix64(seed: 105)
        for count in [0, 1, 7, 64, 1000] {
            let mask: UInt64 = width == 0 ? 0 : (1 << UInt64(width)) - 1
            var values = (0..<count).map { _ in rng.next() & mask }
            if count > 0 { values[0] = mask }  // the widest value sets the width
            var out = ByteBuffer()
            PackedIntsWriter.append(values, to: &out)
            out.append(0x5A)  // whatever follows the section must stay unread
            try out.bytes.withUnsafeBytes { raw in
                var c = ByteCursor(raw, file: "t")
                let packed = try PackedInts(&c, count: count)
                #expect((0..<count).map { packed[$0] } == values)
                #expect(packed[count] == 0 && packed[-1] == 0)
                #expect(try c.readByte() == 0x5A)
            }
        }
    }

    static let idSets: [[String]] = [
        ["1", "2", "10", "9", "21578", "100"],                  // numbers (Reuters NEWID)
        ["doc-0001", "doc-0100", "doc-0042"],                  // zero-padded behind a prefix
        ["a/001", "a/01", "a/1"],                              // mixed widths: strings
        ["0", "5", "05"],                                      // not all canonical: strings
        ["news/2023/x", "news/2023/y", "news/2024/é"],          // strings behind a prefix
        ["éa1", "éb2"],                                        // multi-byte prefix
        ["x"], [""], ["12345678901234567"],                     // one id; empty; too long for a number
    ]

    @Test(arguments: idSets)
    func externalIdsRoundTripAndCompareAsStrings(ids: [String]) throws {
        var out = ByteBuffer()
        ExternalIdColumnWriter.append(ids, to: &out)
        try out.bytes.withUnsafeBytes { raw in
            var c = ByteCursor(raw, file: "t")
            let column = try ExternalIdColumn(&c, count: ids.count)
            #expect(c.isAtEnd)
            #expect(ids.indices.map { column.id($0) } == ids)
            for i in ids.indices {
                for j in ids.indices {
                    let expected = ids[i] == ids[j] ? 0 : (ids[i].utf8.lexicographicallyPrecedes(ids[j].utf8) ? -1 : 1)
                    #expect(ExternalIdColumn.compare(column, i, column, j) == expected, "\(ids[i]) vs \(ids[j])")
                }
            }
        }
    }
}
