import Foundation
import Testing
import MSearchTestSupport
@testable import MSearchSources

/// Large JSON Lines files are read a piece at a time: the pieces stay small whatever the file's
/// size, and together they give exactly what reading the file whole gives.
@Suite struct StreamingTests {
    /// A JSON Lines file of `lines` articles (about 600 bytes each), with a bad line and a
    /// duplicate id far apart so they fall in different pieces.
    static func corpus(lines: Int) -> [UInt8] {
        var text = ""
        text.reserveCapacity(lines * 650)
        let words = ["oil", "prices", "wheat", "trade", "bank", "rates", "grain", "shipping", "talks", "export"]
        for i in 0..<lines {
            if i == lines / 3 { text += "{not json\n"; continue }
            let id = i == 2 * lines / 3 ? "doc-5" : "doc-\(i)"
            let body = (0..<90).map { words[($0 * 7 + i) % words.count] }.joined(separator: " ")
            text += #"{"id": "\#(id)", "title": "Story \#(i) \#(words[i % 10])", "date": "1987-03-0\#(1 + i % 9)", "body": "\#(body)"}"# + "\n"
        }
        return Array(text.utf8)
    }

    @Test func piecesAreBoundedAndGiveWhatAWholeReadGives() throws {
        let dir = TemporaryDirectory()
        let bytes = StreamingTests.corpus(lines: 20_000)
        let path = try dir.write("big.jsonl", bytes: bytes)
        #expect(bytes.count > 10 << 20)
        let whole = SourceReader.readAll(fileAt: path)
        let stream = try #require(try JSONLinesStream.open(path: path, maxLineBytes: 1 << 20))
        var documents: [SourceDocument] = [], problems: [SourceProblem] = []
        var pieces = 0, largest = 0
        while let piece = try stream.next(targetBytes: 64 << 10) {
            pieces += 1
            largest = max(largest, piece.bytes.count)
            let parsed = JSONLinesStream.parse(piece, path: path)
            problems += parsed.problems
            for (var doc, line) in zip(parsed.documents, parsed.lines) {
                if let p = stream.accept(&doc, line: line) { problems.append(p) } else { documents.append(doc) }
            }
        }
        // Chunk by chunk: no piece is more than the target plus one read, whatever the file size.
        #expect(pieces > 30)
        #expect(largest <= (64 << 10) + (256 << 10) + 1024)
        #expect(documents == whole.documents)
        #expect(documents.count == 19_998)
        #expect(problems.map(\.reason) == whole.problems.map(\.reason))
        #expect(problems.count == 2)
    }

    @Test func anOverlongLineIsSkippedNotBuffered() throws {
        let dir = TemporaryDirectory()
        var text = #"{"id": "a", "title": "First", "body": "one"}"# + "\n"
        text += #"{"id": "b", "title": "Huge", "body": ""# + String(repeating: "x", count: 3 << 20) + "\"}\n"
        text += #"{"id": "c", "title": "Last", "body": "three"}"# + "\n"
        let path = try dir.write("long.jsonl", text)
        let stream = try #require(try JSONLinesStream.open(path: path, maxLineBytes: 1 << 20))
        var ids: [String] = [], reasons: [String] = []
        while let piece = try stream.next(targetBytes: 1024) {
            #expect(piece.bytes.count < 1 << 20)
            let parsed = JSONLinesStream.parse(piece, path: path)
            ids += parsed.documents.map(\.id)
            reasons += parsed.problems.map(\.reason)
        }
        #expect(ids == ["a", "c"])
        #expect(reasons == ["line 2: longer than 1 MB, skipped"])
    }

    @Test func gzipAndUTF16AreNotStreamed() throws {
        let dir = TemporaryDirectory()
        #expect(try JSONLinesStream.open(path: try dir.write("z.jsonl", bytes: [0x1F, 0x8B, 0x08, 0]), maxLineBytes: 1 << 20) == nil)
        #expect(try JSONLinesStream.open(path: try dir.write("u.jsonl", bytes: [0xFF, 0xFE, 0x7B, 0]), maxLineBytes: 1 << 20) == nil)
    }

    @Test func binaryContentStopsTheStreamWithAProblem() throws {
        let dir = TemporaryDirectory()
        // Past the first 8 KB, which are checked as any text file's start is.
        var bytes: [UInt8] = []
        for i in 0..<300 { bytes += Array((#"{"id": "a\#(i)", "title": "First", "body": "one"}"# + "\n").utf8) }
        bytes += [0x7B, 0x00, 0x7D, 0x0A]
        let path = try dir.write("bin.jsonl", bytes: bytes)
        let stream = try #require(try JSONLinesStream.open(path: path, maxLineBytes: 1 << 20))
        var ids: [String] = [], reasons: [String] = []
        while let piece = try stream.next(targetBytes: 1024) {
            let parsed = JSONLinesStream.parse(piece, path: path)
            ids += parsed.documents.map(\.id)
            reasons += parsed.problems.map(\.reason)
        }
        #expect(ids.count == 300)
        #expect(reasons == ["line 301: binary content (NUL bytes); the rest of the file is skipped"])
    }
}
