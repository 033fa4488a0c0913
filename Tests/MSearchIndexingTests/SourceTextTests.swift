import Foundation
import MSearchIndex
import MSearchIndexing
import MSearchSources
import Testing
import MSearchTestSupport

/// `--store none`: the text re-read from a source file (the index's `UnstoredText` asking
/// `SourceText`) is the text a full read of it gives, and none once the file changed.
@Suite struct SourceTextTests {
    /// A JSON Lines file whose documents are interleaved with lines that yield none (blank, bad
    /// JSON, no text, a duplicate id), so ordinals and line numbers part ways.
    static func jsonLines() -> String {
        var lines: [String] = []
        for i in 0..<300 {
            switch i % 7 {
            case 1: lines.append("")
            case 3: lines.append("{bad json \(i)")
            case 4: lines.append(#"{"id": "empty\#(i)", "title": "", "body": " "}"#)
            case 5: lines.append(#"{"id": "doc0", "title": "Duplicate", "body": "dropped"}"#)
            default: lines.append(#"{"id": "doc\#(i)", "title": "Title \#(i)", "body": "Body of \#(i),\nsecond \"paragraph\"."}"#)
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static func catalog(for path: String, documents: [SourceDocument]) throws -> SourceCatalog {
        let bytes = try FileBytes.read(path: path)
        var catalog = SourceCatalog()
        catalog.entries[path] = .init(size: bytes.count, modified: 0, hash: SourceCatalog.hash(bytes), ids: documents.map(\.id))
        return catalog
    }

    /// What the store keeps of a document: no title, no body.
    static func stored(_ doc: SourceDocument) -> SourceDocument {
        var stored = doc
        stored.title = ""
        stored.body = ""
        return stored
    }

    @Test func jsonLinesDocumentsAtAnyOrdinalEqualAFullRead() throws {
        let dir = TemporaryDirectory()
        let path = try dir.write("news.jsonl", SourceTextTests.jsonLines())
        let whole = SourceReader.readAll(fileAt: path).documents
        #expect(whole.count == 128)
        let text = UnstoredText(catalog: try SourceTextTests.catalog(for: path, documents: whole), provider: SourceText())
        // Out of order, so each is found on its own, not by walking on from the last.
        for ordinal in [127, 0, 1, 2, 5, 60, 59, 100, 126] {
            let expected = whole[ordinal]
            #expect(text.text(for: SourceTextTests.stored(expected)) == expected, "ordinal \(ordinal)")
        }
        // Every one, in order, as an export asks for them.
        for expected in whole { #expect(text.text(for: SourceTextTests.stored(expected)) == expected) }
    }

    @Test func aChangedFileGivesNoText() throws {
        let dir = TemporaryDirectory()
        let path = try dir.write("news.jsonl", SourceTextTests.jsonLines())
        let whole = SourceReader.readAll(fileAt: path).documents
        let catalog = try SourceTextTests.catalog(for: path, documents: whole)
        // Same size, one byte different.
        var bytes = try FileBytes.read(path: path)
        bytes[bytes.count - 3] = UInt8(ascii: "x")
        try dir.write("news.jsonl", bytes: bytes)
        #expect(UnstoredText(catalog: catalog, provider: SourceText()).text(for: SourceTextTests.stored(whole[3])) == nil)
    }
}
