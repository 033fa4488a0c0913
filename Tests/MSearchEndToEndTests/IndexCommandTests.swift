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
        #expect(r.status == 0, "\(r.stderr)")
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
        #expect(r.stderr.contains("no documents"))
    }

    @Test func helpShowsExamplesAndExitsZero() throws {
        let r = try MSearchBinary.run(["--help"])
        #expect(r.status == 0)
        #expect(r.stdout.contains("Examples"))
    }
}

@Suite struct DocumentIdTests {
    @Test func sameFileNameInTwoFoldersGivesTwoStableIds() throws {
        let src = TemporaryDirectory("e2e")
        try src.write("a/page.html", "<html><head><title>Alpha</title></head><body><p>Havana talks resumed today.</p></body></html>")
        try src.write("b/page.html", "<html><head><title>Beta</title></head><body><p>Havana flights resumed today.</p></body></html>")
        try src.write("top.txt", "Top\nHavana again.")
        let idx = TemporaryDirectory("e2e")
        #expect(try MSearchBinary.run(["index", "--index", idx.path, src.path]).status == 0)
        let r = try MSearchBinary.run(["--index", idx.path, "havana", "--json"])
        let object = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any]
        let ids = Set(((object?["hits"] as? [[String: Any]]) ?? []).compactMap { $0["id"] as? String })
        #expect(ids == ["a/page", "b/page", "top"])
    }
}
