// The Unicode classes of scalar values (as UInt32) that passage cutting asks about: spaces,
// newlines, sentence ends, closers, CJK units, punctuation, and a scalar's display weight.

enum UText {
    /// Decodes the well-formed UTF-8 sequence at `p`, or nil if the byte at `p` does not start one.
    @inline(__always)
    static func decode(_ b: UnsafeBufferPointer<UInt8>, _ p: Int) -> (value: UInt32, length: Int)? {
        let n = b.count
        let b0 = b[p]
        if b0 < 0x80 { return (UInt32(b0), 1) }
        if b0 < 0xC2 { return nil }
        if b0 < 0xE0 {
            guard p + 1 < n, b[p + 1] & 0xC0 == 0x80 else { return nil }
            return (UInt32(b0 & 0x1F) << 6 | UInt32(b[p + 1] & 0x3F), 2)
        }
        if b0 < 0xF0 {
            guard p + 2 < n else { return nil }
            let b1 = b[p + 1], b2 = b[p + 2]
            let lo: UInt8 = b0 == 0xE0 ? 0xA0 : 0x80
            let hi: UInt8 = b0 == 0xED ? 0x9F : 0xBF
            guard b1 >= lo, b1 <= hi, b2 & 0xC0 == 0x80 else { return nil }
            return (UInt32(b0 & 0x0F) << 12 | UInt32(b1 & 0x3F) << 6 | UInt32(b2 & 0x3F), 3)
        }
        if b0 < 0xF5 {
            guard p + 3 < n else { return nil }
            let b1 = b[p + 1], b2 = b[p + 2], b3 = b[p + 3]
            let lo: UInt8 = b0 == 0xF0 ? 0x90 : 0x80
            let hi: UInt8 = b0 == 0xF4 ? 0x8F : 0xBF
            guard b1 >= lo, b1 <= hi, b2 & 0xC0 == 0x80, b3 & 0xC0 == 0x80 else { return nil }
            return (UInt32(b0 & 0x07) << 18 | UInt32(b1 & 0x3F) << 12 | UInt32(b2 & 0x3F) << 6
                    | UInt32(b3 & 0x3F), 4)
        }
        return nil
    }

    /// Whitespace, plus control characters and BOM, which are rendered as spaces.
    @inline(__always)
    static func isSpace(_ v: UInt32) -> Bool {
        if v < 0x80 { return v <= 0x20 || v == 0x7F }
        switch v {
        case 0x80...0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000, 0xFEFF:
            return true
        default: return false
        }
    }

    static func isNewline(_ v: UInt32) -> Bool {
        (0x0A...0x0D).contains(v) || v == 0x85 || v == 0x2028 || v == 0x2029
    }

    /// Scripts written without spaces where each scalar is its own unit (a valid cut point).
    @inline(__always)
    static func isCJKUnit(_ v: UInt32) -> Bool {
        switch v {
        case 0x3040...0x30FF, 0x31F0...0x31FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xF900...0xFAFF,
             0xFF66...0xFF9F, 0x20000...0x3FFFF:
            return true
        default: return false
        }
    }

    static func isTerminal(_ v: UInt32) -> Bool {
        switch v {
        case 0x2E, 0x21, 0x3F, 0x2026, 0x203C, 0x2047...0x2049, 0x3002, 0xFF01, 0xFF0E, 0xFF1F, 0xFF61:
            return true
        default: return false
        }
    }

    /// Full stops that end a sentence without a following space.
    static func isCJKTerminal(_ v: UInt32) -> Bool {
        v == 0x3002 || v == 0xFF01 || v == 0xFF1F || v == 0xFF61
    }

    /// Closing quotes/brackets that may follow a sentence terminal.
    static func isCloser(_ v: UInt32) -> Bool {
        switch v {
        case 0x22, 0x27, 0x29, 0x5D, 0xBB, 0x2019, 0x201D, 0x203A, 0x3009, 0x300B, 0x300D, 0x300F,
             0x3011, 0xFF09, 0xFF3D:
            return true
        default: return false
        }
    }

    static func isLowercaseStart(_ v: UInt32) -> Bool {
        if v < 0x80 { return v >= 0x61 && v <= 0x7A }
        return Unicode.Scalar(v)?.properties.isLowercase ?? false
    }

    /// 1 if the scalar starts a new user-perceived character, 0 if it extends the previous one
    /// (combining marks, ZWJ and the scalar after it, variation selectors, emoji modifiers, tags).
    @inline(__always)
    static func charWeight(_ v: UInt32, previous: UInt32) -> Int {
        if v < 0x300 { return 1 }
        if previous == 0x200D { return 0 }
        switch v {
        case 0x200D, 0xFE00...0xFE0F, 0x1F3FB...0x1F3FF, 0xE0020...0xE007F, 0xE0100...0xE01EF:
            return 0
        default: break
        }
        guard let s = Unicode.Scalar(v) else { return 1 }
        switch s.properties.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark: return 0
        default: return 1
        }
    }

    static func isPunctuation(_ v: UInt32) -> Bool {
        guard let s = Unicode.Scalar(v) else { return false }
        switch s.properties.generalCategory {
        case .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation,
             .initialPunctuation, .finalPunctuation, .otherPunctuation:
            return true
        default: return false
        }
    }
}
