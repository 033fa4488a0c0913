import Foundation
import MSearchTestSupport
import Testing
@testable import MSearchSources

@Suite struct PathNamesTests {
    @Test func utf8NamesStayAsTheyAre() {
        for name in ["/tmp/a.txt", "Díaz-Canel/año.md", "日本/記事.html", "back\\slash", "end\\"] {
            #expect(PathNames.string(fromBytes: Array(name.utf8)) == name)
            #expect(PathNames.bytes(name) == Array(name.utf8))
        }
    }

    @Test func otherBytesAreEscapedAndComeBack() {
        let cases: [([UInt8], String)] = [
            (Array("caf".utf8) + [0xE9] + Array(".txt".utf8), "caf\\xe9.txt"),        // Latin-1
            (Array("bad".utf8) + [0xFF], "bad\\xff"),
            (Array("lit\\x41".utf8), "lit\\x5cx41"),                                   // a literal \x
            (Array("new\nline\t\u{1B}[31m".utf8), "new\\x0aline\\x09\\x1b[31m"),      // controls
            ([0x61, 0xC2, 0x9B, 0x62], "a\\xc2\\x9bb"),                                 // C1 CSI
            ([0xE2, 0x82, 0x41], "\\xe2\\x82A"),                                       // truncated sequence
        ]
        for (bytes, escaped) in cases {
            #expect(PathNames.string(fromBytes: bytes) == escaped)
            #expect(PathNames.bytes(escaped) == bytes)
        }
    }

    @Test func randomBytesRoundTrip() {
        var random = SplitMix64(seed: 13)
        for _ in 0..<2000 {
            let bytes = (0..<Int(random.next() % 24)).map { _ -> UInt8 in
                let r = random.next()
                // Half of them the interesting bytes: backslash, x, UTF-8 lead and continuation, C1, newline.
                let interesting: [UInt8] = [0x5C, 0x78, 0xC3, 0xA9, 0xC2, 0x9B, 0xFF, 0x0A, 0x41]
                return r & 1 == 0 ? interesting[Int((r >> 8) % 9)] : UInt8(truncatingIfNeeded: r >> 8)
            }.filter { $0 != 0 }
            let string = PathNames.string(fromBytes: bytes)
            #expect(PathNames.bytes(string) == bytes, "\(bytes) → \(string)")
            #expect(!string.unicodeScalars.contains { $0.value < 0x20 || $0 == "\u{FFFD}" })
        }
    }

    @Test func systemCallsGetTheRealBytes() throws {
        let dir = TemporaryDirectory("names")
        let name = Array("caf".utf8) + [0xE9] + Array(".txt".utf8)
        let raw = Array(dir.path.utf8) + [0x2F] + name
        let fd = open(raw.map { CChar(bitPattern: $0) } + [0], O_WRONLY | O_CREAT, 0o644)
        #expect(fd >= 0)
        close(fd)
        defer { unlink(raw.map { CChar(bitPattern: $0) } + [0]) }
        let path = dir.path + "/caf\\xe9.txt"
        var st = stat()
        #expect(stat(PathNames.system(path), &st) == 0)
        #expect(PathNames.resolved(path)?.hasSuffix("/caf\\xe9.txt") == true)
    }
}

@Suite struct SourceFileTests {
    @Test func aLinkOutsideTheRootsIsRefusedOneInsideIsRead() throws {
        let work = TemporaryDirectory("sourcefile")
        let secret = try work.write("outside/secret.txt", "secret")
        let inside = try work.write("src/a.txt", "inside")
        let fm = FileManager.default
        try fm.createSymbolicLink(atPath: work.path + "/src/leak.txt", withDestinationPath: secret)
        try fm.createSymbolicLink(atPath: work.path + "/src/alias.txt", withDestinationPath: inside)
        let roots = SourceRoots(paths: [work.path + "/src"])
        #expect(throws: SourceProblem.self) { try SourceFile(opening: work.path + "/src/leak.txt", inside: roots) }
        do {
            _ = try SourceFile(opening: work.path + "/src/leak.txt", inside: roots)
        } catch let problem as SourceProblem {
            #expect(problem.reason.hasPrefix("symbolic link to ") && problem.reason.hasSuffix("outside the paths given to index"))
        }
        #expect(try SourceFile(opening: work.path + "/src/alias.txt", inside: roots).read(limit: 100) == Array("inside".utf8))
        #expect(throws: SourceProblem.self) { try SourceFile(opening: work.path + "/src", inside: roots) }   // not a regular file
    }

    /// The check and the read are the same file: a link swapped in after opening changes neither
    /// where the descriptor leads nor what is read through it.
    @Test func theOpenedFileIsWhatIsCheckedAndRead() throws {
        let work = TemporaryDirectory("sourcefile")
        let secret = try work.write("outside/secret.txt", "secret")
        let path = try work.write("src/race.txt", "harmless")
        let roots = SourceRoots(paths: [work.path + "/src"])
        let file = try SourceFile(opening: path, inside: roots)
        unlink(path)
        try FileManager.default.createSymbolicLink(atPath: path, withDestinationPath: secret)
        let location = try #require(SourceRoots.location(ofOpen: file.descriptor, path: path, status: file.status))
        #expect(roots.contains(location))
        #expect(try file.read(limit: 100) == Array("harmless".utf8))
        var hashed: [UInt8] = []
        try file.forEachChunk { hashed += $0 }
        #expect(hashed == Array("harmless".utf8))
        // Opened now, the link is refused.
        #expect(throws: SourceProblem.self) { try SourceFile(opening: path, inside: roots) }
    }
}

extension SourceFileTests {
    /// Opens a file again and again while another thread swaps it with a link to a secret
    /// outside the roots: every open either is refused or reads the harmless file.
    @Test func aSwappedLinkIsRefusedOrNotRead() throws {
        let work = TemporaryDirectory("sourcefile")
        let secret = try work.write("outside/secret.txt", "secret")
        let regular = try work.write("src/.regular", "harmless")
        let path = work.path + "/src/race.txt"
        #expect(link(regular, path) == 0)
        let roots = SourceRoots(paths: [work.path + "/src"])
        final class Stop: @unchecked Sendable {
            let lock = NSLock()
            var stopped = false
            var value: Bool { lock.lock(); defer { lock.unlock() }; return stopped }
        }
        let stop = Stop()
        let done = DispatchSemaphore(value: 0)
        let tmp = work.path + "/src/.swap"
        let thread = Thread {
            var k = 0
            while !stop.value {
                if k % 2 == 0 { symlink(secret, tmp) } else { link(regular, tmp) }
                rename(tmp, path)
                k += 1
            }
            done.signal()
        }
        thread.start()
        var opened = 0, refused = 0, leaked = 0
        let started = Date()
        while opened + refused < 20_000 && Date().timeIntervalSince(started) < 5 {
            if let file = try? SourceFile(opening: path, inside: roots) {
                opened += 1
                if (try? file.read(limit: 100)) != Array("harmless".utf8) { leaked += 1 }
            } else {
                refused += 1
            }
        }
        stop.lock.lock(); stop.stopped = true; stop.lock.unlock()
        done.wait()
        print("swapped link: \(opened) opened, \(refused) refused, \(leaked) read something else")
        #expect(leaked == 0)
        #expect(opened > 0 && refused > 0, "both states were seen")
    }
}

@Suite struct WideTextTests {
    func read(_ name: String, _ bytes: [UInt8]) throws -> (documents: [SourceDocument], problems: [SourceProblem]) {
        SourceReader.readAll(bytes: bytes, path: name, format: .text)
    }

    @Test func utf32WithAndWithoutBOMIsDecoded() throws {
        let text = "Titel\nKörper 記事 😀"
        let little = Array(text.unicodeScalars.flatMap { s in (0..<4).map { UInt8(truncatingIfNeeded: s.value >> (8 * $0)) } })
        let big = Array(text.unicodeScalars.flatMap { s in (0..<4).reversed().map { UInt8(truncatingIfNeeded: s.value >> (8 * $0)) } })
        for bytes in [[0xFF, 0xFE, 0, 0] + little, [0, 0, 0xFE, 0xFF] + big, little, big] {
            let r = try read("u32.txt", bytes)
            #expect(r.problems.isEmpty, "\(r.problems)")
            #expect(r.documents.first?.title == "Titel")
            #expect(r.documents.first?.body == "Körper 記事 😀")
        }
    }

    @Test func randomBytesAfterAUTF16BOMAreBinary() throws {
        var random = SplitMix64(seed: 16)
        for bom in [[0xFF, 0xFE], [0xFE, 0xFF]] as [[UInt8]] {
            for _ in 0..<50 {
                let bytes = bom + (0..<4096).map { _ in UInt8(truncatingIfNeeded: random.next()) }
                let r = try read("random.txt", bytes)
                #expect(r.documents.isEmpty)
                #expect(r.problems.first?.reason.hasPrefix("binary content (") == true, "\(r.problems)")
            }
        }
    }

    @Test func aLoneSurrogateOrPrivateUseTextIsBinary() throws {
        func utf16LE(_ units: [UInt16]) -> [UInt8] { [0xFF, 0xFE] + units.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] } }
        let lone = try read("lone.txt", utf16LE(Array("Title\nbody ".utf16) + [0xD800] + Array(" more".utf16)))
        #expect(lone.problems.first?.reason == "binary content (an invalid code unit after 11 characters: not UTF-16LE text)")
        let privateUse = try read("pua.txt", utf16LE(Array("Title\n".utf16) + (0..<200).map { 0xE000 + $0 }))
        #expect(privateUse.problems.first?.reason.contains("private-use") == true, "\(privateUse.problems)")
        let odd = try read("odd.txt", utf16LE(Array("Title".utf16)) + [0x41])
        #expect(odd.problems.first?.reason.contains("odd number of bytes") == true)
        // Real UTF-16 in any script still reads.
        let cjk = try read("cjk.txt", utf16LE(Array("記事の題名\n本文はここにあります。".utf16)))
        #expect(cjk.documents.first?.title == "記事の題名")
    }

    @Test func binaryIntegersAreNotUTF32() throws {
        // Small 32-bit integers are valid scalars but control characters: still binary.
        let ints: [UInt8] = (1...64).flatMap { i -> [UInt8] in [UInt8(i % 9 + 1), 0, 0, 0] }
        let r = try read("ints.txt", ints)
        #expect(r.documents.isEmpty)
        #expect(r.problems.first?.reason.hasPrefix("binary content") == true, "\(r.problems)")
    }
}
