import Foundation
import Testing
import MSearchTestSupport

/// A command run through the real binary as golden text: the command line, the exit status,
/// stdout and stderr, with what varies between runs masked (timings, the temporary index and
/// the repository's location). Help is wrapped at 80 columns whatever the terminal.
func transcript(_ arguments: [String], stdin: String? = nil, index: String = SeedSearchTests.index.path) throws -> String {
    // Run from the repository root, so the seeds' paths print relative to it (`seeds/…`).
    let result = try MSearchBinary.run(arguments, cwd: TestData.packageRoot, environment: ["COLUMNS": "80"], stdin: stdin)
    var text = "$ msearch " + arguments.map { $0.contains(" ") || $0.isEmpty ? "'\($0)'" : $0 }.joined(separator: " ") + "\n"
    text += "exit status \(result.status)\n--- stdout\n" + result.stdout
    if !result.stdout.isEmpty, !result.stdout.hasSuffix("\n") { text += "\n(no newline at end)\n" }
    text += "--- stderr\n" + result.stderr
    return maskingRunDetails(text, index: index)
}

/// `text` without what changes from run to run: the index folder becomes `$INDEX`, the
/// repository `$REPO`, measured times `#`; one JSON hit per line, for a readable diff.
func maskingRunDetails(_ text: String, index: String) -> String {
    var masked = Golden.masking(text, index, as: "$INDEX")
    masked = Golden.masking(masked, TestData.packageRoot, as: "$REPO")
    masked = Golden.replacing(#""took_ms":[0-9.]+"#, in: masked, with: #""took_ms":#"#)
    masked = Golden.replacing(#"[0-9]+(\.[0-9]+)? ms\b"#, in: masked, with: "# ms")
    masked = Golden.replacing(#" in [0-9]+(\.[0-9]+)? s\b"#, in: masked, with: " in # s")
    return masked.replacingOccurrences(of: #",{"rank":"#, with: ",\n{\"rank\":")
}

/// The whole output of the commands whose output is the point, on the seeds: the subcommands'
/// help, search results as text and JSON, `check`, indexing and batch runs. (Other suites check
/// their own golden files where a test's point is a whole output: `msearch --help`, `show`,
/// REPL sessions, …) A change to any of them fails with a diff; after a deliberate one,
/// re-record them all: `MSEARCH_RECORD_GOLDEN=1 swift test --skip-build --filter MSearchEndToEndTests`.
@Suite(.serialized) struct GoldenOutputTests {
    static let subcommands = ["search", "index", "remove", "optimize", "check", "repl", "batch", "show", "open", "actors",
                              "export", "translate", "eval", "similar", "duplicates"]

    @Test(arguments: subcommands) func subcommandHelp(_ subcommand: String) throws {
        let help = try transcript([subcommand, "--help"])
        Golden.check(help, named: "help-\(subcommand)")
        // `msearch help X` prints the same text.
        let other = try transcript(["help", subcommand])
        #expect(other.split(separator: "\n").dropFirst() == help.split(separator: "\n").dropFirst())
    }

    /// A search and the name of its golden file.
    struct Search: Sendable, CustomTestStringConvertible {
        var name: String
        var arguments: [String]
        init(_ name: String, _ arguments: [String]) { self.name = name; self.arguments = arguments }
        var testDescription: String { name }
    }

    static let textSearches: [Search] = [
        Search("search-cuba-talks", ["cuba talks"]),
        Search("search-phrase", ["\"deportation flights\""]),
        Search("search-prefix-exclusion", ["visa* -trump"]),
        Search("search-field-and", ["title:talks AND havana"]),
    ]

    @Test(arguments: textSearches) func textSearch(_ search: Search) throws {
        let index = SeedSearchTests.index.path
        Golden.check(try transcript(["--index", index, "--color", "never"] + search.arguments), named: search.name)
    }

    static let jsonSearches: [Search] = [
        Search("json-havana-limit-2", ["--limit", "2", "havana"]),
        Search("json-cuba-talks", ["cuba talks"]),
        Search("json-facets", ["--facets", "--facet-size", "100", "migration"]),
        Search("json-actor-and-dates", ["--actor", "de Cossío", "--from", "2023", "--undated", "include", "talks"]),
    ]

    @Test(arguments: jsonSearches) func jsonSearch(_ search: Search) throws {
        let index = SeedSearchTests.index.path
        Golden.check(try transcript(["--index", index, "--json"] + search.arguments), named: search.name)
    }

    @Test func check() throws {
        let index = SeedSearchTests.index.path
        // File sizes are masked: the format's own tests and compare.sh pin the index bytes.
        let check = Golden.replacing(#"\([0-9]+ bytes\)"#, in: try transcript(["check", "--index", index]), with: "(# bytes)")
        Golden.check(Golden.replacing(#"[0-9.]+ MB verified"#, in: check, with: "# MB verified"), named: "check")
    }

    @Test func indexingTheSeeds() throws {
        let index = TemporaryDirectory("golden")
        Golden.check(try transcript(["index", "--index", index.path, TestData.seeds], index: index.path), named: "index-seeds")
    }

    @Test func batchFormats() throws {
        let index = SeedSearchTests.index.path
        let queries = "q1\thavana\nq2\t\"deportation flights\"\nq3\tbad (query\n\n# a comment\ncuba date:2030\n"
        Golden.check(try transcript(["batch", "--index", index, "--limit", "2"], stdin: queries), named: "batch-json")
        Golden.check(try transcript(["batch", "--index", index, "--format", "tsv", "--limit", "3"], stdin: "a\thavana\nb\tcossio\n"),
                     named: "batch-tsv")
        Golden.check(try transcript(["batch", "--index", index, "--format", "trec", "--tag", "run1", "--limit", "100"],
                                    stdin: "a\thavana\nb\tcossio\n"), named: "batch-trec")
    }

    /// The diff a mismatch shows: changed lines old first, two lines of context, gaps marked.
    @Test func mismatchesShowALineDiff() {
        let expected = (1...9).map { "line \($0)" }.joined(separator: "\n")
        let actual = expected.replacingOccurrences(of: "line 2", with: "line two").replacingOccurrences(of: "line 8\n", with: "")
        #expect(Golden.lineDiff(expected: expected, actual: actual) == """
              line 1
            - line 2
            + line two
              line 3
              line 4
            …
              line 6
              line 7
            - line 8
              line 9
            """)
        #expect(Golden.lineDiff(expected: "same", actual: "same") == "")
    }
}
