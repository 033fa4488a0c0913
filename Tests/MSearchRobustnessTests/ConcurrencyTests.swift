import Foundation
import MSearchTestSupport
import MSearchIndex
import MSearchQuery
import MSearchSearch
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// One writer at a time, told clearly; readers never disturbed by a writer.
@Suite(.serialized) struct ConcurrencyTests {
    @Test func secondWriterIsToldThePIDAndADeadWritersLockIsTakenOver() throws {
        let work = TemporaryDirectory("lock")
        var corpus = Corpus(seed: 11)
        try corpus.writeFiles(600, in: work.sub("news"), prefix: "n", words: 80...300)
        let index = work.sub("index")
        let first = try Child(["index", "--memory", "0.3", "--index", index, work.sub("news")])
        // Wait until the first writer holds the lock.
        let lock = index + "/write.lock"
        let deadline = now() + 20
        while now() < deadline && (try? String(contentsOfFile: lock, encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines) != "\(first.pid)" {
            usleep(1_000)
        }
        let second = try Child.run(["index", "--index", index, work.sub("news")])
        if first.poll() {
            Issue.record("the first writer finished before the second started; the test proves nothing")
            return
        }
        #expect(second.status == 2)
        #expect(second.stderr.contains("is locked by PID \(first.pid)"), "\(second.stderr)")
        // A writer killed outright cannot hold the lock: the kernel releases it.
        first.kill()
        first.wait()
        #expect(FileManager.default.fileExists(atPath: lock), "the dead writer's lock file is left behind")
        let third = try Child.run(["index", "--index", index, work.sub("news")])
        #expect(third.status == 0, "\(third.stderr)")
        #expect(!FileManager.default.fileExists(atPath: lock))
        #expect(try Child.run(["check", "-q", "--index", index]).status == 0)
    }

    @Test func searchesRunWhileTheIndexIsUpdatedAndCommitted() throws {
        let work = TemporaryDirectory("concurrent")
        var corpus = Corpus(seed: 12)
        let news = work.sub("news")
        try corpus.writeFiles(200, in: news + "/a", prefix: "a", words: 60...200)
        let index = work.sub("index")
        #expect(try Child.run(["index", "--memory", "0.3", "--index", index, news]).status == 0)
        try corpus.writeFiles(300, in: news + "/b", prefix: "b", words: 60...200)

        // Three writer runs in a row: an add with many flushes and a merge, a prune, an optimize.
        for i in 0..<20 { try FileManager.default.removeItem(atPath: news + "/a/a-\(String(format: "%04d", i)).txt") }
        let runs: [[String]] = [
            ["index", "--memory", "0.3", "--index", index, news],
            ["index", "--prune", "--index", index, news],
            ["optimize", "--index", index],
        ]
        let allowedCounts: Set<Int> = [200, 500, 480]
        var searches = 0, binarySearches = 0, documentCounts = Set<Int>()
        for arguments in runs {
            let writer = try Child(arguments)
            while !writer.poll() {
                // In-process: open a snapshot and search it, as fast as possible.
                do {
                    let reader = try IndexReader(directory: index)
                    documentCounts.insert(reader.documentCount)
                    let r = try Searcher(reader: reader).search(try QueryParser().parse("havana OR \"oil prices\" OR visa*"), limit: 10)
                    #expect(r.total > 0)
                    for h in r.hits { _ = try reader.document(h.doc) }
                    searches += 1
                } catch {
                    Issue.record("search during `\(arguments.joined(separator: " "))` failed: \(error)")
                    writer.kill()
                    writer.wait()
                    return
                }
                // Now and then, through the binary.
                if searches % 15 == 0 {
                    let r = try Child.run(["--index", index, "--json", "havana talks"])
                    #expect(r.status == 0, "\(r.stderr)")
                    binarySearches += 1
                }
            }
            #expect(writer.wait().status == 0, "\(arguments): \(writer.wait().stderr)")
        }
        print("concurrent searches: \(searches) in-process and \(binarySearches) through the binary while 3 writer runs committed; document counts seen: \(documentCounts.sorted())")
        #expect(documentCounts.isSubset(of: allowedCounts), "a reader saw a state no commit produced: \(documentCounts)")
        #expect(searches > 20)
        #expect(try Child.run(["check", "-q", "--index", index]).status == 0)
    }
}
