import Foundation
import Testing
import MSearchTestSupport
@testable import MSearchSources

/// Inputs the libFuzzer harnesses in Fuzz/Sources once crashed on (kept in Fuzz/Sources/regressions),
/// with checks the whole-pipeline replay (MSearchEndToEndTests/FuzzRegressionReplayTests, which
/// runs every file there) does not make. The HTML page without a root element is replayed there only.
@Suite struct FuzzRegressionTests {
    /// A NEWID attribute without its closing quote ran to the end of the tag, newlines
    /// included, into the document id and into the problem reason "NEWID …: no </REUTERS> end
    /// tag", which must be one line (found by SGMLFuzzer).
    @Test func unclosedNEWIDQuoteStaysOnOneLine() {
        let input = "<REUTERS TOPICS=\"YES\" NEWID=\"2s 7.9 mln vs 9.4 mln\n    Avg shrs 2,332,397 vs 1,428,000\n Reuter\n&#3;</BODY>\n<TEXT><TITLE>T</TITLE><BODY>Body text.</BODY></TEXT>\n"
        let r = SourceReader.readAll(bytes: Array(input.utf8), path: "reut2-000.sgm", format: .reuters)
        #expect(!r.problems.isEmpty)
        for p in r.problems { #expect(!p.reason.contains("\n"), "\(p.reason.debugDescription)") }
        for d in r.documents { #expect(!d.id.contains("\n")) }
    }

    /// Foundation's JSON error message quotes the input around the fault, line breaks
    /// included; the JSON Feed reader's problem reason must still be one line (found by
    /// JSONFeedFuzzer: a bad `\u` escape followed by a newline).
    @Test func jsonFeedParseErrorsStayOnOneLine() throws {
        let input = try [UInt8](Data(contentsOf: URL(fileURLWithPath: TestData.packageRoot + "/Fuzz/Sources/regressions/jsonfeed-error-message-newline.json")))
        let r = SourceReader.readAll(bytes: input, path: "feed.json", format: .jsonFeed)
        #expect(r.documents.isEmpty)
        #expect(r.problems.count == 1)
        for p in r.problems {
            #expect(p.reason.hasPrefix("malformed JSON Feed: invalid JSON"))
            #expect(!p.reason.contains("\n"), "\(p.reason.debugDescription)")
        }
    }

    /// A `lang` attribute with a stray byte (`lang=\x90en"`, read as "\u{FFFD}en\"") went to
    /// Foundation as a locale for the page's slash-date order, and building the CFLocale trapped,
    /// ending the whole run (found by HTMLFuzzer). The page is read as any other (its mutated
    /// `<title>` runs on over the rest of the page, so that is all it has).
    @Test func aLangAttributeThatIsNoTagDoesNotReachFoundation() throws {
        let input = try [UInt8](Data(contentsOf: URL(fileURLWithPath: TestData.packageRoot + "/Fuzz/Sources/regressions/html-invalid-utf8-lang.html")))
        let r = SourceReader.readAll(bytes: input, path: "page.html", format: .html)
        #expect(r.documents.count == 1)
        #expect(r.documents.first?.title.hasPrefix("Talks resume") == true)
    }
}
