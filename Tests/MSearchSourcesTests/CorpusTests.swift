import Foundation
import Testing
@testable import MSearchSources

/// Tests on the real corpora in ../shared/corpora (skipped when that folder is absent).
@Suite struct CorpusTests {
    @Test(.enabled(if: Corpora.exists("reuters21578/reut2-000.sgm")))
    func reuters21578() throws {
        var docs: [SourceDocument] = []
        var problems: [SourceProblem] = []
        let start = Date()
        for i in 0..<22 {
            let r = SourceReader.readAll(fileAt: Corpora.path(String(format: "reuters21578/reut2-%03d.sgm", i)))
            docs += r.documents
            problems += r.problems
        }
        let seconds = Date().timeIntervalSince(start)
        #expect(problems.isEmpty, "\(problems.prefix(5))")
        #expect(docs.count == 21578)
        #expect(Set(docs.map(\.id)) == Set((1...21578).map(String.init)))
        let dated = docs.filter { $0.date != nil }.count
        let titled = docs.filter { !$0.title.isEmpty }.count
        let withBody = docs.filter { !$0.body.isEmpty }.count
        print("reuters: \(docs.count) docs, \(dated) dated, \(titled) titled, \(withBody) with body, read in \(String(format: "%.2f", seconds)) s")
        #expect(dated >= 21500)
        #expect(titled >= 21500)
        #expect(withBody >= 19000)
        #expect(docs.allSatisfy { $0.date == nil || ($0.date!.hasPrefix("1987-") && $0.dateEvidence == "reuters DATE") })
        #expect(!docs.contains { $0.body.contains("\u{3}") || $0.body.contains("&#") || $0.body.contains("&lt;") })
        let first = try #require(docs.first { $0.id == "1" })
        #expect(first.title == "BAHIA COCOA REVIEW")
        #expect(first.date == "1987-02-26")
        #expect(first.body.hasPrefix("Showers continued throughout the week in the Bahia cocoa zone"))
    }

    struct PageResult {
        var name: String
        var titleExact: Bool
        var recall: Double
        var precision: Double
        var expectedDate: String?
        var date: String?
        var remnants: [String]
    }

    @Test(.enabled(if: Corpora.exists("html-readability-testpages/test-pages")))
    func readabilityTestPages() throws {
        let dir = Corpora.path("html-readability-testpages/test-pages")
        let cases = try FileManager.default.contentsOfDirectory(atPath: dir).sorted()
        #expect(cases.count >= 100)
        var results: [PageResult] = []
        for c in cases {
            let base = "\(dir)/\(c)"
            let meta = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: "\(base)/expected-metadata.json"))) as? [String: Any] ?? [:]
            let expectedText = try HTMLReader.fragmentText(try String(contentsOfFile: "\(base)/expected.html", encoding: .utf8))
            let doc = try #require(try SourceReader.read(fileAt: "\(base)/source.html").first, "\(c)")
            let got = tokenCounts(doc.body), exp = tokenCounts(expectedText)
            let overlap = exp.reduce(0) { $0 + min($1.value, got[$1.key] ?? 0) }
            let gotTotal = got.values.reduce(0, +), expTotal = exp.values.reduce(0, +)
            // Script/CSS leftovers: markers in our body that the expected article does not have.
            let remnants = ["function(", "function (", "{\"", "}}", "var ", "window.", "document.", "!important", "px;", "<script", "</"]
                .filter { doc.body.contains($0) && !expectedText.contains($0) }
            let expTitle = meta["title"] as? String ?? ""
            results.append(PageResult(
                name: c,
                titleExact: collapseWhitespace(expTitle).lowercased() == collapseWhitespace(doc.title).lowercased(),
                recall: expTotal == 0 ? 1 : Double(overlap) / Double(expTotal),
                precision: gotTotal == 0 ? 0 : Double(overlap) / Double(gotTotal),
                expectedDate: (meta["publishedTime"] as? String).flatMap { $0.isEmpty ? nil : String($0.prefix(10)) },
                date: doc.date, remnants: remnants))
        }
        let n = Double(results.count)
        let titles = Double(results.filter(\.titleExact).count) / n
        let recalls = results.map(\.recall).sorted()
        let precisions = results.map(\.precision).sorted()
        let dated = results.filter { $0.expectedDate != nil }
        let datesAgree = dated.filter { $0.date == $0.expectedDate }.count
        let withRemnants = results.filter { !$0.remnants.isEmpty }
        print(String(format: "readability pages: %d; title exact %.1f%%; body token recall median %.3f mean %.3f; precision median %.3f mean %.3f; publishedTime agreement %d/%d; pages with script/CSS remnants %d",
                     results.count, titles * 100, recalls[recalls.count / 2], recalls.reduce(0, +) / n,
                     precisions[precisions.count / 2], precisions.reduce(0, +) / n, datesAgree, dated.count, withRemnants.count))
        for r in results where r.recall < 0.8 || !r.remnants.isEmpty { print("  \(r.name): recall \(r.recall) remnants \(r.remnants)") }
        #expect(titles >= 0.9)
        #expect(recalls[recalls.count / 2] >= 0.9)
        #expect(recalls.reduce(0, +) / n >= 0.9)
        #expect(precisions.reduce(0, +) / n >= 0.9)
        #expect(Double(datesAgree) >= Double(dated.count) * 0.9)
        #expect(withRemnants.count <= 2, "\(withRemnants.map(\.name))")
    }

    @Test(.enabled(if: Corpora.exists("html-trafilatura/resources/feed1.atom")))
    func trafilaturaFeeds() throws {
        let atom = try SourceReader.read(fileAt: Corpora.path("html-trafilatura/resources/feed1.atom"))
        #expect(atom.map(\.title) == ["Atom-Powered Robots Run Amok", "Self-referenced link"])
        #expect(atom.map(\.url) == ["http://example.org/2003/12/13/atom03", "http://example.org/1000"])
        #expect(atom.map(\.id) == ["urn:uuid:1225c695-cfb8-4ebb-aaaa-80da344efa6a", "urn:uuid:1225c695-cfb8-4ebb-aaaa-80da344efa60"])
        #expect(atom.allSatisfy { $0.date == "2003-12-13" && $0.body == "Some text." })
        let rss = try SourceReader.read(fileAt: Corpora.path("html-trafilatura/resources/feed2.rss"))
        #expect(rss.count == 1)
        #expect(rss.first?.title == "Example entry")
        #expect(rss.first?.url == "http://www.example.com/blog/post/1")
        #expect(rss.first?.id == "7bd204c6-1655-4c27-aeee-53f933c5395f")
        #expect(rss.first?.date == "2009-09-06")
        #expect(rss.first?.dateEvidence == "rss pubDate")
        #expect(rss.first?.body == "Here is some text containing an interesting description.")
        // Sitemaps are "other XML"; gzip is looked through.
        let sitemap = try SourceReader.read(fileAt: Corpora.path("html-trafilatura/resources/sitemap.xml.gz"))
        #expect(sitemap.count == 1)
        #expect(sitemap.first?.body.contains("https://www.sitemaps.org/faq.html") == true)
    }

    /// Every saved page of the trafilatura cache reads without a problem into some text.
    @Test(.enabled(if: Corpora.exists("html-trafilatura/cache")))
    func trafilaturaPagesAllRead() throws {
        let entries = SourceWalker(paths: [Corpora.path("html-trafilatura")]).entries()
        var files = 0, empty: [String] = [], problems: [SourceProblem] = [], dated = 0
        for case .file(let path, _) in entries {
            files += 1
            let r = SourceReader.readAll(fileAt: path)
            problems += r.problems
            for d in r.documents {
                if d.body.isEmpty { empty.append(path) }
                if d.date != nil { dated += 1 }
            }
        }
        print("trafilatura: \(files) files, \(dated) documents dated, \(problems.count) problems, \(empty.count) empty bodies")
        #expect(files >= 115)
        #expect(problems.isEmpty, "\(problems)")
        #expect(empty.isEmpty, "\(empty)")
    }

    /// Independent body ground truth (hand-checked articleBody): token precision/recall/F1.
    @Test(.enabled(if: Corpora.exists("html-article-extraction-benchmark/ground-truth.json")))
    func articleExtractionBenchmark() throws {
        let base = Corpora.path("html-article-extraction-benchmark")
        let truth = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: "\(base)/ground-truth.json"))) as? [String: [String: String]] ?? [:]
        var f1s: [Double] = [], ps: [Double] = [], rs: [Double] = []
        for (key, value) in truth {
            let doc = try #require(try SourceReader.read(fileAt: "\(base)/html/\(key).html.gz").first)
            let got = tokenCounts(doc.body), exp = tokenCounts(value["articleBody"] ?? "")
            let overlap = Double(exp.reduce(0) { $0 + min($1.value, got[$1.key] ?? 0) })
            let r = overlap / Double(max(1, exp.values.reduce(0, +))), p = overlap / Double(max(1, got.values.reduce(0, +)))
            rs.append(r); ps.append(p); f1s.append(r + p == 0 ? 0 : 2 * r * p / (r + p))
        }
        func mean(_ a: [Double]) -> Double { a.reduce(0, +) / Double(a.count) }
        print(String(format: "article-extraction-benchmark: %d pages; precision %.3f recall %.3f F1 %.3f", f1s.count, mean(ps), mean(rs), mean(f1s)))
        #expect(f1s.count == truth.count)
        #expect(mean(f1s) >= 0.9)
    }
}
