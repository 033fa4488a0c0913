import Foundation
import MSearchTestSupport
import Testing
@testable import MSearchSources

@Suite struct SourceFormatTests {
    @Test func extensionsMapCaseInsensitively() {
        #expect(SourceFormat.forPath("a/b/notes.TXT") == .text)
        #expect(SourceFormat.forPath("x.md") == .text)
        #expect(SourceFormat.forPath("x.markdown") == .text)
        #expect(SourceFormat.forPath("x.text") == .text)
        #expect(SourceFormat.forPath("page.HTM") == .html)
        #expect(SourceFormat.forPath("page.xhtml") == .html)
        #expect(SourceFormat.forPath("feed.rss") == .xml)
        #expect(SourceFormat.forPath("feed.Atom") == .xml)
        #expect(SourceFormat.forPath("data.xml") == .xml)
        #expect(SourceFormat.forPath("reut2-000.sgm") == .reuters)
        #expect(SourceFormat.forPath("x.sgml") == .reuters)
        #expect(SourceFormat.forPath("x.jsonl") == .jsonl)
        #expect(SourceFormat.forPath("x.ndjson") == .jsonl)
        #expect(SourceFormat.forPath("page.html.gz") == .html)
        #expect(SourceFormat.forPath("x.pdf") == nil)
        #expect(SourceFormat.forPath("README") == nil)
        #expect(SourceFormat.forPath(".md") == nil)
        #expect(SourceFormat.forPath("x.gz") == nil)
    }

    @Test func stems() {
        #expect(SourceFormat.stem("/a/b/page.html") == "page")
        #expect(SourceFormat.stem("page.html.gz") == "page")
        #expect(SourceFormat.stem("a.b.txt") == "a.b")
    }
}

@Suite struct TextReaderTests {
    @Test func firstNonEmptyLineIsTitle() throws {
        let docs = try readDocs("note-1.txt", "\n\n  My Title  \nfirst line of\nthe first paragraph.\n\nSecond paragraph.\n")
        #expect(docs.count == 1)
        let d = try #require(docs.first)
        #expect(d.id == "note-1")
        #expect(d.title == "My Title")
        #expect(d.body == "first line of the first paragraph.\nSecond paragraph.")
        #expect(d.format == .text)
        #expect(d.date == nil)
    }

    @Test func aFirstLineThatIsAPageLabelIsNoTitle() throws {
        let labelled = try #require(try readDocs("v.txt", "Related videos:\n\nHarbour reopens\nThe harbour reopened.\n").first)
        #expect(labelled.title == "Harbour reopens")
        #expect(labelled.body == "The harbour reopened.")
        let caption = try #require(try readDocs("a.txt", "ADVERTISEMENT\nHarbour reopens\nBody.\n").first)
        #expect(caption.title == "Harbour reopens")
        // A headline with a colon inside, or a long line ending in one, stays the title.
        #expect(try readDocs("h.txt", "Iraq: the facts\nBody.\n").first?.title == "Iraq: the facts")
        #expect(try readDocs("s.txt", "The minister said on Monday the following:\nBody.\n").first?.title
                == "The minister said on Monday the following:")
        // A file of nothing but a label keeps it as its title rather than becoming empty.
        #expect(try readDocs("only.txt", "Share this\n").first?.title == "Share this")
        #expect(UILabel.isLabel("Share this") && UILabel.isLabel("Most read:") && !UILabel.isLabel("Share prices fall"))
    }

    @Test func markdownMarkupIsRemoved() throws {
        let md = """
        # A *Markdown* Title

        Some **bold** text with a [link](http://example.com) and `code`.
        - item one
        - item two

        ![alt text](img.png)
        """
        let d = try #require(try readDocs("doc.md", md).first)
        #expect(d.title == "A *Markdown* Title")
        #expect(d.body == "Some bold text with a link and code.\nitem one\nitem two\nalt text")
    }

    @Test func invalidUTF8IsRepairedNotRejected() throws {
        let dir = TemporaryDirectory("sources")
        let p = try dir.write("latin.txt", bytes: Array("Caf".utf8) + [0xE9] + Array(" au lait\nbody text \u{00FC}ber".utf8))
        let d = try #require(try SourceReader.read(fileAt: p).first)
        #expect(d.title == "Caf\u{FFFD} au lait")
        #expect(d.body == "body text über")
    }

    @Test func utf16WithBOMIsDecoded() throws {
        let dir = TemporaryDirectory("sources")
        var bytes: [UInt8] = [0xFF, 0xFE]
        for u in "Titel\nKörper".utf16 { bytes.append(UInt8(u & 0xFF)); bytes.append(UInt8(u >> 8)) }
        let d = try #require(try SourceReader.read(fileAt: dir.write("u16.txt", bytes: bytes)).first)
        #expect(d.title == "Titel")
        #expect(d.body == "Körper")
    }

    @Test func gzipIsLookedThrough() throws {
        // "Hello\nWorld\n" gzipped
        let gz: [UInt8] = [0x1f, 0x8b, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x02, 0x03, 0xf3, 0x48, 0xcd, 0xc9, 0xc9,
                           0xe7, 0x0a, 0xcf, 0x2f, 0xca, 0x49, 0xe1, 0x02, 0x00, 0x31, 0x83, 0x58, 0xdb, 0x0c, 0x00,
                           0x00, 0x00]
        let dir = TemporaryDirectory("sources")
        let d = try #require(try SourceReader.read(fileAt: dir.write("hello.txt.gz", bytes: gz)).first)
        #expect(d.id == "hello")
        #expect(d.title == "Hello")
        #expect(d.body == "World")
        // Truncated gzip is a problem, not a crash.
        #expect(throws: SourceProblem.self) { try SourceReader.read(fileAt: try! dir.write("bad.txt.gz", bytes: Array(gz.prefix(15)))) }
    }
}

@Suite struct BadInputTests {
    func reason(_ name: String, _ bytes: [UInt8]) -> String? {
        let dir = TemporaryDirectory("sources")
        let r = SourceReader.readAll(fileAt: try! dir.write(name, bytes: bytes))
        #expect(r.documents.isEmpty)
        return r.problems.first?.reason
    }

    @Test(arguments: ["e.txt", "e.html", "e.xml", "e.sgm", "e.jsonl"])
    func emptyFiles(_ name: String) {
        #expect(reason(name, []) == "empty file")
        #expect(reason(name, Array(" \n\t\n".utf8)) == "empty file")
    }

    @Test(arguments: ["b.txt", "b.html", "b.xml", "b.sgm", "b.jsonl"])
    func binaryFiles(_ name: String) {
        let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52]
        #expect(reason(name, png + Array(repeating: 0x41, count: 100)) == "binary content (NUL bytes)")
        let controls = (0..<400).map { UInt8($0 % 8 + 1) }
        #expect(reason(name, controls) == "binary content (control bytes)")
    }

    @Test func problemsNameTheFile() throws {
        let dir = TemporaryDirectory("sources")
        let p = try dir.write("empty.txt", "")
        do {
            _ = try SourceReader.read(fileAt: p)
            Issue.record("expected a problem")
        } catch let problem as SourceProblem {
            #expect(problem.path == p)
            #expect(problem.description == "\(p): empty file")
        }
    }

    @Test func missingFileAndDirectory() throws {
        let dir = TemporaryDirectory("sources")
        let r = SourceReader.readAll(fileAt: dir.path + "/nope.txt")
        #expect(r.problems.first?.reason.hasPrefix("cannot open") == true)
        let d = dir.path + "/sub.txt"
        try? FileManager.default.createDirectory(atPath: d, withIntermediateDirectories: true)
        #expect(SourceReader.readAll(fileAt: d).problems.first?.reason == "is a directory")
        #expect(SourceReader.readAll(fileAt: try dir.write("x.pdf", "%PDF")).problems.first?.reason == "unsupported file type (.pdf)")
    }

    @Test func readFromMemory() throws {
        let docs = try SourceReader.read(bytes: Array("T\nB".utf8), path: "mem/note.txt", format: .text)
        #expect(docs == [SourceDocument(id: "note", path: "mem/note.txt", title: "T", body: "B", format: .text)])
        #expect(throws: SourceProblem(path: "mem/x.txt", reason: "empty file", kind: .empty)) {
            try SourceReader.read(bytes: [], path: "mem/x.txt", format: .text)
        }
    }
}

@Suite struct JSONLinesTests {
    @Test func readsLinesAndKeepsGoingPastBadOnes() throws {
        let text = """
        {"id": "a1", "title": "First", "date": "2023-11-14T10:00:00Z", "body": "Para one.\\nPara  two."}
        {"id": "a2", "title": "Second", "date": null, "body": "Text"}
        {"id": "a3", "title": "Broken", "body": "no closing brace"

        [1, 2, 3]
        {"id": 7, "title": "Numeric id", "date": "November 14, 2023", "body": "x", "url": "http://e.org/7"}
        {"id": "a1", "title": "Duplicate", "body": "y"}
        {"id": "a9", "title": "", "body": ""}
        {"title": "No id", "body": "z"}
        """
        let r = readAllDocs("feed.jsonl", text)
        #expect(r.documents.map(\.id) == ["a1", "a2", "7", "feed#9"])
        #expect(r.documents[0].title == "First")
        #expect(r.documents[0].body == "Para one.\nPara two.")
        #expect(r.documents[0].date == "2023-11-14")
        #expect(r.documents[0].dateEvidence == "jsonl date")
        #expect(r.documents[1].date == nil)
        #expect(r.documents[1].dateEvidence == nil)
        #expect(r.documents[2].date == "2023-11-14")
        #expect(r.documents[2].url == "http://e.org/7")
        #expect(r.documents.allSatisfy { $0.format == .jsonl })
        let reasons = r.problems.map(\.reason)
        #expect(reasons.count == 4)
        #expect(reasons[0].hasPrefix("line 3: invalid JSON"))
        #expect(reasons[1] == "line 5: not a JSON object")
        #expect(reasons[2] == "line 7: duplicate id \"a1\" (first on line 1)")
        #expect(reasons[3] == "line 8: no title or body")
        // read() still returns the good documents.
        let dir = TemporaryDirectory("sources")
        #expect(try SourceReader.read(fileAt: dir.write("f.jsonl", text)).count == 4)
    }

    @Test func allLinesBadThrows() {
        #expect(throws: SourceProblem.self) { try readDocs("bad.jsonl", "nope\n{\n") }
    }

    @Test func invalidUTF8InALineIsRepaired() throws {
        let dir = TemporaryDirectory("sources")
        let bytes = Array(#"{"id":"x","title":"Caf"#.utf8) + [0xE9] + Array(#"","body":"b"}"#.utf8)
        let d = try #require(try SourceReader.read(fileAt: dir.write("u.jsonl", bytes: bytes)).first)
        #expect(d.title == "Caf\u{FFFD}")
    }
}

@Suite struct ReutersTests {
    static let sample = """
    <!DOCTYPE lewis SYSTEM "lewis.dtd">
    <REUTERS TOPICS="YES" LEWISSPLIT="TRAIN" CGISPLIT="TRAINING-SET" OLDID="5544" NEWID="1">
    <DATE>26-FEB-1987 15:01:01.79</DATE>
    <TOPICS><D>cocoa</D></TOPICS>
    <UNKNOWN>&#5;&#5;&#5;C T
    &#22;&#22;&#1;f0704&#31;reute</UNKNOWN>
    <TEXT>&#2;
    <TITLE>BAHIA COCOA &lt;REVIEW&gt; &amp; CO</TITLE>
    <DATELINE>    SALVADOR, Feb 26 - </DATELINE><BODY>Showers continued throughout the week in
    the Bahia cocoa zone, alleviating the drought.
        The dry period means the temporao will be late this year.
     Reuter
    &#3;</BODY></TEXT>
    </REUTERS>
    <REUTERS TOPICS="NO" LEWISSPLIT="TRAIN" CGISPLIT="TRAINING-SET" OLDID="5545" NEWID="2">
    <DATE> 2-MAR-1987 08:22:10.11</DATE>
    <TEXT TYPE="UNPROC">&#2;
    Unprocessed story text
    continues here.
    &#3;

    </TEXT>
    </REUTERS>
    <REUTERS TOPICS="NO" NEWID="3">
    <DATE>31-FEB-1987 08:22:10.11</DATE>
    <TEXT TYPE="BRIEF">&#2;
    <TITLE>BRIEF HEADLINE ONLY</TITLE>
    &#3;
    </TEXT>
    </REUTERS>
    <REUTERS TOPICS="NO">
    <TEXT>no id</TEXT>
    </REUTERS>
    """

    @Test func parsesDocuments() throws {
        let r = readAllDocs("reut2-x.sgm", ReutersTests.sample)
        #expect(r.documents.map(\.id) == ["1", "2", "3"])
        let a = r.documents[0]
        #expect(a.title == "BAHIA COCOA <REVIEW> & CO")
        #expect(a.date == "1987-02-26")
        #expect(a.dateEvidence == "reuters DATE")
        #expect(a.body == "Showers continued throughout the week in the Bahia cocoa zone, alleviating the drought.\nThe dry period means the temporao will be late this year.")
        #expect(!a.body.contains("\u{3}"))
        #expect(a.format == .reuters)
        let b = r.documents[1]
        #expect(b.body == "Unprocessed story text continues here.")
        #expect(b.title == "Unprocessed story text continues here.")
        #expect(b.date == "1987-03-02")
        let c = r.documents[2]
        #expect(c.title == "BRIEF HEADLINE ONLY")
        #expect(c.body == "")
        #expect(c.date == nil)   // 31 February
        #expect(r.problems.map(\.reason) == ["REUTERS element 4: no NEWID"])
    }

    @Test func latin1BytesSurvive() throws {
        let dir = TemporaryDirectory("sources")
        let bytes = Array("<REUTERS NEWID=\"9\"><TEXT><TITLE>S".utf8) + [0xC3] + Array("O PAULO</TITLE><BODY>x</BODY></TEXT></REUTERS>".utf8)
        let d = try #require(try SourceReader.read(fileAt: dir.write("l.sgm", bytes: bytes)).first)
        #expect(d.title == "SÃO PAULO")
    }

    @Test func notReutersIsAProblem() {
        #expect(throws: SourceProblem(path: "x.sgm", reason: "no <REUTERS> elements (not Reuters-21578 SGML)")) {
            try SourceReader.read(bytes: Array("<html>hello</html>".utf8), path: "x.sgm", format: .reuters)
        }
    }
}
