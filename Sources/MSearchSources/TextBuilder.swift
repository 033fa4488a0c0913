/// Builds plain text from pieces: whitespace runs collapse to one space, paragraph breaks to one
/// "\n", control and invisible characters vanish. Works on UTF-8 bytes, so it is cheap per piece.
struct TextBuilder {
    private(set) var bytes: [UInt8] = []
    private var pendingSpace = false
    private var pendingBreak = false

    init(capacity: Int = 0) { bytes.reserveCapacity(capacity) }

    var isEmpty: Bool { bytes.isEmpty }

    /// Ends the current paragraph (no effect before any text).
    mutating func breakParagraph() { if !bytes.isEmpty { pendingBreak = true } }
    /// Separates what comes next by a space (as between table cells).
    mutating func space() { pendingSpace = true }

    @inline(__always) private mutating func flushPending() {
        if pendingBreak { bytes.append(0x0A) }
        else if pendingSpace, let last = bytes.last, last != 0x0A { bytes.append(0x20) }
        pendingBreak = false
        pendingSpace = false
    }

    mutating func append(_ s: String) {
        var s = s
        s.withUTF8 { append($0) }
    }

    /// A byte that goes in as it is: not whitespace or a control, and not the first byte of a
    /// character that may be an invisible or space character (U+00A0, U+200B, U+3000, BOM …).
    @inline(__always) private static func isOrdinary(_ b: UInt8) -> Bool {
        !(b <= 0x20 || b == 0x7F || b == 0xC2 || b == 0xE2 || b == 0xE3 || b == 0xEF)
    }

    mutating func append(_ buf: UnsafeBufferPointer<UInt8>) {
        let n = buf.count
        var i = 0
        while i < n {
            // A run of ordinary bytes goes in at once, with the single spaces between its words
            // (what collapsing would give them anyway), so a run is a line, not a word.
            var j = i
            while j < n {
                let b = buf[j]
                if b == 0x20, j > i, j + 1 < n, Self.isOrdinary(buf[j + 1]) { j += 2; continue }
                if !Self.isOrdinary(b) { break }
                j += 1
            }
            if j > i {
                flushPending()
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: buf[i..<j]))
                i = j
                continue
            }
            let b = buf[i]
            if b <= 0x20 || b == 0x7F {
                if isSpace(b) { pendingSpace = true }
                i += 1
                continue
            }
            if b == 0xC2, i + 1 < n {
                let c = buf[i + 1]
                if c == 0xA0 { pendingSpace = true; i += 2; continue }      // no-break space
                if c == 0xAD || (c >= 0x80 && c <= 0x9F) { i += 2; continue } // soft hyphen, C1 controls
            } else if b == 0xE2, i + 2 < n, buf[i + 1] == 0x80 {
                let c = buf[i + 2]
                if c <= 0x8A || c == 0xAF { pendingSpace = true; i += 3; continue } // typographic spaces
                if c == 0x8B { i += 3; continue }                                   // zero-width space
                if c == 0xA8 || c == 0xA9 { breakParagraph(); i += 3; continue }    // line/paragraph separator
            } else if b == 0xE3, i + 2 < n, buf[i + 1] == 0x80, buf[i + 2] == 0x80 {
                pendingSpace = true; i += 3; continue                                // ideographic space
            } else if b == 0xEF, i + 2 < n, buf[i + 1] == 0xBB, buf[i + 2] == 0xBF {
                i += 3; continue                                                     // stray BOM
            }
            flushPending()
            bytes.append(b)
            i += 1
        }
    }

    /// Appends text in which SGML/XML character references (&lt; &amp; &#3; &#x41; …) are decoded;
    /// references to control characters are dropped.
    mutating func appendDecodingEntities(_ buf: UnsafeBufferPointer<UInt8>) {
        let n = buf.count
        var start = 0
        var i = 0
        while i < n {
            if buf[i] != 0x26 { i += 1; continue }   // '&'
            var j = i + 1
            while j < n, j - i <= 12, buf[j] != 0x3B, buf[j] != 0x26, !isSpace(buf[j]) { j += 1 }
            guard j < n, buf[j] == 0x3B, j > i + 1 else { i += 1; continue }
            let name = UnsafeBufferPointer(rebasing: buf[(i + 1)..<j])
            var scalar: UInt32? = nil
            var drop = false
            if name[0] == 0x23 {   // '#'
                var v: UInt32 = 0
                var ok = name.count > 1
                if name.count > 1, name[1] | 0x20 == 0x78 {   // 'x'
                    ok = name.count > 2
                    for k in 2..<max(2, name.count) {
                        guard let d = hexValue(name[k]), v < 0x110000 else { ok = false; break }
                        v = v * 16 + d
                    }
                } else {
                    for k in 1..<max(1, name.count) {
                        guard isDigit(name[k]), v < 0x110000 else { ok = false; break }
                        v = v * 10 + UInt32(name[k] - 0x30)
                    }
                }
                if ok {
                    if v < 0x20 && v != 0x09 && v != 0x0A && v != 0x0D { drop = true }
                    else { scalar = v }
                }
            } else {
                switch String(decoding: name, as: UTF8.self) {
                case "lt": scalar = 0x3C
                case "gt": scalar = 0x3E
                case "amp": scalar = 0x26
                case "quot": scalar = 0x22
                case "apos": scalar = 0x27
                case "nbsp": scalar = 0xA0
                default: break
                }
            }
            if scalar == nil && !drop { i += 1; continue }
            if i > start { append(UnsafeBufferPointer(rebasing: buf[start..<i])) }
            if let v = scalar {
                let s = String(Character(Unicode.Scalar(v) ?? "\u{FFFD}"))
                append(s)
            }
            i = j + 1
            start = i
        }
        if n > start { append(UnsafeBufferPointer(rebasing: buf[start..<n])) }
    }

    /// The text so far; invalid UTF-8 (if any slipped in) is repaired with U+FFFD.
    func string() -> String { String(decoding: bytes, as: UTF8.self) }
}
