/// The string values of a JSON Lines line's fields, decoded straight from its UTF-8 bytes: the
/// fast path of `JSONLinesReader.parseLine`. Foundation's JSONSerialization builds a dictionary
/// of every value, boxed and bridged, and on Reuters it cost more than a tenth of a lean build;
/// a line is one flat object whose few string fields are all a document needs.
///
/// It answers only where it gives what JSONSerialization would: the line is valid UTF-8 and
/// strictly valid JSON by `JSONLineScanner` (which refuses duplicate fields, lone surrogates,
/// deep nesting and numbers a Double cannot hold), and every field a document reads is a
/// string, null or an integer of up to 18 digits other than -0 (JSONSerialization gives such an
/// integer as its digits). Any other line (booleans, fractions, arrays or objects in those
/// fields, trailing commas, invalid bytes) is left to JSONSerialization, so what a line yields
/// and the problems reported for malformed lines are the same either way.
struct JSONLineFields {
    private let line: UnsafeBufferPointer<UInt8>
    private let fields: JSONLineScanner.Fields

    /// The fields of `line`, or nil when only JSONSerialization can tell what it holds.
    init?(_ line: UnsafeBufferPointer<UInt8>) {
        guard firstInvalidUTF8(line) == nil, let fields = JSONLineScanner.fields(line) else { return nil }
        for value in [fields.id, fields.title, fields.body, fields.text, fields.content,
                      fields.date, fields.url, fields.link, fields.lang, fields.language] {
            switch value {
            case .other?: return nil
            case .integer(let r)?:
                let negative = line[r.lowerBound] == UInt8(ascii: "-")
                if negative && line[r.lowerBound + 1] == UInt8(ascii: "0") { return nil }
                if r.count - (negative ? 1 : 0) > 18 { return nil }
            case .string?, .null?, nil: break
            }
        }
        self.line = line
        self.fields = fields
    }

    /// The value of field `key` as `JSONLinesReader.parseLine` reads it: a string's decoded
    /// text, an integer's digits, nil for null, a missing field or a field it does not read.
    func string(_ key: String) -> String? {
        let value: JSONLineScanner.Value?
        switch key {
        case "id": value = fields.id
        case "title": value = fields.title
        case "body": value = fields.body
        case "text": value = fields.text
        case "content": value = fields.content
        case "date": value = fields.date
        case "url": value = fields.url
        case "link": value = fields.link
        case "lang": value = fields.lang
        case "language": value = fields.language
        default: value = nil
        }
        switch value {
        case .string(let r, let escaped)?:
            let raw = UnsafeBufferPointer(rebasing: line[r])
            return escaped ? Self.unescape(raw) : String(decoding: raw, as: UTF8.self)
        case .integer(let r)?: return String(decoding: UnsafeBufferPointer(rebasing: line[r]), as: UTF8.self)
        case .null?, .other?, nil: return nil
        }
    }

    /// A string's contents with its escapes replaced. The scanner has checked every escape
    /// (known letters, four hex digits, surrogates only as a high-low pair), so none is malformed;
    /// should one be, it is kept as written rather than trapping.
    ///
    /// Written in place into the new String (no escape lengthens its text: `\n` is two bytes for
    /// one, `\uXXXX` six for at most three), with the text between escapes copied as runs.
    static func unescape(_ raw: UnsafeBufferPointer<UInt8>) -> String {
        guard let source = raw.baseAddress, raw.count > 0 else { return "" }
        return String(unsafeUninitializedCapacity: raw.count) { out in
            guard let target = out.baseAddress else { return 0 }
            var written = 0
            var i = 0
            while i < raw.count {
                var runEnd = i
                while runEnd < raw.count && source[runEnd] != UInt8(ascii: "\\") { runEnd += 1 }
                if runEnd > i {
                    (target + written).update(from: source + i, count: runEnd - i)
                    written += runEnd - i
                    i = runEnd
                    continue
                }
                // source[i] is a backslash
                guard i + 1 < raw.count else { target[written] = source[i]; written += 1; break }
                let decoded: UInt8
                switch source[i + 1] {
                case UInt8(ascii: "b"): decoded = 0x08
                case UInt8(ascii: "f"): decoded = 0x0C
                case UInt8(ascii: "n"): decoded = 0x0A
                case UInt8(ascii: "r"): decoded = 0x0D
                case UInt8(ascii: "t"): decoded = 0x09
                case UInt8(ascii: "u"):
                    if let (scalar, length) = unicodeEscape(raw, at: i) {
                        UTF8.encode(scalar) { target[written] = $0; written += 1 }
                        i += length
                    } else {
                        target[written] = source[i]; written += 1
                        i += 1
                    }
                    continue
                default: decoded = source[i + 1]   // \" \\ \/
                }
                target[written] = decoded
                written += 1
                i += 2
            }
            return written
        }
    }

    /// The scalar of the `\uXXXX` escape at `i` (joined with a following low surrogate's escape
    /// when it is a high surrogate) and the bytes it spans; nil for a malformed escape.
    private static func unicodeEscape(_ raw: UnsafeBufferPointer<UInt8>, at i: Int) -> (Unicode.Scalar, Int)? {
        guard let unit = hex4(raw, at: i + 2) else { return nil }
        if unit >= 0xD800 && unit <= 0xDBFF {
            guard i + 12 <= raw.count, raw[i + 6] == UInt8(ascii: "\\"), raw[i + 7] == UInt8(ascii: "u"),
                  let low = hex4(raw, at: i + 8), low >= 0xDC00 && low <= 0xDFFF,
                  let scalar = Unicode.Scalar(0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00)) else { return nil }
            return (scalar, 12)
        }
        guard let scalar = Unicode.Scalar(unit) else { return nil }
        return (scalar, 6)
    }

    private static func hex4(_ raw: UnsafeBufferPointer<UInt8>, at j: Int) -> UInt32? {
        guard j + 4 <= raw.count else { return nil }
        var v: UInt32 = 0
        for k in j..<(j + 4) {
            guard let d = hexValue(raw[k]) else { return nil }
            v = v << 4 | d
        }
        return v
    }
}
