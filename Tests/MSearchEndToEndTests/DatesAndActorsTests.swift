import Foundation
import Testing
import MSearchTestSupport

/// The dates-and-actors promises on the seed articles, through the real binary.
@Suite(.serialized) struct DatesAndActorsTests {
    var index: String { SeedSearchTests.index.path }

    func json(_ args: [String]) throws -> [String: Any] {
        let r = try MSearchBinary.run(["--index", index, "--json"] + args)
        return try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
    }

    func ids(_ object: [String: Any]) -> Set<String> {
        Set((object["hits"] as? [[String: Any]] ?? []).compactMap { ($0["id"] as? String)?.prefix(3) }.map(String.init))
    }

    @Test func actorFilterFindsExactlyTheArticlesNamingHimWhateverTheSpelling() throws {
        for spelling in ["Fernandez de Cossio", "Carlos Fernández de Cossío", "de cossío", "COSSIO"] {
            #expect(ids(try json(["--actor", spelling, "migration"])) == ["002", "003", "004"], "\(spelling)")
        }
        #expect(ids(try json(["actor:\"de Cossío\" migration"])) == ["002", "003", "004"])
        #expect(ids(try json(["--actor", "Nobody Atall", "migration"])).isEmpty)
    }

    @Test func dateFilterReturnsTheNovember2023Article() throws {
        let r = try json(["--from", "2023", "--to", "2023", "talks"])
        #expect(ids(r) == ["004"])
        let hit = (r["hits"] as? [[String: Any]])?.first
        #expect(hit?["date"] as? String == "2023-11-14")
        #expect(ids(try json(["date:2023-11 talks"])) == ["004"])
        // Undated articles pass a date filter only when asked.
        let undated = try json(["--from", "2023", "--to", "2023", "--undated", "include", "talks"])
        #expect(ids(undated).count > 1)
    }

    @Test func actorFacetListsEachPersonOnceUnderTheirFullName() throws {
        let r = try json(["--facets", "--facet-size", "100", "migration"])
        let facets = try #require(r["facets"] as? [String: Any])
        let actors = try #require(facets["actor"] as? [[String: Any]])
        let names = actors.compactMap { $0["value"] as? String }
        for person in ["Donald Trump", "Joe Biden", "Miguel Díaz-Canel", "Carlos Fernández de Cossío"] {
            #expect(names.filter { $0 == person }.count == 1, "\(person)")
            #expect(actors.first { $0["value"] as? String == person }?["kind"] as? String == "person")
        }
        for variant in ["Trump", "The Trump", "Biden", "De Cossío", "Díaz-Canel", "Fernández de Cossío"] {
            #expect(!names.contains(variant), "\(variant)")
        }
        // Exact counts over all five matches, undated ones under null.
        let years = try #require(facets["year"] as? [[String: Any]])
        #expect(years.reduce(0) { $0 + ($1["count"] as? Int ?? 0) } == r["total"] as? Int)
        #expect(years.contains { $0["value"] is NSNull })
        #expect(try #require(facets["month"] as? [[String: Any]]).contains { $0["value"] as? String == "2023-11" })
        // Each hit carries its actors.
        let hits = try #require(r["hits"] as? [[String: Any]])
        #expect(hits.allSatisfy { !($0["actors"] as? [String] ?? []).isEmpty })
    }

    @Test func terminalFacetsDrawATimeline() throws {
        // "When (…)" with █ bars, then "Who:".
        Golden.check(try transcript(["--index", index, "--color", "never", "--facets", "migration"]), named: "search-facets")
    }

    @Test func showExplainsTheDateAndActorsLists() throws {
        // "published: 2023-11-14 (from …)", the people and places, then the text.
        Golden.check(try transcript(["show", "--index", index, "004_14776b980787243b"]), named: "show")
        Golden.check(try transcript(["actors", "--index", index, "migration"]), named: "actors-migration")
        Golden.check(try transcript(["export", "--index", index]), named: "export")
        let export = try MSearchBinary.run(["export", "--index", index])
        let lines = export.stdout.split(separator: "\n")
        #expect(lines.count == 5)
        for l in lines {
            let o = try #require(try JSONSerialization.jsonObject(with: Data(l.utf8)) as? [String: Any])
            #expect(o["id"] is String && o["actors"] is [String])
        }
        Golden.check(try transcript(["show", "--index", index, "nope"]), named: "show-missing")   // exit status 2
    }

    @Test func userGazetteerAddsAnActor() throws {
        let src = TemporaryDirectory("e2e")
        try src.write("a.txt", "Talks\nThe spokesman for the Ministry of Silly Walks said the talks went well.")
        try src.write("actors.tsv", "# ours\nMinistry of Silly Walks\torganisation\tMoSW|Silly Walks Ministry\n")
        let idx = TemporaryDirectory("e2e")
        let built = try MSearchBinary.run(["index", "--index", idx.path, "--actors", src.path + "/actors.tsv", src.path + "/a.txt"])
        #expect(built.status == 0, "\(built.stderr)")
        let r = try MSearchBinary.run(["--index", idx.path, "--json", "--actor", "MoSW", "talks"])
        let o = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any]
        #expect(o?["total"] as? Int == 1)
        let all = try MSearchBinary.run(["actors"], environment: ["MSEARCH_INDEX": idx.path])
        #expect(all.stdout.contains("Ministry of Silly Walks"))
        let bad = try MSearchBinary.run(["index", "--index", idx.path, "--actors", "/nonexistent.tsv", src.path])
        #expect(bad.status == 2)
    }
}
