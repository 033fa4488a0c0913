import Foundation
import Testing
import MSearchSources
@testable import MSearchExtraction

/// A name's guessed kind (the default "person" of an uncued name of several words, an
/// organisation after an article) never outvotes the kind a cue gave another mention of the
/// same actor; and the words right after a name that make it an organisation.
@Suite struct GuessedKindTests {
    func kind(of name: String, in text: String) -> ActorKind? {
        testExtractor.extract(doc(text)).actors.first { $0.name == name }?.kind
    }

    @Test func oneCueOutweighsManyUncuedMentions() {
        let text = """
            Pharmaceutical giant Johnson & Johnson has agreed to buy Guidant. Analysts said the deal \
            offsets Johnson & Johnson's reliance on drugs. A number of Johnson & Johnson's products \
            face patent expiry. The move by Johnson & Johnson was expected.
            """
        #expect(kind(of: "Johnson & Johnson", in: text) == .organisation)
        // without the cue the default stands
        #expect(kind(of: "Warren Lush", in: "Her odds were long, and Warren Lush was not surprised.") == .person)
    }

    @Test func anArticleIsOnlyAGuess() {
        // "the Johnny Carson of podcasting": a person's name after "the" stays a person's
        let text = """
            He has been called the Ed Sullivan or Johnny Carson of podcasting. "To be the Johnny \
            Carson, or Ed Sullivan of anything is wonderful," he said.
            """
        #expect(kind(of: "Johnny Carson", in: text) == .person)
        // with no other mention, the article still makes an organisation
        #expect(kind(of: "Kessler Brandt", in: "They beat the Kessler Brandt in the final.") == .organisation)
    }

    @Test func aSpokesmanOrAMagazineAfterTheName() {
        #expect(kind(of: "Ladbrokes", in: "Her exit was likely, Ladbrokes spokesman Warren Lush said on Monday.") == .organisation)
        #expect(kind(of: "Vulture", in: "He retweeted an article by Vulture magazine about the protests.") == .organisation)
        // the object of an appointment, and an office held at another body, are people
        #expect(kind(of: "Charles Hinckley", in: "The board said it has named Charles Hinckley chairman of the company.") == .person)
        #expect(kind(of: "Mike Boswell", in: "Silver is cheap, Mike Boswell chairman of Sunshine Mining Co told Reuters.") == .person)
    }

    @Test func companyNounsBeforeTheName() {
        #expect(kind(of: "Ladbrokes", in: "The odds were long, with bookmakers Ladbrokes offering 1/5 on her departure.") == .organisation)
        #expect(kind(of: "Aftenposten Daily", in: "Solskjaer told Aftenposten Daily that he would play again.") == .organisation)
    }
}
