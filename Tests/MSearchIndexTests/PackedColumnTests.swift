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

    /// The run's sum and largest value are those of the values read one by one, for every
    /// width (up to 56 bits, so the sum of 1000 values cannot wrap), cut short or asked past the end.
    @Test(arguments: [0, 1, 5, 12, 31, 33, 56])
    func sumAndLargestAreThoseOfTheValues(width: Int) throws {
        var rng = SplitMix64(seed: 7)
        let mask: UInt64 = width == 0 ? 0 : (1 << UInt64(width)) - 1
        let values = (0..<1000).map { _ in rng.next() & mask }
        var out = ByteBuffer()
        PackedIntsWriter.append(values, to: &out)
        try out.bytes.withUnsafeBytes { raw in
            var c = ByteCursor(raw, file: "t")
            let packed = try PackedInts(&c, count: values.count)
            for n in [-1, 0, 1, 999, 1000, 5000] {
                let read = (0..<max(0, n)).map { packed[$0] }
                let run = packed.sumAndLargest(upTo: n)
                #expect(run.sum == read.reduce(0, &+))
                #expect(run.largest == read.max() ?? 0)
            }
        }
    }

    /// `DocumentLengths.totals` over a column without deletions (the run) and with them (per
    /// document) gives the sums and the longest title of the documents kept.
    @Test func lengthTotalsSkipTheDeletedDocuments() throws {
        var rng = SplitMix64(seed: 11)
        let titles = (0..<500).map { _ in rng.next() & 0xFF }, bodies = (0..<500).map { _ in rng.next() & 0xFFFF_FFFF }
        var t = ByteBuffer(), b = ByteBuffer()
        PackedIntsWriter.append(titles, to: &t)
        PackedIntsWriter.append(bodies, to: &b)
        try t.bytes.withUnsafeBytes { rawT in
            try b.bytes.withUnsafeBytes { rawB in
                var ct = ByteCursor(rawT, file: "t"), cb = ByteCursor(rawB, file: "b")
                let lengths = DocumentLengths(title: try PackedInts(&ct, count: 500), body: try PackedInts(&cb, count: 500))
                let all = lengths.totals(count: 500, isDeleted: nil)
                #expect(all.title == titles.reduce(0, +) && all.body == bodies.reduce(0, +))
                #expect(UInt64(all.longestTitle) == titles.max())
                let odd = lengths.totals(count: 500, isDeleted: { $0 % 2 == 1 })
                let kept = Array(stride(from: 0, to: 500, by: 2))
                #expect(odd.title == kept.reduce(0) { $0 + titles[$1] } && odd.body == kept.reduce(0) { $0 + bodies[$1] })
                #expect(UInt64(odd.longestTitle) == kept.map { titles[$0] }.max())
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
