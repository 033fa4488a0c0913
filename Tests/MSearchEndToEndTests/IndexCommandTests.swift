import Foundation
import Testing
import MSearchTestSupport

@Suite struct IndexCommandTests {
    @Test func defaultIndexIsBuiltFromSeedsWhenMissing() throws {
        let work = TemporaryDirectory("e2e")
        try FileManager.default.copyItem(atPath: TestData.seeds, toPath: work.path + "/seeds")
        let r = try MSearchBinary.run(["deportation flights"], cwd: work.path)
        #expect(r.status == 0)
        #expect(r.stderr.contains("building it from ./seeds"))
        #expect(FileManager.default.fileExists(atPath: work.path + "/Index/manifest.json"))
        let again = try MSearchBinary.run(["deportation flights"], cwd: work.path)
        #expect(!again.stderr.contains("building"))
        // Same results; only the timing on the last line may differ.
        #expect(again.stdout.split(separator: "\n").dropLast() == r.stdout.split(separator: "\n").dropLast())
    }

    @Test func badFilesAreReportedAndSkippedWhileTheRunGoesOn() throws {
        let src = TemporaryDirectory("e2e")
        try src.write("good.txt", "Havana talks\nThe talks went on in Havana.")
        try src.write("empty.txt", "")
        try src.write("binary.txt", bytes: [0x00, 0x01, 0x02, 0xff, 0x00, 0x10])
        try src.write("feed.rss", "<rss><channel><item><title>Unclosed")
        try src.write("nested/more.md", "Visa news\nVisa talks resumed.")
        let idx = TemporaryDirectory("e2e")
        let r = try MSearchBinary.run(["index", "--index", idx.path, src.path])
        #expect(r.status == 1, "indexed, with files skipped: \(r.stderr)")
        #expect(r.stdout.contains("indexed 2 documents"), "\(r.stdout)")
        #expect(r.stderr.contains("empty.txt"))
        #expect(r.stderr.contains("binary.txt"))
        let found = try MSearchBinary.run(["--index", idx.path, "visa", "--json"])
        #expect(found.stdout.contains("\"id\":\"nested/more\""))
    }

    @Test func indexingNothingIsAnError() throws {
        let src = TemporaryDirectory("e2e")
        let idx = TemporaryDirectory("e2e")
        let r = try MSearchBinary.run(["index", "--index", idx.path, src.path])
        #expect(r.status == 2)
        #expect(r.stderr.contains("no source found"), "\(r.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: idx.path).isEmpty, "no index created")
    }

    /// `MSEARCH_INDEX` stands for `--index` in every command that takes one, writers included
    /// (run from a folder without ./Index, which must stay without one).
    @Test func msearchIndexVariableIsEveryCommandsDefaultIndex() throws {
        let src = TemporaryDirectory("e2e")
        try src.write("a.txt", "Havana talks\nThe talks went on in Havana.")
        try src.write("b.txt", "Visa news\nVisa talks resumed.")
        let idx = TemporaryDirectory("e2e"), cwd = TemporaryDirectory("e2e")
        let env = ["MSEARCH_INDEX": idx.path]
        func run(_ arguments: [String]) throws -> MSearchBinary.Result {
            try MSearchBinary.run(arguments, cwd: cwd.path, environment: env)
        }
        let indexed = try run(["index", src.path])
        #expect(indexed.status == 0, "\(indexed.stderr)")
        #expect(FileManager.default.fileExists(atPath: idx.path + "/manifest.json"))
        #expect(try run(["havana"]).status == 0)
        #expect(try run(["show", "a"]).stdout.contains("Havana talks"))
        #expect(try run(["export"]).stdout.split(separator: "\n").count == 2)
        #expect(try run(["remove", src.path + "/b.txt"]).stdout.contains("removed 1 document"))
        #expect(try run(["optimize"]).status == 0)
        #expect(try run(["check"]).status == 0)
        #expect(try run(["visa"]).status == 1)
        #expect(!FileManager.default.fileExists(atPath: cwd.path + "/Index"))
        // An explicit --index wins over the variable.
        let other = TemporaryDirectory("e2e")
        #expect(try run(["index", "--index", other.path, src.path]).status == 0)
        #expect(try run(["--index", other.path, "visa"]).status == 0)
    }

    @Test func helpShowsExamplesAndExitsZero() throws {
        Golden.check(try transcript(["--help"]), named: "help")
    }
}

@Suite struct DocumentIdTests {
    @Test func sameFileNameInTwoFoldersGivesTwoStableIds() throws {
        let indexed = try IndexedFiles([
            "a/page.html": "<html><head><title>Alpha</title></head><body><p>Havana talks resumed today.</p></body></html>",
            "b/page.html": "<html><head><title>Beta</title></head><body><p>Havana flights resumed today.</p></body></html>",
            "top.txt": "Top\nHavana again.",
        ])
        let r = try indexed.run(["havana", "--json"])
        let object = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any]
        let ids = Set(((object?["hits"] as? [[String: Any]]) ?? []).compactMap { $0["id"] as? String })
        #expect(ids == ["a/page", "b/page", "top"])
    }
}
