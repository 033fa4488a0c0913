import Foundation
import Testing
import MSearchCLI
import MSearchSnippets
import MSearchTestSupport

/// Issue #13 items 4, 5 (query side) and 8 (option values, terminals), through the real binary:
/// no number, date, option value or query a user can type traps, allocates without bound or runs
/// for minutes, and nothing untrusted reaches the terminal unescaped.
@Suite(.serialized) struct InputBoundsTests {
    var index: String { SeedSearchTests.index.path }

    func search(_ args: [String], stdin: String? = nil) throws -> MSearchBinary.Result {
        try MSearchBinary.run(["--index", index] + args, stdin: stdin)
    }

    // MARK: Item 4: traps on input

    @Test func numbersOfTwentyOrMoreDigitsDoNotStopIndexing() throws {
        let src = TemporaryDirectory("e2e"), idx = TemporaryDirectory("e2e")
        try src.write("digits.txt", """
            Lottery results
            The numbers were 55555555555555555555555555555 and 5555555555555555555555555552.
            On the 66666666666666666666666666666666666666666666th of May 2023 nothing happened.
            """)
        let r = try MSearchBinary.run(["index", "--index", idx.path, src.path])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("1 added"))
        let found = try MSearchBinary.run(["--index", idx.path, "lottery"])
        #expect(found.status == 0)
    }

    /// The two 20 Newsgroups posts whose digit runs crashed extraction (SIGILL) on main.
    @Test(.enabled(if: FileManager.default.fileExists(atPath: TestData.corpus("20newsgroups/20news-bydate.tar.gz")),
                   "needs ../shared/corpora/20newsgroups"))
    func theTwentyNewsgroupsPostsWithLongDigitRunsIndex() throws {
        let archive = TestData.corpus("20newsgroups/20news-bydate.tar.gz")
        let src = TemporaryDirectory("e2e"), idx = TemporaryDirectory("e2e")
        let members = ["20news-bydate-train/comp.os.ms-windows.misc/9983", "20news-bydate-train/rec.sport.hockey/53636"]
        let untar = try MSearchBinary.run(["xzf", archive, "-C", src.path] + members, executable: "/usr/bin/tar")
        try #require(untar.status == 0, "\(untar.stderr)")
        // Plain-text posts without an extension: give them one so the walker reads them as text.
        for m in members {
            try FileManager.default.moveItem(atPath: src.path + "/" + m,
                                             toPath: src.path + "/" + m.replacingOccurrences(of: "/", with: "_") + ".txt")
        }
        let r = try MSearchBinary.run(["index", "--index", idx.path, src.path])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("2 added"), "\(r.stdout)")
    }

    @Test func fromAfterToIsAClearErrorOnTheCommandLineAndInBatch() throws {
        for command in [["search"], ["batch"]] {
            let r = try MSearchBinary.run(command + ["--index", index, "--from", "2006", "--to", "2004", "cuba"], stdin: "cuba\n")
            #expect(r.status == 2)
            #expect(r.stderr.contains("--from 2006 is after --to 2004"), "\(r.stderr)")
        }
    }

    @Test func hugeOrNegativeLimitsAreRefusedWithTheCap() throws {
        for value in ["9223372036854775807", "99999999999", "10001", "-1"] {
            for command in [["search"], ["batch"], ["repl"]] {
                let query = command == ["repl"] ? [] : ["cuba"]
                let r = try MSearchBinary.run(command + ["--index", index, "--limit", value] + query, stdin: "cuba\n")
                #expect(r.status == 2, "\(command) --limit \(value)")
                #expect(r.stderr.contains("--limit must be from 0 to 10000, not \(value)"), "\(command): \(r.stderr)")
                #expect(!r.stderr.contains("Missing value"))
            }
        }
        let ok = try search(["--limit", "10000", "--json", "cuba"])
        #expect(ok.status == 0)
    }

    @Test func replRefusesBadLimitsAndBackwardDateRangesAndGoesOn() throws {
        let script = """
            :limit 9223372036854775807
            :limit 99999999999
            :limit -1
            :limit many
            :from 2006
            :to 2004
            :filters
            :to 2007
            :from off
            :to off
            :limit 2
            cuba
            """
        // Each refusal names the range; the refused :to leaves the filters alone; the session goes on.
        Golden.check(try transcript(["repl", "--index", index, "--color", "never"], stdin: script + "\n"), named: "repl-bad-values")
    }

    // MARK: Item 8: option values

    @Test func rankingValuesMustBeFiniteAndInRange() throws {
        let bad: [([String], String)] = [
            (["--k1", "nan"], "--k1 must be a number from 0 to 10"),
            (["--k1", "-1"], "--k1 must be a number from 0 to 10"),
            (["--b", "inf"], "--b must be a number from 0 to 1"),
            (["--title-weight", "1e308"], "--title-weight must be a number from 0.01 to 100"),
            (["--title-b", "nan"], "--title-b must be a number from 0 to 1"),
            (["--proximity", "nan"], "--proximity must be a number from 0 to 100"),
            (["--proximity-window", "9223372036854775807"], "--proximity-window must be from 1 to 1000"),
            (["--rm3", "--rm3-mu", "inf"], "--rm3-mu must be a number from 0 to 100000"),
            (["--rm3", "--rm3-weight", "nan"], "--rm3-weight must be more than 0 and at most 1"),
        ]
        for (options, message) in bad {
            let r = try search(options + ["--json", "cuba"])
            #expect(r.status == 2, "\(options)")
            #expect(r.stderr.contains(message), "\(options): \(r.stderr)")
            #expect(!r.stdout.contains("null"))
        }
        let ok = try search(["--k1", "10", "--title-weight", "100", "--json", "cuba"])
        #expect(ok.status == 0)
        #expect(ok.stdout.contains("\"score\": ") || ok.stdout.contains("\"score\":"))
        #expect(!ok.stdout.contains("\"score\":null") && !ok.stdout.contains("\"score\": null"))
    }

    // MARK: Item 5: query budgets

    @Test func overlongQueriesAndTooManyClausesAreErrorsNamingTheLimit() throws {
        let long = String(repeating: "cuba ", count: 4_000)           // 20,000 bytes
        let r = try search([long])
        #expect(r.status == 2)
        #expect(r.stderr.contains("query too long: 20000 bytes, at most 16384"), "\(r.stderr.prefix(300))")
        let many = String(repeating: "x ", count: 1_100)
        let m = try search([many])
        #expect(m.status == 2)
        #expect(m.stderr.contains("query has more than 1024 words or clauses"))
        let plain = try search(["--syntax", "plain", many])
        #expect(plain.status == 2)
        #expect(plain.stderr.contains("query has more than 1024 words or clauses"))
        let fits = try search([String(repeating: "cuba ", count: 1_000)])
        #expect(fits.status == 0)
    }

    /// A 10 MB batch line took 33 s and 816 MB on main; now it is one failed line, and the next
    /// line is answered.
    @Test func aTenMegabyteBatchLineFailsFastAndTheNextLineRuns() throws {
        let huge = String(repeating: "zqxv ", count: 2_000_000)
        let started = Date()
        let r = try MSearchBinary.run(["batch", "--index", index, "--format", "tsv"], stdin: "big\t\(huge)\nok\tcuba\n")
        #expect(Date().timeIntervalSince(started) < 20)
        #expect(r.status == 2)
        #expect(r.stdout.contains("big\terror\tquery too long: 10000000 bytes, at most 16384"))
        #expect(r.stdout.contains("ok\t1\t"))
    }

    @Test func manyActorClausesAndUnknownWordsAnswerQuickly() throws {
        let actors = String(repeating: "actor:cossio ", count: 500)
        let started = Date()
        let a = try search([actors + "migration"])
        #expect(a.status == 0)
        let unknown = (0..<1_000).map { "zq\($0)xv" }.joined(separator: " ")
        let u = try search([unknown])
        #expect(u.status == 1)
        // On the seeds, main took 17 s (debug), nearly all of it correcting the 1,000 unknown
        // words; now 10 are corrected, in under a second. (500 actor clauses on Reuters: 22 s
        // on main, in release; measured in the issue's note.)
        #expect(Date().timeIntervalSince(started) < 8)
    }

    /// `execve` may start a program with an empty argv (argc 0); reading the raw arguments
    /// from index 1 on must not build a backwards range and trap.
    @Test func anEmptyArgvIsAUsageErrorNotATrap() throws {
        var pid: pid_t = 0
        var argv: [UnsafeMutablePointer<CChar>?] = [nil]
        var environment: [UnsafeMutablePointer<CChar>?] = [nil]
        let spawned = posix_spawn(&pid, MSearchBinary.path, nil, nil, &argv, &environment)
        #expect(spawned == 0)
        var status: Int32 = 0
        _ = waitpid(pid, &status, 0)
        #expect(status & 0x7f == 0, "msearch was killed by signal \(status & 0x7f)")
        #expect((status >> 8) & 0xff == 2, "a missing query is a usage error")
    }

    // MARK: Item 8: untrusted text on a terminal

    @Test func pathsAndIdsWithControlCharactersArePrintedEscaped() throws {
        let indexed = try IndexedFiles(["evil\u{1B}]0;pwned\u{07}.txt": "Plain title\nbody about zebras\n",
                                        "two\nlines.txt": "Another title\nbody about zebras too\n"])
        let idx = indexed.index
        let r = try indexed.run(["--color", "never", "zebras"])
        #expect(r.status == 0)
        #expect(!r.stdout.contains("\u{1B}"))
        #expect(!r.stdout.contains("\u{07}"))
        #expect(r.stdout.contains("evil\\x1b]0;pwned\\x07.txt"))
        #expect(r.stdout.contains("two\\x0alines.txt"))
        // A text file's id is its name's stem, shown escaped; what is shown is what `show` takes.
        let show = try MSearchBinary.run(["show", "--index", idx.path, "evil\\x1b]0;pwned\\x07"])
        #expect(show.status == 0, "\(show.stderr)")
        #expect(show.stdout.contains("id: evil\\x1b]0;pwned\\x07\n"))
        #expect(!show.stdout.contains("\u{1B}"))
        let missing = try MSearchBinary.run(["show", "--index", idx.path, "no\u{1B}[2Jsuch"])
        #expect(missing.stderr.contains("no document with id or path no\\x1b[2Jsuch"))
        // TSV: one line per hit with exactly six fields.
        let tsv = try MSearchBinary.run(["batch", "--index", idx.path, "--format", "tsv"], stdin: "zebras\n")
        let lines = tsv.stdout.split(separator: "\n").filter { !$0.isEmpty }
        #expect(lines.count == 2, "\(tsv.stdout)")
        #expect(lines.allSatisfy { $0.split(separator: "\t", omittingEmptySubsequences: false).count == 6 })
        #expect(tsv.stdout.contains("\tevil\\x1b]0;pwned\\x07\t"))
        #expect(tsv.stdout.contains("\ttwo\\x0alines\t"))
        #expect(!tsv.stdout.contains("\u{1B}"))
    }

    // MARK: The shared helpers, directly

    @Test func terminalTextEscapesControlsAndKeepsHighlightsOnTheirWords() {
        #expect(TerminalText.escaped("a\u{1B}[31mb\nc\td\r\u{7F}\u{01}\u{9B}\u{202E}é\\") == #"a\x1b[31mb\x0ac\x09d\x0d\x7f\x01\u{9b}\u{202e}é\"#)
        #expect(TerminalText.escaped("plain café – “quoted”") == "plain café – “quoted”")
        #expect(TerminalText.escaped("l1\nl2\tx\u{1B}", keepingLines: true) == "l1\nl2\tx\\x1b")
        // Bytes: ESC 0, x 1, space 2, cuba 3..<7, U+202E 7..<10, space 10, talks 11..<16.
        let snippet = Snippet(text: "\u{1B}x cuba\u{202E} talks", highlights: [3..<7, 11..<16])
        #expect(SnippetRenderer.render(TerminalText.escaped(snippet), style: .brackets) == #"\x1bx [cuba]\u{202e} [talks]"#)
    }

    @Test func optionValidationNamesTheOptionAndItsRange() {
        #expect(OptionValidation.count(10_001, "--limit", in: 0...OptionValidation.maxLimit) == "--limit must be from 0 to 10000, not 10001")
        #expect(OptionValidation.count(10_000, "--limit", in: 0...OptionValidation.maxLimit) == nil)
        #expect(OptionValidation.number(.nan, "--k1", in: 0...10) == "--k1 must be a number from 0 to 10, not nan")
        #expect(OptionValidation.number(.infinity, "--b", in: 0...1) != nil)
        #expect(OptionValidation.number(0.65, "--b", in: 0...1) == nil)
        #expect(OptionValidation.dateRange(from: "2006", to: "2004") == "--from 2006 is after --to 2004: no article can match")
        #expect(OptionValidation.dateRange(from: "2023-11", to: "2023") == nil)
        #expect(OptionValidation.dateRange(from: "2023-11-14", to: "2023-11") == nil)
        for bad in ["2023 OR x", "2023..2024", "99999999999999999999", "2023-13", ""] {
            #expect(OptionValidation.dateRange(from: bad, to: nil)?.hasPrefix("--from takes a date") == true, "\(bad)")
        }
        #expect(OptionValidation.count(text: "9223372036854775808", ":limit", in: 1...10) == .failure(OptionError(":limit takes a whole number from 1 to 10, not '9223372036854775808'")))
        #expect(OptionValidation.count(text: "7", ":limit", in: 1...10) == .success(7))
    }

    @Test func replTranscriptRefusesBadValuesAndGoesOn() throws {
        let out = try replTranscript(indexDirectory: index, lines: [
            ":limit 99999999999", ":from 2030", ":to 2004", ":to 20061", ":limit 1", "cuba", ":more", ":quit", "never",
        ])
        // No articles match "cuba" from 2030 (the seeds are older); nothing after :quit is read.
        Golden.check(maskingRunDetails(out, index: index), named: "repl-transcript-bad-values")
    }
}
