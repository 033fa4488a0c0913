import Foundation
import Testing
import MSearchSources
@testable import MSearchExtraction

/// The kind of an actor: organisation cues (clubs, teams, parties, publications), places from
/// the generated gazetteer, folds of variants, function words of other languages, and Spanish.
@Suite struct ActorKindTests {
    let rulesOnly = Extractor(gazetteer: Gazetteer(), today: XDate(year: 2025, month: 6, day: 1))

    func actors(_ text: String, gazetteer: Bool = true) -> [Actor] {
        (gazetteer ? testExtractor : rulesOnly).extract(doc(text)).actors
    }

    func kind(_ name: String, in a: [Actor]) -> ActorKind? { a.first { $0.name == name }?.kind }

    @Test func clubHeadsMakeOrganisations() {
        let a = actors("Fans of Grimsby United and Zembla Rovers protested. Grimsby United said the deal was off.", gazetteer: false)
        #expect(kind("Grimsby United", in: a) == .organisation)
        #expect(kind("Zembla Rovers", in: a) == .organisation)
    }

    @Test func pluralNicknameAfterAPlaceIsATeam() {
        let a = actors("Glazer also owns the Tampa Bay Buccaneers, and the Chicago Giants lost again.")
        #expect(kind("Tampa Bay Buccaneers", in: a) == .organisation)
        #expect(kind("Chicago Giants", in: a) == .organisation)
        // a surname in -s after a one-word place stays a person's name
        #expect(kind("Sydney Roberts", in: actors("The coach, Sydney Roberts, said he was happy.")) == .person)
    }

    @Test func placeThenSurnameIsAPerson() {
        let a = actors("Victoria Beckham arrived in London. Beckham said she liked it.")
        #expect(kind("Victoria Beckham", in: a) == .person)
        #expect(kind("London", in: a) == .place)
        let b = actors("Liberal Democrat leader Charles Kennedy spoke. Kennedy said the vote mattered.")
        #expect(kind("Charles Kennedy", in: b) == .person)
        #expect(!b.contains { $0.name == "Kennedy" })
    }

    @Test func gazetteerPlacesComeFromIsoCodesAndGeoNames() {
        let g = Gazetteer.default
        #expect(g.canonical(for: "England")?.kind == .place)
        #expect(g.canonical(for: "Bavaria")?.kind == .place)
        #expect(g.canonical(for: "Bayern")?.name == "Bavaria")
        #expect(g.canonical(for: "Estados Unidos")?.name == "United States")
        #expect(g.canonical(for: "La Habana")?.name == "Havana")
        #expect(g.canonical(for: "Departamento de Estado")?.name == "State Department")
        #expect(ExtractionResources.path(of: "places.tsv") != nil)
        let a = actors("England beat Wales in Cardiff on Saturday. England will now face Scotland.")
        #expect(kind("England", in: a) == .place)
    }

    @Test func organisationsOfBritishPoliticsAndBanks() {
        let a = actors("The Lib Dems said the Commons would vote. A Lib Dem spokesman and JP Morgan agreed. JP McManus and McManus's partner John Magnier met.")
        #expect(kind("Liberal Democrats", in: a) == .organisation)
        #expect(a.filter { $0.name.hasPrefix("Lib Dem") }.isEmpty)
        #expect(kind("House of Commons", in: a) == .organisation)
        #expect(kind("JPMorgan Chase", in: a) == .organisation)
        #expect(kind("JP McManus", in: a) == .person)
        #expect(!a.contains { $0.name == "McManus" })
    }

    @Test func pluralFoldsIntoSingular() {
        let a = actors("The Zembla Greens met. Later the Zembla Green party agreed, and the Zembla Greens left.", gazetteer: false)
        #expect(a.filter { $0.name.hasPrefix("Zembla Green") }.count == 1)
    }

    @Test func surnamePrefixIsNotCamelCase() {
        let a = actors("Ms McAllister met the board. McAllister said no.", gazetteer: false)
        #expect(kind("McAllister", in: a) != .organisation)
        #expect(kind("PepsiCo", in: actors("PepsiCo said sales rose.", gazetteer: false)) == .organisation)
    }

    @Test func publicationCue() {
        let a = actors("According to the news site Café Fuerte, the talks failed. Café Fuerte also said more.", gazetteer: false)
        #expect(kind("Café Fuerte", in: a) == .organisation)
    }

    @Test func functionWordsOfOtherLanguagesAreNeverActorsAlone() {
        let a = actors("El gobierno habló. Las autoridades dijeron que no. Der Minister kam. Les élus votent. Il governo cade.")
        for w in ["El", "Las", "Der", "Les", "Il"] { #expect(!a.contains { $0.name == w }, "\(w)") }
        #expect(FunctionWords.load.warning == nil)
    }

    /// A lone word that is the one distinctive word of an organisation the text names is that
    /// organisation, every mention of it ("Cairn said"); a surname spelt like a head-first
    /// institution word is no institution without an article before it.
    @Test func aCompanysShortNameIsTheCompany() {
        let a = actors("Cairn Energy found more oil in Rajasthan. Analysts said Cairn shares gained. Cairn said output would rise.", gazetteer: false)
        #expect(kind("Cairn Energy", in: a) == .organisation, "\(a.map { ($0.name, $0.kind) })")
        #expect(!a.contains { $0.name == "Cairn" }, "\(a.map { ($0.name, $0.kind) })")
        let b = actors("Senegal striker Henri Camara scored twice. Camara has now scored eight goals this season.", gazetteer: false)
        #expect(kind("Henri Camara", in: b) == .person, "\(b.map { ($0.name, $0.kind) })")
        #expect(!b.contains { $0.kind == .organisation }, "\(b.map { ($0.name, $0.kind) })")
    }

    /// A Spanish article: people with roles, ministries and parties as organisations, particles
    /// inside names, aliases to the English names, no function word as an actor.
    static let spanishArticle = """
    El canciller Bruno Rodríguez se reunió el martes con la vicecanciller Josefina Vidal en La Habana.
    Según el Ministerio de Relaciones Exteriores, el viceministro Carlos Fernández de Cossío viajará a Washington.
    El presidente Miguel Díaz-Canel afirmó que el Partido Comunista de Cuba apoya el diálogo con Estados Unidos.
    Las autoridades de Cuba criticaron al Departamento de Estado. La portavoz Marta Quintero Salas dijo que el diario Granma publicará la nota.
    El ministro Ernesto Valdés Ríos explicó que la reunión fue útil. Los funcionarios no comentaron.
    """

    @Test func spanishFixture() {
        let a = actors(ActorKindTests.spanishArticle)
        let gazetteerPeople = ["Bruno Rodríguez", "Josefina Vidal", "Carlos Fernández de Cossío", "Miguel Díaz-Canel"]
        for p in gazetteerPeople { #expect(kind(p, in: a) == .person, "\(p)") }
        // people the gazetteer does not know, cued by their roles
        #expect(kind("Marta Quintero Salas", in: a) == .person)
        #expect(kind("Ernesto Valdés Ríos", in: a) == .person)
        #expect(kind("Ministerio de Relaciones Exteriores", in: a) == .organisation)
        #expect(kind("Communist Party of Cuba", in: a) == .organisation)
        #expect(kind("State Department", in: a) == .organisation)
        #expect(kind("United States", in: a) == .place)
        #expect(kind("Havana", in: a) == .place)
        for w in ["El", "La", "Las", "Los", "Según"] { #expect(!a.contains { $0.name == w }, "\(w)") }
        // and by rules alone, without any gazetteer
        let r = actors(ActorKindTests.spanishArticle, gazetteer: false)
        #expect(kind("Partido Comunista de Cuba", in: r) == .organisation)
        #expect(kind("Departamento de Estado", in: r) == .organisation)
        #expect(kind("Carlos Fernández de Cossío", in: r) == .person)
        #expect(kind("Miguel Díaz-Canel", in: r) == .person)
        for w in ["El", "La", "Las", "Los"] { #expect(!r.contains { $0.name == w }, "\(w)") }
    }
}
