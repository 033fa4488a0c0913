/// Chinese, Japanese and Korean text as Lucene's CJKAnalyzer indexes it: overlapping bigrams of
/// adjacent Han, kana and Hangul characters ("移民問題" → 移民, 民問, 問題), a lone character as
/// itself. Words are not separated by spaces in these scripts and no stemmer applies, so a
/// bigram is the unit a query word and a document share without a dictionary; a query of
/// several characters becomes a phrase of its bigrams.
enum CJKBigrams {
    /// Han (CJK Unified Ideographs and extensions, compatibility ideographs), Hiragana,
    /// Katakana and Hangul syllables.
    @inline(__always)
    static func isCJK(_ v: UInt32) -> Bool {
        switch v {
        case 0x3040...0x30FF, 0x31F0...0x31FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xAC00...0xD7AF,
             0xF900...0xFAFF, 0xFF66...0xFF9F, 0x20000...0x3134F: return true
        default: return false
        }
    }

    /// Joins a stream of one-character CJK tokens into bigrams: `add` each token, `flush` at a
    /// non-CJK token and at the end; `emit` gets each bigram's (or lone character's) range.
    struct Joiner {
        private var pending: RawToken?
        private var emittedPair = false

        mutating func add(_ token: RawToken, _ emit: (RawToken) -> Void) {
            if let previous = pending, previous.end == token.start {
                emit(RawToken(start: previous.start, end: token.end, isASCII: false, isCJK: true))
                emittedPair = true
            } else {
                flush(emit)
            }
            pending = token
        }

        mutating func flush(_ emit: (RawToken) -> Void) {
            if let previous = pending, !emittedPair { emit(previous) }
            pending = nil
            emittedPair = false
        }
    }
}
