import Testing
import MSearchSources
@testable import MSearchExtraction

@Suite struct MentionedDateTests {
    func mentioned(_ text: String) -> [String] { testExtractor.extract(doc(text)).mentionedDates.map(\.description) }

    @Test func dateFormats() {
        #expect(mentioned("Talks were held on November 14, 2023 in Havana.") == ["2023-11-14"])
        #expect(mentioned("It happened on 14 Nov 2023, officials said.") == ["2023-11-14"])
        #expect(mentioned("The file is dated 2023-11-14.") == ["2023-11-14"])
        #expect(mentioned("On Nov. 14th, 2023 and on the 3rd of December 2023.") == ["2023-11-14", "2023-12-03"])
        #expect(mentioned("Signed 14.11.2023 and 11/15/2023 and 2023/11/16.") == ["2023-11-14", "2023-11-15", "2023-11-16"])
        #expect(mentioned("Ambiguous 3/4/2023 is skipped.") == [])
    }

    @Test func monthAndYearExpressions() {
        #expect(mentioned("The round took place in December 2024. Talks stopped in 2018 and resumed in April 2022.")
                == ["2024-12", "2018", "2022-04"])
        #expect(mentioned("Although in 2023 monthly flights resumed, since 1990 and from 1985 to 1987 things changed.")
                == ["2023", "1990", "1985", "1987"])
        #expect(mentioned("Growth slowed in mid-2019 (2020).") == ["2019", "2020"])
    }

    @Test func numbersThatAreNotYears() {
        #expect(mentioned("42,084 Cubans and 1,152 people returned; 2000 tonnes were shipped in 2000 tonnes lots.") == [])
        #expect(mentioned("It costs $2023 and rose 1999 pct, to 2010 tonnes.") == [])
        #expect(mentioned("The 1980s were different; 2023 was not mentioned as a year here.") == [])
    }

    /// `dayAt` summed every digit of a number token into an Int: 20 or more digits overflowed
    /// (SIGILL), as in two 20 Newsgroups posts. A day has at most two digits.
    @Test func digitRunsOfAnyLengthAreNotDaysAndDoNotOverflow() {
        let run = String(repeating: "5", count: 29)
        #expect(mentioned("Serial \(run) and \(String(repeating: "6", count: 44))th of May 2023.") == ["2023-05"])   // "May 2023", no day
        #expect(mentioned("\(String(repeating: "9", count: 25)) November 2023 and 12345678901234567890123/11/2023.") == ["2023-11"])
        #expect(mentioned("The 14th of May 2023 still counts, as does 3rd May 2023.") == ["2023-05-14", "2023-05-03"])
    }

    @Test func impossibleDatesAreRejected() {
        #expect(mentioned("On February 30, 2023 and April 31, 2022 and 2023-02-29 nothing happened.") == [])
        #expect(mentioned("Leap day February 29, 2024.") == ["2024-02-29"])
        #expect(mentioned("Month 13: 2023-13-01.") == [])
    }

    @Test func twoDigitYearsNeedContext() {
        #expect(mentioned("Signed Nov 14 '23.") == [])
        #expect(mentioned("In 2023 they met. It was signed Nov 14 '23.") == ["2023", "2023-11-14"])
    }

    @Test func deduplicatedInOrder() {
        #expect(mentioned("In 2018, then on May 1, 2019, again in 2018 and May 1, 2019.") == ["2018", "2019-05-01"])
    }

    @Test func lowerCaseMonthWordsAreNotDates() {
        #expect(mentioned("They may 2023 plans.") == [])
    }
}

@Suite struct PublicationDateTests {
    func pub(_ d: SourceDocument) -> PublicationDate? { testExtractor.extract(d).publicationDate }

    @Test func metadataKeepsItsPrecisionAndEvidence() {
        let p = pub(doc("Nothing dated here.", date: "2023-11", evidence: "meta article:published_time"))
        #expect(p?.date == XDate(year: 2023, month: 11))
        #expect(p?.evidence == "meta article:published_time")
        #expect(pub(doc("x", date: "2023-11-14T10:00:00Z", evidence: "rss pubDate"))?.date == XDate(year: 2023, month: 11, day: 14))
    }

    @Test func lessPreciseMetadataIsRefinedByAnAgreeingDateline() {
        let p = pub(doc("Havana, November 15, 2023\nTalks were held.", date: "2023", evidence: "jsonl date"))
        #expect(p?.date == XDate(year: 2023, month: 11, day: 15))
        #expect(p?.evidence.contains("day from dateline") == true)
        // a disagreeing one does not
        #expect(pub(doc("Havana, November 15, 2022\nTalks.", date: "2023", evidence: "m"))?.date == XDate(year: 2023))
    }

    @Test func urlDate() {
        let p = pub(doc("No dates.", url: "https://example.com/news/2023/11/14/talks.html"))
        #expect(p?.date == XDate(year: 2023, month: 11, day: 14))
        #expect(p?.evidence == "url")
        #expect(pub(doc("No dates.", url: "https://blog.example.com/2016/05/post.html"))?.date == XDate(year: 2016, month: 5))
        #expect(pub(doc("No dates.", url: "https://example.com/2023/02/30/x.html"))?.date == XDate(year: 2023, month: 2))
    }

    @Test func datelines() {
        let p = pub(doc("Havana, November 15, 2022\n\nRepresentatives met on Tuesday. In 2019 things were different.", title: "Talks"))
        #expect(p?.date == XDate(year: 2022, month: 11, day: 15))
        #expect(p?.evidence == "dateline")
        // Reuters style, year from another full date in the text
        let r = pub(doc("WASHINGTON, Nov 14 (Reuters) - The Treasury said on November 2, 2023 that bills would be sold."))
        #expect(r?.date == XDate(year: 2023, month: 11, day: 14))
        #expect(r?.evidence == "dateline, year from text")
    }

    @Test func publicationLabelsInOtherLanguagesBeforeADateline() {
        let body = "\n\nDer Rat beriet über den neuen Haushalt für die kommenden Jahre."
        for (line, day) in [("veröffentlicht: 25.10.2007 15:19", XDate(year: 2007, month: 10, day: 25)),
                            ("Stand: 08.05.2019, 05:02 Uhr", XDate(year: 2019, month: 5, day: 8)),
                            ("Publicado el 3 de marzo de 2005", XDate(year: 2005, month: 3, day: 3)),
                            ("기사입력 :[ 2018-08-25 15:24 ]", XDate(year: 2018, month: 8, day: 25))] {
            let p = pub(doc(line + body))
            #expect(p?.date == day, "\(line)")
            #expect(p?.evidence == "dateline", "\(line)")
        }
        // "on" alone opens an event in prose, not a dateline
        let founding = "Am 31.8.1990 fand in dem Wohnzimmer der Eheleute die Gründungsversammlung des Vereins statt, mit vielen Gästen." + body
        #expect(pub(doc(founding)) == nil)
    }

    @Test func yearlessDatelineWithoutContextIsNotInvented() {
        #expect(pub(doc("WASHINGTON, Nov 14 (Reuters) - The Treasury said bills would be sold.")) == nil)
        #expect(pub(doc("Today, Nov. 14, talks take place in Havana.")) == nil)
    }

    @Test func todayWithYearFromTheSameDateLater() {
        let text = "Today, Nov. 14, talks between Cuba and the United States take place in Havana.\n— Carlos F. de Cossio November 14, 2023"
        let p = pub(doc(text))
        #expect(p?.date == XDate(year: 2023, month: 11, day: 14))
    }

    @Test func weekdayPicksTheYear() {
        // 2023-11-14 was a Tuesday, 2022-11-14 a Monday; only the latest year named counts
        #expect(pub(doc("The delegations met this Tuesday, November 14, as they did in 2023 and 2024 before.")) == nil)
        let p = pub(doc("The delegations met this Tuesday, November 14, as planned in 2022 and agreed in 2023."))
        #expect(p?.date == XDate(year: 2023, month: 11, day: 14))
        #expect(DateRules.weekday(year: 2023, month: 11, day: 14) == 2)
    }

    @Test func datesMentionedInTheTextAloneAreNotThePublicationDate() {
        // Was "latest date in text": a signature, an amendment and a start of talks are events.
        let text = String(repeating: "Background paragraph without dates. ", count: 30)
            + "The deal was signed on March 3, 2021 and amended on June 5, 2022; talks began May 1, 2020."
        #expect(pub(doc(text)) == nil)
        #expect(testExtractor.extract(doc(text)).mentionedDates.count == 3)
    }

    @Test func farFutureAndImpossibleDatesAreNotPublicationDates() {
        #expect(pub(doc("Havana, March 3, 2031\nPlans.")) == nil)
        #expect(testExtractor.extract(doc("Havana, March 3, 2031\nPlans.")).mentionedDates == [XDate(year: 2031, month: 3, day: 3)])
        #expect(pub(doc("x", date: "2031-01-01", evidence: "meta")) == nil)
        #expect(pub(doc("Havana, February 30, 2022\nTalks.")) == nil)
        #expect(pub(doc("x", date: "2023-02-30", evidence: "meta")) == nil)
    }

    @Test func eventDatesAreNotDatelines() {
        let text = "Mozilla\nFounded February 28, 1998; 18 years ago\nMozilla is a free-software community."
        #expect(pub(doc(text))?.evidence != "dateline")
    }

    @Test func undatedDocument() {
        #expect(pub(doc("Talks resumed in April and may continue in 2025.")) == nil)
    }

    @Test func isoParsing() {
        #expect(Extractor.parseISO("2023") == XDate(year: 2023))
        #expect(Extractor.parseISO("2023-11") == XDate(year: 2023, month: 11))
        #expect(Extractor.parseISO("2023-11-14 10:00") == XDate(year: 2023, month: 11, day: 14))
        #expect(Extractor.parseISO("2023-1-4") == nil)
        #expect(Extractor.parseISO("November 2023") == nil)
        #expect(Extractor.dateInURL("https://x.org/2023-11-14-slug") == XDate(year: 2023, month: 11, day: 14))
        #expect(Extractor.dateInURL("https://x.org/a/b") == nil)
    }
}
