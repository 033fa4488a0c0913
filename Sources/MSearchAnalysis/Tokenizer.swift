/// A token as found in the input, before normalisation: byte range, and whether it is pure ASCII
/// (which selects the fast, cache-free normalisation path).
struct RawToken {
    var start: Int
    var end: Int
    var isASCII: Bool
    /// One Han, kana or Hangul character: scripts written without spaces between words, which
    /// the analyzer joins into overlapping bigrams (`CJKBigrams`).
    var isCJK = false
    /// A run of Thai, Lao, Khmer or Myanmar letters, marks and digits, of any length: the
    /// analyzer splits it into words with ICU (`ComplexScriptWords`).
    var isComplexScript = false
}

/// Splits UTF-8 bytes into tokens: maximal runs of letters, digits and combining marks, with an
/// apostrophe (' or U+2019) kept between two letters. Everything else, including invalid UTF-8,
/// separates. Works on raw bytes with a class table so the hot loop neither allocates nor decodes
/// ASCII. Tokens longer than `maxTokenBytes` are skipped entirely. A Han, kana or Hangul
/// character is a token of its own (a run of them would be one giant token); a run of Thai, Lao,
/// Khmer or Myanmar is one token of any length, which the analyzer splits into words.
struct Tokenizer {
    static let maxTokenBytes = 64

    private let base: UnsafePointer<UInt8>
    private let count: Int
    private let table: UnsafePointer<UInt8>
    private var index = 0

    init(_ text: UnsafeBufferPointer<UInt8>) {
        // An empty buffer may have no base address; any valid pointer with count 0 will do.
        self.base = text.baseAddress ?? CharacterClass.table
        self.count = text.baseAddress == nil ? 0 : text.count
        self.table = CharacterClass.table
    }

    /// Class and byte length of the character at `i` (`i < count`). Invalid UTF-8 yields a
    /// one-byte separator so scanning resumes at the next byte.
    @inline(__always)
    private func classAt(_ i: Int) -> (cls: UInt8, length: Int) {
        let (cls, length, _, _) = classAndScriptAt(i)
        return (cls, length)
    }

    /// `classAt`, and whether the character is CJK (`CJKBigrams.isCJK`) or of a script
    /// written without spaces that ICU splits (`ComplexScriptWords.isComplexScript`).
    @inline(__always)
    private func classAndScriptAt(_ i: Int) -> (cls: UInt8, length: Int, cjk: Bool, complex: Bool) {
        let b = base[i]
        if b < 0x80 { return (table[Int(b)], 1, false, false) }
        let (value, length) = UTF8Scanning.decodeMultiByte(base, i, count)
        if length == 0 { return (CharacterClass.separator, 1, false, false) }
        let cls = value < 0x10000 ? table[Int(value)] : CharacterClass.classify(value)
        return (cls, length, CJKBigrams.isCJK(value), ComplexScriptWords.isComplexScript(value))
    }

    /// The end of the run of complex-script letters, marks and digits starting at `i`.
    @inline(__always)
    private func complexScriptRunEnd(from i: Int) -> Int {
        var j = i
        while j < count {
            let (cls, length, _, complex) = classAndScriptAt(j)
            guard complex, cls == CharacterClass.letter || cls == CharacterClass.digit || cls == CharacterClass.mark else { break }
            j &+= length
        }
        return j
    }

    /// The next token of at most `maxTokenBytes` bytes, or nil at the end of the input.
    @inline(__always)
    mutating func next() -> RawToken? {
        let p = base, n = count, table = self.table
        var i = index
        while i < n {
            // Skip separators (and marks or apostrophes that cannot start a token).
            var cls: UInt8
            var length: Int
            let b = p[i]
            if b < 0x80 {
                cls = table[Int(b)]; length = 1
                if cls != CharacterClass.letter && cls != CharacterClass.digit { i &+= 1; continue }
            } else {
                let cjk: Bool, complex: Bool
                (cls, length, cjk, complex) = classAndScriptAt(i)
                if cls != CharacterClass.letter && cls != CharacterClass.digit { i &+= length; continue }
                if cjk {
                    index = i &+ length
                    return RawToken(start: i, end: i &+ length, isASCII: false, isCJK: true)
                }
                if complex {
                    let end = complexScriptRunEnd(from: i)
                    index = end
                    return RawToken(start: i, end: end, isASCII: false, isComplexScript: true)
                }
            }

            let start = i
            var isASCII = b < 0x80
            var afterLetter = cls == CharacterClass.letter
            i &+= length
            scan: while i < n {
                let c = p[i]
                if c < 0x80 {
                    let k = table[Int(c)]
                    if k == CharacterClass.letter { afterLetter = true; i &+= 1; continue }
                    if k == CharacterClass.digit { afterLetter = false; i &+= 1; continue }
                    if k == CharacterClass.apostrophe && afterLetter && i &+ 1 < n
                        && classAt(i &+ 1).cls == CharacterClass.letter {
                        i &+= 1; afterLetter = false; continue
                    }
                    break scan
                }
                let (k, len, cjk, complex) = classAndScriptAt(i)
                if cjk || complex { break scan }
                switch k {
                case CharacterClass.letter: afterLetter = true
                case CharacterClass.digit: afterLetter = false
                case CharacterClass.mark: break   // a mark extends the previous character
                case CharacterClass.apostrophe:
                    guard afterLetter, i &+ len < n, classAt(i &+ len).cls == CharacterClass.letter else { break scan }
                    afterLetter = false
                default: break scan
                }
                isASCII = false
                i &+= len
            }
            if i &- start <= Tokenizer.maxTokenBytes {
                index = i
                return RawToken(start: start, end: i, isASCII: isASCII)
            }
        }
        index = n
        return nil
    }
}
