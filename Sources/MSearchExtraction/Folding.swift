/// Case- and accent-insensitive keys for names: "Fernández de Cossío" and "FERNANDEZ DE COSSIO"
/// give the same key, "U.S." and "US" too ("us"). Periods and apostrophes vanish, any other
/// non-alphanumeric character separates words.
enum Fold {
    /// The folded key of a whole string: words of lower-case unaccented letters and digits,
    /// separated by single spaces.
    static func key(_ s: String) -> String {
        var ascii = true
        for c in s.utf8 where c >= 0x80 { ascii = false; break }
        if ascii {
            var s = s
            return s.withUTF8 { asciiKey($0, 0, $0.count) }
        }
        var out = [UInt8]()
        out.reserveCapacity(s.utf8.count)
        appendKey(of: s.unicodeScalars, to: &out)
        while out.last == 0x20 { out.removeLast() }
        return String(decoding: out, as: UTF8.self)
    }

    /// The key of ASCII bytes `bytes[start..<end]`, built in place (no intermediate array):
    /// the same rules as `appendKey` for ASCII.
    static func asciiKey<C: RandomAccessCollection>(_ bytes: C, _ start: Int, _ end: Int) -> String where C.Element == UInt8, C.Index == Int {
        String(unsafeUninitializedCapacity: end - start) { out in
            var n = 0
            for j in start..<end {
                let c = bytes[j]
                if c >= 0x41 && c <= 0x5A { out[n] = c + 32; n += 1 }
                else if (c >= 0x61 && c <= 0x7A) || (c >= 0x30 && c <= 0x39) { out[n] = c; n += 1 }
                else if c == 0x2E || c == 0x27 { continue }          // U.S. → us, O'Brien → obrien
                else if n > 0 && out[n - 1] != 0x20 { out[n] = 0x20; n += 1 }
            }
            while n > 0 && out[n - 1] == 0x20 { n -= 1 }
            return n
        }
    }

    /// Appends the key of `scalars` to `out`, collapsing separators.
    static func appendKey<S: Sequence>(of scalars: S, to out: inout [UInt8]) where S.Element == Unicode.Scalar {
        for sc in scalars {
            let v = sc.value
            if v < 0x80 {
                let c = UInt8(v)
                if c >= 0x41 && c <= 0x5A { out.append(c + 32) }
                else if (c >= 0x61 && c <= 0x7A) || (c >= 0x30 && c <= 0x39) { out.append(c) }
                else if c == 0x2E || c == 0x27 { continue }          // U.S. → us, O'Brien → obrien
                else if !out.isEmpty && out.last != 0x20 { out.append(0x20) }
                continue
            }
            if v == 0x2019 || v == 0x2018 { continue }              // curly apostrophes
            if let base = baseLetter(v) {
                for b in base.utf8 { out.append(b) }
                continue
            }
            if sc.properties.isAlphabetic || sc.properties.numericType != nil {
                for l in sc.properties.lowercaseMapping.unicodeScalars {
                    out.append(contentsOf: Array(String(l).utf8))
                }
            } else if !out.isEmpty && out.last != 0x20 {
                out.append(0x20)
            }
        }
    }

    /// Lower-case ASCII base of a Latin letter with a diacritic (Latin-1 Supplement and
    /// Latin Extended-A), or nil.
    static func baseLetter(_ v: UInt32) -> String? {
        switch v {
        case 0xC0...0xC5, 0xE0...0xE5, 0x100...0x105: return "a"
        case 0xC6, 0xE6: return "ae"
        case 0xC7, 0xE7, 0x106...0x10D: return "c"
        case 0x10E...0x111, 0xD0, 0xF0: return "d"
        case 0xC8...0xCB, 0xE8...0xEB, 0x112...0x11B: return "e"
        case 0x11C...0x123: return "g"
        case 0x124...0x127: return "h"
        case 0xCC...0xCF, 0xEC...0xEF, 0x128...0x131: return "i"
        case 0x134, 0x135: return "j"
        case 0x136...0x138: return "k"
        case 0x139...0x142: return "l"
        case 0xD1, 0xF1, 0x143...0x14B: return "n"
        case 0xD2...0xD6, 0xD8, 0xF2...0xF6, 0xF8, 0x14C...0x151: return "o"
        case 0x152, 0x153: return "oe"
        case 0x154...0x159: return "r"
        case 0x15A...0x161: return "s"
        case 0xDF: return "ss"
        case 0x162...0x167: return "t"
        case 0xD9...0xDC, 0xF9...0xFC, 0x168...0x173: return "u"
        case 0x174, 0x175: return "w"
        case 0xDD, 0xFD, 0xFF, 0x176...0x178: return "y"
        case 0x179...0x17E: return "z"
        case 0xDE, 0xFE: return "th"
        default: return nil
        }
    }
}
