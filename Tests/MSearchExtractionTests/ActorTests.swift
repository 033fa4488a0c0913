import Foundation
import Testing
import MSearchSources
@testable import MSearchExtraction

@Suite struct ActorTests {
    let empty = Extractor(gazetteer: Gazetteer(), today: XDate(year: 2025, month: 6, day: 1))

    func actors(_ text: String, title: String = "", gazetteer: Bool = true) -> [Actor] {
        (gazetteer ? testExtractor : empty).extract(doc(text, title: title)).actors
    }

    @Test func capitalisedRunsAndPersonCues() {
        let a = actors("The talks were led by a DoS spokesperson, Ned Price, and by journalist Wilfredo Cancio, who spoke later.", gazetteer: false)
        #expect(a.contains(Actor(name: "Ned Price", kind: .person)))
        #expect(a.contains(Actor(name: "Wilfredo Cancio", kind: .person)))
    }

    @Test func particlesInitialsAndHyphens() {
        let a = actors("Officials met Juan Carlos de la Vega, Mary J. Blige and Abdul al-Hassan bin Talal near Pierre-Luc Tremblay.", gazetteer: false).map(\.name)
        #expect(a.contains("Juan Carlos de la Vega"))
        #expect(a.contains("Mary J. Blige"))
        #expect(a.contains("Pierre-Luc Tremblay"))
    }

    @Test func organisationCues() {
        let a = actors("Shares of Acme Widgets Corp rose after the Ministry of Mines and the Zembla Development Bank said prices fell.", gazetteer: false)
        #expect(a.contains(Actor(name: "Acme Widgets Corp", kind: .organisation)))
        #expect(a.contains(Actor(name: "Ministry of Mines", kind: .organisation)))
        #expect(a.contains(Actor(name: "Zembla Development Bank", kind: .organisation)))
    }

    @Test func acronymDefinedInParenthesesLinksToLongForm() {
        let a = actors("The National Widget Council (NWC) met on Monday. Later the NWC said it would meet again, and NWC members agreed.", gazetteer: false)
        #expect(a.filter { $0.kind == .organisation }.map(\.name) == ["National Widget Council"])
        let b = actors("Officials of Immigration and Customs Enforcement (ICE) arrested people. ICE said so.", gazetteer: false)
        #expect(b.map(\.name) == ["Immigration and Customs Enforcement"])
    }

    @Test func mikheevSentenceInitialWords() {
        // common words capitalised only because they start a sentence are not names
        let a = actors("Deportations rose sharply. Meanwhile officials met. Rising tensions worried them.", gazetteer: false)
        #expect(a.isEmpty)
        // a sentence-initial word also capitalised mid-sentence is a name
        let b = actors("Kowalczyk left early. Reporters asked where Kowalczyk went.", gazetteer: false)
        #expect(b.map(\.name) == ["Kowalczyk"])
    }

    @Test func stopWordsAreNotNames() {
        let a = actors("However, According to the report, On Monday In January The Officials said nothing.", gazetteer: false)
        #expect(a.isEmpty)
    }

    @Test func surnameLinksToFullName() {
        let a = actors("Wilfredo Cancio warned of trouble. Cancio said talks could fail, and Cancio left.", gazetteer: false)
        #expect(a == [Actor(name: "Wilfredo Cancio", kind: .person)])
        let b = actors("Maria Fernández de Soto spoke first. Later Fernández de Soto added that De Soto was tired.", gazetteer: false)
        #expect(b.map(\.name) == ["Maria Fernández de Soto"])
    }

    @Test func ambiguousSurnameIsNotLinked() {
        let a = actors("John Smith and Mary Smith met. Smith said nothing.", gazetteer: false).map(\.name)
        #expect(a.contains("John Smith") && a.contains("Mary Smith"))
    }

    @Test func titlesAreStripped() {
        let a = actors("President Donald Trump said the Trump administration would act. The Trump administration agreed.")
        #expect(a.filter { $0.name.contains("Trump") } == [Actor(name: "Donald Trump", kind: .person)])
        let b = actors("Treasury Secretary James Whitfield said rates would fall. Whitfield added more.", gazetteer: false)
        #expect(b == [Actor(name: "James Whitfield", kind: .person)])
        let c = actors("West German Finance Minister Gerhard Stoltenberg met Bank of England Governor Robin Leigh-Pemberton.", gazetteer: false).map(\.name)
        #expect(c.contains("Gerhard Stoltenberg") && c.contains("Robin Leigh-Pemberton") && c.contains("Bank of England"))
        #expect(!c.contains { $0.contains("Minister") || $0.contains("Governor") })
        let d = actors("US Secretary of State Antony Blinken visited.", gazetteer: false).map(\.name)
        #expect(d.contains("Antony Blinken"))
        let e = actors("King Fahd of Saudi Arabia spoke.").map(\.name)
        #expect(e.contains("King Fahd"))
    }

    @Test func crossDocumentVariantsFoldThroughTheGazetteer() {
        for text in ["Carlos F. de Cossio spoke.", "Vice minister Carlos Fernández de Cossío spoke.",
                     "Officials said Fernández de Cossio spoke.", "Officials said Carlos Fernandez de Cossio spoke.",
                     "The Vice Minister of Foreign Affairs, Carlos Fernández de Cossío Domínguez, chaired it."] {
            #expect(actors(text).filter { $0.kind == .person }.map(\.name) == ["Carlos Fernández de Cossío"], "\(text)")
        }
        #expect(actors("Bruno Rodriguez spoke in Havana.").map(\.name) == ["Bruno Rodríguez", "Havana"])
    }

    @Test func placesAndGovernments() {
        let a = actors("Washington and Havana held talks; the U.S. and Cuba agreed, said officials in the United States.")
        #expect(a.contains(Actor(name: "United States", kind: .place)))
        #expect(a.contains(Actor(name: "Cuba", kind: .place)))
        #expect(a.contains(Actor(name: "Washington", kind: .place)))
        #expect(a.contains(Actor(name: "Havana", kind: .place)))
        #expect(a.filter { $0.name == "United States" }.count == 1)
    }

    @Test func acronymAliasesMatchOnlyCapitals() {
        #expect(actors("Ice formed on the roads. Ice is cold, said Karl.").allSatisfy { $0.name != "Immigration and Customs Enforcement" })
        #expect(actors("Agents of ICE detained him.").map(\.name) == ["Immigration and Customs Enforcement"])
    }

    @Test func headlinesInCapitals() {
        let a = actors("", title: "TREASURY'S WHITFIELD SAYS DOLLAR STABLE").map(\.name)
        #expect(a == ["Whitfield"])
        let b = actors("Treasury Secretary James Whitfield said the dollar was stable.", title: "WHITFIELD SAYS DOLLAR STABLE").map(\.name)
        #expect(b == ["James Whitfield"])
        #expect(actors("", title: "IMF APPROVES LOAN FOR JAMAICA").map(\.name) == ["International Monetary Fund", "Jamaica"])
    }

    @Test func mostMentionedFirst() {
        let a = actors("Anna Kowalska met Piotr Nowak. Nowak spoke, Nowak left, and Kowalska stayed. Nowak returned.", gazetteer: false)
        #expect(a.map(\.name) == ["Piotr Nowak", "Anna Kowalska"])
    }

    @Test func handlesAndTickersAreNotActors() {
        let a = actors("— Carlos Perez (@CarlosPerezX) wrote. Ericsson <ERIC.ST> rose.", gazetteer: false).map(\.name)
        #expect(!a.contains("CarlosPerezX") && !a.contains("ERIC"))
    }
}

@Suite struct GazetteerTests {
    @Test func parsesEntriesCommentsAndKinds() throws {
        let g = try Gazetteer(tsv: """
        # comment
        Carlos Fernández de Cossío\tperson\tCarlos F. de Cossío|Fernández de Cossío

        Immigration and Customs Enforcement\torganization\tICE
        Havana\tplace
        """)
        #expect(g.entries.count == 3)
        #expect(g.canonical(for: "carlos f. de cossio")?.name == "Carlos Fernández de Cossío")
        #expect(g.canonical(for: "FERNANDEZ DE COSSIO")?.kind == .person)
        #expect(g.canonical(for: "ICE")?.name == "Immigration and Customs Enforcement")
        #expect(g.canonical(for: "Ice") == nil)
        #expect(g.canonical(for: "havana")?.kind == .place)
        #expect(g.canonical(for: "Matanzas") == nil)
    }

    @Test func badLinesAreErrorsWithLineNumbers() {
        #expect(throws: GazetteerError(line: 2, reason: "unknown kind 'persn' (person, organisation or place)")) {
            try Gazetteer(tsv: "Havana\tplace\nJohn Doe\tpersn\tDoe")
        }
        #expect(throws: GazetteerError.self) { try Gazetteer(tsv: "no tab here") }
        #expect(throws: GazetteerError.self) { try Gazetteer(tsv: "\tperson\talias") }
        #expect(throws: GazetteerError.self) { try Gazetteer(tsv: "...\tperson") }
        #expect((try? Gazetteer(tsv: "A B\tperson\t||  |")).map(\.entries.count) == 1)
        #expect((try? Gazetteer(tsv: "\u{FEFF}Havana\tplace\r\n")).map(\.entries.count) == 1)
    }

    /// Lines are split on the bytes where Swift splits Characters on `isNewline`: CR LF is one
    /// break, so the line number of an error is the one an editor shows.
    @Test func everyLineBreakCountsOnceInLineNumbers() {
        for breakText in ["\n", "\r\n", "\r", "\u{0B}", "\u{0C}", "\u{85}", "\u{2028}", "\u{2029}"] {
            let tsv = ["# c", "Havana\tplace", "", "\t# comment after a tab", "Doe\tpersn"].joined(separator: breakText)
            #expect(throws: GazetteerError(line: 5, reason: "unknown kind 'persn' (person, organisation or place)"),
                    "break \(breakText.unicodeScalars.map { $0.value })") { try Gazetteer(tsv: tsv) }
        }
        let g = try? Gazetteer(tsv: "\u{FEFF}\u{FEFF}Havana\tplace\t Habana | La Habana \tHavanna\r\nKöln\tplace\tCologne")
        #expect(g?.entries.map(\.name) == ["Havana", "Köln"])
        #expect(g?.entries.first?.aliases == ["Habana", "La Habana", "Havanna"])
        #expect(g?.canonical(for: "la habana")?.name == "Havana")
        #expect(g?.canonical(for: "Koln")?.name == "Köln")
        #expect(g?.maxWords == 2)
        #expect(g?.firstWords == ["havana", "habana", "la", "havanna", "koln", "cologne"])
    }

    /// The shipped files read as the Character-based parser read them (split on `isNewline`,
    /// tabs and bars as Characters): same entries, aliases and kinds in the same order.
    @Test func shippedFilesParseAsCharacterSplitting() throws {
        let directories = ExtractionResources.searchedDirectories()
        for file in ["places.tsv", "actors.tsv"] {
            let path = try #require(ExtractionResources.path(of: file, in: directories))
            let text = try String(contentsOfFile: path, encoding: .utf8)
            var expected: [Gazetteer.Entry] = []
            for raw in text.split(omittingEmptySubsequences: false, whereSeparator: { $0.isNewline }) {
                let trimmed = raw.trimmingSpaces
                if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
                let cols = raw.split(separator: "\t", omittingEmptySubsequences: false)
                let aliases = cols.count >= 3 ? cols[2...].joined(separator: "|").split(separator: "|").map(\.trimmingSpaces).filter { !$0.isEmpty && !Fold.key($0).isEmpty } : []
                expected.append(Gazetteer.Entry(name: cols[0].trimmingSpaces, kind: try #require(Gazetteer.kind(named: cols[1].trimmingSpaces)), aliases: aliases))
            }
            let parsed = try Gazetteer(tsv: text).entries
            #expect(parsed.count > 200)
            // entries with the same canonical key were merged by both; compare the unmerged files' lines
            #expect(parsed == Gazetteer(entries: expected).entries, "\(file)")
        }
    }

    @Test func mergeUnitesAliasesAndLetsTheUserWin() throws {
        var g = try Gazetteer(tsv: "Joe Biden\tperson\tBiden\nACME\torganisation\tAcme Co")
        let user = try Gazetteer(tsv: "Joe Biden\tperson\tJoseph Robinette Biden\nAcme Widgets\torganisation\tACME\nSpringfield\tlocation")
        g.merge(user)
        #expect(g.canonical(for: "Biden")?.name == "Joe Biden")
        #expect(g.canonical(for: "Joseph Robinette Biden")?.name == "Joe Biden")
        #expect(g.canonical(for: "ACME")?.name == "Acme Widgets")
        #expect(g.canonical(for: "Acme Co")?.name == "ACME")
        #expect(g.canonical(for: "springfield")?.kind == .place)
        #expect(g.entries.count == 4)
    }

    @Test func defaultGazetteerLoadsFromTheResource() {
        #expect(Gazetteer.defaultLoadWarning == nil)
        #expect(ExtractionResources.path(of: "actors.tsv") != nil)
        let g = Gazetteer.default
        #expect(g.canonical(for: "Trump")?.name == "Donald Trump")
        #expect(g.canonical(for: "Diaz-Canel")?.name == "Miguel Díaz-Canel")
        #expect(g.canonical(for: "U.S.")?.name == "United States")
        #expect(g.canonical(for: "OPEC")?.kind == .organisation)
        #expect(g.canonical(for: "USCIS") != nil && g.canonical(for: "CBP") != nil && g.canonical(for: "Department of Homeland Security") != nil)
        #expect(ExtractionResources.path(of: "no-such-file.tsv") == nil)
    }

    @Test func missingOrBrokenResourceGivesAnEmptyGazetteerAndAWarning() throws {
        let missing = Gazetteer.loadDefault(searching: ["/nonexistent/msearch-resources"])
        #expect(missing.gazetteer.isEmpty)
        #expect(missing.warning?.contains("not found") == true)
        let dir = "/tmp/msearch-res-\(getpid())"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try "Broken\tnokind".write(toFile: dir + "/actors.tsv", atomically: true, encoding: .utf8)
        let broken = Gazetteer.loadDefault(searching: [dir])
        #expect(broken.gazetteer.isEmpty && broken.warning?.contains("unknown kind") == true)
        // extraction still works without a gazetteer
        let e = Extractor(gazetteer: missing.gazetteer).extract(doc("Treasury Secretary James Whitfield met Wilfredo Cancio in Havana."))
        #expect(e.actors.map(\.name).contains("James Whitfield"))
    }

    @Test func userFileFromDisk() throws {
        let path = "/tmp/msearch-gazetteer-test-\(getpid()).tsv"
        try "Zed Corp\torg\tZC".write(toFile: path, atomically: true, encoding: .utf8)
        defer { unlink(path) }
        #expect(try Gazetteer(contentsOfFile: path).canonical(for: "ZC")?.name == "Zed Corp")
        #expect(throws: GazetteerError.self) { try Gazetteer(contentsOfFile: path + ".missing") }
    }
}
