import Foundation
import Testing
import MSearchSources
@testable import MSearchExtraction

/// Words that look like names but name no actor, on hand-written text: acronyms used as common
/// nouns (`ActorRules+CommonAcronyms`), nationality words alone (`ActorRules+Nationality`) and
/// titles of works after a work noun.
@Suite struct CommonNounActorTests {
    func actors(_ text: String) -> [Actor] { testExtractor.extract(doc(text)).actors }
    func names(_ text: String) -> [String] { actors(text).map(\.name) }

    @Test func anAcronymWithAnIndefiniteArticleIsACommonNoun() {
        #expect(!names("The party failed to win an MEP but came second. MEP seats are few.").contains("MEP"))
        // the article of a following noun is no evidence: "a BBC reporter"
        #expect(names("A BBC reporter said the BBC would appeal.").contains("BBC"))
        // a possessive is a body's: "a member of a UKIP whose …" is rhetoric
        #expect(names("He was ashamed to be in a UKIP whose leaders lied. UKIP's chairman denied it.").contains("UKIP"))
    }

    @Test func aCountedAcronymIsAUnit() {
        #expect(!names("The new chip runs at 4 GHz, the makers said. Rival GHz figures are lower.").contains("GHz"))
        #expect(!names("Games run at 30 FPS with the new card. FPS matters to players.").contains("FPS"))
        // a year before a name is no count
        #expect(names("In 2004 NASA said the probe was lost, and NASA engineers agreed.").contains("NASA"))
    }

    @Test func anAcronymInThePluralIsAClassOfThings() {
        #expect(!names("Shops sold fewer CDs this year. CD sales fell by a tenth.").contains("CD"))
    }

    @Test func aLowerCaseExpansionMakesACommonNoun() {
        #expect(!names("Cable firms offer video on demand (VOD) to homes. VOD enthusiasm grows.").contains("VOD"))
        // a capitalised long form is an organisation's
        let a = actors("The Greek Athletics Federation (GAF) cleared them, a GAF official said.")
        #expect(a.contains { $0.name == "Greek Athletics Federation" && $0.kind == .organisation })
    }

    @Test func aLabelBeforeALongNumberNamesAScheme() {
        #expect(!names("Published by Harbour Press, ISBN 9780786478071, in paperback.").contains("ISBN"))
    }

    @Test func aNationalityWordAloneIsNobody() {
        let a = names("Tony Blair has predicted the British Government will give more aid.")
        #expect(a.contains("Tony Blair"))
        #expect(!a.contains("British"))
        #expect(!names("Our guide was a short, pursy Englishman of about my own age, Hobbs said.").contains("Englishman"))
    }

    @Test func aNameAfterAWorkNounIsATitle() {
        let a = names("Critics praised the film Gentle Harbour, and Martin Keyes starred in it.")
        #expect(!a.contains("Gentle Harbour"))
        #expect(a.contains("Martin Keyes"))
    }
}
