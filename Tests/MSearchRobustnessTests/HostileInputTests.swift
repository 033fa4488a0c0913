import Foundation
import MSearchTestSupport
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// A folder of hostile files indexed through the binary, end to end: each bad file is skipped
/// with a one-line reason, the good ones are indexed, the run finishes with bounded memory, and
/// nothing outside the given folder is read. (The readers' own unit tests are in
/// MSearchSourcesTests; this checks the whole indexing run.)
@Suite(.serialized) struct HostileInputTests {
    @Test func hostileFilesAreSkippedWithAReasonAndTheRunGoesOn() throws {
        let work = TemporaryDirectory("hostile")
        let src = work.sub("src")
        let secretDir = work.sub("outside")
        try FileManager.default.createDirectory(atPath: secretDir, withIntermediateDirectories: true)
        try "Secret notes\nThe zanzibarsecret password is on the fridge.".write(toFile: secretDir + "/secret.txt", atomically: false, encoding: .utf8)

        func put(_ name: String, _ text: String) throws {
            let url = URL(fileURLWithPath: src + "/" + name)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try text.write(to: url, atomically: false, encoding: .utf8)
        }
        func put(_ name: String, bytes: [UInt8]) throws {
            let url = URL(fileURLWithPath: src + "/" + name)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(bytes).write(to: url)
        }

        // Good files.
        try put("good/havana.txt", "Havana talks\nThe talks on migration resumed in Havana on Tuesday.")
        try put("good/visa.html", "<html><head><title>Visa news</title></head><body><article><p>Visa talks resumed between the two governments after a long pause in the negotiations.</p></article></body></html>")
        try put("good/feed.rss", "<rss><channel><item><title>Flights resume</title><guid>f1</guid><description>Charter flights resume next week.</description></item></channel></rss>")
        // Hostile ones.
        try put("empty.txt", "")
        try put("binary.txt", bytes: (0..<4096).map { UInt8(truncatingIfNeeded: $0 &* 31) })
        try put("png.html", bytes: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13] + [UInt8](repeating: 0, count: 200))
        try put("invalid-utf8.txt", bytes: Array("Broken bytes\nSome text ".utf8) + [0xFF, 0xFE, 0xC3, 0x28, 0xA0, 0xA1, 0xE2, 0x82] + Array(" quokkaword survives.".utf8))
        try put("garbage.jsonl", "{not json\n[1,2,3]\n\"just a string\"\n")
        try put("not-reuters.sgm", "<HTML>this is not a Reuters file</HTML>")
        try put("deep.html", "<html><body>" + String(repeating: "<div>", count: 100_000) + "deepword" + String(repeating: "</div>", count: 100_000) + "</body></html>")
        var dtd = "<!ENTITY lol \"lol\">\n"
        for i in 1...9 { dtd += "<!ENTITY lol\(i) \"" + String(repeating: "&lol\(i - 1 == 0 ? "" : String(i - 1));", count: 10) + "\">\n" }
        try put("laughs.xml", "<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\n\(dtd)]>\n<lolz>&lol9;</lolz>")
        try put("xxe.xml", "<?xml version=\"1.0\"?>\n<!DOCTYPE r [<!ENTITY x SYSTEM \"file://\(secretDir)/secret.txt\">]>\n<rss><channel><item><title>XXE</title><guid>x1</guid><description>&x; leaked</description></item></channel></rss>")
        try put("xxe-html.html", "<!DOCTYPE html [<!ENTITY x SYSTEM \"file://\(secretDir)/secret.txt\">]><html><body><p>&x; entity text in html</p></body></html>")
        // A symlink loop, a link out of the folder, a FIFO (which would block a naive reader).
        try FileManager.default.createDirectory(atPath: src + "/loops", withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: src + "/loops/again", withDestinationPath: src)
        try FileManager.default.createSymbolicLink(atPath: src + "/leak.txt", withDestinationPath: secretDir + "/secret.txt")
        #expect(mkfifo(src + "/pipe.txt", 0o644) == 0)
        // A 200 MB file (sparse: costs nothing to make) beyond the size limit.
        let fd = open(src + "/huge.txt", O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        #expect(ftruncate(fd, 200 << 20) == 0)
        close(fd)
        // A 3 MB article, indexed within a 4 MB buffer.
        var corpus = Corpus(seed: 3)
        try put("big/long.txt", corpus.article(words: 450_000))

        let index = work.sub("index")
        let child = try Child(["index", "--memory", "4", "--index", index, src])
        let deadline = now() + 240
        while !child.poll() && now() < deadline { usleep(20_000) }
        if !child.poll() { child.kill() }
        let r = child.wait()
        #expect(r.status == 0, "exit \(r.status ?? -1) signal \(r.signal ?? 0): \(r.stderr.suffix(2000))")
        let lines = r.stderr.split(separator: "\n").map(String.init)
        func reason(_ name: String) -> String? { lines.first { $0.contains(src + "/" + name + ":") } }
        for name in ["empty.txt", "binary.txt", "png.html", "garbage.jsonl", "not-reuters.sgm", "huge.txt", "leak.txt"] {
            let line = reason(name)
            #expect(line != nil, "no reason given for \(name):\n\(r.stderr)")
            #expect(line?.hasPrefix("msearch: skipped ") == true)
        }
        #expect(reason("huge.txt")?.contains("too large") == true)
        #expect(reason("leak.txt")?.contains("outside the paths") == true)
        #expect(lines.contains { $0.contains("loops/again") && $0.contains("symlink loop") }, "\(r.stderr)")
        #expect(lines.allSatisfy { $0.hasPrefix("msearch: ") }, "every problem is one line")
        print("hostile input: peak memory \(r.maxRSSKilobytes / 1024) MB; \(lines.count) problems reported")
        #expect(r.maxRSSKilobytes < 600 * 1024, "peak memory \(r.maxRSSKilobytes / 1024) MB")

        func hits(_ q: String) throws -> Int32? { try Child.run(["--index", index, q]).status }
        #expect(try hits("havana") == 0)
        #expect(try hits("visa") == 0)
        #expect(try hits("flights") == 0)
        #expect(try hits("quokkaword") == 0)             // invalid UTF-8 around it does no harm
        #expect(try hits("zanzibarsecret") == 1)         // nothing outside src was read
        #expect(try Child.run(["check", "-q", "--index", index]).status == 0)

        // The next run skips what is unchanged and reports the bad files again.
        let again = try Child.run(["index", "--index", index, src])
        #expect(again.status == 0)
        #expect(again.stdout.contains("0 added, 0 updated"), "\(again.stdout)")
        #expect(again.stderr.contains("huge.txt"))
    }
}
