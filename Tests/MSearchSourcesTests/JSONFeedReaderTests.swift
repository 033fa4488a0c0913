import Foundation
import MSearchTestSupport
import Testing
@testable import MSearchSources

/// JSON Feed 1.0 and 1.1 (https://jsonfeed.org/version/1.1), one document per item.
@Suite struct JSONFeedReaderTests {
    @Test func aMinimalFeedGivesOneDocumentPerItem() throws {
        let docs = try readDocs("feed.json", """
        {"version": "https://jsonfeed.org/version/1.1", "title": "Wire",
         "items": [{"id": "1", "content_text": "Talks in Havana went on.\\nA second paragraph."},
                   {"id": "2", "title": "Visa news", "content_text": "Visas resumed."}]}
        """)
        #expect(docs.map(\.id) == ["1", "2"])
        #expect(docs.map(\.title) == ["Talks in Havana went on.", "Visa news"])
        #expect(docs[0].body == "Talks in Havana went on.\nA second paragraph.")
        #expect(docs.allSatisfy { $0.format == .jsonFeed && $0.date == nil })
    }

    @Test func aFullFeedGivesTitleHTMLTextDatesAndURLs() throws {
        let docs = try readDocs("full.json", """
        {
          "version": "https://jsonfeed.org/version/1.1",
          "title": "Island Desk", "home_page_url": "https://example.org/", "language": "es",
          "items": [
            {"id": "https://example.org/a", "url": "https://example.org/a", "title": "  Havana   talks ",
             "content_html": "<p>First <b>paragraph</b>.</p><script>var x;</script><p>Second.</p>",
             "summary": "not used when there is content",
             "date_published": "2023-11-08T20:09:00-05:00", "date_modified": "2023-11-10T08:00:00Z",
             "authors": [{"name": "Ana Pérez"}]},
            {"id": 42, "external_url": "https://elsewhere.example/b", "summary": "Only a summary here.",
             "date_modified": "2022-01-05T10:00:00+01:00", "author": {"name": "Old Style"}},
            {"url": "https://example.org/c", "title": "No id", "content_text": "Named by its URL."},
            {"title": "Neither", "content_text": "Numbered."}
          ]
        }
        """)
        #expect(docs.map(\.id) == ["https://example.org/a", "42", "https://example.org/c", "full#4"])
        #expect(docs[0].title == "Havana talks")
        #expect(docs[0].body == "First paragraph.\nSecond.")
        // The day as written in the feed's own zone; date_modified only when nothing is published.
        #expect(docs[0].date == "2023-11-08" && docs[0].dateEvidence == "json feed date_published")
        #expect(docs[1].date == "2022-01-05" && docs[1].dateEvidence == "json feed date_modified")
        #expect(docs[1].title == "Only a summary here." && docs[1].url == "https://elsewhere.example/b")
        #expect(docs[2].url == "https://example.org/c" && docs[2].date == nil)
    }

    @Test func badItemsAreProblemsOfThoseItemsOnly() {
        let r = readAllDocs("feed.json", """
        {"version": "https://jsonfeed.org/version/1", "items": [
          "a string", {"id": "empty"}, {"id": "ok", "content_text": "Kept."}, {"id": "ok", "title": "Same id"}]}
        """)
        #expect(r.documents.map(\.id) == ["ok", "ok#4"])
        #expect(r.problems.map(\.reason) == ["item 1: not a JSON object", "item 2: no title or text"])
    }

    @Test func malformedFeedsAreClearProblemsNamingTheFile() {
        let cases: [(String, String, SkipReason)] = [
            (#"{"version": "https://jsonfeed.org/version/1.1", "items": [{"id": "1",}"#, "malformed JSON Feed: invalid JSON", .malformed),
            (#"{"version": "https://jsonfeed.org/version/1.1", "items": {"id": "1"}}"#, "malformed JSON Feed: no \"items\" array", .malformed),
            (#"{"version": "https://jsonfeed.org/version/1.1", "items": []}"#, "feed has no items", .empty),
            (#"{"name": "my app", "start_url": "/"}"#, "not a JSON Feed (no \"version\": \"https://jsonfeed.org/version/1.1\")", .unknownFormat),
        ]
        for (text, reason, kind) in cases {
            let r = readAllDocs("bad.json", text)
            #expect(r.documents.isEmpty)
            #expect(r.problems.count == 1)
            #expect(r.problems.first?.path.hasSuffix("/bad.json") == true)
            #expect(r.problems.first?.reason.hasPrefix(reason) == true, "\(r.problems)")
            #expect(r.problems.first?.kind == kind)
        }
    }
}
