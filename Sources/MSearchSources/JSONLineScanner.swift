#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Tells from a JSON Lines line's bytes, without a JSON parser, that it yields a document and
/// under which id, for the lines it can be sure about; the others are left to
/// `JSONLinesReader.parseLine`. That is what lets `JSONLinesDocuments` find a file's k-th
/// document without parsing the lines before it (on Reuters the scan costs about a 25th of
/// the parse).
///
/// Sure means: the line is strictly valid JSON (RFC 8259, nothing JSONSerialization might refuse:
/// nesting under 64, numbers without long exponents, surrogate escapes only in pairs); it is an
/// object whose keys have no escapes and whose `id`, `title`, `body`, `text`, `content`, `date`,
/// `url`, `link`, `lang` and `language` appear at most once; those are strings or null (an integer id too); the title or the body has a plain
/// ASCII letter or digit, so it cannot collapse to nothing; and the id is a string without escapes
/// or an integer. Then the parse would give exactly that id: invalid UTF-8 is repaired the same
/// way in the whole line as in the id alone, since repair never touches ASCII bytes like quotes.
enum JSONLineScanner {
    enum Verdict: Equatable {
        /// The line yields a document; `id` is the raw id before whitespace collapse.
        case document(id: ID)
        /// Only a parse can tell (this includes lines that yield no document).
        case unsure
    }

    enum ID: Equatable {
        /// No id, or null: the document is named after the line.
        case none
        /// The bytes between the quotes (no escapes).
        case string(Range<Int>)
        /// An integer literal, which JSONSerialization gives as the same digits.
        case integer(Range<Int>)
    }

    static func scan(_ line: UnsafeBufferPointer<UInt8>) -> Verdict {
        guard let base = line.baseAddress else { return .unsure }
        var c = Cursor(p: base, n: line.count)
        guard let fields = c.topLevelObject() else { return .unsure }
        return fields.verdict(line)
    }

    /// The top-level fields of a strictly valid line (see above), for `JSONLineFields` to decode;
    /// nil when only a parse can tell.
    static func fields(_ line: UnsafeBufferPointer<UInt8>) -> Fields? {
        guard let base = line.baseAddress else { return nil }
        var c = Cursor(p: base, n: line.count)
        return c.topLevelObject()
    }

    /// A top-level value the verdict (or a document) depends on.
    enum Value {
        case string(Range<Int>, escaped: Bool)
        case integer(Range<Int>)
        case null
        case other
    }

    /// The top-level fields a document depends on (`JSONLinesReader.parseLine` reads these keys).
    struct Fields {
        var id, title, body, text, content: Value?
        var date, url, link, lang, language: Value?

        func verdict(_ line: UnsafeBufferPointer<UInt8>) -> Verdict {
            // The title, and the body as `string("body") ?? string("text") ?? string("content")`.
            var visible = false
            switch title {
            case .string(let r, _)?: visible = hasPlainAlphanumeric(line, r)
            case .null?, nil: break
            default: return .unsure
            }
            bodyChain: for value in [body, text, content] {
                switch value {
                case .string(let r, _)?: visible = visible || hasPlainAlphanumeric(line, r); break bodyChain
                case .null?, nil: continue
                default: return .unsure
                }
            }
            guard visible else { return .unsure }
            switch id {
            case .string(let r, let escaped)?: return escaped ? .unsure : .document(id: .string(r))
            case .integer(let r)?:
                // "-0" becomes "0"; more than 18 digits may become a Double.
                let digits = line[r.lowerBound] == UInt8(ascii: "-") ? r.count - 1 : r.count
                if line[r.lowerBound] == UInt8(ascii: "-") && line[r.lowerBound + 1] == UInt8(ascii: "0") { return .unsure }
                return digits <= 18 ? .document(id: .integer(r)) : .unsure
            case .null?, nil: return .document(id: .none)
            case .other?: return .unsure
            }
        }

        /// Whether the string has an ASCII letter or digit outside its escapes.
        private func hasPlainAlphanumeric(_ line: UnsafeBufferPointer<UInt8>, _ r: Range<Int>) -> Bool {
            var i = r.lowerBound
            while i < r.upperBound {
                let b = line[i]
                if b == UInt8(ascii: "\\") { i += line[i + 1] == UInt8(ascii: "u") ? 6 : 2; continue }
                if isASCIILetter(b) || isDigit(b) { return true }
                i += 1
            }
            return false
        }
    }

    /// A strict JSON reader that only skips; every method returns false (or nil) when unsure.
    struct Cursor {
        let p: UnsafePointer<UInt8>
        let n: Int
        var i = 0
        static let maxDepth = 64

        mutating func topLevelObject() -> Fields? {
            skipSpace()
            guard i < n, p[i] == UInt8(ascii: "{") else { return nil }
            i += 1
            skipSpace()
            var fields = Fields()
            if i < n, p[i] == UInt8(ascii: "}") {
                i += 1
            } else {
                while true {
                    guard i < n, p[i] == UInt8(ascii: "\"") else { return nil }
                    let keyStart = i + 1
                    var escaped = false
                    guard string(escaped: &escaped), !escaped else { return nil }
                    let key = UnsafeBufferPointer(start: p + keyStart, count: i - 1 - keyStart)
                    skipSpace()
                    guard i < n, p[i] == UInt8(ascii: ":") else { return nil }
                    i += 1
                    skipSpace()
                    guard let value = topLevelValue() else { return nil }
                    guard Cursor.set(key, value, in: &fields) else { return nil }
                    skipSpace()
                    guard i < n else { return nil }
                    if p[i] == UInt8(ascii: ",") { i += 1; skipSpace(); continue }
                    guard p[i] == UInt8(ascii: "}") else { return nil }
                    i += 1
                    break
                }
            }
            skipSpace()
            return i == n ? fields : nil
        }

        /// Records a relevant key's value; false when the key was already seen (the last would win).
        static func set(_ key: UnsafeBufferPointer<UInt8>, _ value: Value, in fields: inout Fields) -> Bool {
            func put(_ slot: inout Value?) -> Bool {
                if slot != nil { return false }
                slot = value
                return true
            }
            if matches(key, "id") { return put(&fields.id) }
            if matches(key, "title") { return put(&fields.title) }
            if matches(key, "body") { return put(&fields.body) }
            if matches(key, "text") { return put(&fields.text) }
            if matches(key, "content") { return put(&fields.content) }
            if matches(key, "date") { return put(&fields.date) }
            if matches(key, "url") { return put(&fields.url) }
            if matches(key, "link") { return put(&fields.link) }
            if matches(key, "lang") { return put(&fields.lang) }
            if matches(key, "language") { return put(&fields.language) }
            return true
        }

        @inline(__always) static func matches(_ key: UnsafeBufferPointer<UInt8>, _ word: StaticString) -> Bool {
            key.count == word.utf8CodeUnitCount && memcmp(key.baseAddress!, word.utf8Start, key.count) == 0
        }

        /// A value of the top-level object, kept as what the verdict needs.
        mutating func topLevelValue() -> Value? {
            guard i < n else { return nil }
            let start = i
            switch p[i] {
            case UInt8(ascii: "\""):
                var escaped = false
                guard string(escaped: &escaped) else { return nil }
                return .string((start + 1)..<(i - 1), escaped: escaped)
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                var integer = false
                guard number(integer: &integer) else { return nil }
                return integer ? .integer(start..<i) : .other
            case UInt8(ascii: "n"):
                guard literal("null") else { return nil }
                return .null
            default:
                return value(depth: 1) ? .other : nil
            }
        }

        mutating func value(depth: Int) -> Bool {
            guard i < n, depth < Cursor.maxDepth else { return false }
            switch p[i] {
            case UInt8(ascii: "\""): var escaped = false; return string(escaped: &escaped)
            case UInt8(ascii: "{"): return container(close: UInt8(ascii: "}"), keyed: true, depth: depth)
            case UInt8(ascii: "["): return container(close: UInt8(ascii: "]"), keyed: false, depth: depth)
            case UInt8(ascii: "t"): return literal("true")
            case UInt8(ascii: "f"): return literal("false")
            case UInt8(ascii: "n"): return literal("null")
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): var integer = false; return number(integer: &integer)
            default: return false
            }
        }

        /// A nested object or array, without trailing commas.
        mutating func container(close: UInt8, keyed: Bool, depth: Int) -> Bool {
            i += 1
            skipSpace()
            if i < n, p[i] == close { i += 1; return true }
            while true {
                if keyed {
                    guard i < n, p[i] == UInt8(ascii: "\"") else { return false }
                    var escaped = false
                    guard string(escaped: &escaped) else { return false }
                    skipSpace()
                    guard i < n, p[i] == UInt8(ascii: ":") else { return false }
                    i += 1
                    skipSpace()
                }
                guard value(depth: depth + 1) else { return false }
                skipSpace()
                guard i < n else { return false }
                if p[i] == UInt8(ascii: ",") { i += 1; skipSpace(); continue }
                guard p[i] == close else { return false }
                i += 1
                return true
            }
        }

        /// A string from its opening quote; quotes, backslashes and control characters are
        /// looked for eight bytes at a time, since string contents are most of a line.
        mutating func string(escaped: inout Bool) -> Bool {
            i += 1
            while true {
                while i + 8 <= n {
                    let w = UnsafeRawPointer(p + i).loadUnaligned(as: UInt64.self)
                    let special = Cursor.below(w, 0x20) | Cursor.below(w ^ 0x2222_2222_2222_2222, 1)
                        | Cursor.below(w ^ 0x5C5C_5C5C_5C5C_5C5C, 1)
                    // Little-endian: the first byte in memory is the lowest.
                    if special != 0 { i += special.trailingZeroBitCount >> 3; break }
                    i += 8
                }
                while i < n, p[i] >= 0x20, p[i] != UInt8(ascii: "\""), p[i] != UInt8(ascii: "\\") { i += 1 }
                guard i < n else { return false }
                switch p[i] {
                case UInt8(ascii: "\""): i += 1; return true
                case UInt8(ascii: "\\"): escaped = true; guard escape() else { return false }
                default: return false   // a control character
                }
            }
        }

        /// The high bit of each byte of `w` below `limit` (≤ 0x80); exact up to the first such
        /// byte, which is all the caller uses.
        @inline(__always) static func below(_ w: UInt64, _ limit: UInt64) -> UInt64 {
            (w &- limit &* 0x0101_0101_0101_0101) & ~w & 0x8080_8080_8080_8080
        }

        /// An escape from its backslash; surrogates only as a high-low pair.
        mutating func escape() -> Bool {
            guard i + 1 < n else { return false }
            switch p[i + 1] {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"), UInt8(ascii: "f"),
                 UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
                i += 2
                return true
            case UInt8(ascii: "u"):
                guard let unit = hex4(at: i + 2) else { return false }
                i += 6
                if unit >= 0xDC00 && unit <= 0xDFFF { return false }
                if unit >= 0xD800 && unit <= 0xDBFF {
                    guard i + 1 < n, p[i] == UInt8(ascii: "\\"), p[i + 1] == UInt8(ascii: "u"),
                          let low = hex4(at: i + 2), low >= 0xDC00 && low <= 0xDFFF else { return false }
                    i += 6
                }
                return true
            default:
                return false
            }
        }

        func hex4(at j: Int) -> UInt32? {
            guard j + 4 <= n else { return nil }
            var v: UInt32 = 0
            for k in j..<(j + 4) {
                guard let d = hexValue(p[k]) else { return nil }
                v = v << 4 | d
            }
            return v
        }

        /// A number; `integer` when it has no fraction or exponent. Long literals and exponents
        /// of more than two digits are refused: JSONSerialization fails on what a Double cannot hold.
        mutating func number(integer: inout Bool) -> Bool {
            let start = i
            if p[i] == UInt8(ascii: "-") { i += 1 }
            guard i < n, isDigit(p[i]) else { return false }
            if p[i] == UInt8(ascii: "0") { i += 1 } else { skipDigits() }
            integer = true
            if i < n, p[i] == UInt8(ascii: ".") {
                integer = false
                i += 1
                guard i < n, isDigit(p[i]) else { return false }
                skipDigits()
            }
            guard i - start <= 40 else { return false }
            if i < n, p[i] | 0x20 == UInt8(ascii: "e") {
                integer = false
                i += 1
                if i < n, p[i] == UInt8(ascii: "+") || p[i] == UInt8(ascii: "-") { i += 1 }
                let digits = i
                skipDigits()
                guard i > digits, i - digits <= 2 else { return false }
            }
            return true
        }

        mutating func skipDigits() { while i < n, isDigit(p[i]) { i += 1 } }

        mutating func literal(_ word: StaticString) -> Bool {
            let count = word.utf8CodeUnitCount
            guard i + count <= n, memcmp(p + i, word.utf8Start, count) == 0 else { return false }
            i += count
            return true
        }

        /// JSON's whitespace (a line has no "\n", but a "\r" before it).
        mutating func skipSpace() {
            while i < n, p[i] == 0x20 || p[i] == 0x09 || p[i] == 0x0D || p[i] == 0x0A { i += 1 }
        }
    }
}
