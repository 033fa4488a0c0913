import Foundation
import MSearchTestSupport
import Testing
@testable import MSearchSources
import CLibXML2

/// The budgets of `ReadLimits`, each enforced where the bytes are produced: inflating, markup
/// counted before libxml2 parses, entity text per file, text per document.
@Suite struct ReadLimitsTests {
    /// The defaults README.md documents.
    @Test func defaultsAreTheDocumentedOnes() {
        let l = ReadLimits.default
        #expect(l.maxFileSize == 100 << 20)
        #expect(l.maxTextBytes == 4 << 20)
        #expect(l.maxTitleBytes == 4 << 10)
        #expect(l.maxEntityExpansion == 1 << 20)
        #expect(l.maxElements == 200_000)
        #expect(l.maxAttributesPerElement == 1_000)
        #expect(l.maxAttributes == 500_000)
        #expect(ReadLimits.megabytes(4 << 20) == "4 MB")
        #expect(ReadLimits.megabytes(3 << 19) == "1.5 MB")
        #expect(ReadLimits.megabytes(1000) == "1000 bytes")
    }

    static func read(_ name: String, _ text: String, _ limits: ReadLimits) -> (documents: [SourceDocument], problems: [SourceProblem]) {
        SourceReader.readAll(bytes: Array(text.utf8), path: name, format: SourceFormat.forPath(name)!, limits: limits)
    }

    // MARK: entities

    /// One entity referenced by many items: the expansion is counted for the whole file, so the
    /// file is refused once the total passes the limit (each item alone fits).
    @Test func entityExpansionIsBoundedPerFileNotPerItem() {
        var limits = ReadLimits()
        limits.maxEntityExpansion = 1000
        let entity = String(repeating: "word ", count: 60)   // 300 bytes
        func feed(items: Int) -> String {
            "<?xml version=\"1.0\"?>\n<!DOCTYPE rss [<!ENTITY big \"\(entity)\">]>\n<rss><channel>"
                + (0..<items).map { "<item><title>t\($0)</title><guid>g\($0)</guid><description>&big;</description></item>" }.joined()
                + "</channel></rss>"
        }
        let small = ReadLimitsTests.read("ok.rss", feed(items: 3), limits)
        #expect(small.documents.count == 3)
        #expect(small.documents.allSatisfy { $0.body.contains("word word") })
        let big = ReadLimitsTests.read("bomb.rss", feed(items: 4), limits)
        #expect(big.documents.isEmpty)
        #expect(big.problems.count == 1)
        #expect(big.problems.first?.path == "bomb.rss")
        #expect(big.problems.first?.reason.contains("entities expand to more than") == true, "\(big.problems)")
    }

    /// An item's body is read once, so an entity in it counts once.
    @Test func entityTextCountsOncePerReference() {
        var limits = ReadLimits()
        limits.maxEntityExpansion = 1000
        let feed = "<?xml version=\"1.0\"?>\n<!DOCTYPE rss [<!ENTITY e \"" + String(repeating: "y", count: 600) + "\">]>\n"
            + "<rss xmlns:content=\"http://purl.org/rss/1.0/modules/content/\"><channel><item><title>T</title><guid>1</guid>"
            + "<content:encoded>&e;</content:encoded></item></channel></rss>"
        let r = ReadLimitsTests.read("once.rss", feed, limits)
        #expect(r.problems.isEmpty, "\(r.problems)")
        #expect(r.documents.first?.body.count == 600)
    }

    @Test func entityExpansionInGenericXMLIsBoundedToo() {
        var limits = ReadLimits()
        limits.maxEntityExpansion = 1000
        let xml = "<?xml version=\"1.0\"?>\n<!DOCTYPE d [<!ENTITY e \"" + String(repeating: "x", count: 400) + "\">]>\n<d><title>T</title>"
            + String(repeating: "<a>&e;</a>", count: 3) + "</d>"
        let r = ReadLimitsTests.read("data.xml", xml, limits)
        #expect(r.documents.isEmpty)
        #expect(r.problems.first?.reason.contains("entity amplification") == true, "\(r.problems)")
    }

    // MARK: markup

    @Test func tooManyElementsAreRefusedBeforeParsing() {
        var limits = ReadLimits()
        limits.maxElements = 100
        let page = "<html><body>" + String(repeating: "<p>x</p>", count: 98) + "</body></html>"
        #expect(ReadLimitsTests.read("ok.html", page, limits).documents.count == 1)
        let r = ReadLimitsTests.read("many.html", page.replacingOccurrences(of: "</body>", with: "<p>one</p></body>"), limits)
        #expect(r.documents.isEmpty)
        #expect(r.problems.first?.reason.contains("more than 100 elements") == true, "\(r.problems)")
        let xml = "<r>" + String(repeating: "<a>x</a>", count: 100) + "</r>"
        #expect(ReadLimitsTests.read("many.xml", xml, limits).problems.first?.reason.contains("more than 100 elements") == true)
    }

    @Test func tooManyAttributesOnOneElementAreRefused() {
        let attrs = (0..<1001).map { "a\($0)=\"v\"" }.joined(separator: " ")
        let r = ReadLimitsTests.read("attrs.html", "<html><body><div \(attrs)>text</div></body></html>", .default)
        #expect(r.documents.isEmpty)
        #expect(r.problems.first?.reason.contains("more than 1000 attributes at byte 12") == true, "\(r.problems)")
        let fine = (0..<1000).map { "a\($0)=v" }.joined(separator: " ")
        #expect(ReadLimitsTests.read("fine.html", "<html><body><div \(fine)>text</div></body></html>", .default).documents.count == 1)
    }

    @Test func attributesArePerFileToo() {
        var limits = ReadLimits()
        limits.maxAttributes = 50
        let page = "<html><body>" + String(repeating: "<p class=\"a\" id='b' hidden>x</p>", count: 17) + "</body></html>"
        let r = ReadLimitsTests.read("attrs.html", page, limits)
        #expect(r.problems.first?.reason.contains("more than 50 attributes in the page") == true, "\(r.problems)")
    }

    /// Quoted values with markup characters, comments and CDATA are not counted as elements.
    @Test func scanSkipsQuotedValuesCommentsAndCDATA() throws {
        let text = "<a title=\"<b><c>\" alt='<d>'>x</a><!-- <e><f> --><![CDATA[<g><h>]]><i data-x=1 checked>y</i>"
        let scan = try Array(text.utf8).withUnsafeBufferPointer { try MarkupScan.check($0, limits: .default, path: "t") }
        #expect(scan.elements == 2)
        #expect(scan.attributes == 4)
        // Scripts and styles are text to the HTML parser: a `<` in them starts no element.
        let js = "<SCRIPT type=x>for (i=0;i<n;i++) { if (a <b && c<d) x = \"<p>\" }</script ><style>a<b{}</style><p>z</p>"
        let jsScan = try Array(js.utf8).withUnsafeBufferPointer { try MarkupScan.check($0, limits: .default, path: "t", html: true) }
        #expect(jsScan.elements == 3)
        #expect(jsScan.attributes == 1)
        // In XML a script is an element like any other, and its children count.
        let xml = "<script><a/><b/></script>"
        let xmlScan = try Array(xml.utf8).withUnsafeBufferPointer { try MarkupScan.check($0, limits: .default, path: "t") }
        #expect(xmlScan.elements == 3)
    }

    /// Escaped HTML inside one feed item is checked as the fragment it is: that item is a
    /// problem, the others are read.
    @Test func aHostileItemFragmentSkipsOnlyThatItem() {
        var limits = ReadLimits()
        limits.maxElements = 50
        let heavy = String(repeating: "&lt;p&gt;x", count: 60)
        let feed = "<rss><channel><item><title>Good</title><guid>1</guid><description>fine text</description></item>"
            + "<item><title>Heavy</title><guid>2</guid><description>\(heavy)</description></item></channel></rss>"
        let r = ReadLimitsTests.read("feed.rss", feed, limits)
        #expect(r.documents.map(\.title) == ["Good"])
        #expect(r.problems.first?.reason.hasPrefix("item 2: more than 50 elements in the fragment") == true, "\(r.problems)")
    }

    // MARK: inflating

    static func gzip(_ bytes: [UInt8]) -> [UInt8] {
        var stream = z_stream()
        #expect(deflateInit2_(&stream, 9, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK)
        defer { deflateEnd(&stream) }
        var out = [UInt8](repeating: 0, count: bytes.count / 2 + 1024)
        var input = bytes
        let produced = input.withUnsafeMutableBufferPointer { inBuf in
            out.withUnsafeMutableBufferPointer { outBuf -> Int in
                stream.next_in = inBuf.baseAddress
                stream.avail_in = uInt(inBuf.count)
                stream.next_out = outBuf.baseAddress
                stream.avail_out = uInt(outBuf.count)
                #expect(deflate(&stream, Z_FINISH) == Z_STREAM_END)
                return outBuf.count - Int(stream.avail_out)
            }
        }
        return Array(out[0..<produced])
    }

    @Test func inflatingStopsAtTheFileSizeLimit() throws {
        let text = Array(("Title\n\n" + String(repeating: "lorem ipsum dolor sit amet ", count: 80_000)).utf8)   // ~2.1 MB
        let packed = ReadLimitsTests.gzip(text)
        var limits = ReadLimits()
        limits.maxFileSize = 1 << 20
        let r = SourceReader.readAll(bytes: packed, path: "bomb.txt", format: .text, limits: limits)
        #expect(r.documents.isEmpty)
        #expect(r.problems == [SourceProblem(path: "bomb.txt", reason: "decompresses to more than 1 MB (the --max-file-size limit)", kind: .tooLarge)])
        limits.maxFileSize = 3 << 20
        let ok = SourceReader.readAll(bytes: packed, path: "fine.txt", format: .text, limits: limits)
        #expect(ok.documents.first?.title == "Title")
    }

    // MARK: text per document

    @Test func textIsTruncatedAtTheLimitWithANote() throws {
        var limits = ReadLimits()
        limits.maxTextBytes = 1000
        let body = String(repeating: "café ", count: 400)   // 2,400 bytes
        let r = ReadLimitsTests.read("long.txt", "Long one\n\n" + body + "tailword", limits)
        let doc = try #require(r.documents.first)
        #expect(doc.body.utf8.count <= 1000)
        #expect(doc.body.utf8.count > 990)
        #expect(doc.body.hasSuffix("café"), "cut at a space, never inside a character")
        #expect(!doc.body.contains("tailword"))
        #expect(r.problems.count == 1)
        #expect(r.problems.first?.reason.hasPrefix("text past 1000 bytes not indexed (truncated at 1000 bytes, the limit on text per document; ") == true, "\(r.problems)")
        #expect(ReadLimitsTests.read("short.txt", "Short\n\nsmall body", limits).problems.isEmpty)
    }

    @Test func truncatedFeedItemsNameTheDocument() {
        var limits = ReadLimits()
        limits.maxTextBytes = 100
        let feed = "<rss><channel><item><title>A</title><guid>long-one</guid><description>" + String(repeating: "word ", count: 50)
            + "</description></item><item><title>B</title><guid>short</guid><description>brief</description></item></channel></rss>"
        let r = ReadLimitsTests.read("feed.rss", feed, limits)
        #expect(r.documents.count == 2)
        #expect(r.problems.map(\.reason).first?.hasPrefix("document long-one: text past 100 bytes not indexed") == true, "\(r.problems)")
    }

    @Test func prefixNeverSplitsACharacter() {
        let s = String(repeating: "é", count: 10)   // 20 bytes, no spaces
        #expect(ReadLimits.prefix(s, bytes: 7) == "ééé")
        #expect(ReadLimits.prefix("ab cd", bytes: 4) == "ab")
        #expect(ReadLimits.prefix("abcdef", bytes: 3) == "abc")
    }

    /// libxml2's HTML parser stops reading a page at a text node of 10 MB: that is reported, not
    /// silent, and the text kept is truncated to the text limit with its note.
    @Test func htmlTextPastTheParsersLimitIsReported() throws {
        let run = String(repeating: "alpha beta gamma ", count: 600_000)   // 10.2 MB, one text node
        let page = "<html><head><title>Node</title></head><body><article><p>" + run + "</p><p>afterword</p></article></body></html>"
        let r = ReadLimitsTests.read("node.html", page, .default)
        let doc = try #require(r.documents.first)
        #expect(doc.body.hasPrefix("alpha beta gamma"))
        #expect(doc.body.utf8.count <= 4 << 20)
        let reasons = r.problems.map(\.reason)
        #expect(reasons.contains { $0.contains("the HTML parser reads one text node up to 10 MB") }, "\(reasons)")
        #expect(reasons.contains { $0.hasPrefix("text past 4 MB not indexed (truncated at 4 MB") }, "\(reasons)")
    }
}
