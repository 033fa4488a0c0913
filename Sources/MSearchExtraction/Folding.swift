import MSearchAnalysis

/// Case- and accent-insensitive keys for names: "Fernández de Cossío" and "FERNANDEZ DE COSSIO"
/// give the same key, "U.S." and "US" too ("us"). Periods and apostrophes vanish, any other
/// non-alphanumeric character separates words. Latin letters fold as the index folds them
/// (`AccentFolding`), so a name and a query word for it agree.
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
            if let base = AccentFolding.foldedLatinLetter(v) {
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
}
