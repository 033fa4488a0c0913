import Foundation
import MSearchTestSupport
import Testing
@testable import MSearchSources

@Suite struct RobustnessTests {
    @Test func deeplyNestedHTMLDoesNotCrash() throws {
        let depth = 5000
        let html = "<html><body>" + String(repeating: "<div>", count: depth) + "<p>Deep text at the bottom of the page.</p>"
            + String(repeating: "</div>", count: depth) + "<p>Shallow paragraph.</p></body></html>"
        let r = readAllDocs("deep.html", html)
        #expect(r.documents.count + r.problems.count == 1)
    }

    @Test func deeplyNestedXMLIsAProblemOrADocument() {
        let depth = 5000
        let xml = String(repeating: "<a>", count: depth) + "x" + String(repeating: "</a>", count: depth)
        let r = readAllDocs("deep.xml", xml)
        #expect(r.documents.count + r.problems.count == 1)
    }

    @Test func garbageHTMLIsRecovered() throws {
        let html = "<p>unclosed <b>bold <i>italic</p></div></span><<>>&&&;&#xFFFFFFFF;&#0;<p>second para</table>"
        let d = try #require(try readDocs("g.html", html).first)
        #expect(d.body.contains("unclosed bold italic"))
        #expect(d.body.contains("second para"))
    }

    @Test func crlfLineEndings() throws {
        let d = try #require(try readDocs("crlf.txt", "\u{FEFF}Title line\r\nBody one\r\n\r\nBody two\r\n").first)
        #expect(d.title == "Title line")
        #expect(d.body == "Body one\nBody two")
    }

    @Test func concurrentReadsAgree() throws {
        let dir = TemporaryDirectory("sources")
        let html = try dir.write("page.html", HTMLReaderTests.articlePage)
        let rss = try dir.write("feed.rss", "<rss><channel><item><title>T</title><description>&lt;p&gt;D&lt;/p&gt;</description></item></channel></rss>")
        let expectedHTML = try SourceReader.read(fileAt: html)
        let expectedRSS = try SourceReader.read(fileAt: rss)
        let results = ResultsBox(count: 16)
        DispatchQueue.concurrentPerform(iterations: 16) { i in
            let docs = try? SourceReader.read(fileAt: i % 2 == 0 ? html : rss)
            results.set(i, docs)
        }
        for i in 0..<16 { #expect(results.get(i) == (i % 2 == 0 ? expectedHTML : expectedRSS)) }
    }

    final class ResultsBox: @unchecked Sendable {
        private var values: [[SourceDocument]?]
        private let lock = NSLock()
        init(count: Int) { values = Array(repeating: nil, count: count) }
        func set(_ i: Int, _ v: [SourceDocument]?) { lock.lock(); values[i] = v; lock.unlock() }
        func get(_ i: Int) -> [SourceDocument]? { lock.lock(); defer { lock.unlock() }; return values[i] }
    }
}
