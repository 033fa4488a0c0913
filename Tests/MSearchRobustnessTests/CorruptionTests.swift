import Foundation
import MSearchTestSupport
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// Damage every kind of index file — flipped bytes, truncation — and query it through the binary.
/// A query must fail with a message naming the damaged file (exit status 2), never crash (a
/// signal) and never answer silently wrong; `msearch check` must name the file and exit 2.
@Suite(.serialized) struct CorruptionTests {
    /// An index with two segments, tombstones in the first and a catalog.
    static func makeIndex(_ work: TemporaryDirectory) throws -> String {
        var corpus = Corpus(seed: 5)
        let news = work.sub("news")
        try corpus.writeFiles(60, in: news + "/a", prefix: "a", words: 40...160)
        let index = work.sub("index")
        #expect(try Child.run(["index", "--index", index, news]).status == 0)
        try corpus.writeFiles(25, in: news + "/b", prefix: "b", words: 40...160)
        #expect(try Child.run(["index", "--index", index, news]).status == 0)
        #expect(try Child.run(["remove", "--index", index, news + "/a/a-0003.txt", news + "/a/a-0010.txt", news + "/a/a-0042.txt"]).status == 0)
        let files = try FileManager.default.contentsOfDirectory(atPath: index)
        #expect(files.contains { $0.hasSuffix(".del") } && files.contains { $0.hasPrefix("catalog-") })
        #expect(files.filter { $0.hasSuffix(".post") }.count == 2)
        return index
    }

    /// The hits of a `--json` answer (timings left out).
    static func hits(_ json: String) -> String {
        let object = try? JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any]
        let hits = object?["hits"] ?? []
        return String(decoding: (try? JSONSerialization.data(withJSONObject: hits, options: [.sortedKeys])) ?? Data(), as: UTF8.self)
    }

    static let query = "havana \"oil prices\" visa* title:election -strike"

    static func indexFiles(_ index: String) throws -> [String] {
        // The marker is read only by writers, to know the folder is an index.
        try FileManager.default.contentsOfDirectory(atPath: index).filter { $0 != "write.lock" && $0 != "msearch-index" }.sorted()
    }

    /// Positions to damage: start, end (footer) and spread through the file.
    static func offsets(count: Int, seed: UInt64) -> [Int] {
        guard count > 0 else { return [] }
        var g = Corpus(seed: seed)
        var o: Set<Int> = [0, count - 1, max(0, count - 8), max(0, count - 16)]
        for _ in 0..<4 { o.insert(Int(g.next() % UInt64(count))) }
        return o.sorted()
    }

    @Test func damagedFilesAreNamedNeverTrappedNeverSilentlyWrong() throws {
        let work = TemporaryDirectory("corrupt")
        let index = try CorruptionTests.makeIndex(work)
        let good = try Child.run(["--index", index, "--json", "--limit", "50", CorruptionTests.query])
        #expect(good.status == 0)
        var damaged = 0
        for file in try CorruptionTests.indexFiles(index) {
            let path = index + "/" + file
            let original = try Data(contentsOf: URL(fileURLWithPath: path))
            var variants: [(String, Data)] = []
            var g = Corpus(seed: UInt64(original.count))
            for o in CorruptionTests.offsets(count: original.count, seed: UInt64(file.utf8.count)) {
                var d = original
                d[o] ^= UInt8(1 + g.next() % 255)
                variants.append(("byte \(o) flipped", d))
            }
            for n in [0, original.count / 2, original.count - 1] {
                variants.append(("truncated to \(n) bytes", original.prefix(n)))
            }
            for (what, bytes) in variants {
                try bytes.write(to: URL(fileURLWithPath: path))
                defer { try? original.write(to: URL(fileURLWithPath: path)) }
                damaged += 1
                let context = "\(file) \(what)"
                let search = try Child.run(["--index", index, "--json", "--limit", "50", CorruptionTests.query])
                #expect(search.signal == nil, "\(context): the search died of signal \(search.signal ?? 0)")
                if file.hasPrefix("catalog-") {
                    // Searches never read the catalog: same answers; updating must refuse.
                    #expect(search.status == 0 && CorruptionTests.hits(search.stdout) == CorruptionTests.hits(good.stdout), "\(context)")
                    let update = try Child.run(["index", "--index", index, work.sub("news")])
                    #expect(update.status == 2 && update.stderr.contains(file), "\(context): \(update.stderr)")
                } else {
                    #expect(search.status == 2, "\(context): exit \(search.status ?? -1) \(search.stdout.prefix(200))")
                    #expect(search.stderr.contains(file), "\(context): \(search.stderr)")
                }
                let check = try Child.run(["check", "--index", index])
                #expect(check.signal == nil && check.status == 2, "\(context): check exit \(check.status ?? -1)")
                #expect(check.stdout.contains("DAMAGED") && (check.stdout + check.stderr).contains(file), "\(context): \(check.stdout)")
            }
        }
        // Restored, it is whole again.
        #expect(try Child.run(["check", "--index", index]).status == 0)
        print("corruption test: \(damaged) damaged variants of \(try CorruptionTests.indexFiles(index).count) files")
    }

    /// With checksums at open turned off (as for files beyond the verification budget of a large
    /// index), the readers' own range checks must still turn damage into an error, not a crash.
    @Test func withoutChecksumsAtOpenDamageStillNeverTraps() throws {
        let work = TemporaryDirectory("corrupt-nocrc")
        let index = try CorruptionTests.makeIndex(work)
        var runs = 0, errors = 0
        var g = Corpus(seed: 99)
        for file in try CorruptionTests.indexFiles(index) where !file.hasPrefix("catalog-") && file != "manifest.json" {
            let path = index + "/" + file
            let original = try Data(contentsOf: URL(fileURLWithPath: path))
            for round in 0..<8 {
                var d = original
                // Several flipped bytes, or a run of 0xFF (huge varints and counts).
                if round % 3 == 2 {
                    let at = Int(g.next() % UInt64(d.count))
                    for i in at..<min(d.count, at + 9) { d[i] = 0xFF }
                } else {
                    for _ in 0..<(1 + round % 4) { d[Int(g.next() % UInt64(d.count))] ^= UInt8(1 + g.next() % 255) }
                }
                try d.write(to: URL(fileURLWithPath: path))
                defer { try? original.write(to: URL(fileURLWithPath: path)) }
                for arguments in [["--index", index, "--json", "--limit", "50", CorruptionTests.query],
                                  ["--index", index, "--explain", "--limit", "3", "\"oil prices\" OR bank*"]] {
                    let r = try Child.run(arguments, environment: ["MSEARCH_VERIFY_MB": "0"])
                    runs += 1
                    #expect(r.signal == nil, "\(file) round \(round): signal \(r.signal ?? 0)\n\(r.stderr.suffix(600))")
                    #expect([0, 1, 2].contains(r.status ?? -1))
                    if r.status == 2 {
                        errors += 1
                        #expect(r.stderr.contains("msearch:") && r.stderr.contains(index), "\(file): \(r.stderr)")
                    }
                }
            }
        }
        print("corruption test without checksums at open: \(runs) queries, \(errors) clean errors, no crash")
    }
}
