import CCLD2Shim

/// Which language a document is written in: Google's Compact Language Detector 2 (libcld2,
/// through the `CCLD2Shim` C shim) on a bounded prefix of its text, unless the source declared
/// a plausible language itself. Stateless and thread-safe (CLD2 keeps no state between calls).
public enum LanguageIdentifier {
    /// CLD2 scores every letter it is given (its script scanner and quadgram lookups are most of
    /// a default index build's language cost), and an article's language is settled within its
    /// first kilobyte (about 170 words): on the 407 declared-language pages of
    /// `Benchmarks/language-id.py` 1 KB and 4 KB agree as often with the declaration (400 and
    /// 399), and of 43,566 documents of Reuters, BBC, 20 Newsgroups and the HTML sets 3 changed
    /// language, all of them written in two (Benchmarks/PERFORMANCE.md).
    public static let prefixBytes = 1024
    /// Below this many letter bytes (about 20 words) CLD2's answers are guesses (a line of
    /// place names reads as Portuguese): the index's default language wins.
    public static let minimumTextBytes = 128
    /// A text with at least this percentage in the default language is mixed (an English
    /// report quoting German company names): the default language wins.
    public static let mixedPercent = 30

    /// Text on which CLD2 overrules a declared language it disagrees with: pages keep a
    /// template's `lang="en"` over articles in other languages, and a declaration is checked
    /// against the text only where the text is long enough to be sure of.
    public static let overruleTextBytes = 512
    public static let overrulePercent = 80

    /// CLD2's answer on a text: a lower-case primary language code ("en", "es", "zh"), the
    /// percentage of the text's letters in it, and how many letter bytes CLD2 scored.
    public struct Detection: Equatable, Sendable {
        public var language: String
        public var percent: Int
        public var textBytes: Int
        /// The percentage of the text in each language CLD2 ranked (its top three).
        public var percents: [String: Int] = [:]
    }

    /// What CLD2 says of `text` (UTF-8) when it is reliable and covers most of the text, else
    /// nil. Reads at most `prefixBytes`, cut back to a character boundary.
    public static func detection(_ text: UnsafeBufferPointer<UInt8>) -> Detection? {
        guard let base = text.baseAddress, text.count > 0 else { return nil }
        var length = min(text.count, prefixBytes)
        // Do not cut a UTF-8 sequence: back up over continuation bytes.
        while length < text.count && length > 0 && text[length] & 0xC0 == 0x80 { length -= 1 }
        let result = base.withMemoryRebound(to: CChar.self, capacity: length) {
            cld2_shim_detect($0, Int32(length))
        }
        let percents = withUnsafeBytes(of: result.percents) { Array($0.bindMemory(to: Int32.self)) }
        var first: String?
        var byLanguage: [String: Int] = [:]
        withUnsafeBytes(of: result.codes) { raw in
            for i in 0..<min(3, percents.count) {
                let code = String(decoding: raw[(i * 16)..<(i * 16 + 16)].prefix(while: { $0 != 0 }), as: UTF8.self)
                guard let language = LanguageCode.primary(code) else { continue }
                if i == 0 { first = language }
                byLanguage[language, default: 0] += Int(percents[i])
            }
        }
        guard result.reliable != 0, result.textBytes >= minimumTextBytes, let first, percents[0] >= 50 else { return nil }
        return Detection(language: first, percent: Int(percents[0]), textBytes: Int(result.textBytes), percents: byLanguage)
    }

    /// The detected language code of `text`, or nil (see `detection`).
    public static func detect(_ text: UnsafeBufferPointer<UInt8>) -> String? { detection(text)?.language }

    /// `detect` for a String.
    public static func detect(_ text: String) -> String? {
        var text = text
        return text.withUTF8 { detect($0) }
    }

    /// The language of a document: its source's declared language when that is a language code
    /// (`hint`: HTML `lang`/`xml:lang`, `Content-Language`, RSS `<language>`, JSON Lines `lang`)
    /// and the text does not clearly say otherwise, else CLD2's reliable answer on its text, else
    /// `fallback` (the index's default language).
    public static func documentLanguage(hint: String?, text: UnsafeBufferPointer<UInt8>, fallback: String) -> String {
        let declared = hint.flatMap(LanguageCode.primary)
        guard let found = detection(text) else { return declared ?? fallback }
        if declared == nil, found.language != fallback, found.percents[fallback, default: 0] >= mixedPercent { return fallback }
        guard let declared, declared != found.language else { return found.language }
        let sure = found.textBytes >= overruleTextBytes && found.percent >= overrulePercent
        return sure ? found.language : declared
    }
}

/// Language codes as the index keeps them: the primary subtag of a BCP 47 tag, lower-cased,
/// two or three ASCII letters ("pt-BR" → "pt", "EN_us" → "en"), packed into a number for the
/// `language` column.
public enum LanguageCode {
    /// The primary subtag of `tag` when it is 2–3 letters, else nil (so "x-klingon", "",
    /// "english" or "und" are not languages: "und" is BCP 47's "undetermined").
    public static func primary(_ tag: String) -> String? {
        let trimmed = tag.utf8.drop(while: { $0 == 0x20 || $0 == 0x09 })
        let subtag = trimmed.prefix(while: { $0 != UInt8(ascii: "-") && $0 != UInt8(ascii: "_") && $0 != 0x20 && $0 != 0x09 && $0 != UInt8(ascii: ",") && $0 != UInt8(ascii: ";") })
        guard (2...3).contains(subtag.count) else { return nil }
        var out: [UInt8] = []
        for b in subtag {
            let lower = b | 0x20
            guard lower >= UInt8(ascii: "a") && lower <= UInt8(ascii: "z") else { return nil }
            out.append(lower)
        }
        let code = String(decoding: out, as: UTF8.self)
        return code == "und" || code == "mul" || code == "zxx" ? nil : code
    }

    /// A code as a column value: five bits per letter, 0 for none.
    public static func pack(_ code: String) -> UInt32 {
        var value: UInt32 = 0
        for b in code.utf8.prefix(3) {
            value = value << 5 | UInt32(b &- UInt8(ascii: "a") &+ 1) & 31
        }
        return value
    }

    /// The code a column value stands for ("" for 0).
    public static func unpack(_ value: UInt32) -> String {
        var letters: [UInt8] = []
        var v = value
        while v != 0 && letters.count < 3 {
            letters.append(UInt8(ascii: "a") &+ UInt8(truncatingIfNeeded: (v & 31) &- 1))
            v >>= 5
        }
        return String(decoding: letters.reversed(), as: UTF8.self)
    }
}
