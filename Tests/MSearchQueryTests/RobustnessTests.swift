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
        if let problem = treeProblem(q, top: true) {
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
        if !(0...text.count).contains(error.position) || error.query != text {
            Issue.record("bad error for \(text.debugDescription): \(error.position) of \(text.count)",
                         sourceLocation: sourceLocation)
        }
        if error.message.isEmpty || error.message.count > 120 || (error.hint?.count ?? 0) > 200 {
            Issue.record("bad message for \(text.debugDescription): \(error.message)", sourceLocation: sourceLocation)
        }
        let lines = error.rendered.split(separator: "\n", omittingEmptySubsequences: false)
        if !error.rendered.hasPrefix("error: \(error.message)\n") || lines.count != (error.hint == nil ? 3 : 4) {
            Issue.record("bad rendering for \(text.debugDescription)", sourceLocation: sourceLocation)
        }
    }
}

/// nil when the tree is well formed: non-empty words, prefixes of 2+ letters, slop 0…1000,
/// booleans with something to match and no trivially flattenable nesting, valid dates.
func treeProblem(_ q: Query, top: Bool = false) -> String? {
    switch q {
    case .term(let w, _):
        return w.isEmpty ? "empty term" : nil
    case .prefix(let w, _):
        // Letters and digits counted as scalars: "؅u" (a prepended mark and u) is one Character.
        let letters = w.unicodeScalars.filter {
            switch $0.properties.generalCategory {
            case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
                 .decimalNumber, .letterNumber, .otherNumber: return true
            default: return false
            }
        }
        return letters.count < 2 ? "short prefix" : nil
    case .phrase(let text, let slop, _):
        if text.isEmpty || text.first!.isWhitespace || text.last!.isWhitespace { return "untrimmed phrase" }
        return (0...1000).contains(slop) ? nil : "bad slop"
    case .boolean(let must, let should, let mustNot):
        if must.isEmpty && should.isEmpty { return "boolean with nothing to match" }
        if mustNot.isEmpty && must.count + should.count == 1 { return "one-clause boolean" }
        if must.count > 1 && must.contains(.all) { return ".all next to other must clauses" }
        for s in should {
            if case .boolean(let m, _, let n) = s, m.isEmpty, n.isEmpty { return "OR in OR" }
        }
        for s in must + should + mustNot {
            if let p = treeProblem(s) { return p }
        }
        return nil
    case .date(let from, let to):
        if from == nil && to == nil { return "open date range" }
        for d in [from, to].compactMap({ $0 }) {
            let ok = d.count == 4 || d.count == 7 || d.count == 10
            if !ok || d.contains(where: { !$0.isASCII }) { return "bad date \(d)" }
        }
        return nil
    case .actor(let name):
        return name.isEmpty ? "empty actor" : nil
    case .all:
        return top ? "bare .all" : nil
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
        #expect(treeProblem(parse(q2), top: true) == nil)
    }
}
