/// RFC 2047 encoded words in header values (`=?ISO-8859-1?Q?Andr=E9?=`, `=?UTF-8?B?…?=`),
/// decoded to UTF-8; whitespace between two adjacent encoded words is dropped, as the RFC says.
/// Raw 8-bit bytes outside encoded words are read in `fallbackCharset` (the message's body
/// charset when it has one), as mail software does.
enum EncodedWords {
    static func decode(_ value: [UInt8], fallbackCharset: String? = nil) -> String {
        var out = ""
        var plain: [UInt8] = []
        var pendingSpace: [UInt8] = []
        var lastWasEncoded = false
        var i = 0
        func flushPlain() {
            if !plain.isEmpty { out += MailCharset.decode(plain, charset: fallbackCharset); plain.removeAll() }
        }
        while i < value.count {
            let b = value[i]
            if b == UInt8(ascii: "="), i + 1 < value.count, value[i + 1] == UInt8(ascii: "?"),
               let (text, end) = encodedWord(value, at: i) {
                if !lastWasEncoded { plain += pendingSpace }
                pendingSpace.removeAll()
                flushPlain()
                out += text
                lastWasEncoded = true
                i = end
                continue
            }
            if b == 0x20 || b == 0x09 {
                pendingSpace.append(b)
            } else {
                plain += pendingSpace
                pendingSpace.removeAll()
                plain.append(b)
                lastWasEncoded = false
            }
            i += 1
        }
        plain += pendingSpace
        flushPlain()
        return out
    }

    /// The encoded word starting at `start` ("=?charset?enc?text?=") decoded, and where it ends;
    /// nil when the bytes there are not one.
    static func encodedWord(_ v: [UInt8], at start: Int) -> (String, Int)? {
        // =? charset ? encoding ? text ?=
        var i = start + 2
        let charsetStart = i
        while i < v.count, v[i] != UInt8(ascii: "?"), v[i] > 0x20, i - charsetStart < 64 { i += 1 }
        guard i < v.count, v[i] == UInt8(ascii: "?"), i > charsetStart, i + 2 < v.count, v[i + 2] == UInt8(ascii: "?") else { return nil }
        let charset = String(decoding: v[charsetStart..<i], as: UTF8.self)
        let encoding = v[i + 1] | 0x20
        guard encoding == UInt8(ascii: "b") || encoding == UInt8(ascii: "q") else { return nil }
        let textStart = i + 3
        var j = textStart
        while j + 1 < v.count, !(v[j] == UInt8(ascii: "?") && v[j + 1] == UInt8(ascii: "=")) {
            if v[j] == 0x20 || v[j] == 0x09 { return nil }   // encoded words contain no white space
            j += 1
        }
        guard j + 1 < v.count else { return nil }
        let text = Array(v[textStart..<j])
        let bytes = encoding == UInt8(ascii: "b") ? TransferEncoding.base64(text) : TransferEncoding.quotedPrintable(text, underscoreIsSpace: true)
        return (MailCharset.decode(bytes, charset: charset), j + 2)
    }
}
