import Foundation
import Testing
import MSearchSources
@testable import MSearchExtraction

/// German capitalises every noun, so a capital alone is no sign of a name there: a lone
/// capitalised word needs a cue or a fuller name to link to (`Extractor.nounCapitalisingLanguages`).
@Suite struct GermanNounTests {
    let text = """
        Die Frage ist, wie viel Zeit bleibt. Kein Wunder, dass die Frage nach der Zeit die Kunden \
        beschäftigt: Die Kunden wollen Wasser sparen. Angela Merkel sagte am Montag in Berlin, die \
        Frage der Zeit sei offen. Merkel betonte, das Wasser koste 20 Prozent mehr. Die ADAC-Tests \
        zeigen es, und der ADAC warnt.
        """

    func actors(language: String?) -> [Actor] {
        testExtractor.extract(title: "Wasser und Zeit", body: text, language: language).actors
    }

    @Test func nounsAreNoActorsInGerman() {
        let names = actors(language: "de").map(\.name)
        for noun in ["Frage", "Zeit", "Kunden", "Wasser", "Prozent", "Wunder", "Kein Wunder"] {
            #expect(!names.contains(noun), "\(noun)")
        }
        // names with a fuller form, the gazetteer's and acronyms stay
        let de = actors(language: "de")
        #expect(de.contains { $0.name == "Angela Merkel" && $0.kind == .person })
        #expect(de.contains { $0.name == "Berlin" && $0.kind == .place })
        #expect(de.contains { $0.name == "ADAC" && $0.kind == .organisation })
    }

    @Test func theSameTextUnderAnotherLanguageKeepsRecurringWords() {
        // without the language, a recurring capitalised word is kept as English keeps it
        let names = actors(language: nil).map(\.name)
        #expect(names.contains("Frage"))
    }
}
