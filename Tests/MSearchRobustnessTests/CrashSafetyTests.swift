import Foundation
import MSearchTestSupport
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// A large update (new folder, changed files, pruned files, several segment flushes, tombstones,
/// a merge) is killed with SIGKILL at named moments of its commit and at ≥ 50 random moments.
/// After each kill the index must open, pass `msearch check`, and answer a set of queries
/// exactly as before the run — or exactly as after it, when the commit had completed.
@Suite(.serialized) struct CrashSafetyTests {
    static let queries = """
        havana talks
        "oil prices"
        visa OR flights
        +cuba -sanctions
        title:election
        migra*
        "court ruling"~2
        wheat corn harvest drought
        bank rate inflation
        protest strike union
        """
    static var queryList: [String] { queries.split(separator: "\n").map(String.init) }

    /// The scene: an index of a/ and c/, then a/ partly rewritten, c/ partly deleted and b/ new.
    struct Scene {
        let work = TemporaryDirectory("kill")
        var root: String { work.sub("news") }
        var index: String { work.sub("index") }
        var pristine: String { work.sub("pristine") }
        var queryFile: String { work.sub("queries.txt") }
        var arguments: [String] { ["index", "--prune", "--memory", "0.3", "--index", index, root] }

        init() throws {
            var corpus = Corpus(seed: 7)
            try corpus.writeFiles(300, in: root + "/a", prefix: "a", words: 60...260)
            try corpus.writeFiles(120, in: root + "/c", prefix: "c", words: 60...260)
            let base = try Child.run(["index", "--memory", "0.3", "--index", index, root])
            #expect(base.status == 0, "\(base.stderr)")
            try corpus.writeFiles(300, in: root + "/b", prefix: "b", words: 60...260)
            for i in 0..<40 { try FileManager.default.removeItem(atPath: root + "/c/c-\(String(format: "%04d", i)).txt") }
            for i in 0..<25 {
                try corpus.article(words: 100).write(toFile: root + "/a/a-\(String(format: "%04d", i * 7)).txt", atomically: false, encoding: .utf8)
            }
            try CrashSafetyTests.queries.write(toFile: queryFile, atomically: false, encoding: .utf8)
            try copyTree(index, to: pristine)
        }

        func arguments(index other: String) -> [String] {
            ["index", "--prune", "--memory", "0.3", "--index", other, root]
        }
    }

    /// The index passes `msearch check`, opens and answers exactly as one of the expected states.
    static func verify(_ index: String, oneOf states: [[String]], _ context: String) throws -> Int? {
        let check = try Child.run(["check", "--quiet", "--index", index])
        #expect(check.status == 0, "check after \(context): \(check.stdout) \(check.stderr)")
        let got = try rankings(index: index, queries: queryList)
        let which = states.firstIndex(of: got)
        #expect(which != nil, "answers after \(context) match neither state: \(got.prefix(2))")
        return which
    }

    @Test func killedIndexerLeavesTheIndexAsBeforeOrAfter() throws {
        let scene = try Scene()
        let before = try rankings(index: scene.index, queries: CrashSafetyTests.queryList)
        #expect(before.count == 10)
        let beforeByBinary = try answers(index: scene.index, queries: scene.queryFile)

        // The uninterrupted run, on a copy: what "after" looks like, and how long it takes.
        let afterIndex = scene.work.sub("after")
        try copyTree(scene.pristine, to: afterIndex)
        let started = now()
        let full = try Child.run(scene.arguments(index: afterIndex))
        let duration = now() - started
        #expect(full.status == 0, "\(full.stderr)")
        #expect(full.stdout.contains("300 added, 25 updated"), "\(full.stdout)")
        #expect(full.stdout.contains("40 removed"), "\(full.stdout)")
        let after = try rankings(index: afterIndex, queries: CrashSafetyTests.queryList)
        #expect(after != before)
        let segments = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: afterIndex + "/manifest.json"))) as? [String: Any]
        #expect(((segments?["segments"] as? [Any])?.count ?? 0) < 8, "the commit should have merged the flushed segments")

        // Deterministic kills at each step of the commit.
        let points = ["segment-written", "segment-written:3", "deletes-written", "merge-written",
                      "catalog-written", "clusters-written", "before-manifest", "after-manifest"]
        for point in points {
            try copyTree(scene.pristine, to: scene.index)
            let r = try Child.run(scene.arguments, environment: ["MSEARCH_CRASH_AT": point])
            #expect(r.signal == SIGKILL, "\(point) was never reached")
            let state = try CrashSafetyTests.verify(scene.index, oneOf: [before, after], point)
            #expect(state == (point == "after-manifest" ? 1 : 0), "\(point)")
        }

        // Random kills: half anywhere in the run, half around its end (where the commit is).
        try copyTree(scene.pristine, to: scene.index)
        var generator = Corpus(seed: 2024)
        var kills = 0, completed = 0, sawBefore = 0, sawAfter = 0
        var estimate = duration
        // 50 by default; scripts/soak.sh asks for more.
        let wanted = Int(ProcessInfo.processInfo.environment["MSEARCH_KILLS"] ?? "") ?? 50
        while kills < wanted {
            let u = Double(generator.next() % 10_000) / 10_000
            let delay = kills % 3 != 2 ? 0.9 * u * estimate : (0.6 + 0.4 * u) * estimate
            let start = now()
            let child = try Child(scene.arguments)
            let deadline = start + delay
            while now() < deadline && !child.poll() { usleep(2_000) }
            child.kill()
            let outcome = child.wait()
            if outcome.signal == SIGKILL {
                kills += 1
            } else {
                // The machine is faster than the first run suggested: aim earlier.
                completed += 1
                estimate = min(estimate, now() - start)
            }
            let state = try CrashSafetyTests.verify(scene.index, oneOf: [before, after],
                                                    "a kill after \(String(format: "%.3f", delay)) s")
            if state == 1 {
                sawAfter += 1
                try copyTree(scene.pristine, to: scene.index)
            } else if state == 0 {
                sawBefore += 1
            } else {
                return
            }
        }
        print("kill test: \(kills) SIGKILLs (+\(completed) runs that finished first) at random moments of a \(String(format: "%.2f", duration)) s run; index as before: \(sawBefore), as after: \(sawAfter); \(points.count) named crash points")
        #expect(sawBefore > 0)

        // The next complete run cleans what the killed ones left and reaches the same state.
        let last = try Child.run(scene.arguments)
        #expect(last.status == 0, "\(last.stderr)")
        #expect(try rankings(index: scene.index, queries: CrashSafetyTests.queryList) == after)
        #expect(try unnamedFiles(in: scene.index) == [])
        // The binary answers as the library does (same index state as at the start).
        try copyTree(scene.pristine, to: scene.index)
        #expect(try answers(index: scene.index, queries: scene.queryFile) == beforeByBinary)
    }
}
