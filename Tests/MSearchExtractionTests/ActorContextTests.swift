import Foundation
import Testing
import MSearchSources
@testable import MSearchExtraction

/// What the words around an unknown name say about it (`ActorRules+Context`), on hand-written
/// text and without the gazetteer, so only the rules decide: determiners, plural verbs,
/// organisation nouns, title-case quotations, sentence-start words and plural acronyms.
@Suite struct ActorContextTests {
    let rulesOnly = Extractor(gazetteer: Gazetteer(), today: XDate(year: 2025, month: 6, day: 1))

    func actors(_ text: String, title: String = "") -> [Actor] { rulesOnly.extract(doc(text, title: title)).actors }
    func kind(_ name: String, in a: [Actor]) -> ActorKind? { a.first { $0.name == name }?.kind }

    @Test func aNameAfterAnArticleIsNoPerson() {
        // every mention of Quorvo lacks a person's cue, and one has an article: no actor
        let a = actors("Users said the Quorvo website went down. Many users of Quorvo complained.")
        #expect(kind("Quorvo", in: a) == nil)
        // a name with a person's cue elsewhere stays a person
        let b = actors("Fans wore the Zembrowski shirt. Later Zembrowski said he was pleased.")
        #expect(kind("Zembrowski", in: b) == .person)
        // several words after an article: an organisation, unless they modify a noun
        #expect(kind("Kessler Brandt", in: actors("They beat the Kessler Brandt in the final.")) == .organisation)
        #expect(kind("Tobin Vaszary", in: actors("Lemar performed the Tobin Vaszary track live.")) == .person)
        // "A" before a team-list name is an initial, not an article
        let c = actors("The replacements were named: D Bellow, A Harzell, M Dorsan. Later A Harzell scored.")
        #expect(c.contains { $0.name.hasSuffix("Harzell") && $0.kind == .person })
    }

    @Test func aPluralVerbMakesAGroup() {
        #expect(kind("Blackmoor", in: actors("It is thought Blackmoor have rejected the bid from Rangers.")) == .organisation)
        // the verb agrees with a list
        let a = actors("Midfielder Frampley and striker Burtonn are both doubts, said the coach.")
        #expect(kind("Burtonn", in: a) != .organisation)
    }

    @Test func organisationNounsAroundAName() {
        #expect(kind("Zentaro", in: actors("Talks are under way with French carmaker Zentaro about an alliance.")) == .organisation)
        #expect(kind("Retrofane", in: actors("The habit explains the rise of firms such as Retrofane which sell old phones.")) == .organisation)
        #expect(kind("Motorilla", in: actors("But Motorilla, the American handset manufacturer, held a clinic.")) == .organisation)
        // a trade that is also a person's stays a person
        #expect(kind("Peter Molynaux", in: actors("Leading games maker Peter Molynaux has been made an OBE.")) == .person)
    }

    @Test func anAcronymInsideANameMakesAnOrganisation() {
        #expect(kind("PSX Peugaro Citrane", in: actors("Mitsubishi is in talks with PSX Peugaro Citrane about an alliance.")) == .organisation)
    }

    @Test func pluralAcronymsAreNoActors() {
        let a = actors("Almost 5,000 laptops and 5,800 PDAs were left in cabs, with many PCs.")
        #expect(!a.contains { $0.name == "PDAs" || $0.name == "PCs" })
    }

    @Test func wordsOfATitleInQuotesAreNoActors() {
        let a = actors("He cited \"Travels with Quimby in the Mountains of Spring\" in his review of the year.")
        #expect(kind("Quimby", in: a) == nil)
        // quoted speech is no title
        let b = actors("\"We will win the cup,\" Quimby said after the game.")
        #expect(kind("Quimby", in: b) == .person)
    }

    @Test func wordsCapitalisedOnlyAtSentenceStartsNeedACue() {
        let a = actors("Lorem ipsum dolor sit amet. Duis aute irure dolor in reprehenderit. Excepteur sint occaecat cupidatat.", title: "Notes")
        #expect(!a.contains { $0.name == "Duis" || $0.name == "Excepteur" })
        // a list after a colon, a list of names, and the title keep theirs
        let b = actors("Subs not used: Franzis, Kabbo.\nShehan, Horran, Callaghen.\nSubs: Franzis, Orrin.\nShehan, Dorsey.", title: "Sumitara welcomes accord")
        #expect(kind("Franzis", in: b) == .person)
        #expect(kind("Shehan", in: b) == .person)
        #expect(kind("Sumitara", in: b) == .person)
    }

    @Test func streetAbbreviationsEndNoActor() {
        let a = actors("More troops will go, Downing St said on Monday, and Whitehall Rd was closed.")
        #expect(!a.contains { $0.name.hasSuffix(" St") || $0.name.hasSuffix(" Rd") })
    }

    @Test func aLoneWordNamedOnceWithoutACueIsNoActor() {
        #expect(kind("Zorblatt", in: actors("Fans cheered as Zorblatt scored in the final minute.", title: "Match report")) == nil)
        #expect(kind("Zorblatt", in: actors("Fans cheered as Zorblatt scored. Later Zorblatt scored again.")) == .person)
        // a given name in brackets before it is a person's cue: "(Alan) Greenspan"
        let a = actors("A source said: \"They are wary of (Alan) Greenspar, given his record.\"")
        #expect(kind("Greenspar", in: a) == .person)
    }

    @Test func naturalFeaturesArePlaces() {
        let a = actors("Work stopped near the Kessu River. The family moved to Bevrly Hills, and later to the Chathom Islands.")
        #expect(kind("Kessu River", in: a) == .place)
        #expect(kind("Bevrly Hills", in: a) == .place)
        #expect(kind("Chathom Islands", in: a) == .place)
    }
}
