import Foundation
import Testing
import MSearchTestSupport

/// `msearch index --store none`: no text in the index, titles and snippets re-read from the
/// sources. Checked through the real binary against an index that keeps the text.
@Suite(.serialized) struct StoreNoneTests {
    /// The seeds plus a JSON Lines file (several documents in one file), in a scratch folder
    /// the tests may change.
    static func corpus() throws -> TemporaryDirectory {
        let dir = TemporaryDirectory()
        let fm = FileManager.default
        for name in try fm.contentsOfDirectory(atPath: TestData.seeds) {
            try fm.copyItem(atPath: TestData.seeds + "/" + name, toPath: dir.path + "/" + name)
        }
        let lines = [
            #"{"id": "j1", "title": "Havana harbour reopens", "date": "2023-05-01", "body": "The harbour of Havana reopened to cargo ships after repairs."}"#,
            #"{"id": "j2", "title": "Flights resume", "date": "2023-05-02", "body": "Charter flights between Miami and Havana resume next week, officials said."}"#,
            #"{"id": "j3", "title": "Sugar harvest", "date": "2023-05-03", "body": "The sugar harvest fell short of the plan for the third year."}"#,
        ]
        try (lines.joined(separator: "\n") + "\n").write(toFile: dir.path + "/extra.jsonl", atomically: true, encoding: .utf8)
        return dir
    }

    static func index(_ corpus: String, store: String) throws -> TemporaryDirectory {
        let dir = TemporaryDirectory()
        let r = try MSearchBinary.run(["index", "--quiet", "--index", dir.path, "--store", store, corpus])
        #expect(r.status == 0, "\(r.stderr)")
        return dir
    }

    static func hits(_ index: String, _ query: String) throws -> [[String: Any]] {
        let r = try MSearchBinary.run(["--index", index, "--json", "--limit", "10", query])
        let object = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any]
        return object?["hits"] as? [[String: Any]] ?? []
    }

    /// What a reader sees of a hit: id, title, path, snippet and highlights.
    static func shown(_ hits: [[String: Any]]) -> [String] {
        hits.map { h in
            ["id", "title", "snippet", "path", "date"].map { "\(h[$0] ?? "-")" }.joined(separator: " | ")
                + " | \(h["highlights"] ?? "-") | \(h["source_changed"] ?? "-")"
        }
    }

    static func storeBytes(_ index: String) throws -> Int {
        try FileManager.default.contentsOfDirectory(atPath: index).filter { $0.hasSuffix(".store") }
            .reduce(0) { $0 + ((try FileManager.default.attributesOfItem(atPath: index + "/" + $1)[.size] as? Int) ?? 0) }
    }

    @Test func snippetsTitlesAndShowEqualTheStoredTextIndexes() throws {
        let corpus = try StoreNoneTests.corpus()
        let text = try StoreNoneTests.index(corpus.path, store: "text")
        let none = try StoreNoneTests.index(corpus.path, store: "none")
        #expect(try StoreNoneTests.storeBytes(none.path) < StoreNoneTests.storeBytes(text.path) / 2)
        for query in ["deportation flights", "cossio", "havana", "\"charter flights\"", "sugar harvest", "title:havana"] {
            let a = try StoreNoneTests.hits(text.path, query), b = try StoreNoneTests.hits(none.path, query)
            #expect(!a.isEmpty, "\(query)")
            #expect(StoreNoneTests.shown(a) == StoreNoneTests.shown(b), "\(query)")
        }
        for id in ["000_c4b4ea99a195a7db", "j2"] {
            let a = try MSearchBinary.run(["show", "--index", text.path, "--json", id])
            let b = try MSearchBinary.run(["show", "--index", none.path, "--json", id])
            #expect(a.status == 0 && a.stdout == b.stdout, "\(id)")
        }
        let check = try MSearchBinary.run(["check", "--index", none.path])
        #expect(check.status == 0, "\(check.stdout) \(check.stderr)")
    }

    @Test func theModeIsRememberedAndChangedSourcesAreReported() throws {
        let corpus = try StoreNoneTests.corpus()
        let none = try StoreNoneTests.index(corpus.path, store: "none")
        let manifest = try String(contentsOfFile: none.path + "/manifest.json", encoding: .utf8)
        #expect(manifest.contains(#""store" : "none""#))

        // Asking an existing index for the other mode is refused; --rebuild may change it.
        let mismatch = try MSearchBinary.run(["index", "--quiet", "--index", none.path, "--store", "text", corpus.path])
        #expect(mismatch.status == 2 && mismatch.stderr.contains("--store none"))

        // A source edited after indexing: its hit shows the id and the notice, not stale text.
        let seed = corpus.path + "/000_c4b4ea99a195a7db.txt"
        let original = try String(contentsOfFile: seed, encoding: .utf8)
        try (original + "\nAn added paragraph.\n").write(toFile: seed, atomically: true, encoding: .utf8)
        let hits = try StoreNoneTests.hits(none.path, "deportation flights")
        let changed = try #require(hits.first { $0["id"] as? String == "000_c4b4ea99a195a7db" })
        #expect(changed["source_changed"] as? String == "source changed since indexing; run msearch index")
        #expect(changed["snippet"] as? String == "")
        let others = hits.filter { $0["id"] as? String != "000_c4b4ea99a195a7db" }
        #expect(!others.isEmpty && others.allSatisfy { $0["source_changed"] == nil && !($0["snippet"] as? String ?? "").isEmpty })
        let plain = try MSearchBinary.run(["--index", none.path, "--color", "never", "deportation flights"])
        #expect(plain.stdout.contains("000_c4b4ea99a195a7db\n") && plain.stdout.contains("source changed since indexing; run msearch index"))

        // A vanished multi-document file too.
        try FileManager.default.removeItem(atPath: corpus.path + "/extra.jsonl")
        let gone = try StoreNoneTests.hits(none.path, "sugar harvest")
        #expect(gone.first?["source_changed"] != nil)

        // An update (without --store) keeps the mode, re-indexes the edited file and deletes
        // the vanished one's documents: no notice any more, and the index checks clean.
        let update = try MSearchBinary.run(["index", "--quiet", "--prune", "--index", none.path, corpus.path])
        #expect(update.status == 0, "\(update.stderr)")
        #expect(try String(contentsOfFile: none.path + "/manifest.json", encoding: .utf8).contains(#""store" : "none""#))
        let fresh = try StoreNoneTests.hits(none.path, "deportation flights")
        #expect(fresh.first?["id"] as? String == "000_c4b4ea99a195a7db" && fresh.first?["source_changed"] == nil)
        #expect(try StoreNoneTests.hits(none.path, "sugar harvest").isEmpty)
        let optimize = try MSearchBinary.run(["optimize", "--index", none.path])
        #expect(optimize.status == 0, "\(optimize.stderr)")
        let check = try MSearchBinary.run(["check", "--index", none.path])
        #expect(check.status == 0, "\(check.stdout) \(check.stderr)")
        // After the merge the re-read text still gives the same snippets as a fresh text index.
        let text = try StoreNoneTests.index(corpus.path, store: "text")
        #expect(StoreNoneTests.shown(try StoreNoneTests.hits(text.path, "havana")) == StoreNoneTests.shown(try StoreNoneTests.hits(none.path, "havana")))
    }
}
