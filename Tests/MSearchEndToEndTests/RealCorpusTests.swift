import Foundation
import Testing
import MSearchTestSupport

/// Indexing the real third-party corpora in ../shared: documents come back with sensible titles
/// and snippets free of markup. Skipped where ../shared is absent (a user's fresh clone).
@Suite(.serialized, .enabled(if: TestData.shared != nil, "needs ../shared/corpora"))
struct RealCorpusTests {
    static let index: TemporaryDirectory = {
        let corpora = TestData.shared! + "/corpora"
        let feeds = TemporaryDirectory("e2e")
        for f in ["feed1.atom", "feed2.rss"] {
            try! FileManager.default.copyItem(atPath: corpora + "/html-trafilatura/resources/" + f, toPath: feeds.path + "/" + f)
        }
        let dir = TemporaryDirectory("e2e")
        let r = try! MSearchBinary.run(["index", "--index", dir.path,
                                         corpora + "/reuters21578/reut2-000.sgm", corpora + "/reuters21578/reut2-001.sgm",
                                         corpora + "/html-readability-testpages", feeds.path])
        // 1: the pages' expected-metadata.json files are JSON but no JSON Feed (skipped as of
        // unknown format); nothing else may be skipped.
        precondition(r.status == 1, r.stderr)
        precondition(r.stdout.contains("skipped: 130 unknown format\n"), r.stdout)
        return dir
    }()

    func hits(_ query: String, limit: Int = 10) throws -> [[String: Any]] {
        let r = try MSearchBinary.run(["--index", Self.index.path, "--json", "--limit", "\(limit)", query])
        let object = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any]
        return object?["hits"] as? [[String: Any]] ?? []
    }

    @Test func reutersArticlesComeBackWithTitlesDatesAndCleanSnippets() throws {
        let found = try hits("opec oil prices")
        #expect(found.count == 10)
        for h in found {
            #expect((h["title"] as? String ?? "").count > 5)
            #expect((h["date"] as? String ?? "").hasPrefix("1987-"))
            #expect((h["path"] as? String ?? "").hasSuffix(".sgm"))
            let snippet = h["snippet"] as? String ?? ""
            #expect(!snippet.contains("<") && !snippet.contains("&lt;") && !snippet.contains("\u{3}"))
            #expect(!(h["highlights"] as? [[Int]] ?? []).isEmpty)
        }
    }

    @Test func savedPagesGiveArticleTextNotMarkupScriptsOrStyles() throws {
        var checked = 0
        for query in ["firefox", "browser", "article", "government", "data", "people"] {
            for h in try hits(query, limit: 20) where (h["path"] as? String ?? "").hasSuffix(".html") {
                let title = h["title"] as? String ?? ""
                let snippet = h["snippet"] as? String ?? ""
                #expect(!title.isEmpty)
                for junk in ["<div", "<script", "function(", "{color", "px;", "&nbsp;", "</"] {
                    #expect(!snippet.contains(junk), "\(junk) in \(h["path"] ?? ""): \(snippet)")
                }
                checked += 1
            }
        }
        #expect(checked > 20)
    }

    @Test func feedItemsAreSeparateDocuments() throws {
        let robots = try hits("title:robots")
        #expect(robots.first?["title"] as? String == "Atom-Powered Robots Run Amok")
        #expect((robots.first?["path"] as? String ?? "").hasSuffix("feed1.atom"))
        let entry = try hits("title:\"example entry\"")
        #expect(entry.first?["title"] as? String == "Example entry")
        #expect(robots.first?["id"] as? String != entry.first?["id"] as? String)
    }
}
