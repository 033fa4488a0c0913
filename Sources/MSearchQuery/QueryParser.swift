/// Turns what a user types into a `Query` tree.
///
/// The language is what users of Lucene/Elasticsearch `query_string`, Google and SQLite FTS5
/// already type:
///
/// ```ebnf
/// query        = or_expr ;                                  (* whitespace between tokens is free *)
/// or_expr      = and_expr , { or_op , and_expr              (* explicit OR *)
///                           | and_expr } ;                  (* juxtaposed, when the default is OR *)
/// and_expr     = unary , { and_op , unary                   (* explicit AND *)
///                        | unary } ;                        (* juxtaposed, when the default is AND *)
/// or_op        = "OR" | "||" ;                              (* uppercase only: "or" is a word *)
/// and_op       = "AND" | "&&" ;                             (* uppercase only: "and" is a word *)
/// unary        = [ "+" | "-" | "!" | "NOT" ] , primary ;    (* + - glued to what follows; "!" alone is NOT *)
/// primary      = group | field_clause | phrase | prefix | word ;
/// group        = "(" , or_expr , ")" ;                      (* at most 50 levels deep *)
/// field_clause = ( "title" | "body" ) , ":" , ( group | phrase | prefix | word )
///              | "date" , ":" , date_value
///              | "actor" , ":" , ( word | phrase )
///              | "lang" , ":" , letter , letter , [ letter ] ; (* names case-insensitive; no space after ":" *)
/// phrase       = quote , phrase_char , { phrase_char } , quote , [ "~" , slop ] ;
/// quote        = '"' | "“" | "„" ;                          (* closed by '"', "”" or "“" *)
/// phrase_char  = "\" , any | any - quote ;                  (* \" is a quote, \\ a backslash *)
/// slop         = digit , { digit } ;                        (* 0…1000 *)
/// prefix       = word , "*" ;                               (* at least 2 letters or digits *)
/// word         = word_char , { word_char } ;                (* not an operator: AND OR NOT && || *)
/// word_char    = "\" , any                                  (* escaped: \" \( \- \: \* \\ … *)
///              | any - ( whitespace | "(" | ")" | quote | "\" | "*" ) ;
/// date_value   = date | date , ".." , [ date ] | ".." , date ;
/// date         = year , [ "-" , month , [ "-" , day ] ] ;   (* 2023, 2023-11, 2023-11-14 *)
/// year         = digit , digit , digit , digit ;            (* 1000…2999 *)
/// month        = digit , [ digit ] ;                        (* 1…12 *)
/// day          = digit , [ digit ] ;                        (* a day the month has *)
/// ```
///
/// Meaning:
/// - Words are kept as typed (`Díaz-Canel`, `U.S.`, `e-mail`, `don't` are one word each); the
///   searcher analyses them, and a word that analyses to several terms is searched as a phrase.
///   `-`, `+` and `!` act only at the start of a clause.
/// - Precedence: `NOT`/`-`/`+`/`!` bind tightest, then `AND`, then `OR`. Clauses written side by
///   side are joined by the default operator (OR, or AND with `DefaultOperator.and`).
/// - As in Lucene, a negated clause (`-x`, `NOT x`, `!x`) removes its matches from the list of
///   clauses it stands in: `a NOT b`, `a -b`, `a AND NOT b` and also `a OR NOT b` mean "a but not
///   b". A query or group of exclusions only starts from every document: `-trump` is
///   `.boolean(must: [.all], should: [], mustNot: [trump])`; `a OR (-b)` is "a, or anything
///   without b".
/// - `+x` in an OR list makes `x` required while the other clauses only add to the score.
/// - `title:`/`body:` apply to every word, phrase and prefix of a group (`title:(a OR "b c")`);
///   a field written inside the group wins. `date:2023` is `.date(from: "2023", to: "2023")`
///   (the whole year); `date:2023-01..` and `date:..2024-06` are open ranges. Months and days
///   come out zero-padded (`2023-1` → `2023-01`).
/// - `name:` is a field only when `name` is all letters and a value follows immediately:
///   `12:30`, `http://x` and `said:` at the end of a word are plain text; an unknown field
///   followed by a value (`tilte:cuba`) is an error (write `tilte\:cuba` for the text).
/// - `*` is only allowed at the end of a word of at least 2 letters or digits; elsewhere it is
///   an error (write `\*` for the character).
/// - The tree is simplified without changing which documents match: nested ORs in an OR and
///   nested ANDs in an AND are flattened, a one-clause boolean is its clause.
/// - Syntax characters are recognised per Unicode scalar (a `"` followed by a combining accent is
///   still a quote); error positions are `Character` offsets (what `String.count` counts).
public struct QueryParser: Sendable {
    public enum DefaultOperator: Sendable, Equatable { case or, and }

    /// Deepest nesting of parentheses accepted (the parser recurses once per level).
    public static let maxDepth = 50

    public var defaultOperator: DefaultOperator

    public init(defaultOperator: DefaultOperator = .or) {
        self.defaultOperator = defaultOperator
    }

    /// Parses a query. Never traps: any input gives a tree or a `QuerySyntaxError` whose
    /// `position` is within `0...text.count`.
    /// Queries longer than `QueryBudget.maxBytes` or with more than `QueryBudget.maxClauses`
    /// clauses are errors too.
    public func parse(_ text: String) throws(QuerySyntaxError) -> Query {
        try QueryBudget.checkLength(text)
        var run = ParserRun(text, defaultOperator: defaultOperator)
        return try run.parseQuery()
    }
}

/// One clause as it stands in an AND or OR list: its query and the prefix it carries.
private struct Clause {
    enum Occur { case plain, must, mustNot }
    var occur: Occur
    var query: Query
}

/// The state of one parse: a recursive-descent parser over the lexer's tokens, one token of
/// lookahead.
private struct ParserRun {
    var lexer: QueryLexer
    let defaultOperator: QueryParser.DefaultOperator
    var token = Token(kind: .end, start: 0, end: 0)
    var depth = 0
    /// Words, phrases, prefixes and field values read so far (bounded by `QueryBudget`).
    var clauses = 0

    init(_ text: String, defaultOperator: QueryParser.DefaultOperator) {
        lexer = QueryLexer(text)
        self.defaultOperator = defaultOperator
    }

    func error(_ message: String, at position: Int, hint: String?) -> QuerySyntaxError {
        lexer.error(message, at: position, hint: hint)
    }

    /// The token as typed ("AND", "&&", "-"), for messages.
    func spelling(_ t: Token) -> String { lexer.text(t.start..<t.end) }

    mutating func advance() throws(QuerySyntaxError) {
        token = try lexer.next()
    }

    mutating func parseQuery() throws(QuerySyntaxError) -> Query {
        if lexer.isBlank {
            throw error("empty query", at: 0, hint: "type words to search for, e.g. cuba \"visa talks\"")
        }
        try advance()
        let clause = try parseOr(field: nil)
        if case .closeParen = token.kind {
            throw error("unbalanced parenthesis", at: token.start,
                        hint: "remove the ) or open the group with ( before it")
        }
        return materialize(clause)
    }

    // MARK: Operators

    var startsClause: Bool {
        switch token.kind {
        case .word, .phrase, .field, .openParen, .not, .must, .mustNot: return true
        case .closeParen, .and, .or, .end: return false
        }
    }

    var isAnd: Bool { if case .and = token.kind { return true } else { return false } }
    var isOr: Bool { if case .or = token.kind { return true } else { return false } }

    /// After a binary operator: something must follow, and not another operator.
    mutating func expectOperand(after op: Token) throws(QuerySyntaxError) {
        let name = spelling(op)
        if isAnd || isOr {
            throw error("\(spelling(token)) right after \(name)", at: token.start,
                        hint: "remove one of the two operators")
        }
        if !startsClause {
            throw error("\(name) has nothing after it", at: op.start,
                        hint: "add what to search for after \(name), or remove it")
        }
    }

    mutating func parseOr(field: Field?) throws(QuerySyntaxError) -> Clause {
        var items = [try parseAnd(field: field)]
        while true {
            if isOr {
                let op = token
                try advance()
                try expectOperand(after: op)
            } else if !(defaultOperator == .or && startsClause) {
                break
            }
            items.append(try parseAnd(field: field))
        }
        return items.count == 1 ? items[0] : Clause(occur: .plain, query: combine(items, plain: .should))
    }

    mutating func parseAnd(field: Field?) throws(QuerySyntaxError) -> Clause {
        var items = [try parseUnary(field: field)]
        while true {
            if isAnd {
                let op = token
                try advance()
                try expectOperand(after: op)
            } else if !(defaultOperator == .and && startsClause) {
                break
            }
            items.append(try parseUnary(field: field))
        }
        return items.count == 1 ? items[0] : Clause(occur: .plain, query: combine(items, plain: .must))
    }

    mutating func parseUnary(field: Field?) throws(QuerySyntaxError) -> Clause {
        let occur: Clause.Occur
        switch token.kind {
        case .must: occur = .must
        case .mustNot, .not: occur = .mustNot
        default: return Clause(occur: .plain, query: try parsePrimary(field: field))
        }
        let op = token
        try advance()
        switch token.kind {
        case .word, .phrase, .field, .openParen:
            return Clause(occur: occur, query: try parsePrimary(field: field))
        case .end, .closeParen:
            throw error("\(spelling(op)) has nothing after it", at: op.start,
                        hint: "add what to exclude after \(spelling(op)), or remove it")
        case .and, .or, .not, .must, .mustNot:
            throw error("expected a word, phrase or group after \(spelling(op))", at: token.start,
                        hint: "remove one of them; to search for the word \(spelling(token)), quote it: \"\(spelling(token))\"")
        }
    }

    // MARK: Clauses

    mutating func parsePrimary(field: Field?) throws(QuerySyntaxError) -> Query {
        let t = token
        switch t.kind {
        case .word, .phrase, .field(.date), .field(.actor), .field(.lang):   // title:/body: count their values
            clauses += 1
            if clauses > QueryBudget.maxClauses {
                throw QueryBudget.tooManyClauses(lexer.query, at: lexer.error("", at: t.start, hint: nil).position)
            }
        default:
            break
        }
        switch t.kind {
        case .word(let w):
            try advance()
            return w.isPrefix ? .prefix(w.text, field: field) : .term(w.text, field: field)
        case .phrase(let text, let slop):
            try advance()
            return .phrase(text, slop: slop, field: field)
        case .openParen:
            return try parseGroup(field: field)
        case .field(let name):
            try advance()
            return try parseFieldValue(name, fieldToken: t, field: field)
        case .and, .or:
            throw error("\(spelling(t)) has nothing before it", at: t.start,
                        hint: "add what to search for before \(spelling(t)), or remove it")
        case .closeParen:
            throw error("unbalanced parenthesis", at: t.start,
                        hint: "remove the ) or open the group with ( before it")
        case .end:
            throw error("query ends too early", at: t.start, hint: nil)
        case .not, .must, .mustNot:
            throw error("expected a word, phrase or group", at: t.start, hint: nil)
        }
    }

    mutating func parseGroup(field: Field?) throws(QuerySyntaxError) -> Query {
        let open = token
        if depth >= QueryParser.maxDepth {
            throw error("parentheses nested more than \(QueryParser.maxDepth) deep", at: open.start,
                        hint: "simplify the query")
        }
        depth += 1
        defer { depth -= 1 }
        try advance()
        switch token.kind {
        case .closeParen:
            throw error("empty parentheses", at: open.start, hint: "put a query between ( and ), or remove them")
        case .end:
            throw error("unbalanced parenthesis", at: open.start, hint: "close the group with ) or remove the (")
        default:
            break
        }
        let clause = try parseOr(field: field)
        guard case .closeParen = token.kind else {
            throw error("unbalanced parenthesis", at: open.start, hint: "close the group with ) or remove the (")
        }
        try advance()
        return materialize(clause)
    }

    mutating func parseFieldValue(_ name: FieldName, fieldToken: Token, field: Field?) throws(QuerySyntaxError) -> Query {
        let t = token
        switch name {
        case .title, .body:
            let scoped: Field = name == .title ? .title : .body
            switch t.kind {
            case .word, .phrase, .openParen: return try parsePrimary(field: scoped)
            default: throw error("nothing after \(spelling(fieldToken))", at: t.start, hint: nil)
            }
        case .actor:
            let hint = "write actor:Trump or actor:\"de Cossío\"; for several, (actor:A OR actor:B)"
            switch t.kind {
            case .word(let w) where !w.isPrefix:
                try advance()
                return .actor(w.text)
            case .word:
                throw error("actor names can't have a wildcard", at: t.end - 1, hint: hint)
            case .phrase(let text, let slop):
                if slop != 0 {
                    throw error("actor names can't have a slop", at: t.end, hint: hint)
                }
                try advance()
                return .actor(text)
            default:
                throw error("\(spelling(fieldToken)) takes one name", at: t.start, hint: hint)
            }
        case .lang:
            let hint = "write a language code of 2 or 3 letters: lang:es, lang:de"
            guard case .word(let w) = t.kind, !w.isPrefix, !w.hasEscapes else {
                throw error("\(spelling(fieldToken)) takes a language code", at: t.start, hint: hint)
            }
            let code = w.text.lowercased()
            guard (2...3).contains(code.utf8.count), code.utf8.allSatisfy({ $0 >= UInt8(ascii: "a") && $0 <= UInt8(ascii: "z") }) else {
                throw error("\(spelling(fieldToken)) takes a language code of 2 or 3 letters", at: t.start, hint: hint)
            }
            try advance()
            return .language(code)
        case .date:
            guard case .word(let w) = t.kind, !w.isPrefix, !w.hasEscapes else {
                throw error("\(spelling(fieldToken)) takes a date", at: t.start, hint: DateValue.hint)
            }
            let range = try DateValue.parse(lexer.scalars[t.start..<t.end], lexer: lexer)
            try advance()
            return .date(from: range.from, to: range.to)
        }
    }
}

// MARK: - Building the boolean form

extension ParserRun {
    enum Bucket { case must, should }

    /// A clause standing alone (a whole query or group): `-x` means "everything but x".
    func materialize(_ clause: Clause) -> Query {
        switch clause.occur {
        case .plain, .must: return clause.query
        case .mustNot: return .boolean(must: [.all], should: [], mustNot: [clause.query])
        }
    }

    /// An AND list (plain clauses are `must`) or an OR list (plain clauses are `should`).
    func combine(_ items: [Clause], plain: Bucket) -> Query {
        var must: [Query] = [], should: [Query] = [], mustNot: [Query] = []
        for item in items {
            switch item.occur {
            case .must: must.append(item.query)
            case .mustNot: mustNot.append(item.query)
            case .plain:
                if plain == .must { must.append(item.query) } else { should.append(item.query) }
            }
        }
        return Query.simplified(must: must, should: should, mustNot: mustNot)
    }
}

extension Query {
    /// `.boolean(must:should:mustNot:)` with the same matches, flattened where that changes
    /// nothing: an AND in a `must` list joins it, an OR in a `should` list joins it, a lone
    /// `should` that is itself a boolean is merged in, `.all` is dropped from a `must` list that
    /// has other clauses, and a one-clause boolean is its clause.
    static func simplified(must: [Query], should: [Query], mustNot: [Query]) -> Query {
        var flatMust: [Query] = [], flatShould: [Query] = [], flatMustNot = mustNot
        for q in must {
            if case .boolean(let m, let s, let n) = q {
                if !m.isEmpty {              // x AND (+a b -c): a required, b optional, c excluded
                    flatMust += m
                    flatShould += s
                    flatMustNot += n
                    continue
                }
                if s.count == 1 {            // x AND (a -c)
                    flatMust += s
                    flatMustNot += n
                    continue
                }
            }
            flatMust.append(q)
        }
        for q in should {
            if case .boolean(let m, let s, let n) = q, m.isEmpty, n.isEmpty {
                flatShould += s              // x OR (a OR b)
            } else {
                flatShould.append(q)
            }
        }
        // A lone optional clause is required when nothing else is: merge a lone boolean in.
        if flatMust.isEmpty, flatShould.count == 1, case .boolean(let m, let s, let n) = flatShould[0] {
            return simplified(must: m, should: s, mustNot: n + flatMustNot)
        }
        if flatMust.isEmpty, flatShould.isEmpty { flatMust = [.all] }
        if flatMust.count > 1, flatMust.contains(.all) {
            flatMust.removeAll(where: { $0 == .all })
            if flatMust.isEmpty { flatMust = [.all] }
        }
        if flatMustNot.isEmpty {
            if flatMust.count == 1, flatShould.isEmpty { return flatMust[0] }
            if flatMust.isEmpty, flatShould.count == 1 { return flatShould[0] }
        }
        return .boolean(must: flatMust, should: flatShould, mustNot: flatMustNot)
    }
}

// MARK: - Dates

/// `date:` values: a date, or a range of them, validated and zero-padded.
enum DateValue {
    static let hint = "dates are YYYY, YYYY-MM or YYYY-MM-DD; ranges 2023..2024, 2023-01.. or ..2024-06"

    /// `value` is the value as typed, a slice of the query's scalars (its indices are offsets
    /// into the query, for errors).
    static func parse(_ value: ArraySlice<Unicode.Scalar>, lexer: QueryLexer) throws(QuerySyntaxError) -> (from: String?, to: String?) {
        // Find the range operator "..".
        var dots: [Int] = []
        var k = value.startIndex
        while k + 1 < value.endIndex {
            if value[k] == ".", value[k + 1] == "." {
                dots.append(k)
                k += 2
            } else {
                k += 1
            }
        }
        if dots.count > 1 {
            throw lexer.error("a date range has one ..", at: dots[1], hint: hint)
        }
        guard let dot = dots.first else {
            let date = try parseDate(value, lexer: lexer)
            return (date, date)
        }
        let left = value[..<dot], right = value[(dot + 2)...]
        if left.isEmpty, right.isEmpty {
            throw lexer.error("empty date range", at: value.startIndex, hint: hint)
        }
        let from = left.isEmpty ? nil : try parseDate(left, lexer: lexer)
        let to = right.isEmpty ? nil : try parseDate(right, lexer: lexer)
        if let from, let to, from.padding(with: "00") > to.padding(with: "99") {
            throw lexer.error("date range ends before it starts", at: dot + 2, hint: hint)
        }
        return (from, to)
    }

    /// YYYY, YYYY-M(M) or YYYY-M(M)-D(D) → zero-padded.
    static func parseDate(_ date: ArraySlice<Unicode.Scalar>, lexer: QueryLexer) throws(QuerySyntaxError) -> String {
        let typed = QueryLexer.excerpt(lexer.text(date.startIndex..<date.endIndex))
        var parts: [(value: Int, digits: Int, start: Int)] = []
        var k = date.startIndex
        while true {
            let partStart = k
            var value = 0, digits = 0
            while k < date.endIndex, let d = date[k].asciiDigitValue {
                value = min(value * 10 + d, 100_000)
                digits += 1
                k += 1
            }
            if digits == 0 {
                throw lexer.error("invalid date '\(typed)'", at: k, hint: hint)
            }
            parts.append((value, digits, partStart))
            if k == date.endIndex { break }
            guard date[k] == "-", parts.count < 3 else {
                throw lexer.error("invalid date '\(typed)'", at: k, hint: hint)
            }
            k += 1
        }
        let year = parts[0]
        if year.digits != 4 || !(1000...2999).contains(year.value) {
            throw lexer.error("invalid year in '\(typed)'", at: year.start,
                              hint: "years have 4 digits, 1000–2999; " + hint)
        }
        var result = String(year.value)
        if parts.count > 1 {
            let month = parts[1]
            if month.digits > 2 || !(1...12).contains(month.value) {
                throw lexer.error("invalid month in '\(typed)'", at: month.start,
                                  hint: "months are 1–12; " + hint)
            }
            result += month.value < 10 ? "-0\(month.value)" : "-\(month.value)"
            if parts.count > 2 {
                let day = parts[2]
                let days = daysIn(month: month.value, year: year.value)
                if day.digits > 2 || !(1...days).contains(day.value) {
                    throw lexer.error("invalid day in '\(typed)'", at: day.start,
                                      hint: "\(result) has days 1–\(days); " + hint)
                }
                result += day.value < 10 ? "-0\(day.value)" : "-\(day.value)"
            }
        }
        return result
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }
}

private extension String {
    /// "2023" → "2023-00-00" (with "00") or "2023-99-99" (with "99"): range ends for comparison.
    func padding(with filler: String) -> String {
        var s = self
        while s.count < 10 { s += "-" + filler }
        return s
    }
}
