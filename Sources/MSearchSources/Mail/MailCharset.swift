#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Text in a declared character set turned into UTF-8 by glibc's iconv, which knows every
/// charset mail uses (ISO-8859-*, Windows-125x, KOI8-R, Shift_JIS, GB2312, …); Foundation's
/// `String(data:encoding:)` knows only a few. Bytes the charset cannot decode become U+FFFD.
enum MailCharset {
    /// What undeclared 8-bit text is read as when it is not UTF-8: Windows-1252, the superset of
    /// ISO-8859-1 that old mail and news software wrote without saying so.
    static let undeclared8Bit = "WINDOWS-1252"

    /// `bytes` decoded from `charset` (nil or "us-ascii": undeclared). Valid UTF-8 under an
    /// undeclared, ASCII or UTF-8 label is taken as is; an unknown charset falls back as undeclared text does.
    static func decode(_ bytes: [UInt8], charset: String?) -> String {
        let name = charset.map(normalized) ?? ""
        let asciiOrUnknown = name.isEmpty || name == "us-ascii" || name == "ascii" || name == "utf-8" || name == "utf8"
            || name.hasPrefix("unknown") || name.hasPrefix("x-unknown") || name == "default"
        let valid = bytes.withUnsafeBufferPointer { firstInvalidUTF8($0) == nil }
        if valid && (asciiOrUnknown || bytes.allSatisfy({ $0 < 0x80 })) { return String(decoding: bytes, as: UTF8.self) }
        // ISO-8859-1 labels are read as Windows-1252, as the WHATWG Encoding Standard says:
        // software that wrote 0x80–0x9F under that label meant Windows-1252's quotes and dashes.
        let label = ["iso-8859-1", "iso8859-1", "iso_8859-1", "latin1", "l1"].contains(name) ? undeclared8Bit : name
        if !asciiOrUnknown, let text = convert(bytes, from: label) { return text }
        if valid { return String(decoding: bytes, as: UTF8.self) }
        return convert(bytes, from: undeclared8Bit) ?? String(decoding: bytes, as: UTF8.self)
    }

    /// "ISO-8859-1" from `"iso-8859-1"`, ` ISO-8859-1 `, `iso-8859-1*en` (RFC 2231 language).
    static func normalized(_ charset: String) -> String {
        var s = Substring(charset.lowercased())
        s = s.drop { $0 == " " || $0 == "\"" || $0 == "'" }
        if let star = s.firstIndex(of: "*") { s = s[..<star] }
        while let last = s.last, last == " " || last == "\"" || last == "'" { s = s.dropLast() }
        return String(s)
    }

    /// Converts with iconv, or nil when iconv does not know the charset. Undecodable bytes are
    /// skipped one at a time, each leaving U+FFFD.
    static func convert(_ bytes: [UInt8], from charset: String) -> String? {
        guard !charset.isEmpty, charset.utf8.count < 64, !charset.utf8.contains(0) else { return nil }
        let cd = iconv_open("UTF-8", charset)
        guard Int(bitPattern: cd) != -1 else { return nil }
        defer { iconv_close(cd) }
        var out = [UInt8]()
        out.reserveCapacity(bytes.count &* 2)
        var chunk = [UInt8](repeating: 0, count: 16 << 10)
        var input = bytes
        input.withUnsafeMutableBufferPointer { inBuf in
            guard let base = inBuf.baseAddress else { return }
            var inPtr: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(base).assumingMemoryBound(to: CChar.self)
            var inLeft = inBuf.count
            while true {
                let (result, failure) = chunk.withUnsafeMutableBufferPointer { outBuf -> (Int, Int32) in
                    var outPtr: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(outBuf.baseAddress!).assumingMemoryBound(to: CChar.self)
                    var outLeft = outBuf.count
                    let r = inLeft == 0 ? iconv(cd, nil, nil, &outPtr, &outLeft) : iconv(cd, &inPtr, &inLeft, &outPtr, &outLeft)
                    let failure = r == -1 ? errno : 0
                    out.append(contentsOf: outBuf[0..<(outBuf.count - outLeft)])
                    return (r, failure)
                }
                if result != -1 { if inLeft == 0 { break } else { continue } }
                switch failure {
                case E2BIG: continue
                case EILSEQ, EINVAL:
                    // An invalid or truncated sequence: one replacement character, one byte skipped.
                    out.append(contentsOf: [0xEF, 0xBF, 0xBD])
                    inPtr = inPtr.map { $0 + 1 }
                    inLeft -= 1
                    iconv(cd, nil, nil, nil, nil)
                    if inLeft == 0 { return }
                default:
                    return
                }
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
