@testable import MSearchQuery
import Testing

/// One error case: the query, the message, the position.
struct ErrorCase: Sendable, CustomTestStringConvertible {
    var query: String
    var message: String
    var position: Int
    var testDescription: String { query }
}

@Suite("Query language: errors")
struct QuerySyntaxErrorTests {
    static let cases: [ErrorCase] = [
        // empty query
        .init(query: "", message: "empty query", position: 0),
        .init(query: " \t\n ", message: "empty query", position: 0),
        // unbalanced quote: at the opening quote
        .init(query: "cuba \"visa talks", message: "unbalanced quote", position: 5),
        .init(query: "\"a\" \"b", message: "unbalanced quote", position: 4),
        .init(query: "“visa talks", message: "unbalanced quote", position: 0),
        .init(query: #""a\""#, message: "unbalanced quote", position: 0),
        // unbalanced parenthesis: the unmatched one
        .init(query: "(cuba OR visa", message: "unbalanced parenthesis", position: 0),
        .init(query: "((a)", message: "unbalanced parenthesis", position: 0),
        .init(query: "(", message: "unbalanced parenthesis", position: 0),
        .init(query: "cuba)", message: "unbalanced parenthesis", position: 4),
        .init(query: "(a) b) c", message: "unbalanced parenthesis", position: 5),
        .init(query: ")", message: "unbalanced parenthesis", position: 0),
        .init(query: "title:(a b", message: "unbalanced parenthesis", position: 6),
        // empty parentheses
        .init(query: "()", message: "empty parentheses", position: 0),
        .init(query: "cuba ( )", message: "empty parentheses", position: 5),
        .init(query: "title:()", message: "empty parentheses", position: 6),
        // dangling operators
        .init(query: "cuba AND", message: "AND has nothing after it", position: 5),
        .init(query: "cuba OR", message: "OR has nothing after it", position: 5),
        .init(query: "cuba &&", message: "&& has nothing after it", position: 5),
        .init(query: "(cuba AND) visa", message: "AND has nothing after it", position: 6),
        .init(query: "OR cuba", message: "OR has nothing before it", position: 0),
        .init(query: "AND cuba", message: "AND has nothing before it", position: 0),
        .init(query: "(OR cuba)", message: "OR has nothing before it", position: 1),
        .init(query: "cuba AND OR visa", message: "OR right after AND", position: 9),
        .init(query: "cuba OR OR visa", message: "OR right after OR", position: 8),
        .init(query: "cuba || AND visa", message: "AND right after ||", position: 8),
        // NOT with nothing after it
        .init(query: "cuba NOT", message: "NOT has nothing after it", position: 5),
        .init(query: "NOT", message: "NOT has nothing after it", position: 0),
        .init(query: "(a NOT) b", message: "NOT has nothing after it", position: 3),
        .init(query: "cuba !", message: "! has nothing after it", position: 5),
        .init(query: "a NOT AND b", message: "expected a word, phrase or group after NOT", position: 6),
        .init(query: "NOT NOT a", message: "expected a word, phrase or group after NOT", position: 4),
        .init(query: "--a", message: "expected a word, phrase or group after -", position: 1),
        .init(query: "-AND", message: "expected a word, phrase or group after -", position: 1),
        // + and - with nothing after them
        .init(query: "cuba -", message: "- has nothing after it", position: 5),
        .init(query: "+", message: "+ has nothing after it", position: 0),
        .init(query: "(a -)", message: "- has nothing after it", position: 3),
        // empty field
        .init(query: "title:", message: "nothing after title:", position: 6),
        .init(query: "title: cuba", message: "nothing after title:", position: 6),
        .init(query: "(Body:)", message: "nothing after Body:", position: 6),
        .init(query: "date:", message: "nothing after date:", position: 5),
        // unknown field
        .init(query: "foo:bar", message: "unknown field 'foo'", position: 0),
        .init(query: "cuba tilte:havana", message: "unknown field 'tilte'", position: 5),
        .init(query: "Autor:\"x\"", message: "unknown field 'Autor'", position: 0),
        .init(query: "foo:(a)", message: "unknown field 'foo'", position: 0),
        // field values
        .init(query: "title:-x", message: "title: can't be followed by -", position: 6),
        .init(query: "actor:(a OR b)", message: "actor: takes one name", position: 6),
        .init(query: "actor:Tru*", message: "actor names can't have a wildcard", position: 9),
        .init(query: "actor:\"a b\"~2", message: "actor names can't have a slop", position: 13),
        .init(query: "date:\"2023\"", message: "date: takes a date", position: 5),
        .init(query: "date:(2023)", message: "date: takes a date", position: 5),
        // bad slop: where the number should be
        .init(query: "\"a b\"~x", message: "phrase slop must be a whole number from 0 to 1000", position: 6),
        .init(query: "\"a b\"~", message: "phrase slop must be a whole number from 0 to 1000", position: 6),
        .init(query: "\"a b\"~2x", message: "phrase slop must be a whole number from 0 to 1000", position: 6),
        .init(query: "\"a b\"~-1", message: "phrase slop must be a whole number from 0 to 1000", position: 6),
        .init(query: "\"a b\"~1001", message: "phrase slop must be a whole number from 0 to 1000", position: 6),
        .init(query: "\"a b\"~99999999999999999999999999", message: "phrase slop must be a whole number from 0 to 1000", position: 6),
        .init(query: "\"a b\"~٣", message: "phrase slop must be a whole number from 0 to 1000", position: 6),
        // empty phrase
        .init(query: "cuba \"\"", message: "empty phrase", position: 5),
        .init(query: "\"  \"", message: "empty phrase", position: 0),
        // bad dates: at the bad part
        .init(query: "date:2023-13", message: "invalid month in '2023-13'", position: 10),
        .init(query: "date:2023-00", message: "invalid month in '2023-00'", position: 10),
        .init(query: "date:2023-02-29", message: "invalid day in '2023-02-29'", position: 13),
        .init(query: "date:1900-02-29", message: "invalid day in '1900-02-29'", position: 13),
        .init(query: "date:2023-11-31", message: "invalid day in '2023-11-31'", position: 13),
        .init(query: "date:2023-11-00", message: "invalid day in '2023-11-00'", position: 13),
        .init(query: "date:2023-011", message: "invalid month in '2023-011'", position: 10),
        .init(query: "date:99", message: "invalid year in '99'", position: 5),
        .init(query: "date:0999", message: "invalid year in '0999'", position: 5),
        .init(query: "date:3000", message: "invalid year in '3000'", position: 5),
        .init(query: "date:99999999999999999999999", message: "invalid year in '99999999999999999999999'", position: 5),
        .init(query: "date:2023-", message: "invalid date '2023-'", position: 10),
        .init(query: "date:2023/11", message: "invalid date '2023/11'", position: 9),
        .init(query: "date:nov", message: "invalid date 'nov'", position: 5),
        .init(query: "date:2023-11-14-1", message: "invalid date '2023-11-14-1'", position: 15),
        .init(query: "date:2023-11-14T10", message: "invalid date '2023-11-14T10'", position: 15),
        .init(query: "date:..", message: "empty date range", position: 5),
        .init(query: "date:2024..2023", message: "date range ends before it starts", position: 11),
        .init(query: "date:2023-12..2023-11-30", message: "date range ends before it starts", position: 14),
        .init(query: "date:2023..2024..2025", message: "a date range has one ..", position: 15),
        .init(query: "date:2023...2024", message: "invalid date '.2024'", position: 11),
        .init(query: "date:2023..2024-13", message: "invalid month in '2024-13'", position: 16),
        .init(query: "date:2023*", message: "date: takes a date", position: 5),
        // wildcards
        .init(query: "*", message: "* alone would match every word", position: 0),
        .init(query: "cuba *", message: "* alone would match every word", position: 5),
        .init(query: "v*", message: "prefix 'v*' is too short", position: 0),
        .init(query: "-*", message: "* alone would match every word", position: 1),
        .init(query: "é*", message: "prefix 'é*' is too short", position: 0),
        .init(query: "vi*sa", message: "* only works at the end of a word", position: 2),
        .init(query: "*visa", message: "* only works at the end of a word", position: 0),
        .init(query: "visa**", message: "* only works at the end of a word", position: 4),
        // escapes
        .init(query: "cuba\\", message: "\\ at the end of the query escapes nothing", position: 4),
        // nesting
        .init(query: String(repeating: "(", count: 100) + "a" + String(repeating: ")", count: 100),
              message: "parentheses nested more than 50 deep", position: 50),
    ]

    @Test(arguments: cases)
    func reportsMessageAndPosition(_ c: ErrorCase) {
        guard let e = parseError(c.query) else { return }
        #expect(e.message == c.message)
        #expect(e.position == c.position)
        #expect(e.query == c.query)
        #expect(e.hint != nil)
        #expect((0...c.query.count).contains(e.position))
        // The same with AND as the default operator.
        #expect(parseError(c.query, .and) == e)
    }

    @Test func nestingUpToTheLimitIsFine() {
        let q = String(repeating: "(", count: QueryParser.maxDepth) + "a" + String(repeating: ")", count: QueryParser.maxDepth)
        #expect(parse(q) == term("a"))
        let fields = String(repeating: "title:(", count: QueryParser.maxDepth) + "a" + String(repeating: ")", count: QueryParser.maxDepth)
        #expect(parse(fields) == term("a", .title))
    }

    @Test func hintsSayWhatToDo() {
        #expect(parseError("cuba \"visa")?.hint == "close the phrase with \" or remove it")
        #expect(parseError("foo:bar")?.hint
                == "fields are title:, body:, date:, actor: and lang:; write foo\\: to search for the text")
        #expect(parseError("v*")?.hint == "type at least 2 letters before *, e.g. visa*")
    }

    @Test func renderedUnbalancedQuote() {
        let e = parseError("cuba \"visa talks")
        #expect(e?.rendered == """
            error: unbalanced quote
            cuba "visa talks
                 ^
            hint: close the phrase with " or remove it
            """)
        #expect(e?.description == e?.rendered)
    }

    @Test func renderedDanglingOperatorAtEnd() {
        #expect(parseError("title:")?.rendered == """
            error: nothing after title:
            title:
                  ^
            hint: write title:word with no space after the colon, or title\\: to search for the text
            """)
    }

    @Test func renderedCaretCountsDisplayColumns() {
        // Accented letters are one column, CJK two, emoji two; a tab shows as a space.
        #expect(parseError("Díaz-Canel \"x")?.rendered.split(separator: "\n")[2] == "           ^")
        #expect(parseError("北京 \"x")?.rendered.split(separator: "\n")[1] == "北京 \"x")
        #expect(parseError("北京 \"x")?.rendered.split(separator: "\n")[2] == "     ^")
        #expect(parseError("🇨🇺 cuba AND")?.rendered.split(separator: "\n")[2] == "        ^")
        #expect(parseError("a\tb \"x")?.rendered.split(separator: "\n")[1] == "a b \"x")
        #expect(parseError("a\tb \"x")?.rendered.split(separator: "\n")[2] == "    ^")
        // Decomposed é (e + U+0301) is one character and one column.
        let decomposed = "Cossi\u{301}o \"x"
        #expect(parseError(decomposed)?.position == 7)
        #expect(parseError(decomposed)?.rendered.split(separator: "\n")[2] == "       ^")
    }

    @Test func renderedLongQueryIsWindowed() {
        let q = String(repeating: "cuba ", count: 100) + "\"x " + String(repeating: "visa ", count: 100)
        guard let e = parseError(q) else { return }
        #expect(e.position == 500)
        let lines = e.rendered.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines.count == 4)
        #expect(lines[1].hasPrefix("…") && lines[1].hasSuffix("…"))
        #expect(lines[1].count == QuerySyntaxError.maxRenderedWidth + 2)
        let caret = lines[2].count - 1
        #expect(Array(lines[1])[caret] == "\"")
    }

    @Test func renderedWithoutHint() {
        let e = QuerySyntaxError(message: "bad", position: 99, hint: nil, query: "ab")
        #expect(e.rendered == "error: bad\nab\n  ^")
    }
}

@Suite("Query language: error messages stay short")
struct LongErrorTests {
    @Test func longValuesAreCutInMessages() {
        let name = String(repeating: "a", count: 1000)
        let e = parseError(name + ":b")
        #expect(e?.message == "unknown field '\(String(repeating: "a", count: 39))…'")
        #expect(e?.position == 0)
        #expect(parseError("\\\n*")?.message == "prefix ' *' is too short")  // on one line
    }
}
