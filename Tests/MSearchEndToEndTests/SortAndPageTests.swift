import Foundation
import Testing
import MSearchCLI
import MSearchTestSupport

/// Issue #17, "sorting and paging everywhere": `--sort relevance|newest|oldest` and `--offset N`
/// in search, batch and the REPL, `offset`/`next_offset` in JSON, a footer that names the hits
/// shown, and the REPL's `:more`, `:show N` and `:sort` following the page on screen.
@Suite(.serialized) struct SortAndPageTests {
    var seeds: String { SeedSearchTests.index.path }

    /// Six articles about oil (one template, so near-duplicates of each other: the tests list
    /// them all with `--duplicates show`, their point being the order): four dated (two on the same day, one of which says "oil" three
    /// times and so outranks the other) and two undated (one with more "oil" than the other).
    static let dated: IndexedFiles = {
        func article(_ title: String, _ dateline: String?, oil: Int) -> String {
            let words = Array(repeating: "oil", count: oil).joined(separator: " ")
            let line = dateline.map { "Havana, \($0) — " } ?? ""
            return "\(title)\n\(line)The ministers spoke about \(words) and the harbour, the weather and the budget.\n"
        }
        return try! IndexedFiles([
            "a.txt": article("Alpha report", "1 November 2003", oil: 1),
            "b.txt": article("Bravo report", "10 March 2005", oil: 1),
            "c.txt": article("Charlie report", "10 March 2005", oil: 3),
            "d.txt": article("Delta report", "20 June 2004", oil: 2),
            "u.txt": article("Uniform report", nil, oil: 3),
            "v.txt": article("Victor report", nil, oil: 1),
        ])
    }()

    func json(_ index: String, _ arguments: [String]) throws -> [String: Any] {
        let r = try MSearchBinary.run(["--index", index, "--duplicates", "show", "--json"] + arguments)
        #expect(r.status == 0, "\(arguments): \(r.stderr)")
        return try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
    }

    func hits(_ record: [String: Any]) -> [[String: Any]] { record["hits"] as? [[String: Any]] ?? [] }
    func titles(_ record: [String: Any]) -> [String] { hits(record).compactMap { $0["title"] as? String } }

    // MARK: Sorting

    @Test func newestAndOldestPutUndatedLastAndBreakDateTiesByScore() throws {
        let index = SortAndPageTests.dated.index.path
        let byDate = try json(index, ["--sort", "newest", "oil"])
        #expect(titles(byDate) == ["Charlie report", "Bravo report", "Delta report", "Alpha report",
                                   "Uniform report", "Victor report"])
        #expect(hits(byDate).compactMap { $0["date"] as? String } == ["2005-03-10", "2005-03-10", "2004-06-20", "2003-11-01"])
        let oldest = try json(index, ["--sort", "oldest", "oil"])
        // Same-day Charlie before Bravo and Uniform before Victor both ways: the better score first.
        #expect(titles(oldest) == ["Alpha report", "Delta report", "Charlie report", "Bravo report",
                                   "Uniform report", "Victor report"])
        // What the ties rest on: Charlie and Uniform outscore Bravo and Victor.
        let relevance = try json(index, ["oil"])
        let scores = Dictionary(uniqueKeysWithValues: hits(relevance).map { ($0["title"] as! String, $0["score"] as! Double) })
        #expect(scores["Charlie report"]! > scores["Bravo report"]!)
        #expect(scores["Uniform report"]! > scores["Victor report"]!)
        // Relevance is the default and `--sort relevance` changes nothing.
        let explicit = try MSearchBinary.run(["--index", index, "--duplicates", "show", "--json", "--sort", "relevance", "oil"])
        let implicit = try MSearchBinary.run(["--index", index, "--duplicates", "show", "--json", "oil"])
        #expect(maskingRunDetails(explicit.stdout, index: index) == maskingRunDetails(implicit.stdout, index: index))
    }

    /// The whole text and JSON output of date-sorted searches on the seeds (two dated articles,
    /// three undated): the order, the ranks, the footer naming the order.
    @Test func seedsSortedByDateAsGoldenText() throws {
        Golden.check(try transcript(["--index", seeds, "--color", "never", "--sort", "newest", "talks"]), named: "search-sort-newest")
        Golden.check(try transcript(["--index", seeds, "--json", "--sort", "oldest", "--limit", "3", "talks"]), named: "json-sort-oldest")
        Golden.check(try transcript(["--index", seeds, "--color", "never", "--offset", "2", "--limit", "2", "havana"]),
                     named: "search-offset-page")
    }

    // MARK: Paging

    @Test(arguments: ["relevance", "newest", "oldest"]) func pagesAreTheLongListCutAndEndWithANullNextOffset(_ sort: String) throws {
        for (index, query) in [(seeds, "havana OR talks OR cuba"), (SortAndPageTests.dated.index.path, "oil")] {
            let whole = try json(index, ["--sort", sort, "--limit", "100", query])
            let total = try #require(whole["total"] as? Int)
            #expect(whole["offset"] as? Int == 0)
            #expect(whole["next_offset"] is NSNull)
            #expect(hits(whole).count == total)
            var paged: [[String: Any]] = []
            var offset: Int? = 0
            var pages = 0
            while let start = offset {
                let page = try json(index, ["--sort", sort, "--limit", "2", "--offset", String(start), query])
                #expect(page["offset"] as? Int == start)
                #expect(page["total"] as? Int == total)
                paged += hits(page)
                offset = page["next_offset"] as? Int
                if offset == nil { #expect(page["next_offset"] is NSNull) } else { #expect(offset == start + 2) }
                pages += 1
                if pages > total { Issue.record("next_offset never ends"); break }
            }
            #expect(pages == (total + 1) / 2)
            #expect(paged.map { $0["id"] as! String } == hits(whole).map { $0["id"] as! String }, "\(sort) \(query)")
            #expect(paged.map { $0["rank"] as! Int } == Array(1...total))
            #expect(paged.map { $0["score"] as! Double } == hits(whole).map { $0["score"] as! Double })
        }
    }

    @Test func anOffsetPastTheLastMatchShowsNoHitAndSaysSo() throws {
        let page = try json(seeds, ["--offset", "50", "havana"])
        #expect(page["total"] as? Int == 5)
        #expect(page["offset"] as? Int == 50)
        #expect(hits(page).isEmpty)
        #expect(page["next_offset"] is NSNull)
        let text = try MSearchBinary.run(["--index", seeds, "--color", "never", "--offset", "5", "havana"])
        #expect(text.status == 0)   // five articles match; this page is empty
        #expect(text.stdout.hasPrefix("none from 6 on: 5 matching articles · "), "\(text.stdout)")
        // --limit 0 shows no page, so nothing to continue from either.
        #expect(try json(seeds, ["--limit", "0", "havana"])["next_offset"] is NSNull)
    }

    @Test func batchSortsAndPagesInEveryFormat() throws {
        let index = SortAndPageTests.dated.index.path
        let options = ["--sort", "oldest", "--offset", "1", "--limit", "2"]
        let jsonl = try MSearchBinary.run(["batch", "--index", index, "--duplicates", "show"] + options, stdin: "q\toil\n")
        #expect(jsonl.status == 0, "\(jsonl.stderr)")
        let record = try #require(try JSONSerialization.jsonObject(with: Data(jsonl.stdout.utf8)) as? [String: Any])
        #expect(titles(record) == ["Delta report", "Charlie report"])
        #expect(hits(record).map { $0["rank"] as! Int } == [2, 3])
        #expect(record["offset"] as? Int == 1 && record["next_offset"] as? Int == 3)

        let tsv = try MSearchBinary.run(["batch", "--index", index, "--duplicates", "show", "--format", "tsv"] + options, stdin: "q\toil\n")
        let rows = tsv.stdout.split(separator: "\n").map { $0.split(separator: "\t", omittingEmptySubsequences: false) }
        #expect(rows.map { String($0[1]) } == ["2", "3"])
        #expect(rows.map { String($0[5]) } == ["Delta report", "Charlie report"])

        let trec = try MSearchBinary.run(["batch", "--index", index, "--format", "trec", "--sort", "newest", "--offset", "4"],
                                         stdin: "q\toil\n")
        let lines = trec.stdout.split(separator: "\n").map { $0.split(separator: " ") }
        #expect(lines.map { String($0[3]) } == ["5", "6"])   // the undated two, after the four dated
        let ids = lines.map { String($0[2]) }
        let undated = try json(index, ["--sort", "newest", "--offset", "4", "oil"])
        #expect(ids == hits(undated).map { $0["id"] as! String })
        #expect(titles(undated) == ["Uniform report", "Victor report"])
    }

    // MARK: The REPL

    /// `:help` lists `:sort`; `:more` shows ranks 3–4 and says so; `:show` takes those ranks and
    /// names them when given another; `:sort` reorders the next query and `:more` keeps the
    /// order it was shown in.
    @Test func replFooterAndShowFollowThePageShown() throws {
        let script = """
            :help
            :limit 2
            havana
            :more
            :show 3
            :show 1
            :more
            :more
            :sort newest
            talks
            :sort oldest
            :more
            :show 9
            :sort date
            :sort
            :quit
            """
        Golden.check(try transcript(["repl", "--index", seeds, "--color", "never"], stdin: script + "\n"), named: "repl-sort-and-page")
    }

    @Test func replShowAfterMoreTakesTheRankOnScreen() throws {
        let out = try replTranscript(indexDirectory: seeds, lines: [":limit 3", "havana", ":more", ":show 5", ":show 2"])
        let footers = out.split(separator: "\n").filter { $0.contains("matching articles") }
        #expect(footers.count == 2)
        #expect(footers.first?.hasPrefix("3 of 5 matching articles") == true)
        #expect(footers.last?.hasPrefix("4–5 of 5 matching articles") == true, "\(footers)")
        #expect(out.contains("\n5. "))
        #expect(!out.contains("no hit 5"))
        #expect(out.contains("no hit 2 on the page shown: :show takes 4 to 5"))
    }

    // MARK: Bad values

    @Test func badOffsetsAndSortsAreRefusedEverywhere() throws {
        for command in [["search"], ["batch"], ["repl"]] {
            let query = command == ["repl"] ? [] : ["cuba"]
            for value in ["-1", "100001", "9223372036854775807"] {
                let r = try MSearchBinary.run(command + ["--index", seeds, "--offset", value] + query, stdin: "cuba\n")
                #expect(r.status == 2, "\(command) --offset \(value)")
                #expect(r.stderr.contains("--offset must be from 0 to 100000, not \(value)"), "\(command): \(r.stderr)")
            }
            let r = try MSearchBinary.run(command + ["--index", seeds, "--sort", "date"] + query, stdin: "cuba\n")
            #expect(r.status == 2)
            #expect(r.stderr.contains("'date'") && r.stderr.contains("'relevance', 'newest' or 'oldest'"), "\(command): \(r.stderr)")
            #expect(r.stdout.isEmpty)
        }
        let edge = try MSearchBinary.run(["--index", seeds, "--offset", "100000", "cuba"])
        #expect(edge.status == 0)
    }

    @Test func optionValidationNamesTheChoices() {
        #expect(OptionValidation.count(100_001, "--offset", in: 0...OptionValidation.maxOffset) == "--offset must be from 0 to 100000, not 100001")
        #expect(OptionValidation.choice(text: "date", ":sort", as: Choices.self)
                == .failure(OptionError(":sort takes one, two or three, not 'date'")))
        #expect(OptionValidation.choice(text: "two", ":sort", as: Choices.self) == .success(.two))
    }

    enum Choices: String, CaseIterable { case one, two, three }
}
