import Foundation
import Testing
@testable import MSearchSources

/// The byte-level fast path of a JSON Lines line gives exactly what JSONSerialization gives,
/// and leaves to it every line it cannot be sure of.
@Suite struct JSONLineFieldsTests {
    /// Lines the fast path must decode itself: escapes, surrogate pairs, nested values skipped.
    static let decodedLines: [String] = [
        #"{"id": "a", "title": "Plain", "body": "one"}"#,
        #"{"id": "q\"uote", "title": "Tab\there \\ back\/slash", "body": "line\nbreak\r\nand\fform\bfeed"}"#,
        #"{"id": "u1", "title": "\u00e9t\u00e9 \u4e2d\u6587 \u0041", "body": "caf\u00E9"}"#,
        #"{"id": "u2", "title": "Pair \ud83d\ude00 and \uD834\uDD1E", "body": "emoji"}"#,
        #"{"id": "u3", "title": "Nul \u0000 inside", "body": "and \u001f control"}"#,
        #"{"id": "n1", "title": "Nested", "body": "fine", "tags": [{"a": [1, 2.5e-3, true, false, null]}, {}], "more": {"x": "y\"}"}}"#,
        #"{"id": 42, "title": 7, "body": -12, "date": "2023-11-14", "url": "http://e.org/a?b=c&d"}"#,
        #"{"id": null, "title": null, "body": "Null title", "text": "not the body", "lang": "de"}"#,
        #"{"id": "", "title": "Empty id", "body": null, "text": null, "content": "Content", "language": "pt-BR", "link": "http://e.org/l"}"#,
        #"{"id": "e", "title": "", "body": "   "}"#,
        #"  {"id":"spaces","title":"Around","body":"the object"}  "#,
        "{\"id\": \"raw\", \"title\": \"Raw UTF-8 中文 é\", \"body\": \"only bytes\"}\r",
        #"{"other": true, "n": 1.5e10, "id": "x", "title": "Other fields any type", "body": "b"}"#,
        #"{"id": "d", "title": "Dates", "date": null, "body": "none"}"#,
        #"{}"#,
    ]

    /// Lines only JSONSerialization can judge (it accepts some, words the problem of others).
    static let refusedLines: [String] = [
        #"{not json"#,
        #"[1, 2]"#,
        #""just a string""#,
        #"{"id": "j", "title": "Trailing comma", "body": "x",}"#,
        #"{"id": "u", "title": "After garbage", "body": "x"} trailing"#,
        #"{"id": "b", "title": true, "body": "boolean title"}"#,
        #"{"id": 1.50, "title": "Fraction id", "body": "x"}"#,
        #"{"id": -0, "title": "Minus zero", "body": "x"}"#,
        #"{"id": 1234567890123456789, "title": "19 digits", "body": "x"}"#,
        #"{"id": "a", "title": ["array"], "body": "x"}"#,
        #"{"id": "a", "title": {"o": 1}, "body": "x"}"#,
        #"{"id": "a", "date": "1", "date": "2", "body": "duplicate date"}"#,
        #"{"t\u0069tle": "Escaped key", "body": "x"}"#,
        #"{"id": "n", "title": "Lone \ud800 surrogate", "body": "x"}"#,
        #"{"id": "n", "title": "Lone \udc00 low", "body": "x"}"#,
        #"{"id": "m", "title": "Bad escape \x", "body": "x"}"#,
        "{\"id\": \"l\", \"title\": \"Raw\ttab\", \"body\": \"x\"}",
        #"{"id": "p", "title": "Huge", "body": "x", "n": 1e999}"#,
        "{\"id\": \"r\", \"body\": \"deep\", \"x\": " + String(repeating: "[", count: 600) + String(repeating: "]", count: 600) + "}",
    ]

    /// A line's outcome, comparable.
    static func describe(_ line: JSONLinesReader.Line?) -> String {
        switch line {
        case .document(let n, let d)?: return "doc \(n) \(d.id)|\(d.title)|\(d.body)|\(d.date ?? "-")|\(d.url ?? "-")|\(d.languageHint ?? "-")|\(d.dateEvidence ?? "-")"
        case .problem(let n, let reason)?: return "problem \(n) \(reason)"
        case nil: return "nil"
        }
    }

    static func outcomes(_ text: [UInt8]) -> (fast: String, foundation: String, decoded: Bool) {
        text.withUnsafeBufferPointer { line in
            (describe(JSONLinesReader.parseLine(line, lineNo: 3, stem: "f", path: "/f.jsonl")),
             describe(JSONLinesReader.parseLineWithFoundation(line, lineNo: 3, stem: "f", path: "/f.jsonl")),
             JSONLineFields(line) != nil)
        }
    }

    @Test(arguments: decodedLines) func decodedLinesGiveWhatJSONSerializationGives(_ text: String) {
        let o = Self.outcomes(Array(text.utf8))
        #expect(o.decoded)
        #expect(o.fast == o.foundation)
    }

    @Test(arguments: refusedLines) func unsureLinesAreLeftToJSONSerialization(_ text: String) {
        let o = Self.outcomes(Array(text.utf8))
        #expect(!o.decoded)
        #expect(o.fast == o.foundation)
    }

    @Test func invalidUTF8IsLeftToJSONSerialization() {
        let bytes = Array(#"{"id": "x", "title": "Caf"#.utf8) + [0xE9] + Array(#"", "body": "b"}"#.utf8)
        let o = Self.outcomes(bytes)
        #expect(!o.decoded)
        #expect(o.fast == o.foundation)
    }

    @Test func escapesAndSurrogatePairsDecode() throws {
        let line = Array(#"{"title": "\"q\" \\ \/ \b\f\n\r\t \u00e9\u4E2D \ud83d\ude00 \u0000"}"#.utf8)
        let title = try line.withUnsafeBufferPointer { try #require(JSONLineFields($0)).string("title") }
        #expect(title == "\"q\" \\ / \u{08}\u{0C}\n\r\t é中 😀 \u{0}")
    }

    /// `unescape` on its own (the scanner refuses these lines first): a malformed `\u` and a
    /// trailing backslash stay as written, and runs between escapes are copied whole.
    @Test(arguments: [
        (#"a\u12"#, #"a\u12"#), (#"end\"#, #"end\"#), (#"\ud800x"#, #"\ud800x"#),
        (#"long run, then \n and \t, then more"#, "long run, then \n and \t, then more"),
        (#"\u00e9\u00e9\u00e9\u00e9"#, "éééé"), ("", ""),
    ])
    func unescapeKeepsWhatItCannotDecode(_ raw: String, _ expected: String) {
        let bytes = Array(raw.utf8)
        #expect(bytes.withUnsafeBufferPointer { JSONLineFields.unescape($0) } == expected)
    }

    @Test func unescapeRepairsInvalidUTF8() {
        let invalid: [UInt8] = [0x61, 0xFF, 0x5C, 0x6E, 0xE2, 0x82]
        let repaired = String(decoding: [0x61, 0xFF, 0x0A, 0xE2, 0x82] as [UInt8], as: UTF8.self)
        #expect(invalid.withUnsafeBufferPointer { JSONLineFields.unescape($0) } == repaired)
    }

    @Test func malformedLinesKeepTheirLineNumberAndReason() {
        let r = SourceReader.readAll(bytes: Array("{\"id\": \"a\", \"title\": \"ok\"}\n{\"id\": \"b\", \"title\": \"cut\n[1]\n".utf8),
                                     path: "/m.jsonl", format: .jsonl)
        #expect(r.documents.map(\.id) == ["a"])
        #expect(r.problems.map(\.reason).first?.hasPrefix("line 2: invalid JSON") == true)
        #expect(r.problems.map(\.reason).last == "line 3: not a JSON object")
    }
}
