import Foundation
import MSearchTestSupport
import Testing
@testable import MSearchSources

/// Files whose name names no format, judged by their first bytes.
@Suite struct ContentSniffingTests {
    func judge(_ bytes: [UInt8], registry: SourceFormatRegistry = .standard) -> ContentSniffing.Verdict {
        ContentSniffing.judge(path: "f", prefix: bytes, registry: registry)
    }
    func judge(_ text: String) -> ContentSniffing.Verdict { judge(Array(text.utf8)) }

    @Test func eachFormatIsRecognisedByItsContent() {
        #expect(judge("<!DOCTYPE html>\n<html><body><p>x</p></body></html>") == .format(.html))
        #expect(judge("<?xml version=\"1.0\"?>\n<rss version=\"2.0\"><channel/></rss>") == .format(.xml))
        #expect(judge("<feed xmlns=\"http://www.w3.org/2005/Atom\"></feed>") == .format(.xml))
        #expect(judge("{\"id\":\"1\",\"title\":\"t\",\"body\":\"b\"}\n{\"id\":\"2\"}\n") == .format(.jsonl))
        #expect(judge("{\n  \"version\": \"https://jsonfeed.org/version/1.1\",\n  \"items\": []\n}") == .format(.jsonFeed))
        // Writers that escape slashes (PHP's json_encode) and put the version after other keys.
        #expect(judge(#"{"title":"x","version":"https:\/\/jsonfeed.org\/version\/1","items":[]}"#) == .format(.jsonFeed))
        #expect(judge("<!DOCTYPE lewis SYSTEM \"lewis.dtd\">\n<REUTERS NEWID=\"1\">") == .format(.reuters))
        #expect(judge("Havana talks\n\nThe talks went on.") == .format(.text))
        // An empty file is text (whose reader then says "empty file").
        #expect(judge([]) == .format(.text))
    }

    @Test func knownBinarySignaturesAreBinary() {
        let cases: [([UInt8], String)] = [
            (Array("%PDF-1.7\n".utf8), "PDF document"),
            ([0x50, 0x4B, 0x03, 0x04, 0x14, 0x00], "ZIP archive (or an Office document)"),
            ([0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10], "JPEG image"),
            ([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A], "PNG image"),
            ([0, 0, 0, 0x20] + Array("ftypisom".utf8), "MP4/ISO media"),
        ]
        for (bytes, name) in cases { #expect(judge(bytes) == .binary("binary content (\(name))")) }
    }

    @Test func contentStatisticsTellBinaryFromLegacyText() {
        var random = SplitMix64(seed: 14)
        let noise = (0..<4096).map { _ in UInt8(truncatingIfNeeded: random.next()) }
        #expect(judge(noise) != .format(.text))
        #expect(judge(Array("text with a NUL\u{0}byte".utf8)) == .binary("binary content (NUL bytes)"))
        #expect(judge([UInt8](repeating: 0x01, count: 100)) == .binary("binary content (control bytes)"))
        // High bytes without NULs or controls and without word breaks: not text.
        let highNoise = (0..<4096).map { _ in UInt8(0x80 + (random.next() % 0x80)) }
        #expect(judge(highNoise) == .binary("binary content (not UTF-8 or any text)"))
        // Latin-1 and KOI8-R text is invalid UTF-8 throughout, but has spaces between its words.
        let latin1: [UInt8] = Array("Der B".utf8) + [0xFC] + Array("rgermeister sagte: ".utf8) + [0xC4, 0xD6, 0xDC]
        #expect(judge(latin1) == .format(.text))
        let koi8 = (0..<200).flatMap { _ in [0xD0, 0xD2, 0xC9, 0xD7, 0xC5, 0xD4, 0x20] as [UInt8] }
        #expect(judge(koi8) == .format(.text))
    }

    @Test func gzipIsLookedThroughAndUTF16Converted() throws {
        let dir = TemporaryDirectory("sniff")
        let html = try dir.write("page", "<html><head><title>T</title></head><body><p>x</p></body></html>")
        let gzip = Process()
        gzip.executableURL = URL(fileURLWithPath: "/bin/gzip")
        gzip.arguments = ["-k", html]
        try gzip.run()
        gzip.waitUntilExit()
        let compressed = try [UInt8](Data(contentsOf: URL(fileURLWithPath: html + ".gz")))
        #expect(judge(compressed) == .format(.html))
        // A cut-off stream still inflates as far as it goes.
        #expect(judge(Array(compressed.dropLast(12))) == .format(.html))
        #expect(judge([0x1F, 0x8B, 0x08, 0x00, 0xFF, 0xFF]) == .binary("binary content (gzip data that does not inflate)"))
        let utf16: [UInt8] = [0xFF, 0xFE] + Array("<rss><channel/></rss>".utf16).flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] } + [0x3C]
        #expect(judge(utf16) == .format(.xml))
    }

    @Test func aRegistryWithoutFallbackLeavesUnrecognisedTextUnknown() {
        let htmlOnly = SourceFormatRegistry([HTMLReader.capabilities])
        #expect(judge(Array("just words".utf8), registry: htmlOnly) == .unrecognised)
        #expect(judge(Array("<html><p>x</p></html>".utf8), registry: htmlOnly) == .format(.html))
    }

    @Test func theWalkerSniffsFilesWithoutAKnownExtensionAndForcesAFormatWhenTold() throws {
        let dir = TemporaryDirectory("sniff")
        try dir.write("post", "From: someone@example.org\nSubject: Havana\n\nTalks went on.")
        try dir.write("feed", "{\"version\":\"https://jsonfeed.org/version/1.1\",\"items\":[]}")
        try dir.write("photo.jpg", bytes: [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, 0x4A, 0x46])
        try dir.write("notes.txt", "<html><p>named text, read as text</p></html>")
        let entries = SourceWalker(paths: [dir.path]).entries()
        #expect(entries.contains(.file(path: dir.path + "/feed", format: .jsonFeed)))
        #expect(entries.contains(.file(path: dir.path + "/notes.txt", format: .text)))
        #expect(entries.contains(.skipped(SourceProblem(path: dir.path + "/photo.jpg", reason: "binary content (JPEG image)", kind: .binary))))
        // Whatever format a mail reader may add, a post is read: as mail or as the text fallback.
        #expect(entries.contains { if case .file(dir.path + "/post", _) = $0 { return true } else { return false } })
        let forced = SourceWalker(paths: [dir.path], forcedFormat: .html).entries()
        #expect(forced.count == 4 && forced.allSatisfy { if case .file(_, .html) = $0 { return true } else { return false } })
    }
}
