import Foundation

/// Case mapping and accent folding of non-ASCII words: the one accent folder of msearch (the
/// index's terms and, through `foldedLatinLetter`, the extraction's name keys). This path is slow
/// (String + Foundation normalisation) and only runs for tokens containing non-ASCII bytes, once
/// per distinct token; the analyzer caches its results.
public enum AccentFolding {
    /// Letters that carry no canonical decomposition but which readers treat as a plain letter
    /// (or pair) with a stroke, ligature or special shape.
    static let replacements: [Unicode.Scalar: String] = [
        "ß": "ss", "ẞ": "SS", "æ": "ae", "Æ": "AE", "ø": "o", "Ø": "O", "ł": "l", "Ł": "L",
        "đ": "d", "Đ": "D", "ð": "d", "Ð": "D", "œ": "oe", "Œ": "OE", "þ": "th", "Þ": "TH",
        "ı": "i", "ħ": "h", "Ħ": "H", "ŀ": "l", "Ŀ": "L", "ŧ": "t", "Ŧ": "T", "ŋ": "n", "Ŋ": "N",
        "ĳ": "ij", "Ĳ": "IJ", "ſ": "s", "ƀ": "b", "ƒ": "f", "ɨ": "i", "ʉ": "u",
        "ﬀ": "ff", "ﬁ": "fi", "ﬂ": "fl", "ﬃ": "ffi", "ﬄ": "ffl", "ﬅ": "st", "ﬆ": "st",
    ]

    /// Combining diacritics as produced by canonical decomposition of Latin, Greek and Cyrillic
    /// letters. Marks of other scripts (Indic vowel signs, kana voicing, Hebrew points) are kept,
    /// because dropping them changes the word rather than removing an accent.
    @inline(__always)
    static func isDiacritic(_ value: UInt32) -> Bool {
        (0x0300...0x036F).contains(value) || (0x1AB0...0x1AFF).contains(value)
            || (0x1DC0...0x1DFF).contains(value) || (0x20D0...0x20FF).contains(value)
            || (0xFE20...0xFE2F).contains(value)
    }

    /// Lower-cases (when asked), folds accents (when asked) and maps U+2019 to ', returning the
    /// NFC-composed UTF-8 bytes. `word` must be valid UTF-8 (the tokenizer guarantees it).
    public static func normalize(_ word: UnsafeBufferPointer<UInt8>, lowercase: Bool, fold: Bool) -> [UInt8] {
        let text = String(decoding: word, as: UTF8.self)
        var mapped = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if scalar == "\u{2019}" {
                mapped.append("'")
            } else if lowercase && !scalar.isASCII {
                mapped.append(contentsOf: scalar.properties.lowercaseMapping.unicodeScalars)
            } else if lowercase && scalar.value >= 0x41 && scalar.value <= 0x5A {
                mapped.append(Unicode.Scalar(scalar.value + 0x20)!)
            } else {
                mapped.append(scalar)
            }
        }
        var result = String(mapped)
        if fold {
            var folded = String.UnicodeScalarView()
            for scalar in result.decomposedStringWithCanonicalMapping.unicodeScalars {
                if isDiacritic(scalar.value) { continue }
                if let replacement = replacements[scalar] {
                    folded.append(contentsOf: replacement.unicodeScalars)
                } else {
                    folded.append(scalar)
                }
            }
            result = String(folded)
        }
        return Array(result.precomposedStringWithCanonicalMapping.utf8)
    }

    /// The lower-cased, folded form of a letter of Latin-1 Supplement or Latin Extended-A
    /// (U+00C0…U+017F) as `normalize` gives it ("É" → "e", "ß" → "ss", "Œ" → "oe"), or nil
    /// outside that range and for its two signs (× and ÷). From a table made once, so a caller
    /// that folds on bytes (name keys) folds as the index does without Foundation per letter.
    @inline(__always)
    public static func foldedLatinLetter(_ value: UInt32) -> String? {
        guard value >= 0xC0, value <= 0x17F else { return nil }
        return latinLetterFolds[Int(value - 0xC0)]
    }

    private static let latinLetterFolds: [String?] = (UInt32(0xC0)...0x17F).map { value in
        guard let scalar = Unicode.Scalar(value), scalar.properties.isAlphabetic else { return nil }
        let bytes = Array(String(scalar).utf8)
        return String(decoding: bytes.withUnsafeBufferPointer { normalize($0, lowercase: true, fold: true) }, as: UTF8.self)
    }
}
