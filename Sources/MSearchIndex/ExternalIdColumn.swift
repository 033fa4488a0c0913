/// The external ids of a segment's documents, in the columns file. Ids are usually numbers
/// (Reuters NEWID, row numbers) or numbers behind a shared prefix ("doc-000123", file stems):
/// then one packed integer per document replaces a string, about 2 bytes instead of 9.
/// Anything else is kept as strings after the shared prefix, with packed end offsets.
///
/// Layout: string prefix; UInt8 mode (0 strings, 1 numbers); for numbers UInt8 digits (0 =
/// written without leading zeros, else zero-padded to that width), UInt64 minimum, packed
/// (id − minimum) × N; for strings packed end offsets × N, UInt64 byte count, the bytes.
struct ExternalIdColumnWriter {
    static func append(_ ids: [String], to out: inout ByteBuffer) {
        let utf8 = ids.map { Array($0.utf8) }
        let prefix = sharedPrefix(utf8)
        let suffixes = utf8.map { Array($0[prefix.count...]) }
        out.appendVarint(prefix.count)
        out.append(contentsOf: prefix)
        if let (digits, numbers) = numeric(suffixes) {
            out.append(1)
            out.append(UInt8(digits))
            let minimum = numbers.min() ?? 0
            out.appendUInt64(minimum)
            PackedIntsWriter.append(numbers.map { $0 - minimum }, to: &out)
        } else {
            out.append(0)
            var ends: [UInt64] = [], end: UInt64 = 0
            for s in suffixes { end += UInt64(s.count); ends.append(end) }
            PackedIntsWriter.append(ends, to: &out)
            out.appendUInt64(end)
            for s in suffixes { out.append(contentsOf: s) }
        }
    }

    /// The longest common prefix, cut back so it does not end in a digit: the numbers after it
    /// keep all their digits ("1".."21578" share nothing, "doc-0001".."doc-0100" share "doc-"),
    /// and so it does not end inside a multi-byte character.
    static func sharedPrefix(_ ids: [[UInt8]]) -> [UInt8] {
        guard var prefix = ids.first else { return [] }
        for id in ids.dropFirst() {
            var n = 0
            while n < prefix.count, n < id.count, prefix[n] == id[n] { n += 1 }
            prefix.removeSubrange(n...)
        }
        while let last = prefix.last, isDigit(last) || last >= 0x80 { prefix.removeLast() }
        return prefix
    }

    /// Whether every suffix is a number that prints back to exactly itself, either without
    /// leading zeros (digits = 0) or zero-padded to one common width.
    static func numeric(_ suffixes: [[UInt8]]) -> (digits: Int, numbers: [UInt64])? {
        guard let first = suffixes.first else { return (0, []) }
        var canonical = true, sameWidth = true
        var numbers: [UInt64] = []
        numbers.reserveCapacity(suffixes.count)
        for s in suffixes {
            guard !s.isEmpty, s.count <= 16, s.allSatisfy(isDigit) else { return nil }
            if s.count > 1 && s[0] == UInt8(ascii: "0") { canonical = false }
            if s.count != first.count { sameWidth = false }
            numbers.append(s.reduce(0) { $0 * 10 + UInt64($1 - UInt8(ascii: "0")) })
        }
        if canonical { return (0, numbers) }
        return sameWidth ? (first.count, numbers) : nil
    }

    static func isDigit(_ b: UInt8) -> Bool { b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9") }
}

/// Reads the ids back: a number is printed, a string is sliced from the mapped bytes.
struct ExternalIdColumn {
    private let prefix: String
    private let prefixBytes: [UInt8]
    private let digits: Int
    private let minimum: UInt64
    private let values: PackedInts
    private let strings: UnsafeRawBufferPointer?

    init(_ c: inout ByteCursor, count: Int) throws {
        let prefixLength = try c.readVarintInt()
        prefixBytes = Array(try c.readBytes(prefixLength))
        prefix = String(decoding: prefixBytes, as: UTF8.self)
        let mode = try c.readByte()
        switch mode {
        case 1:
            digits = Int(try c.readByte())
            minimum = try c.readUInt64()
            guard digits <= 16, minimum < 10_000_000_000_000_000 else { throw c.corrupt("numeric id column out of range") }
            values = try PackedInts(&c, count: count)
            strings = nil
        case 0:
            digits = 0; minimum = 0
            values = try PackedInts(&c, count: count)
            let byteCount = try c.readUInt64()
            guard byteCount <= UInt64(c.base.count), count == 0 || values[count - 1] == byteCount else {
                throw c.corrupt("id column size does not match")
            }
            strings = try c.readBytes(Int(byteCount))
        default:
            throw c.corrupt("unknown id column mode \(mode)")
        }
    }

    /// Built in one allocation: every hit of every query asks for its id.
    func id(_ doc: Int) -> String {
        guard let strings else {
            // Digits from the right into a small buffer, then prefix, zero padding, digits.
            var number = minimum &+ values[doc]
            return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { scratch in
                var n = 0
                repeat {
                    scratch[19 - n] = UInt8(ascii: "0") &+ UInt8(number % 10)
                    number /= 10
                    n += 1
                } while number > 0
                let pad = max(0, digits - n), p = prefixBytes.count
                return String(unsafeUninitializedCapacity: p + pad + n) { out in
                    for i in 0..<p { out[i] = prefixBytes[i] }
                    for i in 0..<pad { out[p + i] = UInt8(ascii: "0") }
                    for i in 0..<n { out[p + pad + i] = scratch[20 - n + i] }
                    return p + pad + n
                }
            }
        }
        let end = Int(values[doc]), start = doc == 0 ? 0 : Int(values[doc - 1])
        guard start <= end, end <= strings.count else { return prefix }
        if prefix.isEmpty { return String(decoding: UnsafeRawBufferPointer(rebasing: strings[start..<end]), as: UTF8.self) }
        return prefix + String(decoding: UnsafeRawBufferPointer(rebasing: strings[start..<end]), as: UTF8.self)
    }

    /// Compares two ids as their UTF-8 strings would compare (-1, 0, 1). Score ties are broken
    /// this way for every tied hit, so numbers behind the same prefix compare without building
    /// strings: zero-padded ones by value, unpadded ones by value after scaling to equal digits.
    static func compare(_ a: ExternalIdColumn, _ da: Int, _ b: ExternalIdColumn, _ db: Int) -> Int {
        if a.strings == nil, b.strings == nil, a.digits == b.digits, a.prefix == b.prefix {
            var x = a.minimum &+ a.values[da], y = b.minimum &+ b.values[db]
            if x == y { return 0 }
            if a.digits > 0 { return x < y ? -1 : 1 }
            let lx = decimalDigits(x), ly = decimalDigits(y)
            for _ in lx..<max(lx, ly) { x &*= 10 }
            for _ in ly..<max(lx, ly) { y &*= 10 }
            if x != y { return x < y ? -1 : 1 }
            return lx < ly ? -1 : 1
        }
        let x = a.id(da), y = b.id(db)
        return x == y ? 0 : (x.utf8.lexicographicallyPrecedes(y.utf8) ? -1 : 1)
    }

    private static func decimalDigits(_ v: UInt64) -> Int {
        var n = 1, v = v
        while v >= 10 { v /= 10; n += 1 }
        return n
    }
}
