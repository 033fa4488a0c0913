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
        try dir.write("sub/image.png", "not read")
        try dir.write("sub/README", "no extension")
        try dir.write(".hidden.txt", "hidden")
        try dir.write(".git/config.txt", "hidden dir")
        try dir.write("c.sgm", "<REUTERS>")
        try dir.write("page.html.gz", "gz")
        let entries = SourceWalker(paths: [dir.path]).entries()
        #expect(files(entries, relativeTo: dir.path) == ["a.html", "b.txt", "c.sgm", "page.html.gz", "sub/deeper/feed.RSS", "sub/z.jsonl"])
        #expect(skipped(entries).isEmpty)
        #expect(entries.contains(.file(path: dir.path + "/sub/deeper/feed.RSS", format: .xml)))
        // Deterministic.
        #expect(SourceWalker(paths: [dir.path]).entries() == entries)
    }

    @Test func explicitPaths() throws {
        let dir = TemporaryDirectory("sources")
        let txt = try dir.write("one.md", "x")
        let pdf = try dir.write("doc.pdf", "x")
        let hidden = try dir.write(".notes.txt", "x")
        let entries = SourceWalker(paths: [txt, pdf, dir.path + "/missing.txt", hidden]).entries()
        #expect(entries == [
            .file(path: txt, format: .text),
            .skipped(SourceProblem(path: pdf, reason: "unsupported file type (.pdf)")),
            .skipped(SourceProblem(path: dir.path + "/missing.txt", reason: "no such file or directory")),
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
