import Testing
@testable import MSearchSources

@Suite struct DateNormalizerTests {
    @Test(arguments: [
        ("2023-11-14", "2023-11-14"),
        ("2023-11-14T10:00:00Z", "2023-11-14"),
        ("2023-11-14T23:30:00-05:00", "2023-11-14"),     // kept as written in its own zone
        ("2023-11-14 10:00:00", "2023-11-14"),
        ("  2023-11-14T10:00:00.000+0100 ", "2023-11-14"),
        ("2023-11", "2023-11"),
        ("2023", "2023"),
        ("20231114", "2023-11-14"),
        ("2023/11/14", "2023-11-14"),
        ("2023.11.14", "2023-11-14"),
        ("14.11.2023", "2023-11-14"),
        ("Tue, 14 Nov 2023 10:00:00 GMT", "2023-11-14"),
        ("Sun, 06 Sep 2009 16:20:00 +0000", "2009-09-06"),
        ("Mon, 6 Sep 10 00:01:00 +0000", "2010-09-06"),
        ("14 Nov 2023", "2023-11-14"),
        ("November 14, 2023", "2023-11-14"),
        ("Nov. 14, 2023", "2023-11-14"),
        ("Nov 14th 2023", "2023-11-14"),
        ("Tuesday, November 14, 2023 10:00 AM", "2023-11-14"),
        ("14 November 2023", "2023-11-14"),
        ("14th of November, 2023", "2023-11-14"),
        ("14. November 2023", "2023-11-14"),
        ("3. März 2021", "2021-03-03"),
        ("1er janvier 2020", "2020-01-01"),
        ("5 de mayo de 2019", "2019-05-05"),
        ("November 2023", "2023-11"),
        ("Tue Nov 14 10:00:00 2023", "2023-11-14"),
        (" 26-FEB-1987 15:01:01.79", "1987-02-26"),
        ("29-Feb-2024", "2024-02-29"),
        ("2000-02-29", "2000-02-29"),
        ("2016年10月14日07:17", "2016-10-14"),
        ("2016年 3月 5日", "2016-03-05"),
        ("2016년 10월 14일 오전 7:17", "2016-10-14"),
        ("2016年10月", "2016-10"),
    ])
    func normalizes(_ input: String, _ expected: String) {
        #expect(DateNormalizer.normalize(input) == expected, "\(input)")
    }

    @Test(arguments: [
        "2023-02-30", "2023-13-01", "2023-00-10", "2023-11-31", "1900-02-29", "2023-02-29", "30 February 2023",
        "31-APR-1987", "", "   ", "yesterday", "November 14", "14 Nov 10:00", "12345", "2023-11-145",
        "999-01-01", "3023-01-01", "Nov 2023 is great", "13/11/2023", "2016年13月1日", "2016年2月30日",
    ])
    func rejects(_ input: String) {
        // Impossible or incomplete dates give nil; a trailing word after a full year does not matter.
        let got = DateNormalizer.normalize(input)
        if input == "Nov 2023 is great" { #expect(got == "2023-11"); return }
        #expect(got == nil, "\(input) → \(got ?? "nil")")
    }

    @Test func datesFoundInBylinesOfEveryScript() {
        // CJK text puts the digits right after a character, without a space
        #expect(DateNormalizer.find(in: "TNW中文站2016年10月14日07:17")?.iso == "2016-10-14")
        #expect(DateNormalizer.find(in: "기사입력 2016년 10월 14일")?.iso == "2016-10-14")
        // a slash date only with the order of the page's language, ICU's short date pattern
        #expect(DateNormalizer.find(in: "05/10/2018 - Publicado por: Clarissa") == nil)
        #expect(DateNormalizer.find(in: "05/10/2018 - Publicado por", slashOrder: .dayFirst)?.iso == "2018-10-05")
        #expect(DateNormalizer.find(in: "Posted 05/10/2018", slashOrder: .monthFirst)?.iso == "2018-05-10")
        #expect(DateNormalizer.find(in: "score 5/10/20", slashOrder: .dayFirst) == nil)
        #expect(SlashDateOrder.of(languageTag: "pt-BR") == .dayFirst)
        #expect(SlashDateOrder.of(languageTag: "en_GB") == .dayFirst)
        #expect(SlashDateOrder.of(languageTag: "de") == .dayFirst)
        #expect(SlashDateOrder.of(languageTag: "en-US") == .monthFirst)
        #expect(SlashDateOrder.of(languageTag: "en") == .monthFirst)
        // not tags: nil, and never handed to Foundation (a U+FFFD traps in CFLocale)
        #expect(SlashDateOrder.of(languageTag: "\u{FFFD}en\"") == nil)
        #expect(SlashDateOrder.of(languageTag: "en\"") == nil)
        #expect(SlashDateOrder.of(languageTag: "de DE") == nil)
    }

    @Test func partialDates() {
        #expect(PartialDate(year: 2024, month: 2, day: 29)?.iso == "2024-02-29")
        #expect(PartialDate(year: 2023, month: 2, day: 29) == nil)
        #expect(PartialDate(year: 987, month: 1)?.iso == nil)
        #expect(PartialDate(year: 2023, month: 7)?.iso == "2023-07")
        #expect(PartialDate(year: 2023, day: 5) == nil)
        #expect(DateNormalizer.isValid(year: 2023, month: 12, day: 31))
        #expect(!DateNormalizer.isValid(year: 2023, month: 4, day: 31))
    }
}
