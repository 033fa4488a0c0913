import Foundation
import Testing
import MSearchTestSupport

/// The README's sample outputs are what the current binary prints: each fenced block tagged
/// `text checked` starts with `$ msearch ARGUMENTS` and holds the output that follows, run from
/// the repository root on the seeds' index (as `./Index` would be) without colour. Timings are
/// compared as `# ms`.
@Suite struct ReadmeSampleTests {
    struct Sample { var command: String; var expected: String; var line: Int }

    static func samples(in readme: String) -> [Sample] {
        var samples: [Sample] = []
        var current: (line: Int, lines: [String])?
        for (n, line) in readme.components(separatedBy: "\n").enumerated() {
            if current == nil, line.hasPrefix("```"), line.dropFirst(3).split(separator: " ").contains("checked") {
                current = (n + 1, [])
            } else if let c = current, line.hasPrefix("```") {
                if let first = c.lines.first {
                    samples.append(Sample(command: first, expected: c.lines.dropFirst().joined(separator: "\n") + "\n", line: c.line))
                }
                current = nil
            } else if current != nil {
                current!.lines.append(line)
            }
        }
        return samples
    }

    /// Shell-like words: spaces split, '…' and "…" quote.
    static func words(_ command: String) -> [String] {
        var words: [String] = [], word = "", quote: Character?, started = false
        for c in command {
            if let q = quote { if c == q { quote = nil } else { word.append(c) }; continue }
            if c == "'" || c == "\"" { quote = c; started = true; continue }
            if c == " " { if started || !word.isEmpty { words.append(word) }; word = ""; started = false; continue }
            word.append(c)
        }
        if started || !word.isEmpty { words.append(word) }
        return words
    }

    @Test func theREADMEsSampleOutputsAreWhatTheBinaryPrints() throws {
        let readme = try String(contentsOfFile: TestData.packageRoot + "/README.md", encoding: .utf8)
        let samples = ReadmeSampleTests.samples(in: readme)
        #expect(!samples.isEmpty, "no ```text checked block in README.md")
        for sample in samples {
            let words = ReadmeSampleTests.words(sample.command)
            try #require(words.first == "$" && words.dropFirst().first == "msearch", "README.md:\(sample.line): \(sample.command)")
            let r = try MSearchBinary.run(Array(words.dropFirst(2)), cwd: TestData.packageRoot,
                                          environment: ["MSEARCH_INDEX": SeedSearchTests.index.path, "COLUMNS": "100"])
            let masked = { (s: String) in Golden.replacing(#"[0-9]+(\.[0-9]+)? ms\b"#, in: s, with: "# ms") }
            let expected = masked(sample.expected), actual = masked(r.stdout)
            #expect(expected == actual, """
                README.md:\(sample.line): `\(sample.command)` prints otherwise (- README, + binary):
                \(Golden.lineDiff(expected: expected, actual: actual))
                """)
        }
    }
}
