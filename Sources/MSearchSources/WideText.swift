/// Text in UTF-16 or UTF-32, turned into UTF-8 by the standard library's codecs — or refused as
/// binary when it is not valid (a lone surrogate, a value past U+10FFFF) or not plausibly text.
///
/// A byte order mark says "UTF-16" or "UTF-32", but random bytes after `FF FE` decode to
/// thousands of CJK, private-use and unassigned characters; real text in any script has
/// almost none of the last two, so more than 1 in 20 of them (or of control characters) marks
/// the file as binary. UTF-32 without a BOM is recognised when every 4-byte unit is a valid,
/// non-zero character in one byte order: binary data almost never is.
enum WideText {
    enum Encoding: String {
        case utf16LittleEndian = "UTF-16LE", utf16BigEndian = "UTF-16BE"
        case utf32LittleEndian = "UTF-32LE", utf32BigEndian = "UTF-32BE"
    }

    /// The encoding of `bytes` and the length of its byte order mark; nil for anything else
    /// (UTF-8, legacy 8-bit encodings, binary).
    static func encoding(of bytes: [UInt8]) -> (Encoding, bomLength: Int)? {
        if bytes.starts(with: [0xFF, 0xFE, 0x00, 0x00]) { return (.utf32LittleEndian, 4) }
        if bytes.starts(with: [0x00, 0x00, 0xFE, 0xFF]) { return (.utf32BigEndian, 4) }
        if bytes.starts(with: [0xFF, 0xFE]) { return (.utf16LittleEndian, 2) }
        if bytes.starts(with: [0xFE, 0xFF]) { return (.utf16BigEndian, 2) }
        if looksLikeUTF32(bytes, bigEndian: false) { return (.utf32LittleEndian, 0) }
        if looksLikeUTF32(bytes, bigEndian: true) { return (.utf32BigEndian, 0) }
        return nil
    }

    /// The text as UTF-8 (without the BOM); throws "binary content (…)" naming the encoding.
    static func utf8(_ bytes: [UInt8], encoding: Encoding, bomLength: Int, path: String) throws -> [UInt8] {
        let body = bytes[bomLength...]
        switch encoding {
        case .utf16LittleEndian, .utf16BigEndian:
            guard body.count % 2 == 0 else { throw binary(path, encoding, "an odd number of bytes") }
            let big = encoding == .utf16BigEndian
            let units = stride(from: body.startIndex, to: body.endIndex, by: 2).map { unit16(body, at: $0, bigEndian: big) }
            return try transcode(units, UTF16.self, encoding: encoding, path: path)
        case .utf32LittleEndian, .utf32BigEndian:
            guard body.count % 4 == 0 else { throw binary(path, encoding, "a length that is not a multiple of 4") }
            let big = encoding == .utf32BigEndian
            let units = stride(from: body.startIndex, to: body.endIndex, by: 4).map { unit32(body, at: $0, bigEndian: big) }
            return try transcode(units, UTF32.self, encoding: encoding, path: path)
        }
    }

    private static func transcode<Codec: UnicodeCodec>(_ units: [Codec.CodeUnit], _ codec: Codec.Type, encoding: Encoding, path: String) throws -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(units.count * 2)
        var decoder = Codec()
        var iterator = units.makeIterator()
        var characters = 0, implausible = 0
        while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar):
                characters += 1
                if !isPlausible(scalar) { implausible += 1 }
                UTF8.encode(scalar) { out.append($0) }
            case .emptyInput:
                if implausible * 20 > characters {
                    throw binary(path, encoding, "\(implausible * 100 / max(1, characters)) % of the characters unassigned, private-use or control")
                }
                return out
            case .error:
                throw binary(path, encoding, "an invalid code unit after \(characters) characters")
            }
        }
    }

    /// Assigned, not private-use, and not a control character other than whitespace.
    private static func isPlausible(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .unassigned, .privateUse, .surrogate: return false
        case .control: return scalar.value >= 0x09 && scalar.value <= 0x0D
        default: return true
        }
    }

    /// Every 4-byte unit (of the first 4,096) a non-zero Unicode scalar in this byte order.
    private static func looksLikeUTF32(_ bytes: [UInt8], bigEndian: Bool) -> Bool {
        guard bytes.count >= 8, bytes.count % 4 == 0 else { return false }
        for i in stride(from: 0, to: min(bytes.count, 4 * 4096), by: 4) {
            let value = unit32(bytes[...], at: i, bigEndian: bigEndian)
            guard value != 0, Unicode.Scalar(value) != nil else { return false }
        }
        return true
    }

    private static func unit16(_ b: ArraySlice<UInt8>, at i: Int, bigEndian: Bool) -> UInt16 {
        let (b0, b1) = (UInt16(b[i]), UInt16(b[i + 1]))
        return bigEndian ? b0 << 8 | b1 : b1 << 8 | b0
    }

    private static func unit32(_ b: ArraySlice<UInt8>, at i: Int, bigEndian: Bool) -> UInt32 {
        let (b0, b1, b2, b3) = (UInt32(b[i]), UInt32(b[i + 1]), UInt32(b[i + 2]), UInt32(b[i + 3]))
        return bigEndian ? b0 << 24 | b1 << 16 | b2 << 8 | b3 : b3 << 24 | b2 << 16 | b1 << 8 | b0
    }

    private static func binary(_ path: String, _ encoding: Encoding, _ why: String) -> SourceProblem {
        SourceProblem(path: path, reason: "binary content (\(why): not \(encoding.rawValue) text)", kind: .binary)
    }
}
