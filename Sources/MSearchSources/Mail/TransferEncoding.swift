/// MIME content transfer encodings (RFC 2045 §6): base64 and quoted-printable back to bytes.
/// Both are lenient, as mail readers are: characters outside the alphabet are skipped, and a
/// broken `=XX` escape is kept as written.
enum TransferEncoding {
    /// The bytes of `body` after undoing `encoding` (a Content-Transfer-Encoding value);
    /// 7bit, 8bit, binary and unknown encodings leave them as they are.
    static func decode(_ body: [UInt8], encoding: String) -> [UInt8] {
        switch encoding.lowercased() {
        case "base64": return base64(body)
        case "quoted-printable": return quotedPrintable(body, underscoreIsSpace: false)
        default: return body
        }
    }

    static func base64(_ text: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(text.count / 4 * 3 + 3)
        var accumulator: UInt32 = 0, bits = 0
        for c in text {
            let v: UInt32
            switch c {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): v = UInt32(c - UInt8(ascii: "A"))
            case UInt8(ascii: "a")...UInt8(ascii: "z"): v = UInt32(c - UInt8(ascii: "a")) + 26
            case UInt8(ascii: "0")...UInt8(ascii: "9"): v = UInt32(c - UInt8(ascii: "0")) + 52
            case UInt8(ascii: "+"), UInt8(ascii: "-"): v = 62
            case UInt8(ascii: "/"), UInt8(ascii: "_"): v = 63
            case UInt8(ascii: "="): return out
            default: continue
            }
            accumulator = (accumulator << 6 | v) & 0xFFFFFF
            bits += 6
            if bits >= 8 {
                bits -= 8
                out.append(UInt8(truncatingIfNeeded: accumulator >> UInt32(bits)))
            }
        }
        return out
    }

    /// `underscoreIsSpace`: the "Q" encoding of encoded words (RFC 2047 §4.2), where "_" is a space.
    static func quotedPrintable(_ text: [UInt8], underscoreIsSpace: Bool) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(text.count)
        var i = 0
        while i < text.count {
            let c = text[i]
            if c == UInt8(ascii: "=") {
                // Soft line break: "=" then optional blanks then the line end.
                var j = i + 1
                while j < text.count, text[j] == 0x20 || text[j] == 0x09 { j += 1 }
                if j < text.count, text[j] == 0x0D { j += 1 }
                if j < text.count, text[j] == 0x0A { i = j + 1; continue }
                if j >= text.count { i = j; continue }   // "=" and blanks ending the text
                if i + 2 < text.count, let h = hex(text[i + 1]), let l = hex(text[i + 2]) {
                    out.append(h << 4 | l)
                    i += 3
                    continue
                }
                out.append(c)
            } else if underscoreIsSpace && c == UInt8(ascii: "_") {
                out.append(0x20)
            } else {
                out.append(c)
            }
            i += 1
        }
        return out
    }

    static func hex(_ c: UInt8) -> UInt8? {
        switch c {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): c - UInt8(ascii: "0")
        case UInt8(ascii: "A")...UInt8(ascii: "F"): c - UInt8(ascii: "A") + 10
        case UInt8(ascii: "a")...UInt8(ascii: "f"): c - UInt8(ascii: "a") + 10
        default: nil
        }
    }
}
