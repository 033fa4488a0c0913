import Foundation
import MSearchTestSupport
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// Issue #13, through the real binary: an index folder is msearch's only if it says so (1), a
/// writer that lost its lock cannot destroy the next writer's commit (2), the kept gazetteer is
/// part of the commit (6), and damage is reported as what it is (7).
@Suite(.serialized) struct IndexOwnershipTests {
    static func files(_ dir: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []).sorted()
    }

    static func manifest(_ index: String) throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: index + "/manifest.json"))) as? [String: Any] ?? [:]
    }

    static func flipByte(_ path: String, at fraction: Double) throws {
        var data = try Data(contentsOf: URL(fileURLWithPath: path))
        data[Int(Double(data.count - 1) * fraction)] ^= 0x04
        try data.write(to: URL(fileURLWithPath: path))
    }

    @Test func writersNeverTouchAFolderThatIsNotAnIndex() throws {
        let work = TemporaryDirectory("own-foreign")
        let home = work.sub("home")
        try work.write("home/seg-budget.xlsx", "x\n")
        try work.write("home/catalog-photos.txt", "x\n")
        let news = try work.write("news/a.txt", "Havana talks resumed today.\n")
        let mine = ["catalog-photos.txt", "seg-budget.xlsx"]

        let optimize = try Child.run(["optimize", "--index", home])
        #expect(optimize.status == 2 && optimize.stderr.contains("no index at \(home)"), "\(optimize.stderr)")
        #expect(IndexOwnershipTests.files(home) == mine)
        let index = try Child.run(["index", "--index", home, news])
        #expect(index.status == 2 && index.stderr.contains("not an msearch index"), "\(index.stderr)")
        #expect(IndexOwnershipTests.files(home) == mine)
        let remove = try Child.run(["remove", "--index", home, news])
        #expect(remove.status == 2 && remove.stderr.contains("no index at \(home)"), "\(remove.stderr)")
        #expect(IndexOwnershipTests.files(home) == mine)
        // An empty folder, or a missing one, is fine.
        #expect(try Child.run(["index", "--index", work.sub("empty-then-index"), news]).status == 0)

        // The default index: a plain search in a folder whose Index/ is the user's own.
        let cwd = work.sub("project")
        try work.write("project/Index/catalog-of-my-stuff.txt", "precious\n")
        try work.write("project/seeds/a.txt", "Havana talks resumed today.\n")
        let search = try MSearchBinary.run(["havana"], cwd: cwd)
        #expect(search.status == 2 && search.stderr.contains("not an msearch index"), "\(search.stderr)")
        #expect(IndexOwnershipTests.files(cwd + "/Index") == ["catalog-of-my-stuff.txt"])
    }

    /// The one exception to (1): a folder holding nothing but a `README.md` (as the repository's
    /// `Index/` does) is empty for a writer, and the README is never written or deleted.
    @Test func aFolderWithOnlyAReadmeBecomesAnIndexAndKeepsIt() throws {
        let work = TemporaryDirectory("own-readme")
        let index = work.sub("index")
        let readme = "# Index/\nThe default index lives here.\n"
        try work.write("index/README.md", readme)
        try work.write("news/a.txt", "Havana talks resumed today.\n")
        let built = try Child.run(["index", "--index", index, work.sub("news")])
        #expect(built.status == 0, "\(built.stderr)")
        try work.write("news/b.txt", "Oil prices fell in Vienna.\n")
        let runs = [["index", "--index", index, work.sub("news")], ["optimize", "--index", index],
                    ["index", "--rebuild", "--index", index, work.sub("news")], ["check", "--index", index]]
        for arguments in runs {
            let run = try Child.run(arguments)
            #expect(run.status == 0, "\(arguments): \(run.stdout) \(run.stderr)")
            #expect(try String(contentsOfFile: index + "/README.md", encoding: .utf8) == readme, "\(arguments)")
        }
        let found = try Child.run(["--index", index, "vienna"])
        #expect(found.status == 0 && found.stdout.contains("b.txt"), "\(found.stdout) \(found.stderr)")

        // The default index of a fresh clone: ./Index holds only its README, ./seeds the articles.
        let cwd = work.sub("clone")
        try work.write("clone/Index/README.md", readme)
        try work.write("clone/seeds/a.txt", "Havana talks resumed today.\n")
        let search = try MSearchBinary.run(["havana"], cwd: cwd)
        #expect(search.status == 0 && search.stderr.contains("building it from ./seeds"), "\(search.stderr)")
        #expect(search.stdout.contains("a.txt"), "\(search.stdout)")
        #expect(try String(contentsOfFile: cwd + "/Index/README.md", encoding: .utf8) == readme)
        #expect(IndexOwnershipTests.files(cwd + "/Index").contains("manifest.json"))

        // Beside any other entry, or as a folder rather than a file, the README proves nothing.
        try work.write("notes/README.md", readme)
        try work.write("notes/todo.txt", "call the embassy\n")
        let refused = try Child.run(["index", "--index", work.sub("notes"), work.sub("news")])
        #expect(refused.status == 2 && refused.stderr.contains("not an msearch index")
                && refused.stderr.contains("todo.txt"), "\(refused.stderr)")
        #expect(IndexOwnershipTests.files(work.sub("notes")) == ["README.md", "todo.txt"])
        try work.write("odd/README.md/inside.txt", "x\n")
        let folder = try Child.run(["index", "--index", work.sub("odd"), work.sub("news")])
        #expect(folder.status == 2 && folder.stderr.contains("not an msearch index"), "\(folder.stderr)")
        #expect(IndexOwnershipTests.files(work.sub("odd")) == ["README.md"])
    }

    @Test func aUsersFilesInsideAnIndexSurviveEveryWriter() throws {
        let work = TemporaryDirectory("own-inside")
        let index = work.sub("index")
        let news = try work.write("news/a.txt", "Havana talks resumed today.\n")
        try work.write("news/b.txt", "Oil prices fell in Vienna.\n")
        #expect(try Child.run(["index", "--index", index, work.sub("news")]).status == 0)
        let mine = ["catalog-photos.txt", "seg-000001-00.xlsx", "seg-notes.txt"]
        for name in mine { try work.write("index/" + name, "mine\n") }
        #expect(try Child.run(["remove", "--index", index, news]).status == 0)
        #expect(try Child.run(["optimize", "--index", index]).status == 0)
        #expect(try Child.run(["index", "--rebuild", "--index", index, work.sub("news")]).status == 0)
        for name in mine { #expect(FileManager.default.fileExists(atPath: index + "/" + name), "\(name) was deleted") }
        #expect(try Child.run(["check", "--index", index]).status == 0)
    }

    /// Pause a writer holding the lock, remove `write.lock`, let a second writer commit, resume
    /// the first: the second writer's index must stay whole and searchable.
    @Test func aStaleWriterCannotDestroyTheNextCommit() throws {
        let work = TemporaryDirectory("own-stale")
        let index = work.sub("index")
        var corpus = Corpus(seed: 13)
        try corpus.writeFiles(20, in: work.sub("base"), prefix: "base", words: 40...80)
        #expect(try Child.run(["index", "--index", index, work.sub("base")]).status == 0)
        try corpus.writeFiles(1500, in: work.sub("slow"), prefix: "slow", words: 80...200)
        try work.write("second/zyzzyva.txt", "The zyzzyva report was filed on time.\n")

        let lockPath = index + "/write.lock"
        let first = try Child(["index", "--memory", "0.2", "--index", index, work.sub("slow")])
        var stopped = false
        let deadline = now() + 60
        while now() < deadline && !first.poll() {
            if let text = try? String(contentsOfFile: lockPath, encoding: .utf8),
               text.trimmingCharacters(in: .whitespacesAndNewlines) == "\(first.pid)" {
                usleep(200_000)  // well into its run: segments flushed
                first.kill(SIGSTOP)
                stopped = true
                break
            }
            usleep(1_000)
        }
        try #require(stopped, "the first writer finished before it could be paused")
        unlink(lockPath)
        let second = try Child.run(["index", "--index", index, work.sub("second")])
        #expect(second.status == 0, "\(second.stderr)")
        let committed = try IndexOwnershipTests.manifest(index)["generation"] as? Int
        first.kill(SIGCONT)
        let outcome = first.wait()
        #expect(outcome.signal == nil)
        #expect(outcome.status == 2 && outcome.stderr.contains("write lock"), "\(outcome.stderr.suffix(300))")
        #expect(try IndexOwnershipTests.manifest(index)["generation"] as? Int == committed)
        let check = try Child.run(["check", "--index", index])
        #expect(check.status == 0, "\(check.stdout)")
        let found = try Child.run(["--index", index, "zyzzyva"])
        #expect(found.status == 0 && found.stdout.contains("zyzzyva.txt"), "\(found.stdout) \(found.stderr)")
    }

    @Test func theKeptGazetteerIsCommittedChecksummedAndChecked() throws {
        let work = TemporaryDirectory("own-gazetteer")
        let index = work.sub("index")
        let actors = try work.write("actors.tsv", "Oil Cartel\torganisation\tOPEC Club\n")
        try work.write("news/a.txt", "The Oil Cartel met today in Vienna to discuss quotas.\n")
        let query = "actor:\"Oil Cartel\""

        // Killed just after the manifest is published: the gazetteer is already there.
        let killed = try Child.run(["index", "--index", index, "--actors", actors, work.sub("news")],
                                   environment: ["MSEARCH_CRASH_AT": "after-manifest"])
        #expect(killed.signal == SIGKILL)
        let kept = (try IndexOwnershipTests.manifest(index)["gazetteer"] as? [String: Any])?["file"] as? String
        #expect(kept?.hasPrefix("actors-") == true && kept?.hasSuffix(".tsv") == true, "\(String(describing: kept))")
        let hit = try Child.run(["--index", index, query])
        #expect(hit.status == 0 && hit.stdout.contains("a.txt"), "\(hit.stdout) \(hit.stderr)")

        // An update without --actors keeps it, in its own commit.
        try work.write("news/b.txt", "A spokesman for the Oil Cartel denied it.\n")
        #expect(try Child.run(["index", "--index", index, work.sub("news")]).status == 0)
        let file = try #require((try IndexOwnershipTests.manifest(index)["gazetteer"] as? [String: Any])?["file"] as? String)
        #expect(try Child.run(["check", "--index", index]).stdout.contains("ok       \(file)"))
        #expect(try Child.run(["--index", index, query]).stdout.contains("b.txt"))

        // Edited or deleted, it is damage naming the file, not a silently empty gazetteer.
        let path = index + "/" + file
        let original = try Data(contentsOf: URL(fileURLWithPath: path))
        try Data("Oil Cartel\tplace\tOPEC Club\n".utf8).write(to: URL(fileURLWithPath: path))
        for damaged in [true, false] {
            if !damaged { unlink(path) }
            let search = try Child.run(["--index", index, query])
            #expect(search.status == 2 && search.stderr.contains(file), "\(search.stdout) \(search.stderr)")
            let check = try Child.run(["check", "--index", index])
            #expect(check.status == 2 && check.stdout.contains("DAMAGED  \(path)"), "\(check.stdout)")
        }
        try original.write(to: URL(fileURLWithPath: path))
        #expect(try Child.run(["check", "--index", index]).status == 0)
    }

    @Test func catalogDamageInAnIndexWithoutTextIsReportedAsDamage() throws {
        let work = TemporaryDirectory("own-catalog")
        let index = work.sub("index")
        try work.write("news/a.txt", "Havana talks resumed today.\n")
        try work.write("news/b.txt", "Talks in Havana ended.\n")
        #expect(try Child.run(["index", "--store", "none", "--index", index, work.sub("news")]).status == 0)
        let catalog = try #require(try IndexOwnershipTests.manifest(index)["catalog"] as? String)
        try IndexOwnershipTests.flipByte(index + "/" + catalog, at: 0.3)
        let search = try Child.run(["--index", index, "havana"])
        #expect(!search.stdout.contains("source changed"), "\(search.stdout)")
        #expect(search.status == 2 && search.stderr.contains(catalog) && search.stderr.contains("damaged"), "\(search.stderr)")
        let update = try Child.run(["index", "--index", index, work.sub("news")])
        #expect(update.status == 2 && update.stderr.contains(catalog) && update.stderr.contains("--rebuild"), "\(update.stderr)")
        let rebuilt = try Child.run(["index", "--rebuild", "--store", "none", "--index", index, work.sub("news")])
        #expect(rebuilt.status == 0, "\(rebuilt.stderr)")
        let after = try Child.run(["--index", index, "havana"])
        #expect(after.status == 0 && !after.stdout.contains("source changed"), "\(after.stdout)")
    }

    @Test func checkNamesTheFirstDamagedStructureOnly() throws {
        let work = TemporaryDirectory("own-first")
        let index = work.sub("index")
        var corpus = Corpus(seed: 3)
        try corpus.writeFiles(30, in: work.sub("news"), prefix: "n", words: 40...120)
        #expect(try Child.run(["index", "--index", index, work.sub("news")]).status == 0)
        let positions = try #require(IndexOwnershipTests.files(index).first { $0.hasSuffix(".pos") })
        try IndexOwnershipTests.flipByte(index + "/" + positions, at: 0.4)
        let check = try Child.run(["check", "--index", index])
        #expect(check.status == 2)
        let damaged = check.stdout.split(separator: "\n").filter { $0.hasPrefix("DAMAGED  ") }
        #expect(damaged.count == 1 && damaged[0].contains(positions), "\(check.stdout)")
    }

    @Test func aStoreFromAnotherIndexIsNamedAsSuch() throws {
        let work = TemporaryDirectory("own-swap")
        try work.write("one/a.txt", "Havana talks resumed today.\n")
        try work.write("one/b.txt", "Oil prices fell in Vienna.\n")
        try work.write("two/c.txt", "Election results were announced.\n")
        try work.write("two/d.txt", "A strike closed the port.\n")
        #expect(try Child.run(["index", "--index", work.sub("i1"), work.sub("one")]).status == 0)
        #expect(try Child.run(["index", "--index", work.sub("i2"), work.sub("two")]).status == 0)
        let store = try #require(IndexOwnershipTests.files(work.sub("i1")).first { $0.hasSuffix(".store") })
        let other = try #require(IndexOwnershipTests.files(work.sub("i2")).first { $0.hasSuffix(".store") })
        unlink(work.sub("i1/" + store))
        try FileManager.default.copyItem(atPath: work.sub("i2/" + other), toPath: work.sub("i1/" + store))
        let check = try Child.run(["check", "--index", work.sub("i1")])
        let damaged = check.stdout.split(separator: "\n").filter { $0.hasPrefix("DAMAGED  ") }
        #expect(check.status == 2 && damaged.count == 1 && damaged[0].contains(store)
                && damaged[0].contains("not the file this index wrote"), "\(check.stdout)")
        let search = try Child.run(["--index", work.sub("i1"), "havana"])
        #expect(search.status == 2 && search.stderr.contains(store) && !search.stderr.contains(".cols"), "\(search.stderr)")
    }

    /// A file this user may not read is a permission problem: not damage, no rebuild.
    @Test func anUnreadableFileIsAPermissionErrorNotDamage() throws {
        let work = TemporaryDirectory("own-perm")
        let index = work.sub("index")
        try work.write("news/a.txt", "Havana talks resumed today.\n")
        #expect(try Child.run(["index", "--index", index, work.sub("news")]).status == 0)
        let store = try #require(IndexOwnershipTests.files(index).first { $0.hasSuffix(".store") })
        chmod(index + "/" + store, 0)
        defer { chmod(index + "/" + store, 0o644) }
        // root reads anything: run check as nobody then (the folders are world-readable).
        var command = [MSearchBinary.path, "check", "--index", index]
        if geteuid() == 0 {
            let setpriv = "/usr/bin/setpriv"
            guard FileManager.default.isExecutableFile(atPath: setpriv) else { return }  // cannot drop root here
            chmod(work.path, 0o755)
            command = [setpriv, "--reuid=65534", "--regid=65534", "--clear-groups"] + command
        }
        let check = try MSearchBinary.run(Array(command.dropFirst()), executable: command[0])
        #expect(check.status == 2, "\(check.stdout) \(check.stderr)")
        #expect(check.stdout.contains("UNREADABLE \(index)/\(store): Permission denied"), "\(check.stdout)")
        #expect(!check.stdout.contains("DAMAGED") && !check.stdout.contains("rebuild"), "\(check.stdout)")
    }
}
