/// A field name the query language knows (`title:`, `body:`, `date:`, `actor:`, `lang:`).
enum FieldName: String, CaseIterable {
    case title, body, date, actor, lang

    /// Field names are case-insensitive: `Title:`, `DATE:`.
    init?(caseInsensitive name: String) {
        self.init(rawValue: name.lowercased())
    }

    /// "title:, body:, date:, actor: and lang:", for hints.
    static var listed: String {
        let names = allCases.map { "\($0.rawValue):" }
        return names.dropLast().joined(separator: ", ") + " and " + names[names.count - 1]
    }
}

/// A word as the user typed it, escapes resolved.
struct Word: Equatable {
    /// The text with backslash escapes resolved and, for a prefix, without the final `*`.
    var text: String
    /// Ended in an unescaped `*`.
    var isPrefix: Bool
    /// Contained at least one backslash escape (such a word is never an operator or a date).
    var hasEscapes: Bool
}

struct Token {
    enum Kind {
        case word(Word)
        case phrase(String, slop: Int)
        /// `name:` (the colon included); the value follows with no space.
        case field(FieldName)
        case openParen, closeParen
        case and, or
        /// `NOT`, or `!` (glued to a clause or standing alone).
        case not
        /// `+` glued to a clause.
        case must
        /// `-` glued to a clause.
        case mustNot
        case end
    }

    var kind: Kind
    /// Unicode scalar offsets of the token in the query: `start..<end`.
    var start: Int
    var end: Int
}

/// Splits a query into tokens on demand, so the first error from the left is the one reported.
///
/// Syntax is recognised on Unicode scalars, not on grapheme clusters: a `(` or `"` followed by a
/// combining mark or a zero-width joiner is still a parenthesis or a quote, as the user sees it
/// (as `Character`s, `"(" + "\u{200C}"` is one character that equals neither). Positions are
/// converted to `Character` offsets when an error is made. Every index is checked against the
/// scalar count before use.
struct QueryLexer {
    let scalars: [Unicode.Scalar]
    let query: String
    private var i = 0
    /// The previous token was a field (`title:`): the next one is its value, where operators
    /// and further fields are not recognised (`title:AND` searches the word AND).
    private var afterField = false

    /// A word needs at least this many letters or digits before a `*`.
    static let minimumPrefixLength = 2

    init(_ query: String) {
        self.query = query
        self.scalars = Array(query.unicodeScalars)
    }

    /// The offset of the `Character` holding the scalar at `scalarOffset` (or `query.count`
    /// past the end). Linear, but only run once, for an error.
    func characterOffset(_ scalarOffset: Int) -> Int {
        var scalarsSeen = 0
        var characters = 0
        for character in query {
            scalarsSeen += character.unicodeScalars.count
            if scalarsSeen > scalarOffset { return characters }
            characters += 1
        }
        return characters
    }

    static func isQuoteOpen(_ c: Unicode.Scalar) -> Bool { c == "\"" || c == "“" || c == "„" }
    static func isQuoteClose(_ c: Unicode.Scalar) -> Bool { c == "\"" || c == "”" || c == "“" }

    /// Ends a word (unless escaped).
    static func isDelimiter(_ c: Unicode.Scalar) -> Bool {
        if c.isASCII {
            return c == " " || c == "(" || c == ")" || c == "\"" || (c.value >= 9 && c.value <= 13)
        }
        return c.properties.isWhitespace || isQuoteOpen(c)
    }

    /// `text` for a message: on one line (whitespace and control characters as spaces), cut to
    /// 40 characters.
    static func excerpt(_ text: String) -> String {
        let cut = text.count <= 40 ? Substring(text) : text.prefix(39)
        let shown = cut.map { QuerySyntaxError.display($0).0 }.joined()
        return text.count <= 40 ? shown : shown + "…"
    }

    /// An error at scalar offset `position`, reported at the character holding it.
    func error(_ message: String, at position: Int, hint: String?) -> QuerySyntaxError {
        let clamped = min(max(position, 0), scalars.count)
        return QuerySyntaxError(message: message, position: characterOffset(clamped), hint: hint, query: query)
    }

    /// The scalars `range` as a string (clamped to the query).
    func text(_ range: Range<Int>) -> String {
        let lo = min(max(range.lowerBound, 0), scalars.count)
        let hi = min(max(range.upperBound, lo), scalars.count)
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars[lo..<hi])
        return String(view)
    }

    var isBlank: Bool { scalars.allSatisfy(\.isSpace) }

    mutating func next() throws(QuerySyntaxError) -> Token {
        let valuePosition = afterField
        afterField = false
        while i < scalars.count, scalars[i].isSpace { i += 1 }
        let start = i
        guard i < scalars.count else { return Token(kind: .end, start: start, end: start) }
        let c = scalars[i]
        if c == "(" {
            i += 1
            return Token(kind: .openParen, start: start, end: i)
        }
        if c == ")" {
            i += 1
            return Token(kind: .closeParen, start: start, end: i)
        }
        if QueryLexer.isQuoteOpen(c) {
            return try phrase()
        }
        if c == "+" || c == "-" || c == "!" {
            if valuePosition {
                let field = previousFieldName(before: start)
                throw error("\(field): can't be followed by \(c)", at: start,
                            hint: c == "+" ? "put + before the field: +\(field):…"
                                           : "put \(c) before the field to exclude: \(c)\(field):…")
            }
            let following: Unicode.Scalar? = i + 1 < scalars.count ? scalars[i + 1] : nil
            if let following, !following.isSpace, following != ")" {
                i += 1
                let kind: Token.Kind = c == "+" ? .must : c == "-" ? .mustNot : .not
                return Token(kind: kind, start: start, end: i)
            }
            if c == "!" {  // a lone `!` is NOT
                i += 1
                return Token(kind: .not, start: start, end: i)
            }
            // A dash or plus standing alone between words ("1987 - a year") is punctuation in
            // pasted prose, as in web search engines: skip it. At the end, or before ")", it is
            // an operator left without its operand.
            var k = i + 1
            while k < scalars.count && scalars[k].isSpace { k += 1 }
            if following != nil && k < scalars.count && scalars[k] != ")" {
                i = k
                return try next()
            }
            throw error("\(c) has nothing after it", at: start,
                        hint: c == "-" ? "glue it to what to exclude (-trump), or write \\- for a dash"
                                       : "glue it to what is required (+cuba), or write \\+ for a plus sign")
        }
        return try word(valuePosition: valuePosition)
    }

    /// The field name just before the colon that ends at `position`, as typed.
    private func previousFieldName(before position: Int) -> String {
        var j = position - 1  // the colon
        while j > 0, scalars[j - 1].isWordLetter { j -= 1 }
        return text(j..<(position - 1))
    }

    /// `"…"` with an optional `~N`. Inside, a backslash escapes any character (`\"`, `\\`).
    private mutating func phrase() throws(QuerySyntaxError) -> Token {
        let start = i
        var j = i + 1
        var text = String.UnicodeScalarView()
        var closed = false
        while j < scalars.count {
            let c = scalars[j]
            if c == "\\", j + 1 < scalars.count {
                text.append(scalars[j + 1])
                j += 2
                continue
            }
            if QueryLexer.isQuoteClose(c) {
                closed = true
                break
            }
            text.append(c)
            j += 1
        }
        guard closed else {
            throw error("unbalanced quote", at: start, hint: "close the phrase with \" or remove it")
        }
        j += 1  // past the closing quote
        let trimmed = String(text).trimmingWhitespace()
        if trimmed.isEmpty {
            throw error("empty phrase", at: start, hint: "put words between the quotes, or remove them")
        }
        var slop = 0
        if j < scalars.count, scalars[j] == "~" {
            let slopStart = j + 1
            var k = slopStart
            var value = 0
            while k < scalars.count, let d = scalars[k].asciiDigitValue {
                value = min(value * 10 + d, 1_000_000)  // saturate: no overflow on 10^20
                k += 1
            }
            let terminated = k >= scalars.count || QueryLexer.isDelimiter(scalars[k])
            if k == slopStart || !terminated || value > 1000 {
                throw error("phrase slop must be a whole number from 0 to 1000", at: slopStart,
                            hint: "e.g. \"visa talks\"~3 finds the words up to 3 moves apart")
            }
            slop = value
            j = k
        }
        i = j
        return Token(kind: .phrase(trimmed, slop: slop), start: start, end: j)
    }

    /// A word, a field name with its colon, or an operator.
    private mutating func word(valuePosition: Bool) throws(QuerySyntaxError) -> Token {
        let start = i
        var j = i
        var text = String.UnicodeScalarView()
        var hasEscapes = false
        var allLetters = true        // unescaped letters only so far (a field name candidate)
        var sawColon = false
        var stars: [Int] = []         // positions of unescaped `*`
        var alphanumerics = 0         // letters and digits (for the prefix length)
        while j < scalars.count {
            let c = scalars[j]
            if QueryLexer.isDelimiter(c) { break }
            if c == "\\" {
                guard j + 1 < scalars.count else {
                    throw error("\\ at the end of the query escapes nothing", at: j,
                                hint: "remove it, or write \\\\ for a backslash")
                }
                let escaped = scalars[j + 1]
                text.append(escaped)
                if escaped.isLetterOrDigit { alphanumerics += 1 }
                hasEscapes = true
                allLetters = false
                j += 2
                continue
            }
            if c == ":", !sawColon {
                sawColon = true
                if allLetters, !text.isEmpty, !valuePosition {
                    let name = String(text)
                    let following: Unicode.Scalar? = j + 1 < scalars.count ? scalars[j + 1] : nil
                    if let field = FieldName(caseInsensitive: name) {
                        guard let following, !following.isSpace, following != ")" else {
                            throw error("nothing after \(name):", at: j + 1,
                                        hint: "write \(name):word with no space after the colon, or \(name)\\: to search for the text")
                        }
                        i = j + 1
                        afterField = true
                        return Token(kind: .field(field), start: start, end: i)
                    }
                    if let following,
                       following.isLetterOrDigit || following == "(" || QueryLexer.isQuoteOpen(following) {
                        throw error("unknown field '\(QueryLexer.excerpt(name))'", at: start,
                                    hint: "fields are \(FieldName.listed); write \(QueryLexer.excerpt(name))\\: to search for the text")
                    }
                }
            }
            if c == "*" { stars.append(j) }
            // A field name is letters, with any combining marks on them (decomposed accents).
            if !(c.isWordLetter && (!text.isEmpty || !c.isMark)) { allLetters = false }
            if c.isLetterOrDigit { alphanumerics += 1 }
            text.append(c)
            j += 1
        }
        i = j
        let word = String(text)
        if !valuePosition, !hasEscapes {
            switch word {
            case "AND", "&&": return Token(kind: .and, start: start, end: j)
            case "OR", "||": return Token(kind: .or, start: start, end: j)
            case "NOT": return Token(kind: .not, start: start, end: j)
            default: break
            }
        }
        var isPrefix = false
        if let firstStar = stars.first {
            if stars.count == 1, firstStar == j - 1, j - 1 > start {
                if alphanumerics < QueryLexer.minimumPrefixLength {
                    throw error("prefix '\(QueryLexer.excerpt(word))' is too short", at: start,
                                hint: "type at least \(QueryLexer.minimumPrefixLength) letters before *, e.g. visa*")
                }
                isPrefix = true
                text.removeLast()
            } else if j - start == 1 {
                throw error("* alone would match every word", at: firstStar,
                            hint: "type at least \(QueryLexer.minimumPrefixLength) letters before *, e.g. visa*, or write \\* for an asterisk")
            } else {
                let misplaced = stars.first(where: { $0 != j - 1 }) ?? firstStar
                throw error("* only works at the end of a word", at: misplaced,
                            hint: "visa* finds words starting with visa; write \\* for an asterisk")
            }
        }
        return Token(kind: .word(Word(text: isPrefix ? String(text) : word, isPrefix: isPrefix, hasEscapes: hasEscapes)),
                     start: start, end: j)
    }
}

extension Unicode.Scalar {
    /// Unicode White_Space, with an ASCII fast path.
    var isSpace: Bool {
        if isASCII { return self == " " || (value >= 9 && value <= 13) }
        return properties.isWhitespace
    }

    /// 0–9 for the ASCII digits, nil for anything else (other scripts' digits included).
    var asciiDigitValue: Int? {
        value >= 48 && value <= 57 ? Int(value - 48) : nil
    }

    var isMark: Bool {
        if isASCII { return false }
        switch properties.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark: return true
        default: return false
        }
    }

    /// A letter, or a mark on one: what field names are made of.
    var isWordLetter: Bool {
        if isASCII { return (value | 0x20) >= 97 && (value | 0x20) <= 122 }
        switch properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter: return true
        default: return isMark
        }
    }

    /// Letters and digits of any script (what a prefix needs two of).
    var isLetterOrDigit: Bool {
        if isASCII { return ((value | 0x20) >= 97 && (value | 0x20) <= 122) || (value >= 48 && value <= 57) }
        switch properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
             .decimalNumber, .letterNumber, .otherNumber: return true
        default: return false
        }
    }
}

extension String {
    func trimmingWhitespace() -> String {
        guard let first = firstIndex(where: { !$0.isWhitespace }),
              let last = lastIndex(where: { !$0.isWhitespace }) else { return "" }
        return String(self[first...last])
    }
}
