import Foundation
import Testing
@testable import MSearchCLI
import MSearchTestSupport

/// Issue #17, "a result list a journalist can work from": every hit names its id, `show` and
/// `open` take an id or a one-document file's path, paths print relative to where msearch runs,
/// CSV output, usage mistakes refused, and explanations when few articles are shown.
@Suite(.serialized) struct ResultListTests {
    var seeds: String { SeedSearchTests.index.path }
    let root = TestData.packageRoot

    func run(_ arguments: [String], cwd: String? = TestData.packageRoot, stdin: String? = nil) throws -> MSearchBinary.Result {
        try MSearchBinary.run(arguments, cwd: cwd, stdin: stdin)
    }

    func hits(_ arguments: [String]) throws -> [[String: Any]] {
        let r = try run(["--index", seeds, "--json"] + arguments)
        let object = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any]
        return try #require(object?["hits"] as? [[String: Any]])
    }

    @Test func everyTextHitNamesTheIdThatShowTakes() throws {
        let ids = try hits(["cuba"]).compactMap { $0["id"] as? String }
        #expect(ids.count > 2)
        let text = try run(["--index", seeds, "--color", "never", "cuba"]).stdout
        for id in ids {
            #expect(text.contains(" · id \(id) · "), "\(id) missing from the text output")
            let shown = try run(["show", "--index", seeds, id])
            #expect(shown.status == 0 && shown.stdout.contains("id: \(id)\n"))
        }
    }

    @Test func pathsAreRelativeUnderTheWorkingDirectoryElseAbsolute() throws {
        let here = try run(["--index", seeds, "--color", "never", "havana"]).stdout
        #expect(here.contains("seeds/0") && !here.contains(root + "/seeds"))
        let elsewhere = TemporaryDirectory("cwd")
        let there = try run(["--index", seeds, "--color", "never", "havana"], cwd: elsewhere.path).stdout
        #expect(there.contains("\(root)/seeds/0"))
    }

    @Test func indexingARelativePathStoresItAbsolute() throws {
        let sources = TemporaryDirectory("relative"), index = TemporaryDirectory("index")
        try sources.write("notes/a.txt", "Harbour report\nThe harbour reopened after the storm.\n")
        #expect(try run(["index", "--index", index.path, "notes"], cwd: sources.path).status == 0)
        let elsewhere = TemporaryDirectory("cwd")
        let r = try run(["--index", index.path, "--json", "harbour"], cwd: elsewhere.path)
        #expect(r.stdout.contains(#""path":"\#(sources.path)/notes/a.txt""#))
        let open = try run(["open", "--index", index.path, "a"], cwd: elsewhere.path)
        #expect(open.stdout == sources.path + "/notes/a.txt\n")
    }

    @Test func showTakesThePathOfAOneDocumentFileRelativeOrAbsolute() throws {
        let byId = try run(["show", "--index", seeds, "001_aa8d6d8626337fff"])
        let relative = try run(["show", "--index", seeds, "seeds/001_aa8d6d8626337fff.txt"])
        let absolute = try run(["show", "--index", seeds, root + "/seeds/001_aa8d6d8626337fff.txt"], cwd: "/")
        #expect(byId.status == 0 && relative.status == 0 && absolute.status == 0)
        #expect(relative.stdout == byId.stdout)
        #expect(absolute.stdout.replacingOccurrences(of: root + "/", with: "") == byId.stdout)
        let missing = try run(["show", "--index", seeds, "seeds/nothing.txt"])
        #expect(missing.status == 2 && missing.stderr.contains("no document with id or path seeds/nothing.txt"))
    }

    @Test func aFileOfManyArticlesAsksForAnId() throws {
        let feed = try IndexedFiles(["many.jsonl": #"""
        {"id": "n1", "title": "First", "body": "The harbour opened."}
        {"id": "n2", "title": "Second", "body": "The harbour closed."}
        """# + "\n"])
        let r = try run(["show", "--index", feed.index.path, feed.sources.path + "/many.jsonl"])
        #expect(r.status == 2)
        #expect(r.stderr.contains("holds 2 documents: give one's id (n1, n2"))
    }

    @Test func showTextPrintsTheWholeArticleAlone() throws {
        let r = try run(["show", "--index", seeds, "--text", "004_14776b980787243b"])
        #expect(r.status == 0)
        let json = try run(["show", "--index", seeds, "--json", "004_14776b980787243b"]).stdout
        let doc = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let title = try #require(doc["title"] as? String), body = try #require(doc["body"] as? String)
        #expect(r.stdout == title + "\n\n" + body + "\n")
        // --store none: the text is re-read from the source.
        let unstored = try IndexedFiles(["a.txt": "Harbour report\nThe harbour reopened after the storm.\n"], options: ["--store", "none"])
        let again = try run(["show", "--index", unstored.index.path, "--text", "a"])
        #expect(again.stdout == "Harbour report\n\nThe harbour reopened after the storm.\n")
    }

    @Test func openPrintsTheAbsolutePathIntoAPipe() throws {
        let r = try run(["open", "--index", seeds, "002_417777ef5a0a4be8"], cwd: "/")
        #expect(r.status == 0)
        #expect(r.stdout == root + "/seeds/002_417777ef5a0a4be8.txt\n")
        let missing = try run(["open", "--index", seeds, "nope"])
        #expect(missing.status == 2 && missing.stderr.contains("no document with id or path nope"))
    }

    // MARK: CSV

    /// A minimal RFC 4180 reader: the test's own, so the writer is checked against the rules.
    static func parseCSV(_ text: String) -> [[String]] {
        var rows: [[String]] = [], row: [String] = [], field = "", quoted = false
        var chars = Array(text)[...]
        while let c = chars.popFirst() {
            if quoted {
                if c == "\"" { if chars.first == "\"" { field.append("\""); chars.removeFirst() } else { quoted = false } }
                else { field.append(c) }
            } else if c == "\"" { quoted = true }
            else if c == "," { row.append(field); field = "" }
            else if c == "\r\n" || c == "\n" { row.append(field); rows.append(row); row = []; field = "" }
            else { field.append(c) }
        }
        return rows
    }

    @Test func csvQuotesWhatNeedsItAndKeepsTheColumnsOfTSVPlusTheSnippet() throws {
        let files = try IndexedFiles(["q.txt": "Talks, \"at last\", in Havana\nThe talks in Havana ended with a statement.\n"])
        let r = try files.run(["--format", "csv", "havana"])
        #expect(r.status == 0)
        #expect(r.stdout.hasPrefix("rank,id,score,date,title,snippet\r\n"))
        #expect(r.stdout.contains(#""Talks, ""at last"", in Havana""#))
        let rows = ResultListTests.parseCSV(r.stdout)
        #expect(rows.count == 2)
        #expect(rows[1][0] == "1" && rows[1][1] == "q" && rows[1][4] == "Talks, \"at last\", in Havana")
        #expect(rows[1][5].contains("The talks in Havana ended"))
        let batch = try run(["batch", "--index", files.index.path, "--format", "csv"], stdin: "h1\thavana\nh2\ttalks AND\n")
        let batchRows = ResultListTests.parseCSV(batch.stdout)
        #expect(batchRows.first == ["qid", "rank", "id", "score", "date", "title", "snippet"])
        #expect(batchRows.dropFirst().first?.prefix(2) == ["h1", "1"])
        #expect(batchRows.last?.prefix(2) == ["h2", "error"])
        #expect(batch.status == 2)
    }

    // MARK: Usage mistakes

    @Test func aCommandNameAfterOptionsIsRefusedWithTheRightOrder() throws {
        let r = try run(["--index", seeds, "index", "/tmp/new"])
        #expect(r.status == 2)
        #expect(r.stdout.isEmpty)
        #expect(r.stderr.contains("msearch index --index \(seeds) /tmp/new"))
        // An explicit search may look for the word.
        let search = try run(["search", "--index", seeds, "show"])
        #expect(search.status == 0 || search.status == 1)
    }

    @Test func aFileAnEmptyPathOrAnEmptyFolderAsIndexIsNamedForWhatItIs() throws {
        let dir = TemporaryDirectory("not-index")
        let file = try dir.write("file.txt", "not an index\n")
        let asFile = try run(["--index", file, "cuba"])
        #expect(asFile.status == 2 && asFile.stderr.contains("is a file, not an index folder"))
        let indexIntoFile = try run(["index", "--index", file, TestData.seeds])
        #expect(indexIntoFile.status == 2 && indexIntoFile.stderr.contains("is a file, not a folder"))
        let empty = try run(["--index", "", "cuba"])
        #expect(empty.status == 2 && empty.stderr.contains("--index is empty"))
        let folder = TemporaryDirectory("empty")
        let emptyFolder = try run(["--index", folder.path, "cuba"])
        #expect(emptyFolder.status == 2 && emptyFolder.stderr.contains("is an empty folder, not an index yet"))
        try folder.write("other.txt", "x")
        let other = try run(["--index", folder.path, "cuba"])
        #expect(other.status == 2 && other.stderr.contains("holds no msearch index"))
    }

    @Test func jsonErrorsAreAJSONObjectOnStdout() throws {
        for arguments in [["--json", "talks AND"], ["--json", "--limit", "-1", "talks"], ["--format", "json", "--sort", "sideways", "talks"]] {
            let r = try run(["--index", seeds] + arguments)
            #expect(r.status == 2, "\(arguments)")
            let object = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any]
            let error = object?["error"] as? [String: Any]
            #expect((error?["message"] as? String)?.isEmpty == false, "\(arguments): \(r.stdout)")
        }
    }

    // MARK: Explanations

    @Test func aDateFilterSaysHowManyUndatedAndOutsideArticlesItHid() throws {
        let all = try hits(["--limit", "100", "talks"]).count
        let r = try run(["--index", seeds, "--color", "never", "--from", "2023", "--to", "2023", "talks"])
        let shown = try hits(["--from", "2023", "--to", "2023", "talks"]).count
        let undated = try hits(["--limit", "100", "--from", "2023", "--to", "2023", "--undated", "include", "talks"]).count - shown
        #expect(undated > 0)
        #expect(r.stdout.contains("\(undated) undated article\(undated == 1 ? " is" : "s are") not shown; add --undated include."))
        let outside = all - shown - undated
        if outside > 0 { #expect(r.stdout.contains("\(outside) dated article\(outside == 1 ? "" : "s") outside --from 2023 --to 2023")) }
    }

    @Test func anUnknownActorGetsTheClosestNameFromTheActorList() throws {
        let r = try run(["--index", seeds, "--color", "never", "--actor", "Cosio", "talks"])
        #expect(r.status == 1)
        #expect(r.stdout.contains("No article names \"Cosio\"; did you mean --actor \"Carlos Fernández de Cossío\"?"))
    }

    static let spelling: IndexedFiles = {
        var files: [String: String] = [:]
        for i in 0..<10 { files["g\(i).txt"] = "Report \(i)\nThe government met on day \(i) to talk about the budget.\n" }
        files["n.txt"] = "The nanny\nThe governess took the children to the park.\n"
        files["m.txt"] = "Results\nMicrosoft's results were strong this quarter.\n"
        return try! IndexedFiles(files)
    }()

    @Test func didYouMeanAlsoWhenFewHitsAndAFarCommonerSpellingExists() throws {
        let r = try ResultListTests.spelling.run(["--json", "goverment"])
        let object = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any]
        #expect((object?["total"] as? Int ?? 0) >= 1)
        #expect(object?["did_you_mean"] as? String == "government")
        // A word that matches many is left alone, and so is a rare word the corpus writes so.
        let fine = try ResultListTests.spelling.run(["--json", "government"])
        #expect(!fine.stdout.contains("did_you_mean"))
        let rare = try ResultListTests.spelling.run(["--json", "governess"])
        #expect(rare.stdout.contains(#""total":1"#) && !rare.stdout.contains("did_you_mean"))
    }

    @Test func theSuggestionIsNeverAPossessiveAndKeepsTheQuerysCase() throws {
        let r = try ResultListTests.spelling.run(["--json", "microsft"])
        #expect(r.stdout.contains(#""did_you_mean":"microsoft""#))
        let phrase = try ResultListTests.spelling.run(["--json", "\"Microsft results\""])
        #expect(phrase.stdout.contains(#""did_you_mean":"\"Microsoft results\"""#))
    }

    // MARK: REPL

    @Test func replShowPrintsWhatShowPrintsByRankHashRankIdOrPath() throws {
        let show = try run(["show", "--index", seeds, "002_417777ef5a0a4be8"]).stdout
        let id = try #require(try hits(["havana"]).first?["id"] as? String)
        let expected = try run(["show", "--index", seeds, id]).stdout
        let out = try replTranscript(indexDirectory: seeds, lines: ["havana", ":show 1", ":show #1", ":show 002_417777ef5a0a4be8"])
        #expect(out.components(separatedBy: expected).count >= 3)
        #expect(out.hasSuffix(show))
        #expect(show.contains("published: 2022-11-15") && show.contains("organisations: "))
    }

    // MARK: Conventions

    @Test func aHighlightInsideABoldTitleTurnsBoldBackOn() throws {
        let r = try run(["--index", seeds, "--color", "always", "--limit", "1", "cuba talks"])
        let titleLine = try #require(r.stdout.split(separator: "\n").first)
        #expect(titleLine.contains("\u{1B}[0m\u{1B}[1m"))
    }

    @Test func literalBracketsAreEscapedBesideTheMarkers() throws {
        let files = try IndexedFiles(["b.txt": "Harbour [updated]\nThe harbour [1] reopened after the storm.\n"])
        let r = try files.run(["--color", "never", "harbour"])
        #expect(r.stdout.contains(#"[Harbour] \[updated\]"#))
        #expect(r.stdout.contains(#"The [harbour] \[1\] reopened"#))
    }

    @Test func aUILabelOnTheFirstLineIsNoTitle() throws {
        let files = try IndexedFiles([
            "a.txt": "Related videos:\nHarbour reopens after the storm\nThe harbour reopened.\n",
            "b.txt": "Share this\n\nHarbour workers return\nThe workers came back.\n",
            "c.txt": "Harbour: the facts\nThe harbour is old.\n",
        ])
        let r = try files.run(["--json", "--limit", "3", "harbour"])
        let object = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any]
        let titles = Set(((object?["hits"] as? [[String: Any]]) ?? []).compactMap { $0["title"] as? String })
        #expect(titles == ["Harbour reopens after the storm", "Harbour workers return", "Harbour: the facts"])
    }

    @Test func wrappingBreaksAtWordsAndKeepsTheIndent() {
        #expect(LongText.wrap("   one two three four five", width: 12) == "   one two\n   three\n   four five")
        #expect(LongText.wrap("a verylongwordthatdoesnotfit b", width: 10) == "a\nverylongwordthatdoesnotfit\nb")
        #expect(LongText.wrap("\u{1B}[1mbold\u{1B}[0m word", width: 10) == "\u{1B}[1mbold\u{1B}[0m word")
    }
}
