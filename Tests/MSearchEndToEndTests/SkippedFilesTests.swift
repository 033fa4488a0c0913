import Foundation
import Testing
import MSearchTestSupport

/// Every file accounted for (issue #14): files without a known extension are read by their
/// content, skipped files are counted by reason and listed with `--skipped`, the exit status
/// says whether anything was left out, and `--format` forces a format.
@Suite struct SkippedFilesTests {
    /// One extension-less file of each kind, files skipped for the reasons the walk and the
    /// readers give, and a subfolder with only a hidden file (passed over).
    static func archive() throws -> TemporaryDirectory {
        let src = TemporaryDirectory("e2e-skipped")
        try src.write("page", "<!DOCTYPE html><html><head><title>Havana page</title></head><body><article><p>The talks in Havana went on for a second day, officials said.</p></article></body></html>")
        try src.write("rss", "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Wire</title><item><guid>w1</guid><title>Visa news</title><description>Visa talks resumed in the capital.</description></item></channel></rss>")
        try src.write("lines", "{\"id\":\"l1\",\"title\":\"Harbour report\",\"body\":\"Ships waited in the harbour.\"}\n{\"id\":\"l2\",\"title\":\"Port report\",\"body\":\"The port reopened.\"}\n")
        try src.write("feed", "{\"version\":\"https://jsonfeed.org/version/1.1\",\"title\":\"Desk\",\"items\":[{\"id\":\"f1\",\"title\":\"Ferry plans\",\"content_html\":\"<p>A ferry line is planned.</p>\",\"date_published\":\"2023-11-08T20:09:00-05:00\"}]}")
        try src.write("notes", "Market notes\n\nPrices rose at the market on Monday.")
        try src.write("junk", bytes: (0..<512).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ 11) })
        try src.write("scan.pdf", "%PDF-1.4\n1 0 obj\n")
        try src.write("empty.txt", "")
        try src.write("broken.rss", "<rss><channel><item><title>Unclosed")
        try src.write("nothing-here/.hidden.txt", "hidden files are passed over")
        return src
    }

    @Test func extensionLessFilesAreReadByContentAndSkipsCountedByReason() throws {
        let src = try SkippedFilesTests.archive()
        let idx = TemporaryDirectory("e2e-skipped")
        let r = try MSearchBinary.run(["index", "--skipped", "--index", idx.path, src.path])
        // Indexed, but something was left out: exit 1.
        #expect(r.status == 1, "\(r.stderr)")
        #expect(r.stdout.contains("indexed 6 documents from 5 files"), "\(r.stdout)")
        #expect(r.stdout.contains("skipped: 2 binary, 1 empty, 1 malformed"), "\(r.stdout)")
        let text = maskingRunDetails(Golden.masking("$ msearch index --skipped --index $INDEX $SRC\nexit status \(r.status)\n--- stdout\n" + r.stdout
                                                    + "--- stderr\n" + r.stderr, src.path, as: "$SRC"), index: idx.path)
        Golden.check(text, named: "index-skipped")
        let formats = try MSearchBinary.run(["export", "--index", idx.path])
        #expect(formats.status == 0)
        // Ids and titles that only each format's reader gives (the markup gone, the item's guid, the
        // line's id, the feed item's date in the feed's own zone).
        let exported = formats.stdout.split(separator: "\n")
        for (id, title) in [("page", "Havana page"), ("w1", "Visa news"), ("l1", "Harbour report"), ("l2", "Port report"),
                            ("f1", "Ferry plans"), ("notes", "Market notes")] {
            #expect(exported.contains { $0.contains("\"id\":\"\(id)\"") && $0.contains("\"title\":\"\(title)\"") },
                    "\(id): \(formats.stdout)")
        }
        #expect(exported.contains { $0.contains("\"id\":\"f1\"") && $0.contains("\"date\":\"2023-11-08\"") }, "\(formats.stdout)")
        // Again: the files indexed are unchanged (not a loss); the skipped ones are skipped again.
        let again = try MSearchBinary.run(["index", "--index", idx.path, src.path])
        #expect(again.status == 1)
        #expect(again.stdout.contains("5 unchanged"), "\(again.stdout)")
        #expect(again.stdout.contains("skipped: 2 binary, 1 empty, 1 malformed"), "\(again.stdout)")
    }

    @Test func aCleanRunExitsZeroAndAnUnchangedRerunToo() throws {
        let src = TemporaryDirectory("e2e-skipped")
        try src.write("post", "Subject line\n\nA post without an extension.")
        let idx = TemporaryDirectory("e2e-skipped")
        let first = try MSearchBinary.run(["index", "--index", idx.path, src.path])
        #expect(first.status == 0, "\(first.stderr)")
        #expect(!first.stdout.contains("skipped:"))
        let again = try MSearchBinary.run(["index", "-v", "--index", idx.path, src.path])
        #expect(again.status == 0, "\(again.stderr)")
        #expect(again.stdout.contains("unchanged\t\(src.path)/post\tunchanged since the last run"), "\(again.stdout)")
    }

    @Test func noSourceFoundIsAnErrorThatCreatesNoIndex() throws {
        let src = TemporaryDirectory("e2e-skipped")
        try src.write("photo", bytes: [0xFF, 0xD8, 0xFF, 0xE0, 0, 16])
        let parent = TemporaryDirectory("e2e-skipped")
        let idx = parent.path + "/new-index"
        for paths in [[src.path], [parent.path + "/missing"], [src.path + "/photo"]] {
            let r = try MSearchBinary.run(["index", "--index", idx] + paths)
            #expect(r.status == 2)
            #expect(r.stderr.contains("no source found in \(paths[0])"), "\(r.stderr)")
            #expect(r.stderr.contains("no index was created"))
            #expect(!FileManager.default.fileExists(atPath: idx))
        }
    }

    @Test func formatForcesOneFormatAndUnknownNamesAreListed() throws {
        let src = TemporaryDirectory("e2e-skipped")
        try src.write("a.txt", "<html><head><title>Forced title</title></head><body><p>Markup read as HTML.</p></body></html>")
        let idx = TemporaryDirectory("e2e-skipped")
        let r = try MSearchBinary.run(["index", "--format", "html", "--index", idx.path, src.path])
        #expect(r.status == 0, "\(r.stderr)")
        let hit = try MSearchBinary.run(["--index", idx.path, "--json", "markup"])
        #expect(hit.stdout.contains("\"title\":\"Forced title\""), "\(hit.stdout)")
        let bad = try MSearchBinary.run(["index", "--format", "pdf", "--index", idx.path, src.path])
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("unknown format 'pdf' for --format; the formats are: text, html, xml"), "\(bad.stderr)")
        #expect(bad.stderr.contains("jsonfeed"))
    }
}
