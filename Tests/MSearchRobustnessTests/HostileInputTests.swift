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
        // 1: indexed, with the hostile files skipped.
        #expect(r.status == 1, "exit \(r.status ?? -1) signal \(r.signal ?? 0): \(r.stderr.suffix(2000))")
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
        #expect(again.status == 1)   // files skipped for a reason other than "unchanged"
        #expect(again.stdout.contains("0 added, 0 updated"), "\(again.stdout)")
        #expect(again.stderr.contains("huge.txt"))
    }

    /// Runs a shell command line (paths that are not UTF-8 are given with printf's octal escapes).
    func shell(_ command: String) throws -> MSearchBinary.Result {
        try MSearchBinary.runShell("M='\(MSearchBinary.path)'; " + command)
    }

    @Test func aLinkToSlashOrToAFolderOutsideIsOneSkippedLine() throws {
        let work = TemporaryDirectory("hostile")
        try work.write("src/good.txt", "Havana talks\nThe talks resumed.")
        try work.write("outside/secret.txt", "Secret\nzanzibarsecret")
        try FileManager.default.createSymbolicLink(atPath: work.sub("src/root"), withDestinationPath: "/")
        try FileManager.default.createSymbolicLink(atPath: work.sub("src/out"), withDestinationPath: work.sub("outside"))
        let index = work.sub("index")
        let r = try Child.run(["index", "-q", "--index", index, work.sub("src")])
        #expect(r.status == 1, "the links are skipped: \(r.stderr.prefix(2000))")
        let lines = r.stderr.split(separator: "\n")
        #expect(lines.count == 2, "\(lines.count) lines:\n\(r.stderr.prefix(2000))")
        #expect(lines.contains { $0.contains("src/root: symbolic link to /, outside the paths given to index") })
        #expect(lines.contains { $0.contains("src/out: symbolic link to ") && $0.hasSuffix("outside the paths given to index") })
        #expect(try Child.run(["--index", index, "zanzibarsecret"]).status == 1)
        #expect(try Child.run(["--index", index, "havana"]).status == 0)
    }

    @Test func namesThatAreNotUTF8AreIndexedFoundAgainAndShownEscaped() throws {
        let work = TemporaryDirectory("hostile")
        let src = work.sub("src"), index = work.sub("index")
        defer { _ = try? MSearchBinary.runShell("rm -rf '\(work.path)'") }   // FileManager cannot remove such names
        // `café.txt` and a folder `d\xff` as Latin-1 bytes, made by the shell.
        let made = try shell("mkdir -p '\(src)' && cd '\(src)' && printf 'Cafe au lait\\nquokkaword here\\n' > \"$(printf 'caf\\351.txt')\" && mkdir \"$(printf 'd\\377')\" && printf 'Deep\\nnumbatword\\n' > \"$(printf 'd\\377/n.txt')\"")
        #expect(made.status == 0, "\(made.stderr)")
        let first = try Child.run(["index", "--index", index, src])
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stderr.isEmpty, "nothing is skipped: \(first.stderr)")
        #expect(first.stdout.contains("2 added"), "\(first.stdout)")
        let hit = try Child.run(["--index", index, "quokkaword"])
        #expect(hit.status == 0)
        #expect(hit.stdout.contains("src/caf\\xe9.txt"), "shown escaped: \(hit.stdout)")
        #expect(!hit.stdout.contains("\u{FFFD}"))
        #expect(try Child.run(["--index", index, "numbatword"]).stdout.contains("src/d\\xff/n.txt"))
        // Without stored text, the snippet is read back from the file by its real name.
        let lean = work.sub("lean")
        #expect(try Child.run(["index", "-q", "--store", "none", "--index", lean, src]).status == 0)
        let leanHit = try Child.run(["--index", lean, "quokkaword"])
        #expect(leanHit.stdout.contains("Cafe au lait") && leanHit.stdout.contains("quokkaword"), "\(leanHit.stdout)")
        // The catalog kept the real bytes: the next run finds both files unchanged.
        let again = try Child.run(["index", "--index", index, src])
        #expect(again.stdout.contains("0 added, 0 updated, 2 unchanged"), "\(again.stdout)")
        // Given on the command line as bytes: the file itself, an index directory, `remove`.
        let named = try shell("\"$M\" index --index \"$(printf '\(work.path)/bad\\377')\" \"$(printf '\(src)/caf\\351.txt')\"")
        #expect(named.status == 0, "\(named.stderr)")
        #expect(named.stdout.contains("1 added"), "\(named.stdout)")
        var st = stat()
        #expect(stat(Array(work.path.utf8).map { CChar(bitPattern: $0) } + [0x2F, 0x62, 0x61, 0x64, CChar(bitPattern: 0xFF), 0], &st) == 0,
                "the index directory has the very name given")
        let removed = try shell("\"$M\" remove --index '\(index)' \"$(printf '\(src)/caf\\351.txt')\"")
        #expect(removed.status == 0, "\(removed.stderr)")
        #expect(try Child.run(["--index", index, "quokkaword"]).status == 1)
        // A UTF-8 name that merely contains `\x` is its own file, not an escape.
        try work.write("lit/a\\xe9.txt", "Literal\nwombatword")
        let literal = try Child.run(["index", "--index", work.sub("lit-index"), work.sub("lit/a\\xe9.txt")])
        #expect(literal.status == 0, "\(literal.stderr)")
    }

    @Test func utf16IsValidatedAndUTF32Decoded() throws {
        let work = TemporaryDirectory("hostile")
        var random = SplitMix64(seed: 7)
        try work.write("src/random16.txt", bytes: [0xFF, 0xFE] + (0..<8192).map { _ in UInt8(truncatingIfNeeded: random.next()) })
        let text = "Wide text\nwombatword in UTF-32"
        let scalars = text.unicodeScalars.map(\.value)
        try work.write("src/le32.txt", bytes: [0xFF, 0xFE, 0, 0] + scalars.flatMap { v in (0..<4).map { UInt8(truncatingIfNeeded: v >> (8 * $0)) } })
        try work.write("src/be32.txt", bytes: scalars.flatMap { v in (0..<4).reversed().map { UInt8(truncatingIfNeeded: v >> (8 * $0)) } })
        let index = work.sub("index")
        let r = try Child.run(["index", "-q", "--index", index, work.sub("src")])
        #expect(r.status == 1, "random16.txt is skipped: \(r.stderr)")
        #expect(r.stderr.contains("random16.txt: binary content ("), "\(r.stderr)")
        #expect(!r.stderr.contains("32.txt"), "\(r.stderr)")
        let hits = try Child.run(["--index", index, "--json", "wombatword"])
        #expect(hits.stdout.contains("le32.txt") && hits.stdout.contains("be32.txt"), "\(hits.stdout)")
    }

    /// Swaps files between a regular file and a symbolic link to a secret outside the indexed
    /// folder while indexing, many times: the secret must never be indexed. (Before files were
    /// opened once and checked through their descriptor, it was, now and then.)
    @Test func aLinkSwappedInWhileIndexingNeverLeaksTheSecret() throws {
        let work = TemporaryDirectory("race")
        let src = work.sub("src"), index = work.sub("index")
        let secret = try work.write("outside/secret.txt", "Secret\nzanzibarsecret password")
        // One file that never changes, so a run whose walk meets every race file as a link still
        // finds a document (else it exits 2 with "no documents found").
        try work.write("src/steady.txt", "Steady\nalways here")
        let files = 8
        for i in 0..<files {
            // Hidden (the walk passes over them): the regular file that race<i>.txt alternates with a link.
            try work.write("src/.regular\(i)", "Race \(i)\nharmless words")
            #expect(link(src + "/.regular\(i)", src + "/race\(i).txt") == 0)
        }
        final class Swapper: @unchecked Sendable {
            let lock = NSLock()
            var stopped = false
            var swaps = 0
            var stop: Bool { lock.lock(); defer { lock.unlock() }; return stopped }
        }
        let swapper = Swapper()
        let done = DispatchSemaphore(value: 0)
        let thread = Thread {
            var swaps = 0
            while !swapper.stop {
                for k in 0..<100 {
                    for i in 0..<files {
                        // Made aside, then renamed over: race<i>.txt is never missing, only swapped.
                        let tmp = src + "/.swap"
                        if k % 2 == 0 { symlink(secret, tmp) } else { link(src + "/.regular\(i)", tmp) }
                        if rename(tmp, src + "/race\(i).txt") == 0 { swaps += 1 }
                    }
                }
            }
            swapper.lock.lock(); swapper.swaps = swaps; swapper.lock.unlock()
            done.signal()
        }
        thread.start()
        let executable = ProcessInfo.processInfo.environment["MSEARCH_RACE_BINARY"] ?? MSearchBinary.path
        var runs = 0, leaks = 0
        let deadline = now() + 20
        while runs < 40 && now() < deadline {
            let r = try Child(["index", "--rebuild", "-q", "--index", index, src], executable: executable).wait()
            // 1 when the swapped-in link was met and skipped.
            #expect(r.status == 0 || r.status == 1, "\(r.stderr.suffix(500))")
            if try Child(["--index", index, "zanzibarsecret"], executable: executable).wait().status == 0 { leaks += 1 }
            runs += 1
        }
        swapper.lock.lock(); swapper.stopped = true; swapper.lock.unlock()
        done.wait()
        print("race: \(runs) indexing runs of \(files) swapped files, \(swapper.swaps) swaps, secret indexed in \(leaks)")
        #expect(runs >= 10)
        #expect(leaks == 0, "the secret was indexed in \(leaks) of \(runs) runs")
    }
}
