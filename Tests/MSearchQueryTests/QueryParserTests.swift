@testable import MSearchQuery
import Testing

@Suite("Query language: constructs")
struct ConstructTests {
    @Test func singleWordIsABareTerm() {
        #expect(parse("cuba") == term("cuba"))
        #expect(parse("  cuba\t") == term("cuba"))
    }

    @Test func wordsAreORedByDefault() {
        #expect(parse("cuba visa") == bool(should: [term("cuba"), term("visa")]))
    }

    @Test func andDefaultMakesPlainWordsRequired() {
        #expect(parse("cuba visa", .and) == bool(must: [term("cuba"), term("visa")]))
        #expect(parse("visa* -trump", .and) == bool(must: [prefix("visa")], mustNot: [term("trump")]))
    }

    @Test func phraseQuery() {
        #expect(parse("\"deportation flights\"") == phrase("deportation flights"))
        #expect(parse("\"  visa  talks \"") == phrase("visa  talks"))
        #expect(parse("\"cuba\"") == phrase("cuba"))  // quoting one word is kept
    }

    @Test func phraseQueryWithSlop() {
        #expect(parse("\"visa talks\"~3") == phrase("visa talks", 3))
        #expect(parse("\"visa talks\"~0") == phrase("visa talks", 0))
        #expect(parse("\"visa talks\"~1000") == phrase("visa talks", 1000))
        #expect(parse("\"visa talks\"~007") == phrase("visa talks", 7))
        #expect(parse("(\"a b\"~2)") == phrase("a b", 2))
    }

    @Test func typographicQuotes() {
        #expect(parse("“visa talks”") == phrase("visa talks"))
        #expect(parse("„visa talks“") == phrase("visa talks"))
        #expect(parse("cuba”s") == term("cuba”s"))  // a closing quote alone is a word character
    }

    @Test func escapedQuoteInsidePhrase() {
        #expect(parse(#""say \"hi\" now""#) == phrase(#"say "hi" now"#))
        #expect(parse(#""back\\slash""#) == phrase(#"back\slash"#))
    }

    @Test func prefixQuery() {
        #expect(parse("visa*") == prefix("visa"))
        #expect(parse("Díaz*") == prefix("Díaz"))
        #expect(parse("ab*") == prefix("ab"))
    }

    @Test func seedExamples() {
        #expect(parse("visa* -trump") == bool(should: [prefix("visa")], mustNot: [term("trump")]))
        #expect(parse("title:talks AND havana") == bool(must: [term("talks", .title), term("havana")]))
        #expect(parse("cuba NOT (parole OR asylum)")
                == bool(should: [term("cuba")], mustNot: [bool(should: [term("parole"), term("asylum")])]))
        #expect(parse("a OR b c") == bool(should: [term("a"), term("b"), term("c")]))
        #expect(parse("-trump") == bool(must: [.all], mustNot: [term("trump")]))
    }

    @Test func hyphenatedAndUnicodeWordsAreOneToken() {
        #expect(parse("Díaz-Canel") == term("Díaz-Canel"))
        #expect(parse("U.S. e-mail") == bool(should: [term("U.S."), term("e-mail")]))
        #expect(parse("don't") == term("don't"))
        #expect(parse("Fernández de Cossío")
                == bool(should: [term("Fernández"), term("de"), term("Cossío")]))
        #expect(parse("北京 会谈") == bool(should: [term("北京"), term("会谈")]))
        #expect(parse("COVID-19 cuba- 9/11") == bool(should: [term("COVID-19"), term("cuba-"), term("9/11")]))
        #expect(parse("C++ -5%") == bool(should: [term("C++")], mustNot: [term("5%")]))
        #expect(parse("roam~2 5'11") == bool(should: [term("roam~2"), term("5'11")]))
    }

    @Test func colonsThatAreNotFields() {
        #expect(parse("12:30") == term("12:30"))
        #expect(parse("http://example.com/a?b=c") == term("http://example.com/a?b=c"))
        #expect(parse("said: yes") == bool(should: [term("said:"), term("yes")]))
        #expect(parse("Note:") == term("Note:"))
        #expect(parse("U.S.:cuba") == term("U.S.:cuba"))
    }

    @Test func escapes() {
        #expect(parse(#"\"quoted"#) == term(#""quoted"#))
        #expect(parse(#"\(a\)"#) == term("(a)"))
        #expect(parse(#"\-trump"#) == term("-trump"))
        #expect(parse(#"\+cuba \!x"#) == bool(should: [term("+cuba"), term("!x")]))
        #expect(parse(#"foo\:bar title\:x"#) == bool(should: [term("foo:bar"), term("title:x")]))
        #expect(parse(#"visa\*"#) == term("visa*"))
        #expect(parse(#"a\ b"#) == term("a b"))
        #expect(parse(#"back\\slash"#) == term(#"back\slash"#))
        #expect(parse(#"\AND"#) == term("AND"))
        #expect(parse(#"vi\*sa*"#) == prefix("vi*sa"))
    }
}

@Suite("Query language: operators and precedence")
struct OperatorTests {
    @Test func and() {
        #expect(parse("cuba AND visa") == bool(must: [term("cuba"), term("visa")]))
        #expect(parse("cuba && visa") == bool(must: [term("cuba"), term("visa")]))
        #expect(parse("a AND b AND c") == bool(must: [term("a"), term("b"), term("c")]))
    }

    @Test func or() {
        #expect(parse("cuba OR visa") == bool(should: [term("cuba"), term("visa")]))
        #expect(parse("cuba || visa") == bool(should: [term("cuba"), term("visa")]))
        #expect(parse("cuba OR visa", .and) == bool(should: [term("cuba"), term("visa")]))
    }

    @Test func not() {
        #expect(parse("cuba NOT visa") == bool(should: [term("cuba")], mustNot: [term("visa")]))
        #expect(parse("cuba !visa") == bool(should: [term("cuba")], mustNot: [term("visa")]))
        #expect(parse("cuba ! visa") == bool(should: [term("cuba")], mustNot: [term("visa")]))
        #expect(parse("NOT visa") == bool(must: [.all], mustNot: [term("visa")]))
        #expect(parse("cuba AND NOT visa") == bool(must: [term("cuba")], mustNot: [term("visa")]))
        #expect(parse("cuba NOT visa", .and) == bool(must: [term("cuba")], mustNot: [term("visa")]))
    }

    @Test func mustAndMustNotPrefixes() {
        #expect(parse("+cuba") == term("cuba"))
        #expect(parse("+cuba visa -trump")
                == bool(must: [term("cuba")], should: [term("visa")], mustNot: [term("trump")]))
        #expect(parse("-trump -biden") == bool(must: [.all], mustNot: [term("trump"), term("biden")]))
        #expect(parse("+\"visa talks\" -(a OR b) +title:cuba -actor:Trump")
                == bool(must: [phrase("visa talks"), term("cuba", .title)],
                        mustNot: [bool(should: [term("a"), term("b")]), .actor("Trump")]))
        #expect(parse("+a OR b") == bool(must: [term("a")], should: [term("b")]))
    }

    @Test func operatorsAreUppercaseOnly() {
        #expect(parse("cuba and visa") == bool(should: [term("cuba"), term("and"), term("visa")]))
        #expect(parse("cuba or visa") == bool(should: [term("cuba"), term("or"), term("visa")]))
        #expect(parse("cuba not visa") == bool(should: [term("cuba"), term("not"), term("visa")]))
        #expect(parse("cuba And visa Or x Not y")
                == bool(should: [term("cuba"), term("And"), term("visa"), term("Or"), term("x"), term("Not"), term("y")]))
        #expect(parse("ANDROID ORBIT NOTE") == bool(should: [term("ANDROID"), term("ORBIT"), term("NOTE")]))
        #expect(parse("\"AND\"") == phrase("AND"))
        #expect(parse("title:AND") == term("AND", .title))
    }

    @Test func andBindsTighterThanOr() {
        #expect(parse("a OR b AND c") == bool(should: [term("a"), bool(must: [term("b"), term("c")])]))
        #expect(parse("a AND b OR c AND d")
                == bool(should: [bool(must: [term("a"), term("b")]), bool(must: [term("c"), term("d")])]))
        #expect(parse("a AND b c") == bool(should: [bool(must: [term("a"), term("b")]), term("c")]))
    }

    @Test func juxtapositionUsesTheDefaultOperatorAtItsPrecedence() {
        #expect(parse("a OR b c", .and) == bool(should: [term("a"), bool(must: [term("b"), term("c")])]))
        #expect(parse("a b OR c", .and) == bool(should: [bool(must: [term("a"), term("b")]), term("c")]))
    }

    @Test func notBindsTightest() {
        // The negated clause is excluded from the list it stands in.
        #expect(parse("a AND b NOT c") == bool(must: [term("a"), term("b")], mustNot: [term("c")]))
        #expect(parse("NOT a b") == bool(should: [term("b")], mustNot: [term("a")]))
        #expect(parse("NOT a AND b") == bool(must: [term("b")], mustNot: [term("a")]))
        #expect(parse("a OR NOT b") == bool(should: [term("a")], mustNot: [term("b")]))
        #expect(parse("a AND NOT b OR c")
                == bool(should: [bool(must: [term("a")], mustNot: [term("b")]), term("c")]))
        #expect(parse("a OR b NOT c") == bool(should: [term("a"), term("b")], mustNot: [term("c")]))
        #expect(parse("a OR b AND NOT c")
                == bool(should: [term("a"), bool(must: [term("b")], mustNot: [term("c")])]))
    }

    @Test func parenthesesGroup() {
        #expect(parse("(cuba)") == term("cuba"))
        #expect(parse("((cuba))") == term("cuba"))
        #expect(parse("(a OR b) AND c") == bool(must: [bool(should: [term("a"), term("b")]), term("c")]))
        #expect(parse("a AND (b OR c)") == bool(must: [term("a"), bool(should: [term("b"), term("c")])]))
        #expect(parse("(a b)(c)") == bool(should: [term("a"), term("b"), term("c")]))
        #expect(parse("NOT(a)") == bool(must: [.all], mustNot: [term("a")]))
    }

    @Test func trivialNestingIsFlattened() {
        #expect(parse("(a OR b) OR c") == bool(should: [term("a"), term("b"), term("c")]))
        #expect(parse("(a AND b) AND (c AND d)") == bool(must: [term("a"), term("b"), term("c"), term("d")]))
        #expect(parse("(a -b) AND c") == bool(must: [term("a"), term("c")], mustNot: [term("b")]))
        #expect(parse("x AND (+a b -c)")
                == bool(must: [term("x"), term("a")], should: [term("b")], mustNot: [term("c")]))
        #expect(parse("c AND (NOT b)") == bool(must: [term("c")], mustNot: [term("b")]))
        #expect(parse("+(a b)") == bool(should: [term("a"), term("b")]))
        #expect(parse("(a AND b) -c") == bool(must: [term("a"), term("b")], mustNot: [term("c")]))
    }

    @Test func nestingThatMattersIsKept() {
        // (a AND b) OR c: the AND can't join the OR.
        #expect(parse("(a AND b) OR c") == bool(should: [bool(must: [term("a"), term("b")]), term("c")]))
        // A group of exclusions only means "everything but": a OR (anything without b).
        #expect(parse("a OR (-b)") == bool(should: [term("a"), bool(must: [.all], mustNot: [term("b")])]))
        #expect(parse("(-b)") == bool(must: [.all], mustNot: [term("b")]))
        #expect(parse("-(a AND b)") == bool(must: [.all], mustNot: [bool(must: [term("a"), term("b")])]))
    }
}

@Suite("Query language: fields")
struct FieldTests {
    @Test func titleAndBody() {
        #expect(parse("title:havana") == term("havana", .title))
        #expect(parse("body:\"visa talks\"") == phrase("visa talks", 0, .body))
        #expect(parse("title:\"visa talks\"~2") == phrase("visa talks", 2, .title))
        #expect(parse("title:visa*") == prefix("visa", .title))
        #expect(parse("title:Díaz-Canel") == term("Díaz-Canel", .title))
        #expect(parse("title:12:30") == term("12:30", .title))
        #expect(parse("title:foo:bar") == term("foo:bar", .title))
    }

    @Test func fieldNamesAreCaseInsensitive() {
        #expect(parse("Title:havana") == term("havana", .title))
        #expect(parse("BODY:havana") == term("havana", .body))
        #expect(parse("Date:2023") == .date(from: "2023", to: "2023"))
        #expect(parse("ACTOR:Trump") == .actor("Trump"))
    }

    @Test func fieldOnAGroupAppliesToEveryWord() {
        #expect(parse("title:(a OR \"b c\" OR de*)")
                == bool(should: [term("a", .title), phrase("b c", 0, .title), prefix("de", .title)]))
        #expect(parse("title:(a AND (b OR c))")
                == bool(must: [term("a", .title), bool(should: [term("b", .title), term("c", .title)])]))
        #expect(parse("title:(a -b)") == bool(should: [term("a", .title)], mustNot: [term("b", .title)]))
        // A field inside the group wins; date and actor are untouched.
        #expect(parse("title:(a body:b date:2023 actor:X)")
                == bool(should: [term("a", .title), term("b", .body), .date(from: "2023", to: "2023"), .actor("X")]))
    }

    @Test func fieldClausesTakeModifiersAndOperators() {
        #expect(parse("-title:x cuba") == bool(should: [term("cuba")], mustNot: [term("x", .title)]))
        #expect(parse("NOT title:(a b) cuba")
                == bool(should: [term("cuba")], mustNot: [bool(should: [term("a", .title), term("b", .title)])]))
        #expect(parse("title:talks AND date:2023") == bool(must: [term("talks", .title), .date(from: "2023", to: "2023")]))
    }

    @Test func dates() {
        #expect(parse("date:2023") == .date(from: "2023", to: "2023"))
        #expect(parse("date:2023-11") == .date(from: "2023-11", to: "2023-11"))
        #expect(parse("date:2023-11-14") == .date(from: "2023-11-14", to: "2023-11-14"))
        #expect(parse("date:2023..2024") == .date(from: "2023", to: "2024"))
        #expect(parse("date:2023-01..") == .date(from: "2023-01", to: nil))
        #expect(parse("date:..2024-06") == .date(from: nil, to: "2024-06"))
        #expect(parse("date:2023-1-5") == .date(from: "2023-01-05", to: "2023-01-05"))
        #expect(parse("date:2024-02-29") == .date(from: "2024-02-29", to: "2024-02-29"))
        #expect(parse("date:2000-02-29") == .date(from: "2000-02-29", to: "2000-02-29"))
        #expect(parse("date:2023-11-14..2023-11") == .date(from: "2023-11-14", to: "2023-11"))
        #expect(parse("date:2023..2023") == .date(from: "2023", to: "2023"))
        #expect(parse("cuba date:2023-11..2024-02")
                == bool(should: [term("cuba"), .date(from: "2023-11", to: "2024-02")]))
    }

    @Test func actors() {
        #expect(parse("actor:Trump") == .actor("Trump"))
        #expect(parse("actor:\"de Cossío\"") == .actor("de Cossío"))
        #expect(parse("actor:Díaz-Canel +cuba") == bool(must: [term("cuba")], should: [.actor("Díaz-Canel")]))
    }
}

@Suite("Query language: Query conveniences")
struct ConvenienceTests {
    @Test func positiveWordsSkipExclusions() {
        #expect(parse("visa* \"deportation flights\" -trump title:cuba").positiveWords
                == ["visa", "deportation flights", "cuba"])
    }
}

@Suite struct PastedProseTests {
    @Test func aLoneDashOrPlusBetweenWordsIsPunctuation() throws {
        let q = try QueryParser().parse("calibrations appear to be,. - (a) significantly + different")
        #expect(q.positiveWords.contains("significantly"))
        #expect(q.positiveWords.contains("different"))
        #expect(throws: QuerySyntaxError.self) { try QueryParser().parse("cuba -") }
        #expect(throws: QuerySyntaxError.self) { try QueryParser().parse("(a -)") }
        #expect(try QueryParser().parse("cuba - trump") == QueryParser().parse("cuba trump"))
    }
}
