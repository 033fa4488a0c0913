/// Splits a document's text (UTF-8 bytes) into word, number and punctuation tokens, logical lines
/// and sentence starts, in one linear pass. Everything the date and actor rules read.
struct TextScanner {
    enum Kind: UInt8 { case word, number, punct }

    struct Token {
        var start: Int
        var end: Int
        var kind: Kind
        /// Punctuation: the character, with curly quotes and dashes normalised (’ → ', “ → ", – → -).
        var punct: UInt32 = 0
        /// Word starts with an upper-case letter.
        var cap = false
        /// Word has at least two letters and no lower-case one ("ICE", "U.S.", "OPEC").
        var allCaps = false
        /// Word has a lower-case letter.
        var hasLower = false
        /// "U.S.", "J.": the token ends with its own period.
        var dotted = false
        /// A single capital and a period: "F." in "Carlos F. de Cossio".
        var initial = false
        /// First word of a sentence, a line, a quotation or after a colon: capitalised there
        /// whether or not it is a name.
        var ambiguous = false
        /// Number: digits grouped with "," or "." ("1,152", "1.15"), or followed by letters ("1980s").
        var grouped = false
        /// Whitespace (or the start of text) right before the token.
        var spaceBefore = true
        /// Logical line (paragraph) index.
        var line = 0
    }

    struct Line {
        var firstToken: Int
        var endToken: Int
        var startByte: Int
        var endByte: Int
    }

    let bytes: [UInt8]
    private(set) var tokens: [Token] = []
    private(set) var lines: [Line] = []

    init(bytes: [UInt8]) {
        self.bytes = bytes
        tokens.reserveCapacity(bytes.count / 5 + 4)
        scan()
    }

    func text(_ t: Token) -> String { String(decoding: bytes[t.start..<t.end], as: UTF8.self) }
    func text(_ i: Int) -> String { text(tokens[i]) }

    /// Lower-cased ASCII text of a short word token, without a final period ("Nov." → "nov"),
    /// or "" for non-ASCII / long words. Written straight into the String's storage: words of up
    /// to 15 bytes become small strings, with no heap allocation (this runs several times a token).
    func lowerASCII(_ i: Int, maxLength: Int = 12) -> String {
        let t = tokens[i]
        var end = t.end
        if end > t.start, bytes[end - 1] == 0x2E { end -= 1 }
        guard end - t.start <= maxLength else { return "" }
        return TextScanner.lowerASCII(bytes, t.start, end, skippingPeriods: false)
    }

    /// Lower-cased `bytes[start..<end]`, optionally without its periods, or "" when not all ASCII.
    static func lowerASCII(_ bytes: [UInt8], _ start: Int, _ end: Int, skippingPeriods: Bool) -> String {
        for j in start..<end where bytes[j] >= 0x80 { return "" }
        return String(unsafeUninitializedCapacity: end - start) { out in
            var n = 0
            for j in start..<end {
                let c = bytes[j]
                if skippingPeriods && c == 0x2E { continue }
                out[n] = c >= 0x41 && c <= 0x5A ? c + 32 : c
                n += 1
            }
            return n
        }
    }

    /// Value of a number token of plain digits (nil for grouped numbers or more than 9 digits).
    func intValue(_ i: Int) -> Int? {
        let t = tokens[i]
        guard t.kind == .number, !t.grouped, t.end - t.start <= 9 else { return nil }
        var v = 0
        for j in t.start..<t.end { v = v * 10 + Int(bytes[j] - 0x30) }
        return v
    }

    func digitCount(_ i: Int) -> Int { tokens[i].end - tokens[i].start }

    /// Tokens i and i+1 touch (no space between).
    func adjacent(_ i: Int) -> Bool { i + 1 < tokens.count && tokens[i].end == tokens[i + 1].start }

    func isPunct(_ i: Int, _ c: UInt32) -> Bool { i >= 0 && i < tokens.count && tokens[i].kind == .punct && tokens[i].punct == c }

    // MARK: scanning

    private static func isASCIILetter(_ c: UInt8) -> Bool { (c | 0x20) >= 0x61 && (c | 0x20) <= 0x7A }
    private static func isDigit(_ c: UInt8) -> Bool { c >= 0x30 && c <= 0x39 }

    /// Decodes the scalar at `i` (invalid bytes read as U+FFFD of length 1).
    private func scalar(at i: Int) -> (UInt32, Int) {
        let b0 = bytes[i]
        if b0 < 0x80 { return (UInt32(b0), 1) }
        let n = bytes.count
        func cont(_ k: Int) -> UInt32? {
            guard i + k < n, bytes[i + k] & 0xC0 == 0x80 else { return nil }
            return UInt32(bytes[i + k] & 0x3F)
        }
        if b0 & 0xE0 == 0xC0, let c1 = cont(1) {
            let v = (UInt32(b0 & 0x1F) << 6) | c1
            return v >= 0x80 ? (v, 2) : (0xFFFD, 1)
        }
        if b0 & 0xF0 == 0xE0, let c1 = cont(1), let c2 = cont(2) {
            let v = (UInt32(b0 & 0x0F) << 12) | (c1 << 6) | c2
            return v >= 0x800 && !(0xD800...0xDFFF).contains(v) ? (v, 3) : (0xFFFD, 1)
        }
        if b0 & 0xF8 == 0xF0, let c1 = cont(1), let c2 = cont(2), let c3 = cont(3) {
            let v = (UInt32(b0 & 0x07) << 18) | (c1 << 12) | (c2 << 6) | c3
            return v >= 0x10000 && v <= 0x10FFFF ? (v, 4) : (0xFFFD, 1)
        }
        return (0xFFFD, 1)
    }

    private enum CharClass { case space, newline, upper, lower, otherLetter, digit, mark, punct }

    /// The scalar at `i`, its length and its class; ASCII is decided on the byte alone, since
    /// this runs once per byte of every document.
    @inline(__always)
    private func character(at i: Int) -> (UInt32, Int, CharClass) {
        let b = bytes[i]
        if b < 0x80 { return (UInt32(b), 1, TextScanner.asciiClass(b)) }
        let (v, len) = scalar(at: i)
        return (v, len, classify(v))
    }

    @inline(__always)
    private static func asciiClass(_ c: UInt8) -> CharClass {
        switch c {
        case 0x0A: return .newline
        case 0x41...0x5A: return .upper
        case 0x61...0x7A: return .lower
        case 0x30...0x39: return .digit
        case 0x00..<0x20, 0x7F: return .space   // also tab, CR, VT, FF and other controls
        case 0x20: return .space
        default: return .punct
        }
    }

    private func classify(_ v: UInt32) -> CharClass {
        if v < 0x80 { return TextScanner.asciiClass(UInt8(v)) }
        if v == 0xA0 || (0x2000...0x200B).contains(v) || v == 0x202F || v == 0x205F || v == 0x3000 || v == 0xFEFF { return .space }
        if v == 0x2028 || v == 0x2029 || v == 0x85 { return .newline }
        guard let sc = Unicode.Scalar(v) else { return .punct }
        let p = sc.properties
        if p.isUppercase { return .upper }
        if p.isLowercase { return .lower }
        if p.generalCategory == .nonspacingMark || p.generalCategory == .spacingMark { return .mark }
        if p.isAlphabetic { return .otherLetter }
        if p.numericType == .decimal { return .otherLetter }   // non-ASCII digits ("１") read as word characters
        return .punct
    }

    private static func normalisePunct(_ v: UInt32) -> UInt32 {
        switch v {
        case 0x2018, 0x2019, 0x201A, 0x201B, 0x2032, 0x60, 0xB4: return 0x27
        case 0x201C, 0x201D, 0x201E, 0x201F, 0x2033, 0xAB, 0xBB: return 0x22
        case 0x2010, 0x2011, 0x2012, 0x2013, 0x2014, 0x2015, 0x2212: return 0x2D
        case 0x2026: return 0x2E
        default: return v
        }
    }

    private mutating func scan() {
        let n = bytes.count
        var i = 0
        var line = 0
        var lineStartByte = 0
        var sentenceStart = true      // next word is at an ambiguous position
        var maybeSentenceEnd = false  // after an abbreviation's period: ends a sentence if a function word follows
        var spaceBefore = true
        var lineFirstToken = 0

        func closeLine(at byte: Int) {
            lines.append(Line(firstToken: lineFirstToken, endToken: tokens.count, startByte: lineStartByte, endByte: byte))
            lineFirstToken = tokens.count
            line += 1
        }

        while i < n {
            let (v, len, cls) = character(at: i)
            switch cls {
            case .space:
                spaceBefore = true
                i += len
            case .newline:
                // Documents come from the readers with wrapped lines already joined: every
                // newline ends a paragraph.
                if tokens.count > lineFirstToken || i > lineStartByte { closeLine(at: i) }
                lineStartByte = i + len
                sentenceStart = true
                maybeSentenceEnd = false
                spaceBefore = true
                i += len
            case .upper, .lower, .otherLetter, .mark:
                i = scanWord(at: i, line: line, ambiguous: sentenceStart, maybeEnd: maybeSentenceEnd, spaceBefore: spaceBefore)
                sentenceStart = false
                maybeSentenceEnd = false
                let t = tokens[tokens.count - 1]
                if t.dotted && !t.initial {
                    let w = lowerASCII(tokens.count - 1)
                    if !w.isEmpty { maybeSentenceEnd = true }
                }
                spaceBefore = false
            case .digit:
                i = scanNumber(at: i, line: line, spaceBefore: spaceBefore)
                sentenceStart = false
                maybeSentenceEnd = false
                spaceBefore = false
            case .punct:
                let p = TextScanner.normalisePunct(v)
                var t = Token(start: i, end: i + len, kind: .punct)
                t.punct = p; t.spaceBefore = spaceBefore; t.line = line
                tokens.append(t)
                i += len
                switch p {
                case 0x2E, 0x21, 0x3F: // . ! ?
                    let prev = tokens.count >= 2 ? tokens[tokens.count - 2] : nil
                    if p == 0x2E, let prev, prev.kind == .word, prev.end == t.start {
                        if prev.initial { break }
                        let w = lowerASCII(tokens.count - 2)
                        if Words.abbreviations.contains(w) { maybeSentenceEnd = true; break }
                        if prev.end - prev.start == 1, prev.cap { break }   // "J ." without space is rare
                    }
                    if p == 0x2E, let prev, prev.kind == .number, i < n, TextScanner.isDigit(bytes[i]) { break }
                    sentenceStart = true
                case 0x3A, 0x22, 0x28, 0x5B, 0x2022, 0xBF, 0xA1, 0x7C:  // : " ( [ • ¿ ¡ |
                    if p == 0x22 || p == 0x28 || p == 0x5B {
                        // an opening quote or bracket (before a word) starts a quotation
                        if spaceBefore || tokens.count == lineFirstToken + 1 { sentenceStart = true }
                    } else {
                        sentenceStart = true
                    }
                case 0x2D:
                    if tokens.count == lineFirstToken + 1 || (spaceBefore && i < n && (bytes[i] == 0x20)) {
                        // a dash opening a line or standing between spaces ("— Carlos …", "Havana - The …")
                        if tokens.count == lineFirstToken + 1 { sentenceStart = true }
                    }
                default: break
                }
                spaceBefore = false
            }
        }
        if tokens.count > lineFirstToken || n > lineStartByte { closeLine(at: n) }
    }

    private mutating func scanWord(at start: Int, line: Int, ambiguous: Bool, maybeEnd: Bool, spaceBefore: Bool) -> Int {
        let n = bytes.count
        var i = start
        var letters = 0, uppers = 0, lowers = 0
        var firstUpper: Bool? = nil
        var dotted = false
        var initial = false
        while i < n {
            let (v, len, cls) = character(at: i)
            switch cls {
            case .upper, .lower, .otherLetter, .mark, .digit:
                if cls == .upper { uppers += 1 } else if cls == .lower { lowers += 1 }
                if cls != .mark && cls != .digit {
                    if firstUpper == nil { firstUpper = cls == .upper }
                    letters += 1
                }
                i += len
                continue
            default: break
            }
            // inside-word punctuation
            let c = v
            if c == 0x27 || c == 0x2019 {
                // O'Brien / possessive 's / contractions
                let after = i + len
                if after < n {
                    let (v2, l2, cls2) = character(at: after)
                    if cls2 == .upper || cls2 == .lower {
                        let isS = (v2 == 0x73 || v2 == 0x53) && (after + l2 >= n || !isWordChar(after + l2))
                        if isS { break }   // possessive: the word ends here
                        i = after; continue
                    }
                }
                break
            }
            if c == 0x2D || c == 0x2010 || c == 0x2011 {
                // hyphenated word: Díaz-Canel, al-Assad, COVID-19
                let after = i + len
                if after < n, isWordChar(after) { i = after; continue }
                break
            }
            if c == 0x2E {
                let after = i + 1
                if letters <= 2 && lowers == 0 && uppers >= 1 && i - start <= 4 {
                    // U.S. / U.K. / E.C. / J.
                    if after < n, TextScanner.isASCIILetter(bytes[after]), after + 1 < n, bytes[after + 1] == 0x2E {
                        i = after; dotted = true; continue
                    }
                    if after < n, TextScanner.isASCIILetter(bytes[after]), after + 1 < n, TextScanner.isASCIILetter(bytes[after + 1]) {
                        // "S.Africa" – rare; treat the dot as a boundary
                        break
                    }
                    i = after
                    dotted = true
                    if letters == 1 && !initialContinues(start) { initial = true }
                    if letters == 1 { initial = true }
                    break
                }
                if after < n, bytes[after] >= 0x61, bytes[after] <= 0x7A, letters >= 2 {
                    // workpermit.com, pic.twitter.com
                    i = after; continue
                }
                break
            }
            break
        }
        if i == start { i = start + scalar(at: start).1 }   // a lone mark
        var t = Token(start: start, end: i, kind: .word)
        t.cap = firstUpper == true
        t.allCaps = uppers >= 2 && lowers == 0
        t.hasLower = lowers > 0
        t.dotted = dotted
        t.initial = initial && !(letters == 1 && dotted && uppers == 0)
        t.ambiguous = ambiguous || (maybeEnd && t.cap && Words.stop.contains(lowerASCIIRaw(start, i)))
        t.spaceBefore = spaceBefore
        t.line = line
        if dotted && letters >= 2 { t.initial = false; t.allCaps = lowers == 0 }
        if dotted && letters == 1 { t.allCaps = false }
        tokens.append(t)
        return i
    }

    private func initialContinues(_ start: Int) -> Bool { false }

    private func isWordChar(_ i: Int) -> Bool {
        switch character(at: i).2 {
        case .upper, .lower, .otherLetter, .mark, .digit: return true
        default: return false
        }
    }

    private func lowerASCIIRaw(_ s: Int, _ e: Int) -> String {
        TextScanner.lowerASCII(bytes, s, e, skippingPeriods: true)
    }

    private mutating func scanNumber(at start: Int, line: Int, spaceBefore: Bool) -> Int {
        let n = bytes.count
        var i = start
        var grouped = false
        while i < n {
            let c = bytes[i]
            if TextScanner.isDigit(c) { i += 1; continue }
            if (c == 0x2C || c == 0x2E), i + 1 < n, TextScanner.isDigit(bytes[i + 1]), i > start {
                // 1,152 / 1.15 — but not "2023." at a sentence end, nor "14.11.2023" (kept as a unit too)
                grouped = true; i += 1; continue
            }
            break
        }
        // 1980s, 14th, 3rd, 10am, H1B-like
        var j = i
        while j < n, TextScanner.isASCIILetter(bytes[j]) { j += 1 }
        if j > i { grouped = true; i = j }
        if i == start { i = start + 1 }   // never stall
        var t = Token(start: start, end: i, kind: .number)
        t.grouped = grouped
        t.spaceBefore = spaceBefore
        t.line = line
        tokens.append(t)
        return i
    }
}
