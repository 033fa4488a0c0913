// Checking UTF-8 on bytes, and repairing the Latin-1 bytes of old corpora.

/// The byte offset of the first invalid UTF-8 sequence, or nil when all of it is valid.
func firstInvalidUTF8(_ buf: UnsafeBufferPointer<UInt8>) -> Int? {
    var i = 0
    let n = buf.count
    while i < n {
        let b = buf[i]
        if b < 0x80 { i += 1; continue }
        var len = 0
        var minCp: UInt32 = 0
        var cp: UInt32 = 0
        if b & 0xE0 == 0xC0 { len = 2; cp = UInt32(b & 0x1F); minCp = 0x80 }
        else if b & 0xF0 == 0xE0 { len = 3; cp = UInt32(b & 0x0F); minCp = 0x800 }
        else if b & 0xF8 == 0xF0 { len = 4; cp = UInt32(b & 0x07); minCp = 0x10000 }
        else { return i }
        if i + len > n { return i }
        for k in 1..<len {
            let c = buf[i + k]
            if c & 0xC0 != 0x80 { return i }
            cp = cp << 6 | UInt32(c & 0x3F)
        }
        if cp < minCp || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF) { return i }
        i += len
    }
    return nil
}

/// Decodes bytes that should be UTF-8 but may be Latin-1 (old SGML corpora): valid UTF-8
/// sequences stay, every other byte is read as its Latin-1 character.
func decodeUTF8OrLatin1(_ buf: UnsafeBufferPointer<UInt8>) -> [UInt8] {
    guard firstInvalidUTF8(buf) != nil else { return Array(buf) }
    var out: [UInt8] = []
    out.reserveCapacity(buf.count + 16)
    var i = 0
    while i < buf.count {
        let rest = UnsafeBufferPointer(rebasing: buf[i...])
        if let bad = firstInvalidUTF8(rest) {
            out.append(contentsOf: UnsafeBufferPointer(rebasing: rest[0..<bad]))
            let b = rest[bad]
            out.append(0xC0 | (b >> 6)); out.append(0x80 | (b & 0x3F))
            i += bad + 1
        } else {
            out.append(contentsOf: rest)
            break
        }
    }
    return out
}
