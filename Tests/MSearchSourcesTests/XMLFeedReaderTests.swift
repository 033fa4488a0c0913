import Foundation
import MSearchTestSupport
import Testing
@testable import MSearchSources

@Suite struct XMLFeedReaderTests {
    @Test func rss2ItemsBecomeDocuments() throws {
        let rss = """
        <?xml version="1.0" encoding="UTF-8"?>
        <rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">
        <channel><title>Example Feed</title><link>http://example.com/</link>
        <item>
          <title>First &amp; foremost</title>
          <link>http://example.com/1</link>
          <guid isPermaLink="false">guid-1</guid>
          <pubDate>Tue, 14 Nov 2023 10:00:00 GMT</pubDate>
          <description>&lt;p&gt;Escaped &lt;b&gt;HTML&lt;/b&gt; description.&lt;/p&gt;&lt;p&gt;Second para&amp;nbsp;here.&lt;/p&gt;&lt;script&gt;evil()&lt;/script&gt;</description>
        </item>
        <item>
          <title>Second</title>
          <link>http://example.com/2</link>
          <dc:date>2023-11-15T08:00:00+01:00</dc:date>
          <description>Short summary.</description>
          <content:encoded><![CDATA[<div><p>Full <em>content</em> wins.</p><ul><li>one</li><li>two</li></ul></div>]]></content:encoded>
        </item>
        <item><description>No title, no link, just text.</description></item>
        <item><title>Same guid</title><guid>guid-1</guid></item>
        <item><title></title></item>
        </channel></rss>
        """
        let r = readAllDocs("news.rss", rss)
        #expect(r.documents.map(\.id) == ["guid-1", "http://example.com/2", "news#3", "guid-1#4"])
        let a = r.documents[0]
        #expect(a.title == "First & foremost")
        #expect(a.url == "http://example.com/1")
        #expect(a.date == "2023-11-14")
        #expect(a.dateEvidence == "rss pubDate")
        #expect(a.body == "Escaped HTML description.\nSecond para here.")
        #expect(a.format == .xml)
        let b = r.documents[1]
        #expect(b.body == "Full content wins.\none\ntwo")
        #expect(b.date == "2023-11-15")
        #expect(b.dateEvidence == "dc:date")
        #expect(r.documents[2].title == "No title, no link, just text.")
        #expect(r.problems.map(\.reason) == ["item 5: no title or text"])
    }

    @Test func atomEntriesWithTextHTMLAndXHTML() throws {
        let atom = """
        <?xml version="1.0" encoding="utf-8"?>
        <feed xmlns="http://www.w3.org/2005/Atom">
          <title>Example Feed</title><id>urn:feed</id><updated>2003-12-13T18:30:02Z</updated>
          <entry>
            <title type="html">Robots &lt;em&gt;Run&lt;/em&gt; Amok</title>
            <link rel="self" href="http://example.org/self/1"/>
            <link href="http://example.org/2003/12/13/atom03"/>
            <id>urn:uuid:1225c695</id>
            <published>2003-12-13T08:29:29-04:00</published>
            <updated>2003-12-14T18:30:02Z</updated>
            <content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>An <b>xhtml</b> paragraph.</p><p>Another one.</p></div></content>
          </entry>
          <entry>
            <title>Plain</title>
            <link rel="self" href="http://example.org/1000"/>
            <id>urn:uuid:second</id>
            <updated>2004-01-02T00:00:00Z</updated>
            <summary>Some text.</summary>
            <content type="html">&lt;p&gt;Html &amp;amp; content&lt;/p&gt;</content>
          </entry>
          <entry><title>No id</title><summary type="text">Just a summary.</summary></entry>
        </feed>
        """
        let r = readAllDocs("feed.atom", atom)
        #expect(r.problems.isEmpty)
        #expect(r.documents.map(\.id) == ["urn:uuid:1225c695", "urn:uuid:second", "feed#3"])
        let a = r.documents[0]
        #expect(a.title == "Robots Run Amok")
        #expect(a.url == "http://example.org/2003/12/13/atom03")
        #expect(a.date == "2003-12-13")
        #expect(a.dateEvidence == "atom published")
        #expect(a.body == "An xhtml paragraph.\nAnother one.")
        let b = r.documents[1]
        #expect(b.url == "http://example.org/1000")
        #expect(b.date == "2004-01-02")
        #expect(b.dateEvidence == "atom updated")
        #expect(b.body == "Html & content")
        #expect(r.documents[2].body == "Just a summary.")
    }

    @Test func rss1RDFItems() throws {
        let rdf = """
        <?xml version="1.0"?>
        <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
          <channel rdf:about="http://example.com/"><title>Channel</title></channel>
          <item rdf:about="http://example.com/a"><title>Item A</title><link>http://example.com/a</link><description>About A.</description><dc:date>2002-09-01</dc:date></item>
          <item rdf:about="http://example.com/b"><title>Item B</title><description>About B.</description></item>
        </rdf:RDF>
        """
        let docs = try readDocs("old.rdf.xml", rdf)
        #expect(docs.map(\.id) == ["http://example.com/a", "http://example.com/b"])
        #expect(docs[0].date == "2002-09-01")
        #expect(docs[1].url == "http://example.com/b")
        #expect(docs[1].body == "About B.")
    }

    @Test func otherXMLIsOneDocument() throws {
        let xml = """
        <?xml version="1.0"?>
        <catalog><book id="1"><title>Swift Parsing</title><author>Ann</author><price>10</price></book>
        <book id="2"><title>Second Book</title><author>Bob</author></book></catalog>
        """
        let d = try #require(try readDocs("books.xml", xml).first)
        #expect(d.id == "books")
        #expect(d.title == "Swift Parsing")
        #expect(d.body == "Swift Parsing Ann 10\nSecond Book Bob")
        let noTitle = try #require(try readDocs("urls.xml", "<urlset><url><loc>http://a/</loc></url></urlset>").first)
        #expect(noTitle.title == "urls")
        #expect(noTitle.body == "http://a/")
    }

    @Test func malformedXMLIsAProblemWithALine() {
        let r = readAllDocs("bad.xml", "<?xml version=\"1.0\"?>\n<root>\n<a>text</b>\n</root>")
        #expect(r.documents.isEmpty)
        let reason = r.problems.first?.reason ?? ""
        #expect(reason.hasPrefix("malformed XML: "), "\(reason)")
        #expect(reason.hasSuffix("(line 3)"), "\(reason)")
    }

    @Test func invalidUTF8IsRejectedForXML() throws {
        let dir = TemporaryDirectory("sources")
        let bytes = Array("<?xml version=\"1.0\"?><r>ab".utf8) + [0xC3, 0x28] + Array("</r>".utf8)
        #expect(SourceReader.readAll(fileAt: try dir.write("u.xml", bytes: bytes)).problems.first?.reason == "not valid UTF-8 at byte 26")
        // A declared single-byte encoding is fine.
        let latin = Array("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><r><title>Caf".utf8) + [0xE9] + Array("</title></r>".utf8)
        #expect(SourceReader.readAll(fileAt: try dir.write("l.xml", bytes: latin)).documents.first?.title == "Café")
    }

    @Test func billionLaughsDoesNotExpand() {
        var dtd = "<!ENTITY lol \"lol\">\n<!ENTITY lol1 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">\n"
        for i in 2...9 {
            dtd += "<!ENTITY lol\(i) \"" + String(repeating: "&lol\(i - 1);", count: 10) + "\">\n"
        }
        let xml = "<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\n\(dtd)]>\n<lolz><title>bomb</title><p>&lol9;</p></lolz>"
        let start = Date()
        let r = readAllDocs("bomb.xml", xml)
        #expect(Date().timeIntervalSince(start) < 5)
        // Either the parser refuses it, or the document comes back without the expansion.
        if let d = r.documents.first {
            #expect(d.body.utf8.count < 10_000)
        } else {
            #expect(r.problems.first?.reason.hasPrefix("malformed XML") == true)
        }
    }

    @Test func nestedEntitiesAreNotExpanded() throws {
        // Small enough that libxml2 would happily expand it with XML_PARSE_NOENT: it must not.
        let xml = """
        <?xml version="1.0"?>
        <!DOCTYPE r [<!ENTITY a "ha"><!ENTITY b "&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;">]>
        <r><title>Laughs</title><p>x &c; y</p></r>
        """
        let d = try #require(try readDocs("laughs.xml", xml).first)
        #expect(d.body == "Laughs x y")
    }

    @Test func externalEntitiesAreNotRead() throws {
        let dir = TemporaryDirectory("sources")
        let secret = try dir.write("secret.txt", "TOP-SECRET-CONTENT")
        for target in ["file://\(secret)", secret, "file:///etc/passwd"] {
            let xml = """
            <?xml version="1.0"?>
            <!DOCTYPE r [<!ENTITY x SYSTEM "\(target)"><!ENTITY y "inner">]>
            <r><title>XXE &y;</title><p>before &x; after</p></r>
            """
            let r = SourceReader.readAll(fileAt: try dir.write("xxe.xml", xml))
            let d = try #require(r.documents.first, "\(r.problems)")
            #expect(!d.body.contains("TOP-SECRET"))
            #expect(!d.body.contains("root:"))
            #expect(d.body.contains("before"))
            #expect(d.body.contains("after"))
            // Plain internal entities are still text.
            #expect(d.title == "XXE inner")
        }
    }

    @Test func feedWithoutItemsIsAProblem() {
        #expect(throws: SourceProblem.self) { try readDocs("e.rss", "<rss><channel><title>x</title></channel></rss>") }
    }
}
