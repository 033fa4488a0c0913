import Foundation
import Testing
import MSearchSources
@testable import MSearchExtraction

/// A page title's site and section names are navigation, not the article's words.
@Suite struct TitleHeadlineTests {
    @Test func siteAndSectionSegmentsAreNotTheHeadline() {
        #expect(TitleHeadline.headline(of: "Anticorrupción decidirá en Madrid si recurre » Local » Noticias » Ultima Hora Mallorca")
                == "Anticorrupción decidirá en Madrid si recurre")
        #expect(TitleHeadline.headline(of: "Merkel meets Macron in Berlin | DW | 19.01.2020") == "Merkel meets Macron in Berlin")
        #expect(TitleHeadline.headline(of: "The Guardian | Merkel meets Macron in Berlin") == "Merkel meets Macron in Berlin")
        // a dash inside a headline, a long second part, a title without separators: kept whole
        #expect(TitleHeadline.headline(of: "Obama - Castro meet in Havana") == "Obama - Castro meet in Havana")
        #expect(TitleHeadline.headline(of: "Brexit talks stall - what happens next for the British economy")
                == "Brexit talks stall - what happens next for the British economy")
        // a wire headline's dash names its source, an actor
        #expect(TitleHeadline.headline(of: "YUGOSLAVIA WHEAT FREE OF WINTERKILL - USDA") == "YUGOSLAVIA WHEAT FREE OF WINTERKILL - USDA")
        #expect(TitleHeadline.headline(of: "Blair backs Brown on tax") == "Blair backs Brown on tax")
    }

    @Test func aSectionNameInTheTitleIsNoActor() {
        let extractor = Extractor(gazetteer: Gazetteer(), today: XDate(year: 2025, month: 6, day: 1))
        let body = "El fiscal Pedro Horrach habló con el juez José Castro en Palma sobre la imputación."
        let names = extractor.extract(title: "El fiscal Horrach recurre la imputación » Local » Noticias » Diario Balear", body: body).actors.map(\.name)
        #expect(!names.contains("Noticias"), "\(names)")
        #expect(!names.contains("Diario Balear"), "\(names)")
        #expect(names.contains("Pedro Horrach"), "\(names)")
    }

    /// The byte pre-check skips Foundation's search only for titles it would find no separator
    /// in: plain wire headlines are skipped, every separator (and what Foundation's search takes
    /// for one) goes on to the search.
    @Test func theBytePreCheckSkipsOnlyTitlesWithoutASeparator() {
        #expect(!TitleHeadline.mayHaveSeparator("OPEC OUTPUT CUT SEEN - ANALYSTS"))
        #expect(!TitleHeadline.mayHaveSeparator("VARLEN CORP <VRL> DECLARES QTLY DIVIDEND"))
        #expect(!TitleHeadline.mayHaveSeparator("Anticorrupción decidirá en Madrid:sí»"))
        #expect(!TitleHeadline.mayHaveSeparator("") && !TitleHeadline.mayHaveSeparator(" "))
        var titles = ["Plain headline", "ÉTÉ À PARIS", "Übersicht – Nachrichten", "中文标题 新闻", "a · b", "x\u{0387}y", "a \u{0387} b", "a > b", "a >b", "“Quoted” headline", "a|b | c"]
        for separator in TitleHeadline.trailingSeparators + [" \u{0387} "] {
            let title = "Merkel meets Macron in Berlin" + separator + "DW"
            titles.append(title)
            #expect(TitleHeadline.headline(of: title) == "Merkel meets Macron in Berlin", "\(title)")
        }
        for title in titles {
            let found = TitleHeadline.trailingSeparators.contains { title.contains($0) }
            #expect(TitleHeadline.mayHaveSeparator(title) || !found, "\(title)")
        }
    }
}
