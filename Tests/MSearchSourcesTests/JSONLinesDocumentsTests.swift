import Foundation
import Testing
import MSearchTestSupport
@testable import MSearchSources

/// A JSON Lines file's documents found one at a time (for `--store none` indexes) are exactly
/// the documents a full read gives, at the same ordinals, whatever the lines hold.
@Suite struct JSONLinesDocumentsTests {
    /// Lines that yield a document, lines that yield none, and lines only a parse can judge.
    static let trickyLines: [String] = [
        #"{"id": "a", "title": "First", "body": "one"}"#,
        "",
        "   \t ",
        #"{not json"#,
        #"[1, 2]"#,
        #""just a string""#,
        #"{"id": "b", "title": "", "body": "   "}"#,
        #"{"id": "c", "title": "\u00a0", "body": "\n"}"#,
        #"{"id": "d", "title": "Second", "body": "two"}"#,
        #"{"id": "a", "title": "Duplicate of the first", "body": "dropped"}"#,
        #"{"id": "e", "title": "", "body": ""}"#,
        #"{"id": "e", "title": "E counts here", "body": "the first e had no text"}"#,
        #"{"title": "No id", "body": "named after its line"}"#,
        #"{"id": null, "title": "Null id", "body": "also named after its line"}"#,
        #"{"id": "", "title": "Empty id", "body": "named after its line too"}"#,
        #"{"id": "  spaced \t id  ", "title": "Spaced id", "body": "collapsed"}"#,
        #"{"id": "spaced id", "title": "Same id once collapsed", "body": "dropped"}"#,
        #"{"id": 42, "title": "Numeric id", "body": "forty-two"}"#,
        #"{"id": "42", "title": "Same id as a string", "body": "dropped"}"#,
        #"{"id": -0, "title": "Minus zero", "body": "is 0"}"#,
        #"{"id": 1.50, "title": "Decimal id", "body": "1.5"}"#,
        #"{"id": 123456789012345678901234, "title": "Huge id", "body": "a double"}"#,
        #"{"id": "x\/y", "title": "Escaped slash", "body": "x/y"}"#,
        #"{"id": "x/y", "title": "Same id unescaped", "body": "dropped"}"#,
        #"{"id": "\u00e9t\u00e9", "title": "Escaped accents", "body": "été"}"#,
        "{\"id\": \"e\u{301}te\u{301}\", \"title\": \"Decomposed, canonically the same id\", \"body\": \"dropped\"}",
        #"{"t\u0069tle": "Escaped key", "body": "still a title"}"#,
        #"{"id": "f", "title": "Dropped title", "title": "Last title wins", "body": "dup keys"}"#,
        #"{"id": "g", "title": "Null body", "body": null, "text": "text instead"}"#,
        #"{"id": "h", "title": "", "body": 7}"#,
        #"{"id": "i", "title": 12, "body": ""}"#,
        #"{"id": "j", "title": "Trailing comma", "body": "accepted",}"#,
        "{\"id\": \"k\", \"title\": \"Carriage return\", \"body\": \"crlf\"}\r",
        "{\"id\": \"l\", \"title\": \"Raw\ttab\", \"body\": \"invalid\"}",
        #"{"id": "m", "title": "Bad escape \x", "body": "invalid"}"#,
        #"{"id": "n", "title": "Lone \ud800 surrogate", "body": "invalid"}"#,
        #"{"id": "o", "title": "Pair \ud83d\ude00", "body": "valid"}"#,
        #"{"id": "p", "title": "Huge number", "body": "invalid", "n": 1e999}"#,
        #"{"id": "q", "title": "Nested", "body": "fine", "tags": [{"a": [1, 2.5e-3, true, false, null]}, {}], "more": {"x": "y"}}"#,
        "{\"id\": \"r\", \"title\": \"Deep\", \"body\": \"too deep\", \"x\": " + String(repeating: "[", count: 600) + String(repeating: "]", count: 600) + "}",
        "{\"id\": \"s\", \"title\": \"Fairly deep\", \"body\": \"fine\", \"x\": " + String(repeating: "[", count: 100) + String(repeating: "]", count: 100) + "}",
        #"{"id": "extra#43", "title": "Explicit id equal to a later generated one", "body": "taken"}"#,
        #"{"title": "Generated id extra#43 is taken", "body": "dropped"}"#,
        #"{"id": "t", "title": "中文标题", "body": "只有中文"}"#,
        #"{"id": "u", "title": "After garbage", "body": "still found"} trailing"#,
        #"{"id": "v", "content": "Content as the body"}"#,
        #"{"id": "w", "title": "A", "body": "B"}"#,
    ]

    /// The tricky lines with invalid UTF-8 in an id and in a title, the last line without "\n".
    static func trickyFile() -> [UInt8] {
        var bytes = Array(trickyLines.joined(separator: "\n").utf8) + [0x0A]
        bytes += Array(#"{"id": "bad"#.utf8) + [0xFF] + Array(#"", "title": "Bad UTF-8 in the id", "body": "repaired"}"#.utf8) + [0x0A]
        bytes += Array(#"{"id": "bad"#.utf8) + [0xFE] + Array(#"", "title": "Repaired the same way", "body": "dropped"}"#.utf8) + [0x0A]
        bytes += Array(#"{"id": "y", "title": "Caf"#.utf8) + [0xE9] + Array(#"", "body": "latin-1 byte"}"#.utf8) + [0x0A]
        bytes += Array(#"{"id": "z", "title": "Last", "body": "no newline"}"#.utf8)
        return bytes
    }

    /// Every document, fetched one at a time, against a full read of the same bytes.
    static func expectSameAsFullRead(_ bytes: [UInt8], path: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let whole = SourceReader.readAll(bytes: bytes, path: path, format: .jsonl).documents
        let documents = try #require(JSONLinesDocuments(bytes: bytes, path: path), sourceLocation: sourceLocation)
        #expect(documents.count == whole.count, sourceLocation: sourceLocation)
        for (ordinal, expected) in whole.enumerated() {
            #expect(documents.document(at: ordinal) == expected, "ordinal \(ordinal)", sourceLocation: sourceLocation)
        }
        #expect(documents.document(at: whole.count) == nil && documents.document(at: -1) == nil, sourceLocation: sourceLocation)
    }

    @Test func eachDocumentIsTheFullReadsAtItsOrdinal() throws {
        let bytes = JSONLinesDocumentsTests.trickyFile()
        try JSONLinesDocumentsTests.expectSameAsFullRead(bytes, path: "/data/extra.jsonl")
        // The lines that yield no document or a dropped one do shift the ordinals.
        let whole = SourceReader.readAll(bytes: bytes, path: "/data/extra.jsonl", format: .jsonl)
        #expect(whole.documents.count > 25 && whole.problems.count > 15)
        // With a BOM, and with Windows line ends, too.
        try JSONLinesDocumentsTests.expectSameAsFullRead([0xEF, 0xBB, 0xBF] + bytes, path: "/data/bom.jsonl")
        try JSONLinesDocumentsTests.expectSameAsFullRead(Array(String(decoding: bytes, as: UTF8.self).replacingOccurrences(of: "\n", with: "\r\n").utf8), path: "/data/crlf.jsonl")
    }

    @Test func aFileAFullReadRefusesHasNoDocuments() {
        #expect(JSONLinesDocuments(bytes: Array("  \n\n".utf8), path: "/data/empty.jsonl") == nil)
        #expect(JSONLinesDocuments(bytes: Array(#"{"id": "a", "title": "x"}"#.utf8) + [0, 0x0A], path: "/data/nul.jsonl") == nil)
    }

    /// Whenever the scanner is sure, the parse agrees: it yields a document, under that id.
    @Test func theScannerIsOnlySureWhenTheParseAgrees() throws {
        var sure = 0
        let bytes = JSONLinesDocumentsTests.trickyFile()
        bytes.withUnsafeBufferPointer { buf in
            JSONLinesReader.forEachLine(buf, firstLine: 1) { line, number in
                guard case .document(let id) = JSONLineScanner.scan(line) else { return }
                sure += 1
                let parsed = JSONLinesReader.parseLine(line, lineNo: number, stem: "extra", path: "/data/extra.jsonl")
                guard case .document(_, let doc)? = parsed else { Issue.record("line \(number) yields no document"); return }
                let raw: String
                switch id {
                case .none: raw = ""
                case .string(let r), .integer(let r): raw = String(decoding: UnsafeBufferPointer(rebasing: line[r]), as: UTF8.self)
                }
                let expected = collapseWhitespace(raw)
                #expect(doc.id == (expected.isEmpty ? "extra#\(number)" : expected), "line \(number)")
            }
        }
        // Ordinary lines are judged without a parse, which is the point.
        #expect(sure >= 20)
        let ordinary = #"{"id": "1", "title": "BAHIA COCOA REVIEW", "date": "1987-02-26", "body": "Showers continued\nthe \"Bahia\" cocoa zone", "topics": ["cocoa"], "people": [], "n": -12.5}"#
        let verdict = Array(ordinary.utf8).withUnsafeBufferPointer { JSONLineScanner.scan($0) }
        #expect(verdict == .document(id: .string(8..<9)))
    }

    /// Random lines built from valid and broken pieces, in many files.
    @Test func randomFilesGiveWhatAFullReadGives() throws {
        var rng = SplitMix64(seed: 20261122)
        let ids = [#""a""#, #""b""#, #""a ""#, "7", "-3", "0", #""""#, "null", #""\u0061""#, #""extra#3""#, "true", #""c\"d""#]
        let texts = [#""Words here""#, #""""#, #""  ""#, #""\n\t""#, #""Été""#, "5", "null", #""x\u00e9""#, #""naïve""#, "[1]", #""\ud83d\ude00 ok""#]
        let keys = ["id", "title", "body", "text", "content", "date", "other", "t\\u0069tle"]
        let noise = ["", "   ", "{", "}", "[]", "{}", "{\"id\": \"a\"", "nul", "{\"title\": \"x\" \"body\": \"y\"}", "{\"title\": \"x\",}"]
        for _ in 0..<60 {
            var lines: [String] = []
            for _ in 0..<Int.random(in: 5...40, using: &rng) {
                if Int.random(in: 0..<8, using: &rng) == 0 { lines.append(noise.randomElement(using: &rng)!); continue }
                var fields: [String] = []
                for _ in 0..<Int.random(in: 0...5, using: &rng) {
                    let key = keys.randomElement(using: &rng)!
                    let value = key == "id" ? ids.randomElement(using: &rng)! : texts.randomElement(using: &rng)!
                    fields.append("\"\(key)\": \(value)")
                }
                lines.append("{" + fields.joined(separator: ", ") + "}")
            }
            try JSONLinesDocumentsTests.expectSameAsFullRead(Array(lines.joined(separator: "\n").utf8), path: "/data/extra.jsonl")
        }
    }
}
