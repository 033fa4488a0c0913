@testable import MSearchQuery
import Testing
import MSearchTestSupport

/// What every parse must satisfy: a tree that respects the tree's own rules, or an error whose
/// position is inside the query and whose rendering works.
/// With `grouped`, also checks that `( text )` parses to the same tree.
func checkInvariants(_ text: String, _ defaultOperator: QueryParser.DefaultOperator, grouped: Bool = true,
                     sourceLocation: SourceLocation = #_sourceLocation) {
    do {
        let q = try QueryParser(defaultOperator: defaultOperator).parse(text)
        if let problem = q.structuralProblem {
            Issue.record("bad tree for \(text.debugDescription): \(problem)\n\(q)", sourceLocation: sourceLocation)
        }
        // A group around a query means the query (unless that nests one level too deep).
        if grouped { do {
            let grouped = try QueryParser(defaultOperator: defaultOperator).parse("(" + text + " )")
            if grouped != q {
                Issue.record("( q ) != q for \(text.debugDescription)", sourceLocation: sourceLocation)
            }
        } catch {
            if !error.message.hasPrefix("parentheses nested") {
                Issue.record("( q ) fails for \(text.debugDescription): \(error.rendered)", sourceLocation: sourceLocation)
            }
        } }
    } catch {
        if let problem = error.problem(parsing: text) {
            Issue.record("\(problem) for \(text.debugDescription)\n\(error.rendered)", sourceLocation: sourceLocation)
        }
    }
}

@Suite("Query language: robustness")
struct RobustnessTests {
    static let fragments: [String] = [
        "\"", "(", ")", "+", "-", "*", "*", ":", "~", "\\", " ", " ", " ", "!", "&&", "||", ".", "..",
        "AND", "OR", "NOT", " AND ", " OR ", " NOT ", "and", "a", "cuba", "visa", "Díaz-Canel", "é", "e\u{301}",
        "北京", "🇨🇺", "👩‍👩‍👧", "\u{200B}", "\u{202E}", "\t", "\n", "\r\n", "\u{0}", "“", "”", "„",
        "title:", "body:", "date:", "actor:", "foo:", "TITLE:", "date:2023", "2023-11-14", "..2024",
        "~2", "~99999999999999999999", "~-1", "12:30", "http://x", "\\\"", "\\(", "0", "9", "٣", "x*",
    ]

    static func randomQuery(_ rng: inout SplitMix64) -> String {
        var s = ""
        let n = 1 + Int(rng.next() % 12)
        for _ in 0..<n {
            let r = rng.next()
            if r % 8 == 0 {
                // an arbitrary Unicode scalar now and then
                if let scalar = Unicode.Scalar(UInt32(truncatingIfNeeded: r >> 32) % 0x11_0000) {
                    s.unicodeScalars.append(scalar)
                }
            } else {
                s += fragments[Int((r >> 8) % UInt64(fragments.count))]
            }
        }
        return s
    }

    /// 200,000 random queries in 4 shards (run in parallel); every eighth also with AND as the
    /// default operator, another eighth also inside parentheses. (The fuzzer checks all of it.)
    @Test(arguments: 0..<4)
    func randomQueriesNeverCrash(shard: Int) {
        var rng = SplitMix64(seed: 0xC0BA + UInt64(shard))
        for i in 0..<50_000 {
            let q = RobustnessTests.randomQuery(&rng)
            checkInvariants(q, .or, grouped: i % 8 == 0)
            if i % 8 == 1 { checkInvariants(q, .and, grouped: false) }
        }
    }

    @Test func adversarialInputs() {
        let long = 100_000
        let inputs: [String] = [
            String(repeating: "(", count: long),
            String(repeating: ")", count: long),
            String(repeating: "(", count: long) + "a" + String(repeating: ")", count: long),
            String(repeating: "title:(", count: 20_000),
            String(repeating: "a", count: long),
            String(repeating: "a ", count: long / 2),
            String(repeating: "a OR ", count: long / 5) + "b",
            String(repeating: "a AND ", count: long / 6) + "b",
            String(repeating: "a AND b OR ", count: long / 11) + "c",
            String(repeating: "-a ", count: long / 3),
            String(repeating: "NOT ", count: long / 4),
            String(repeating: "-", count: long) + "a",
            String(repeating: "\"", count: long),
            String(repeating: "\"", count: long - 1),
            "\"" + String(repeating: "a ", count: long / 2),
            "\"" + String(repeating: "a ", count: long / 2) + "\"~" + String(repeating: "9", count: long),
            String(repeating: "\\", count: long),
            String(repeating: "\\", count: long - 1),
            String(repeating: "*", count: long),
            String(repeating: ":", count: long),
            "title:" + String(repeating: "x:", count: long / 2),
            "date:" + String(repeating: "9", count: long),
            "date:" + String(repeating: "..", count: long / 2),
            "date:" + String(repeating: "2023-", count: long / 5),
            String(repeating: "e\u{301}", count: long / 2) + "\"",
            String(repeating: "👩‍👩‍👧", count: long / 8) + " AND",
            String(repeating: "( a ", count: 60) + String(repeating: ") ", count: 60),
            String(repeating: "(a OR ", count: 50) + "b" + String(repeating: ")", count: 50),
            String(repeating: "-(", count: 50) + "b" + String(repeating: ")", count: 50),
            String(repeating: "a", count: long) + ":b",
            String(repeating: ".-", count: long / 2) + "*",
            "\\\n\\\n*",
            "date:2023-11-" + String(repeating: "9", count: long),
        ]
        for q in inputs {
            checkInvariants(q, .or, grouped: false)
        }
    }

    /// Found by the fuzzer: `"(" + "\u{200C}c …"` is one `Character` that is not "(", so a
    /// grapheme-based lexer lost the parenthesis. Syntax is recognised on scalars.
    @Test func syntaxCharactersFollowedByCombiningMarksOrJoiners() {
        let fuzzed = "\u{200C}c ru\n\0\0\0\0\0\0\0” Optionaln“ 北京 🇨onaln“ \u{FFFD}🇺"
        checkInvariants(fuzzed, .or)
        #expect(parse("(\u{200C}cuba)") == term("\u{200C}cuba"))
        #expect(parse("(\u{301}a)") == term("\u{301}a"))
        #expect(parse("\"\u{301}visa talks\"") == phrase("\u{301}visa talks"))
        #expect(parse("-\u{301}a") == bool(must: [.all], mustNot: [term("\u{301}a")]))
        // A decomposed accent in a field name still makes it a (here unknown) field name.
        #expect(parseError("da\u{301}te:2023")?.message.hasPrefix("unknown field") == true)
        // The position of a quote merged with a combining mark is that character's.
        let e = parseError("a \"\u{301}b")
        #expect(e?.message == "unbalanced quote")
        #expect(e?.position == 2)
        #expect(e?.rendered.split(separator: "\n")[2] == "  ^")
    }

    /// Found by the fuzzer: the prefix length counts letters and digits as scalars, and a
    /// prepended concatenation mark (U+0605) makes "\u{0605}u" one `Character` that is no letter.
    @Test func prefixLengthCountsScalars() {
        #expect(parse("\u{0605}u2*") == prefix("\u{0605}u2"))
        #expect(parseError("\u{0605}u*")?.message == "prefix '\u{0605}u*' is too short")
        checkInvariants("\u{0605}u\0\u{FFFD}\u{FE0F}\u{301}\u{FFFD}2\u{FFFD}* \u{FFFD}🇺", .or)
    }

    /// As long as `QueryBudget` allows: one flat OR, not a chain nested a thousand deep.
    @Test func longFlatQueriesStayFlat() throws {
        let q = try QueryParser().parse(String(repeating: "a OR ", count: QueryBudget.maxClauses - 1) + "b")
        guard case .boolean(let must, let should, let mustNot) = q else { Issue.record("\(q)"); return }
        #expect(must.isEmpty && mustNot.isEmpty && should.count == QueryBudget.maxClauses)
    }

    @Test func deepNestingAtTheLimitBuildsATree() {
        let q = String(repeating: "(a AND (b OR ", count: 25) + "c" + String(repeating: "))", count: 25)
        checkInvariants(q, .or)
        let q2 = String(repeating: "-(", count: 50) + "b" + String(repeating: ")", count: 50)
        #expect(parse(q2).structuralProblem == nil)
    }
}
