/// Strict UTF-8 decoding of one scalar from raw bytes, so the tokenizer can treat malformed
/// input (overlong forms, surrogates, truncated sequences, stray continuation bytes) as separators
/// instead of trusting or repairing it.
enum UTF8Scanning {
    /// Decodes the scalar whose lead byte is at `i`, which must be ≥ 0x80.
    /// Returns the scalar value and its byte length, or length 0 when the bytes are not valid UTF-8.
    @inline(__always)
    static func decodeMultiByte(_ p: UnsafePointer<UInt8>, _ i: Int, _ n: Int) -> (value: UInt32, length: Int) {
        let b0 = UInt32(p[i])
        if b0 < 0xC2 { return (0, 0) }                       // continuation byte or overlong 2-byte lead
        if b0 < 0xE0 {
            guard i + 1 < n else { return (0, 0) }
            let b1 = UInt32(p[i + 1])
            guard b1 & 0xC0 == 0x80 else { return (0, 0) }
            return ((b0 & 0x1F) << 6 | (b1 & 0x3F), 2)
        }
        if b0 < 0xF0 {
            guard i + 2 < n else { return (0, 0) }
            let b1 = UInt32(p[i + 1]), b2 = UInt32(p[i + 2])
            guard b1 & 0xC0 == 0x80, b2 & 0xC0 == 0x80 else { return (0, 0) }
            if b0 == 0xE0 && b1 < 0xA0 { return (0, 0) }     // overlong
            if b0 == 0xED && b1 >= 0xA0 { return (0, 0) }    // UTF-16 surrogate
            return ((b0 & 0x0F) << 12 | (b1 & 0x3F) << 6 | (b2 & 0x3F), 3)
        }
        if b0 < 0xF5 {
            guard i + 3 < n else { return (0, 0) }
            let b1 = UInt32(p[i + 1]), b2 = UInt32(p[i + 2]), b3 = UInt32(p[i + 3])
            guard b1 & 0xC0 == 0x80, b2 & 0xC0 == 0x80, b3 & 0xC0 == 0x80 else { return (0, 0) }
            if b0 == 0xF0 && b1 < 0x90 { return (0, 0) }     // overlong
            if b0 == 0xF4 && b1 >= 0x90 { return (0, 0) }    // beyond U+10FFFF
            return ((b0 & 0x07) << 18 | (b1 & 0x3F) << 12 | (b2 & 0x3F) << 6 | (b3 & 0x3F), 4)
        }
        return (0, 0)
    }
}
