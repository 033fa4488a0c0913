import Testing
import MSearchSources
@testable import MSearchExtraction

/// Dates that are true: a date in the text is the publication's only with corroboration; a
/// written weekday must fit its date; dates in other languages.
@Suite struct DateCorroborationTests {
    func pub(_ d: SourceDocument) -> PublicationDate? { testExtractor.extract(d).publicationDate }
    func mentioned(_ text: String) -> [String] { testExtractor.extract(doc(text)).mentionedDates.map(\.description) }
    /// Text far below the top, where no dateline is looked for.
    let filler = String(repeating: "A paragraph of background without any dates in it at all. ", count: 14) + "\n\n"

    @Test func birthdaysAndHistoryStayMentionedDates() {
        let text = filler + "The chancellor, born on 20 February 1951, spoke about the war that ended on 8 May 1945."
        #expect(pub(doc(text)) == nil)
        #expect(mentioned(text) == ["1951-02-20", "1945-05-08"])
    }

    @Test func aWeekdayThatDoesNotFitIsNotThatDate() {
        // 1 March 1945 was a Thursday: "1945 GMT" is a kick-off time, not a year.
        #expect(DateRules.weekday(year: 1945, month: 3, day: 1) == 4)
        let kickOff = "Chelsea v Barcelona\n\nTuesday, 1 March, 1945 GMT\n\nThe second leg at Stamford Bridge."
        #expect(pub(doc(kickOff))?.date.year != 1945)
        #expect(!mentioned(kickOff).contains("1945-03-01"))
        // Without the zone, the weekday alone rejects the year: 1 March 2005 was a Tuesday, 1 March 2004 a Monday.
        #expect(mentioned("They meet again on Monday, 1 March 2005 in Rome.") == [])
        #expect(mentioned("They meet again on Tuesday, 1 March 2005 in Rome.") == ["2005-03-01"])
    }

    @Test func aTextDateMatchingTheMetadataMonthGivesTheDay() {
        let d = doc(filler + "The ministry published the figures on 14 November 2023.", date: "2023-11", evidence: "meta")
        let p = pub(d)
        #expect(p?.date == XDate(year: 2023, month: 11, day: 14))
        #expect(p?.evidence == "meta; day from a date in the text")
        // Two candidate days: the month stays the precision known.
        let two = doc(filler + "Figures came on 14 November 2023 and on 20 November 2023.", date: "2023-11", evidence: "meta")
        #expect(pub(two)?.date == XDate(year: 2023, month: 11))
    }

    @Test func germanSpanishFrenchAndOtherLanguagesDates() {
        #expect(mentioned("Berlin. Am 5. Februar 2020 tagte der Ausschuss.") == ["2020-02-05"])
        #expect(mentioned("El acuerdo se firmó el 3 de marzo de 2005 en La Habana.") == ["2005-03-03"])
        #expect(mentioned("La reunión del 14 de noviembre de 2023 fue breve.") == ["2023-11-14"])
        #expect(mentioned("Il est arrivé le 5 mars 2020 à Paris.") == ["2020-03-05"])
        #expect(mentioned("Foi assinado em 3 de março de 2005.") == ["2005-03-03"])
        #expect(mentioned("Firmato il 5 maggio 2020 a Roma.") == ["2020-05-05"])
        #expect(mentioned("Op 5 maart 2020 in Den Haag.") == ["2020-03-05"])
        #expect(mentioned("Wien, 3. Jänner 2019.") == ["2019-01-03"])
        #expect(mentioned("Publicado en noviembre de 2023.") == ["2023-11"])
        // Other languages' abbreviations are English words: no "Month YYYY" from them.
        #expect(mentioned("Set 2005 and Out 2005 were the labels.") == [])
    }

    @Test func spanishDatelineHasDayPrecision() {
        let p = pub(doc("La Habana, 14 de noviembre de 2023\n\nEl ministro habló ayer."))
        #expect(p?.date == XDate(year: 2023, month: 11, day: 14))
    }

    @Test func weekdayAndDayPlacedByAKnownMonth() {
        // 2023-11-14 was a Tuesday ("martes").
        let d = doc(filler + "El canciller llegó el martes 14 a la capital.", date: "2023-11-20", evidence: "meta")
        #expect(testExtractor.extract(d).mentionedDates.contains(XDate(year: 2023, month: 11, day: 14)))
        // near the top, it gives a month-precise publication date its day
        let top = doc("El martes 14 el canciller llegó a la capital.", date: "2023-11", evidence: "url")
        #expect(pub(top)?.date == XDate(year: 2023, month: 11, day: 14))
        // a weekday that fits no nearby month places nothing
        let none = doc(filler + "El lunes 14 llegó.", date: "2023-11-20", evidence: "meta")
        #expect(testExtractor.extract(none).mentionedDates == [])
    }

    @Test func isoTimestampsInTextKeepTheirOwnDay() {
        #expect(mentioned("Posted 2023-11-08T20:09:00-05:00 by the desk.") == ["2023-11-08"])
        #expect(pub(doc("2023-11-08T20:09-05:00\n\nThe desk reports.")).map(\.date) == XDate(year: 2023, month: 11, day: 8))
    }

    @Test func aDateAloneOnALineNearTheTop() {
        let p = pub(doc("Storm warning for the coast\n\nAugust 19, 2019\n\nThe weather service said on Monday that the storm would arrive."))
        #expect(p?.date == XDate(year: 2019, month: 8, day: 19))
    }
}
