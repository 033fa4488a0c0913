import Foundation
import Testing
import MSearchSources
@testable import MSearchExtraction

/// Pieces of longer names that must not become actors (`ActorRules+LongerNames`), and the cues
/// that make an unknown name an organisation or no actor (`ActorRules+Context`), on hand-written text.
@Suite struct LongerNamesAndKindCuesTests {
    let rulesOnly = Extractor(gazetteer: Gazetteer(), today: XDate(year: 2025, month: 6, day: 1))

    func actors(_ text: String, rules: Bool = false) -> [Actor] {
        (rules ? rulesOnly : testExtractor).extract(doc(text)).actors
    }
    func kind(_ name: String, in a: [Actor]) -> ActorKind? { a.first { $0.name == name }?.kind }

    @Test func aCompassWordOpensTheName() {
        let a = actors("Call centres moved to low-cost countries like India or South Africa last year.")
        #expect(a.contains { $0.name == "South Africa" && $0.kind == .place })
        #expect(!a.contains { $0.name == "Africa" })
        let b = actors("The councillor was selected for West Ham, east London, in a contest.")
        #expect(!b.contains { $0.name == "Ham" })
        #expect(b.contains { $0.name == "West Ham" && $0.kind != .person })
        // before a nationality the compass word stays an adjective
        let c = actors("Bankers said West German banks would lend more.")
        #expect(!c.contains { $0.name.hasPrefix("West") })
    }

    @Test func anAcronymBesideATownIsItsClub() {
        let a = actors("He coached Barcelona, FC Cologne and later AC Milan in Europe.")
        #expect(kind("FC Cologne", in: a) == .organisation)
        #expect(kind("AC Milan", in: a) == .organisation)
        #expect(!a.contains { $0.name == "FC" || $0.name == "AC" || $0.name == "Milan" })
        // a performer's title is no acronym of an organisation: "MC Kano", "DJ Howard Sterne"
        let m = actors("Rapper MC Kano played Leeds. Controversial DJ Howard Sterne was dropped.")
        #expect(!m.contains { $0.name.hasPrefix("MC") && $0.kind == .organisation || $0.name == "DJ" })
        // an acronym that the text also names alone is its own actor: "BBC Scotland" … "the BBC"
        let b = actors("A spokesman for BBC Scotland said the BBC would appeal.")
        #expect(kind("BBC Scotland", in: b) == nil)
    }

    @Test func theTownOfAUniversityIsPartOfItsName() {
        let a = actors("She moved when he went to Florida State University and later to Colorado.")
        #expect(kind("Florida State University", in: a) == .organisation)
        #expect(!a.contains { $0.name == "Florida" })
    }

    @Test func aPluralVerbAfterATwoWordNameMakesAGroup() {
        #expect(kind("Kelvane Villa", in: actors("In the next round Kelvane Villa were drawn against the holders.", rules: true)) == .organisation)
        // after a comma that ends a clause, not a list
        #expect(kind("Kelvane Villa", in: actors("Dunmore meet Pelby, while Kelvane Villa were drawn away.", rules: true)) == .organisation)
        // after "such as" the verb agrees with the noun before it
        let s = actors("Artists such as Argentina's Tomas Velardo are pushing the genre.", rules: true)
        #expect(kind("Tomas Velardo", in: s) != .organisation)
        // an inverted subject after an auxiliary: "have" is any person's verb
        #expect(kind("Jonah Terrell", in: actors("Not in a million years would Jonah Terrell have gone down.", rules: true)) == .person)
        // a plural acronym is a class of things, whatever verb follows
        #expect(kind("PDAs", in: actors("Phones play music, while PDAs are used for mail.", rules: true)) == nil)
        // a list still agrees with the verb
        let a = actors("Tom Harlow and Dan Presk were both injured in training.", rules: true)
        #expect(kind("Dan Presk", in: a) == .person)
    }

    @Test func itAfterASpeechVerbMakesAnOrganisation() {
        #expect(kind("Zorvex", in: actors("Shares fell after Zorvex said it would cut jobs.", rules: true)) == .organisation)
        #expect(kind("Zorvex", in: actors("Later Zorvex has said it will appeal.", rules: true)) == .organisation)
        // a full name speaks of something else ("his party said it")
        #expect(kind("Alaric Salvane", in: actors("Party leader Alaric Salvane said it had received a boost.", rules: true)) == .person)
        // the "it" of a clause, and a surname the text gives in full
        #expect(kind("Zorvex", in: actors("Later Zorvex stressed it would be up to the board.", rules: true)) != .organisation)
        let full = actors("Spokesman Nick Zorvex spoke first. Later Zorvex said it will appeal.", rules: true)
        #expect(!full.contains { $0.name == "Zorvex" && $0.kind == .organisation })
        // a person speaks of other things
        #expect(kind("Zorvex", in: actors("Later Zorvex said he would appeal.", rules: true)) == .person)
    }

    @Test func atAfterAJobNamesAnOrganisation() {
        let a = actors("Kevin Harlan, senior manager at Quantrix security response, said the warnings were premature.", rules: true)
        #expect(kind("Quantrix", in: a) == .organisation)
        // "at" after anything else is still a place
        let c = actors("The festival was held at Morbury on Saturday.", rules: true)
        #expect(kind("Morbury", in: c) == .place)
    }

    @Test func anAcronymBeforeATechnologyNounIsNoActor() {
        let a = actors("The laptop has a single QXB port. You can count unique ZTP addresses and ZTP requests.", rules: true)
        #expect(kind("QXB", in: a) == nil)
        #expect(kind("ZTP", in: a) == nil)
        // an acronym that acts is still an organisation
        #expect(kind("QXB", in: actors("On Monday QXB announced a merger.", rules: true)) == .organisation)
    }

    @Test func aListThatAnOrganisationNounHeadsIsOfOrganisations() {
        let a = actors("The format is backed by games giants Eltronic Arts and Vivando, the group said.", rules: true)
        #expect(kind("Vivando", in: a) == .organisation)
        let b = actors("It faces firms such as Kromart, Walbry and Costlo in the grocery trade.", rules: true)
        #expect(kind("Costlo", in: b) == .organisation)
        // a list after another noun is not
        let c = actors("The songs were sung by Peter Dallow and Vivando on Friday.", rules: true)
        #expect(kind("Vivando", in: c) != .organisation)
    }
}
