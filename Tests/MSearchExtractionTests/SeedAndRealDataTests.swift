import Foundation
import Testing
import MSearchSources
@testable import MSearchExtraction
import MSearchTestSupport

@Suite struct SeedTests {
    func seed(_ prefix: String) -> Extraction? {
        guard let shared = sharedDir,
              let f = try? FileManager.default.contentsOfDirectory(atPath: shared + "/seeds").first(where: { $0.hasPrefix(prefix) })
        else { return nil }
        return testExtractor.extract(seedDocument(shared + "/seeds/" + f))
    }

    @Test(.enabled(if: sharedDir != nil)) func migrationActorsOncePerDocument() throws {
        let expected = ["000": ["Donald Trump", "Joe Biden", "Miguel Díaz-Canel"],
                        "001": ["Donald Trump", "Joe Biden", "Bruno Rodríguez", "Ned Price", "Antony Blinken", "Alejandro Mayorkas"],
                        "002": ["Carlos Fernández de Cossío", "Emily Mendrala"],
                        "003": ["Donald Trump", "Joe Biden", "Carlos Fernández de Cossío"],
                        "004": ["Joe Biden", "Carlos Fernández de Cossío"]]
        for (prefix, people) in expected {
            let e = try #require(seed(prefix))
            let names = e.actors.map(\.name)
            for p in people { #expect(names.filter { $0 == p }.count == 1, "\(prefix): \(p) in \(names)") }
            // no variant beside the canonical name, no "The Trump"
            #expect(!names.contains { $0 != "Donald Trump" && $0.contains("Trump") }, "\(prefix): \(names)")
            #expect(!names.contains { $0 != "Carlos Fernández de Cossío" && Fold.key($0).contains("cossio") }, "\(prefix): \(names)")
            #expect(!names.contains { $0 != "Joe Biden" && $0.contains("Biden") }, "\(prefix): \(names)")
            #expect(names.contains("Cuba") && names.contains("United States"), "\(prefix): \(names)")
        }
        #expect(try #require(seed("000")).actors.contains(Actor(name: "Immigration and Customs Enforcement", kind: .organisation)))
        #expect(try #require(seed("000")).actors.contains(Actor(name: "Customs and Border Protection", kind: .organisation)))
        #expect(try #require(seed("002")).actors.contains(Actor(name: "U.S. Citizenship and Immigration Services", kind: .organisation)))
    }

    @Test(.enabled(if: sharedDir != nil)) func seedDates() throws {
        // 002 opens with "Havana, November 15, 2022"
        let s2 = try #require(seed("002"))
        #expect(s2.publicationDate == PublicationDate(date: XDate(year: 2022, month: 11, day: 15), evidence: "dateline"))
        // 004: "this Tuesday, November 14" / "Today, Nov. 14", the year from the tweet's "November 14, 2023"
        let s4 = try #require(seed("004"))
        #expect(s4.publicationDate?.date == XDate(year: 2023, month: 11, day: 14))
        // 000, 001, 003 name no complete date (003's "January 20" and "April" have no year): undated
        for p in ["000", "001", "003"] { #expect(try #require(seed(p)).publicationDate == nil, "\(p)") }
        #expect(try #require(seed("000")).mentionedDates.map(\.description) == ["2024-12", "2018", "2022-04", "2023"])
    }
}

@Suite struct BadInputTests {
    @Test func emptyAndCaselessText() {
        let e = testExtractor.extract(doc(""))
        #expect(e.actors.isEmpty && e.mentionedDates.isEmpty && e.publicationDate == nil)
        let lower = testExtractor.extract(doc("the world bank said on tuesday that cuba and the united states may talk. officials said prices rose 5 pct in march."))
        #expect(lower.actors.allSatisfy { ["World Bank", "Cuba", "United States"].contains($0.name) })
        #expect(lower.mentionedDates.isEmpty)
    }

    @Test func randomBytesAndHugeText() {
        var rng = SplitMix64(seed: 103)
        for _ in 0..<20 {
            let bytes = (0..<4000).map { _ in UInt8.random(in: 0...255, using: &rng) }
            let text = String(decoding: bytes, as: UTF8.self)
            let e = testExtractor.extract(doc(text, title: text.prefix(50).description))
            #expect(e.actors.count < 500)
        }
        // 1 MB of news-like text: bounded (linear) time
        let paragraph = "WASHINGTON, Nov 14 (Reuters) - Treasury Secretary James Whitfield said on November 2, 2023 that the Federal Reserve and the IMF agreed. 1,152 people attended in 2023.\n"
        let big = String(repeating: paragraph, count: 1_000_000 / paragraph.utf8.count)
        let start = Date()
        let e = testExtractor.extract(doc(big))
        #expect(Date().timeIntervalSince(start) < 20)
        #expect(e.actors.map(\.name).contains("James Whitfield"))
        #expect(e.mentionedDates.map(\.description) == ["2023-11-02", "2023"])
        // one endless word, one endless line of capitals
        _ = testExtractor.extract(doc(String(repeating: "A", count: 300_000)))
        _ = testExtractor.extract(doc(String(repeating: "Xy ", count: 100_000)))
        _ = testExtractor.extract(doc(String(repeating: "１月 (", count: 10_000)))
    }

    @Test func impossibleAndFutureEverywhere() {
        let e = testExtractor.extract(doc("Havana, February 30, 2023\nOn 31/31/2023 and in 2999 and March 45, 2020 nothing.", date: "2023-13-45", evidence: "m", url: "https://x/2023/14/40/"))
        #expect(e.publicationDate == nil)
        #expect(e.mentionedDates.isEmpty)
    }
}

/// Real-data floors: a regression below them fails. Skipped when shared/ is absent.
@Suite struct RealDataTests {
    @Test(.enabled(if: sharedDir != nil && FileManager.default.fileExists(atPath: sharedDir! + "/corpora/reuters21578/reut2-000.sgm")))
    func reutersPeopleAndOrgsRecall() throws {
        let shared = sharedDir!
        let docs = readReuters(shared + "/corpora/reuters21578", onlyTagged: true)
        #expect(docs.count == 1886)
        let aliases = loadOrgAliases(shared + "/eval/reuters-org-aliases.tsv")
        let extractor = Extractor()
        var pf = 0, pt = 0, of = 0, ot = 0, actors = 0
        for d in docs {
            let e = extractor.extract(SourceDocument(id: d.id, path: "", title: d.title, body: d.body, date: d.date, dateEvidence: "reuters DATE", format: .reuters))
            let predicted = Array(Set(e.actors.map(\.name))).map(evalWords)
            actors += Set(e.actors.map(\.name)).count
            for p in d.people { pt += 1; if personFound(p, predicted) { pf += 1 } }
            for o in d.orgs { ot += 1; if orgFound(o, predicted, aliases) { of += 1 } }
            #expect(e.publicationDate?.date.description == d.date || d.date == nil)
        }
        let people = Double(pf) / Double(pt), orgs = Double(of) / Double(ot), perDoc = Double(actors) / Double(docs.count)
        print("Reuters: people \(pf)/\(pt) = \(people), orgs \(of)/\(ot) = \(orgs), actors/doc \(perDoc)")
        #expect(people >= 0.93)
        #expect(orgs >= 0.97)
        #expect(perDoc <= 7.6)
    }
}
