import Foundation
import Testing
import MSearchTestSupport

/// A mixed archive end to end (issue #16): Spanish, German and English articles, some declaring
/// their language (HTML `lang`, JSON Lines `lang`) and some not; each is analysed with its own
/// language's stemmer, and one query finds the inflected forms of every language.
struct LanguageTests {
    static let spanish = [
        ("es-deportaciones", "Aumentan las deportaciones de migrantes cubanos",
         "Las autoridades estadounidenses confirmaron el martes nuevas deportaciones de migrantes cubanos hacia La Habana. Los vuelos de deportación se reanudaron tras meses de negociaciones entre los dos gobiernos, según informó el Departamento de Estado."),
        ("es-presidente", "El presidente visita la frontera",
         "El presidente de la república viajó a la frontera para reunirse con los alcaldes de las ciudades afectadas por la llegada de miles de personas. Las conversaciones sobre seguridad continuarán la próxima semana en la capital."),
        ("es-economia", "La inflación golpea a las familias",
         "Los precios de los alimentos subieron de nuevo este mes y las familias trabajadoras tienen cada vez más dificultades para llegar a fin de mes, según los economistas consultados por este periódico."),
    ]
    static let german = [
        ("de-verhandlungen", "Verhandlungen über Migration fortgesetzt",
         "Die Verhandlungen zwischen den beiden Regierungen über die Rückführung von Migranten wurden am Dienstag in Berlin fortgesetzt. Beide Seiten zeigten sich nach den Gesprächen vorsichtig optimistisch, teilte das Auswärtige Amt mit."),
        ("de-wahlen", "Die Wahlen im Herbst",
         "Die Parteien bereiten sich auf die Wahlen im Herbst vor. Umfragen zeigen, dass viele Wählerinnen und Wähler noch unentschlossen sind und sich vor allem für die wirtschaftliche Lage des Landes interessieren."),
        ("de-wetter", "Sturm über Norddeutschland",
         "Ein schwerer Sturm hat in der Nacht zum Montag große Schäden in Norddeutschland angerichtet. Bäume stürzten auf Straßen und Bahnstrecken, der Zugverkehr war stundenlang unterbrochen."),
    ]
    static let english = [
        ("en-deportations", "Deportation flights resume",
         "United States officials said on Tuesday that deportations of Cuban migrants would resume next month after talks with the government in Havana. The flights had been suspended for several months."),
        ("en-budget", "Budget talks stall in Congress",
         "Lawmakers failed to reach an agreement on the budget on Wednesday, raising the prospect of a government shutdown at the end of the month, according to several people familiar with the negotiations."),
        ("en-storm", "Storm batters the coast",
         "A powerful storm brought heavy rain and strong winds to the coast overnight, cutting power to thousands of homes and closing schools across the region, the authorities said."),
    ]

    /// One Spanish and one German article as HTML without a declared language (detected), one
    /// of each as HTML with `lang`, the rest as JSON Lines with `lang`; English undeclared.
    static let indexed: (source: TemporaryDirectory, index: TemporaryDirectory) = {
        let source = TemporaryDirectory("languages")
        func html(_ a: (String, String, String), lang: String?) -> String {
            let attribute = lang.map { " lang=\"\($0)\"" } ?? ""
            return "<!DOCTYPE html><html\(attribute)><head><title>\(a.1)</title></head><body><article><h1>\(a.1)</h1><p>\(a.2)</p></article></body></html>"
        }
        try! source.write("\(spanish[0].0).html", html(spanish[0], lang: nil))
        try! source.write("\(german[0].0).html", html(german[0], lang: nil))
        try! source.write("\(spanish[1].0).html", html(spanish[1], lang: "es-ES"))
        try! source.write("\(german[1].0).html", html(german[1], lang: "de"))
        var lines = ""
        for (a, lang) in [(spanish[2], "es"), (german[2], "de")] {
            let object: [String: String] = ["id": a.0, "title": a.1, "body": a.2, "lang": lang]
            lines += String(decoding: try! JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]), as: UTF8.self) + "\n"
        }
        try! source.write("declared.jsonl", lines)
        for a in english { try! source.write("\(a.0).txt", "\(a.1)\n\n\(a.2)\n") }
        let index = TemporaryDirectory("languages-index")
        let built = try! MSearchBinary.run(["index", "--quiet", "--index", index.path, source.path])
        precondition(built.status == 0, built.stderr)
        return (source, index)
    }()

    func search(_ arguments: [String]) throws -> [String: Any] {
        let r = try MSearchBinary.run(["--index", Self.indexed.index.path, "--json"] + arguments)
        #expect(r.status == 0, "\(r.stderr)")
        return try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any] ?? [:]
    }

    func ids(_ answer: [String: Any]) -> [String] {
        (answer["hits"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
    }

    @Test func eachDocumentHasItsLanguage() throws {
        let r = try MSearchBinary.run(["export", "--index", Self.indexed.index.path])
        #expect(r.status == 0, "\(r.stderr)")
        var languages: [String: String] = [:]
        for line in r.stdout.split(separator: "\n") {
            let d = try JSONSerialization.jsonObject(with: Data(line.utf8)) as! [String: Any]
            languages[d["id"] as! String] = d["language"] as? String
        }
        for a in Self.spanish { #expect(languages[a.0] == "es", "\(a.0)") }
        for a in Self.german { #expect(languages[a.0] == "de", "\(a.0)") }
        for a in Self.english { #expect(languages[a.0] == "en", "\(a.0)") }
    }

    @Test func aSpanishWordFindsItsInflectedForm() throws {
        // "deportación" and "deportaciones" have one Spanish stem; English would keep them apart.
        let found = ids(try search(["deportación"]))
        #expect(found.contains("es-deportaciones"))
    }

    @Test func aGermanWordFindsItsPlural() throws {
        #expect(ids(try search(["Verhandlung"])) == ["de-verhandlungen"])
    }

    @Test func anEnglishWordStillFindsEnglishForms() throws {
        #expect(ids(try search(["deportation"])).contains("en-deportations"))
        #expect(ids(try search(["negotiation"])).contains("en-budget"))
    }

    @Test func langFilterAndFacetCountExactly() throws {
        // A query of only an exclusion matches every document.
        let all = try search(["--facets", "--limit", "0", "NOT zzzz"])
        let facets = all["facets"] as? [String: Any] ?? [:]
        let languages = (facets["language"] as? [[String: Any]] ?? []).map { ($0["value"] as? String ?? "", $0["count"] as? Int ?? -1) }
        #expect(languages.map(\.0) == ["de", "en", "es"] && languages.map(\.1) == [3, 3, 3], "\(languages)")
        let spanishOnly = try search(["--lang", "es", "--limit", "10", "NOT zzzz"])
        #expect(spanishOnly["total"] as? Int == 3)
        #expect(Set(ids(spanishOnly)) == Set(Self.spanish.map(\.0)))
        let inQuery = try search(["lang:de"])
        #expect(inQuery["total"] as? Int == 3)
        #expect(Set(ids(inQuery)) == Set(Self.german.map(\.0)))
        // The filter applies the language's own analysis alone: the Spanish stem, Spanish documents.
        #expect(ids(try search(["--lang", "es", "deportación"])) == ["es-deportaciones"])
    }

    @Test func highlightsLandOnTheInflectedWords() throws {
        for (query, id, word) in [("deportación", "es-deportaciones", "deportaciones"), ("Verhandlung", "de-verhandlungen", "Verhandlungen")] {
            let hit = (try search([query])["hits"] as? [[String: Any]] ?? []).first { $0["id"] as? String == id } ?? [:]
            let snippet = Array((hit["snippet"] as? String ?? "").unicodeScalars)
            let marked = (hit["highlights"] as? [[Int]] ?? []).map { String(String.UnicodeScalarView(snippet[$0[0]..<$0[1]])) }
            #expect(marked.contains(word), "\(query): \(marked)")
        }
    }

    @Test func showNamesTheLanguage() throws {
        let r = try MSearchBinary.run(["show", "--index", Self.indexed.index.path, "de-wahlen"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("\nlanguage: de\n"))
    }

    @Test func aBadLanguageCodeIsRefused() throws {
        let r = try MSearchBinary.run(["--index", Self.indexed.index.path, "--lang", "spanish", "x"])
        #expect(r.status != 0)
        #expect(r.stderr.contains("--lang takes a language code"))
        let q = try MSearchBinary.run(["--index", Self.indexed.index.path, "lang:e1"])
        #expect(q.status != 0)
        #expect(q.stderr.contains("language code"))
    }
}
