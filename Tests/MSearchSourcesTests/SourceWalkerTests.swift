import Foundation
import MSearchTestSupport
import Testing
@testable import MSearchSources

@Suite struct SourceWalkerTests {
    func files(_ entries: [SourceWalker.Entry], relativeTo root: String) -> [String] {
        entries.compactMap {
            if case .file(let p, _) = $0 { return String(p.dropFirst(root.count + 1)) }
            return nil
        }
    }

    func skipped(_ entries: [SourceWalker.Entry]) -> [SourceProblem] {
        entries.compactMap { if case .skipped(let p) = $0 { return p }; return nil }
    }

    @Test func walksRecursivelyInSortedOrder() throws {
        let dir = TemporaryDirectory("sources")
        try dir.write("b.txt", "b")
        try dir.write("a.html", "<p>a</p>")
        try dir.write("sub/z.jsonl", "{}")
        try dir.write("sub/deeper/feed.RSS", "<rss/>")
        try dir.write("sub/image.png", bytes: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13])
        try dir.write("sub/README", "no extension: plain text by content")
        try dir.write(".hidden.txt", "hidden")
        try dir.write(".git/config.txt", "hidden dir")
        try dir.write("c.sgm", "<REUTERS>")
        try dir.write("page.html.gz", "gz")
        let entries = SourceWalker(paths: [dir.path]).entries()
        #expect(files(entries, relativeTo: dir.path) == ["a.html", "b.txt", "c.sgm", "page.html.gz", "sub/README", "sub/deeper/feed.RSS", "sub/z.jsonl"])
        #expect(skipped(entries) == [SourceProblem(path: dir.path + "/sub/image.png", reason: "binary content (PNG image)", kind: .binary)])
        #expect(entries.contains(.file(path: dir.path + "/sub/README", format: .text)))
        #expect(entries.contains(.file(path: dir.path + "/sub/deeper/feed.RSS", format: .xml)))
        // Deterministic.
        #expect(SourceWalker(paths: [dir.path]).entries() == entries)
    }

    @Test func explicitPaths() throws {
        let dir = TemporaryDirectory("sources")
        let txt = try dir.write("one.md", "x")
        let pdf = try dir.write("doc.pdf", "%PDF-1.4\n%\u{E2}\u{E3}")
        let csv = try dir.write("table.csv", "a,b\n1,2\n")
        let hidden = try dir.write(".notes.txt", "x")
        let entries = SourceWalker(paths: [txt, pdf, csv, dir.path + "/missing.txt", hidden]).entries()
        #expect(entries == [
            .file(path: txt, format: .text),
            .skipped(SourceProblem(path: pdf, reason: "binary content (PDF document)", kind: .binary)),
            .file(path: csv, format: .text),   // no format claims .csv: text by its content
            .skipped(SourceProblem(path: dir.path + "/missing.txt", reason: "no such file or directory", kind: .unreadable)),
            .file(path: hidden, format: .text),   // named explicitly: not ignored
        ])
    }

    @Test func symlinkLoopsAreReportedAndWalkedOnce() throws {
        let dir = TemporaryDirectory("sources")
        try dir.write("a/doc.txt", "x")
        let fm = FileManager.default
        try fm.createSymbolicLink(atPath: dir.path + "/a/loop", withDestinationPath: dir.path + "/a")
        try fm.createSymbolicLink(atPath: dir.path + "/alias", withDestinationPath: dir.path + "/a")
        try fm.createSymbolicLink(atPath: dir.path + "/broken.txt", withDestinationPath: dir.path + "/nowhere.txt")
        try fm.createSymbolicLink(atPath: dir.path + "/self", withDestinationPath: dir.path + "/self")
        let entries = SourceWalker(paths: [dir.path]).entries()
        #expect(files(entries, relativeTo: dir.path) == ["a/doc.txt"])
        let reasons = skipped(entries).map { String($0.path.dropFirst(dir.path.count + 1)) + ": " + $0.reason }
        #expect(reasons == [
            "a/loop: symlink loop (directory already being walked)",
            "alias: directory already walked via another path",
            "broken.txt: broken symbolic link",
            "self: symlink loop",
        ])
    }

    @Test(.enabled(if: getuid() != 0, "root can read any directory"))
    func unreadableDirectory() throws {
        let dir = TemporaryDirectory("sources")
        try dir.write("locked/x.txt", "x")
        chmod(dir.path + "/locked", 0)
        defer { chmod(dir.path + "/locked", 0o755) }
        let problems = skipped(SourceWalker(paths: [dir.path]).entries())
        #expect(problems.first?.reason.hasPrefix("cannot read directory") == true)
    }
}

@Suite struct SourceWalkerRootsTests {
    @Test func linksToFoldersOutsideTheRootsAreOneSkippedEntry() throws {
        let work = TemporaryDirectory("sources")
        try work.write("src/a.txt", "x")
        try work.write("outside/secret.txt", "secret")
        let fm = FileManager.default
        try fm.createSymbolicLink(atPath: work.path + "/src/root", withDestinationPath: "/")
        try fm.createSymbolicLink(atPath: work.path + "/src/out", withDestinationPath: work.path + "/outside")
        try fm.createSymbolicLink(atPath: work.path + "/src/inside", withDestinationPath: work.path + "/src/sub")
        try work.write("src/sub/b.txt", "y")
        let src = work.path + "/src"
        let entries = SourceWalker(paths: [src]).entries()
        let files = entries.compactMap { if case .file(let p, _) = $0 { return String(p.dropFirst(src.count + 1)) }; return nil }
        #expect(files == ["a.txt", "inside/b.txt"])   // a link inside the roots is followed (once)
        let reasons = entries.compactMap { if case .skipped(let p) = $0 { return String(p.path.dropFirst(src.count + 1)) + ": " + p.reason }; return nil }
        let outside = PathNames.resolved(work.path + "/outside")!
        #expect(reasons == [
            "out: symbolic link to \(outside), outside the paths given to index",
            "root: symbolic link to /, outside the paths given to index",
            "sub: directory already walked via another path",
        ])
    }

    @Test func namesThatAreNotUTF8AreFoundAsBytes() throws {
        let dir = TemporaryDirectory("sources")
        let raw = Array(dir.path.utf8) + Array("/caf".utf8) + [0xE9] + Array(".txt".utf8)
        let fd = open(raw.map { CChar(bitPattern: $0) } + [0], O_WRONLY | O_CREAT, 0o644)
        #expect(fd >= 0)
        let text = "Café\nquokka"
        _ = write(fd, text, text.utf8.count)
        close(fd)
        defer { unlink(raw.map { CChar(bitPattern: $0) } + [0]) }
        let entries = SourceWalker(paths: [dir.path]).entries()
        #expect(entries == [.file(path: dir.path + "/caf\\xe9.txt", format: .text)])
        let read = SourceReader.readAll(fileAt: dir.path + "/caf\\xe9.txt")
        #expect(read.documents.first?.id == "caf\\xe9")
        #expect(read.documents.first?.body == "quokka")
    }
}
