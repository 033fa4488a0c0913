/// What role a Unicode scalar plays in a word. The tokenizer looks classes up in a table so the
/// hot loop never touches `Unicode.Scalar.Properties` for ASCII or the rest of the BMP.
enum CharacterClass {
    static let separator: UInt8 = 0
    /// Alphabetic, not a combining mark: can start a token and licenses a following apostrophe.
    static let letter: UInt8 = 1
    /// Numeric, not alphabetic: can start a token.
    static let digit: UInt8 = 2
    /// Combining mark (Mn/Mc): continues a token but never starts one.
    static let mark: UInt8 = 3
    /// ' or U+2019: inside a token only between two letters ("don't", "Cuba's").
    static let apostrophe: UInt8 = 4

    /// Classifies one scalar from its Unicode properties (slow; use `table` for the BMP).
    static func classify(_ value: UInt32) -> UInt8 {
        guard let scalar = Unicode.Scalar(value) else { return separator }
        if value == 0x27 || value == 0x2019 { return apostrophe }
        let properties = scalar.properties
        switch properties.generalCategory {
        case .nonspacingMark, .spacingMark: return mark
        default: break
        }
        if properties.isAlphabetic { return letter }
        if properties.numericType != nil { return digit }
        return separator
    }

    /// Class of every BMP scalar (surrogates are separators), built once per process (64 KB).
    /// Filled from `runs`, generated into the source from `classify`: asking Unicode properties
    /// for all 65,536 scalars cost a cold query about 53 M instructions, a quarter of it.
    /// Deliberately leaked: it lives as long as the process.
    static let table: UnsafePointer<UInt8> = {
        let table = UnsafeMutablePointer<UInt8>.allocate(capacity: 0x10000)
        let runs = CharacterClass.runs
        for k in runs.indices {
            let start = Int(runs[k] >> 8), end = k + 1 < runs.count ? Int(runs[k + 1] >> 8) : 0x10000
            (table + start).initialize(repeating: UInt8(truncatingIfNeeded: runs[k]), count: end - start)
        }
        return UnsafePointer(table)
    }()
}
