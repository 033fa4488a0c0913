import Foundation
import Testing
import MSearchTestSupport

/// The README's promises on the seed articles, checked through the real binary.
@Suite(.serialized) struct SeedSearchTests {
    static let index: TemporaryDirectory = {
        let dir = TemporaryDirectory("e2e")
        let r = try! MSearchBinary.run(["index", "--index", dir.path, TestData.seeds])
        precondition(r.status == 0, r.stderr)
        return dir
    }()

    func search(_ args: [String], environment: [String: String] = [:]) throws -> MSearchBinary.Result {
        try MSearchBinary.run(["--index", SeedSearchTests.index.path] + args, environment: environment)
    }

    func json(_ args: [String]) throws -> [String: Any] {
        let r = try search(args + ["--json"])
        let object = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8))
        return try #require(object as? [String: Any])
    }

    @Test func deportationFlightsRanksTheArticlesAboutThemFirst() throws {
        let result = try json(["deportation flights"])
        let hits = try #require(result["hits"] as? [[String: Any]])
        let ids = hits.compactMap { $0["id"] as? String }
        // Only seed 000 mentions "deportation flights"; 003 mentions deportations alone.
        #expect(ids.first == "000_c4b4ea99a195a7db")
        #expect(ids.prefix(2).contains("003_a82911b9917137c8"))
        let top = hits[0]
        let snippet = try #require(top["snippet"] as? String)
        let highlights = try #require(top["highlights"] as? [[Int]])
        let scalars = Array(snippet.unicodeScalars)
        let marked = highlights.map { String(String.UnicodeScalarView(scalars[$0[0]..<$0[1]])).lowercased() }
        #expect(marked.contains { $0.hasPrefix("deportation") })
        #expect(marked.contains { $0.hasPrefix("flight") })
    }

    @Test func plainOutputMarksMatchesVisiblyWithoutColour() throws {
        let plain = try transcript(["--index", SeedSearchTests.index.path, "--color", "never", "deportation flights"])
        Golden.check(plain, named: "search-deportation-flights")
        #expect(!plain.contains("\u{1B}["))
        let coloured = try search(["deportation", "--color", "always"])
        #expect(coloured.stdout.contains("\u{1B}["))
        let noColor = try search(["deportation", "--color", "auto"], environment: ["NO_COLOR": "1"])
        #expect(!noColor.stdout.contains("\u{1B}["))
    }

    @Test func cossioFindsEveryArticleNamingHimWhateverTheAccents() throws {
        for query in ["cossio", "Cossío", "COSSIO"] {
            let result = try json([query])
            let ids = Set((result["hits"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String })
            #expect(ids == ["002_417777ef5a0a4be8", "003_a82911b9917137c8", "004_14776b980787243b"], "\(query)")
        }
    }

    @Test func jsonHasTheDocumentedFields() throws {
        let result = try json(["havana", "--limit", "2"])
        #expect(result["query"] as? String == "havana")
        #expect((result["total"] as? Int ?? 0) >= 2)
        #expect(result["took_ms"] is Double || result["took_ms"] is Int)
        let hits = try #require(result["hits"] as? [[String: Any]])
        #expect(hits.count == 2)
        for (i, h) in hits.enumerated() {
            #expect(h["rank"] as? Int == i + 1)
            for key in ["id", "title", "path", "snippet"] { #expect(h[key] is String, "\(key)") }
            #expect(h["score"] is Double)
            #expect(h.keys.contains("date"))
            #expect(h["highlights"] is [[Int]])
        }
    }

    @Test func exitStatusSaysWhetherAnythingMatched() throws {
        #expect(try search(["havana"]).status == 0)
        Golden.check(try transcript(["--index", SeedSearchTests.index.path, "--color", "never", "xylophonequartet"]),
                     named: "search-no-match")   // exit status 1
        let missing = try MSearchBinary.run(["--index", "/nonexistent/idx", "havana"])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("no index at /nonexistent/idx"))
        #expect(try search(["--limit", "-3", "havana"]).status == 2)
        #expect(try search(["--no-such-option"]).status == 2)
    }

    @Test func outputIsDeterministic() throws {
        let a = try search(["cuba talks", "--color", "never"]).stdout
        let b = try search(["cuba talks", "--color", "never"]).stdout
        // Only the timing in the last line may differ.
        #expect(a.split(separator: "\n").dropLast() == b.split(separator: "\n").dropLast())
    }
}

/// The query language on the seeds, as a Lucene user expects it.
@Suite(.serialized) struct SeedQueryLanguageTests {
    func hits(_ query: String) throws -> (ids: [String], highlighted: [String]) {
        let r = try MSearchBinary.run(["--index", SeedSearchTests.index.path, "--json", query])
        let object = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any]
        let hits = object?["hits"] as? [[String: Any]] ?? []
        var highlighted: [String] = []
        for h in hits {
            let scalars = Array((h["snippet"] as? String ?? "").unicodeScalars)
            for pair in h["highlights"] as? [[Int]] ?? [] {
                highlighted.append(String(String.UnicodeScalarView(scalars[pair[0]..<pair[1]])))
            }
        }
        return (hits.compactMap { $0["id"] as? String }.map { String($0.prefix(3)) }, highlighted)
    }

    @Test func phraseMatchesOnlyArticlesWithThePhraseHighlightedAsOneSpan() throws {
        let r = try hits("\"deportation flights\"")
        #expect(r.ids == ["000"])
        #expect(r.highlighted.contains("deportation flights"))
    }

    @Test func prefixWithExclusion() throws {
        // visa, visas… but not the articles that name Trump (000, 001, 003).
        let r = try hits("visa* -trump")
        #expect(Set(r.ids) == ["002", "004"])
        #expect(r.highlighted.allSatisfy { $0.lowercased().hasPrefix("visa") })
    }

    @Test func fieldScopeAndConjunction() throws {
        // 000's title is its first real line ("…the bilateral immigration talks…"), not the
        // "Related videos:" label above it.
        let r = try hits("title:talks AND havana")
        #expect(Set(r.ids) == ["000", "001", "002", "004"])
    }

    @Test func negatedGroup() throws {
        // Parole or asylum appear in 000, 002 and 003.
        #expect(Set(try hits("cuba NOT (parole OR asylum)").ids) == ["001", "004"])
    }

    @Test func malformedQueryShowsACaretAndExitsTwo() throws {
        Golden.check(try transcript(["--index", SeedSearchTests.index.path, "--color", "never", "cuba AND (visa"]),
                     named: "search-syntax-error")
    }

    @Test func misspeltWordsGetASuggestion() throws {
        Golden.check(try transcript(["--index", SeedSearchTests.index.path, "--color", "never", "deportaton flihgts"]),
                     named: "search-suggestion")   // "Did you mean: deportation flights?", exit status 1
    }

    @Test func explainShowsTheBM25Factors() throws {
        Golden.check(try transcript(["--index", SeedSearchTests.index.path, "--color", "never", "--explain", "--limit", "1", "havana talks"]),
                     named: "search-explain")
    }

    @Test func andFlagRequiresEveryWord() throws {
        let any = try hits("havana parole")
        let all = try MSearchBinary.run(["--index", SeedSearchTests.index.path, "--and", "--json", "havana parole"])
        let object = try JSONSerialization.jsonObject(with: Data(all.stdout.utf8)) as? [String: Any]
        #expect((object?["total"] as? Int ?? 0) < any.ids.count)
        #expect((object?["total"] as? Int ?? 0) == 3)
    }
}
