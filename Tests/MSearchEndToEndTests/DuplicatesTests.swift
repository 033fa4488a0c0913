import Foundation
import Testing
import MSearchCLI
import MSearchTestSupport

/// Issue #17, near-duplicates: three copies of one wire story (small edits, as outlets make
/// them) among unrelated articles collapse to one hit with "+2 similar" by default,
/// `--duplicates show` lists all three, JSON names the cluster and the similar ids, `show`
/// names the near-duplicates, and `similar ID` leaves the story's own copies out.
@Suite(.serialized) struct DuplicatesTests {
    static let story = """
        The port authority said on Tuesday that the harbour would reopen to container ships next \
        week after divers cleared the wreck of a cargo vessel that sank during the storm. Officials \
        expect the backlog of ships waiting offshore to clear within ten days, and the shipping \
        companies said insurers would cover most of the losses. Fishermen welcomed the news but \
        asked for compensation for the weeks they could not sail.
        """

    static let files: IndexedFiles = {
        let copies = [
            ("wire-a.txt", "Harbour to reopen after wreck cleared", story),
            ("wire-b.txt", "Harbour reopens next week", story.replacingOccurrences(of: "on Tuesday", with: "on Wednesday")),
            ("wire-c.txt", "Port to reopen harbour", story.replacingOccurrences(of: "ten days", with: "two weeks")),
        ]
        var files = Dictionary(uniqueKeysWithValues: copies.map { ($0.0, "\($0.1)\n\($0.2)\n") })
        files["storm.txt"] = """
            Storm damage in the harbour district
            The storm flooded streets near the harbour and cut power to thousands of homes. The city \
            council said repairs to the sea wall would take months and asked residents to stay away \
            from the waterfront while engineers inspect the damage to the old warehouses.

            """
        files["fishing.txt"] = """
            Fishermen demand compensation
            Fishermen from the northern coast marched to the ministry to demand compensation for a \
            season lost to quotas. Their union said ships had stayed in port for weeks and that many \
            families could no longer pay their loans, and it asked the minister to meet them.

            """
        files["budget.txt"] = """
            Council budget approved
            The council approved a budget that raises spending on schools and roads, after a long \
            debate about taxes. The mayor said the harbour improvements would wait for next year.

            """
        // Unrelated articles, so that the story's words are not in half the archive.
        let others = [
            "The orchestra opened its season with a symphony by a young composer from the south.",
            "Wheat prices fell for a third month as farmers brought in a record harvest.",
            "The football club sacked its coach after a run of seven defeats in the league.",
            "Scientists reported a new species of frog in the mountain forests of the island.",
            "The airline ordered forty aircraft to replace its ageing fleet by the end of the decade.",
            "A court in the capital jailed two former ministers for taking bribes from builders.",
        ]
        for (i, text) in others.enumerated() { files["other-\(i).txt"] = "Other news \(i)\n\(text)\n" }
        return try! IndexedFiles(files)
    }()

    /// `msearch [COMMAND] --index INDEX [--color never] ARGUMENTS` with the paths masked.
    func run(_ command: String? = nil, _ arguments: [String]) throws -> String {
        let index = DuplicatesTests.files.index.path
        let color = command == "show" ? [] : ["--color", "never"]
        let text = try transcript((command.map { [$0] } ?? []) + ["--index", index] + color + arguments, index: index)
        return Golden.masking(text, DuplicatesTests.files.sources.path, as: "$SOURCES")
    }

    @Test func aStoryAndItsCopiesAreOneHitWithTwoSimilar() throws {
        let out = try run(nil, ["harbour reopen"])
        Golden.check(out, named: "duplicates-collapsed")
        // The best-ranked copy (both words in its title) stands for the other two.
        #expect(out.contains("$SOURCES/wire-b.txt"))
        #expect(out.contains("+2 similar: wire-a, wire-c"))
        #expect(!out.contains("wire-a.txt") && !out.contains("wire-c.txt"))
        #expect(out.contains("3 results (5 matching articles, near-duplicates collapsed)"))
    }

    @Test func duplicatesShowListsEveryCopy() throws {
        let out = try run(nil, ["--duplicates", "show", "harbour reopen"])
        Golden.check(out, named: "duplicates-show")
        for copy in ["wire-a.txt", "wire-b.txt", "wire-c.txt"] { #expect(out.contains(copy)) }
        #expect(!out.contains("similar:"))
    }

    @Test func jsonNamesTheClusterAndTheSimilarIds() throws {
        let index = DuplicatesTests.files.index.path
        let r = try MSearchBinary.run(["--index", index, "--json", "harbour reopen"])
        let record = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        let hits = try #require(record["hits"] as? [[String: Any]])
        let wire = try #require(hits.first { ($0["id"] as? String)?.hasPrefix("wire-") == true })
        #expect(wire["cluster"] as? String == "wire-a")
        #expect(Set(wire["similar"] as? [String] ?? []) == Set(["wire-a", "wire-b", "wire-c"]).subtracting([wire["id"] as! String]))
        // The total counts articles; the list has one result per cluster.
        #expect(record["total"] as? Int == hits.count + 2)
        #expect(record["results"] as? Int == hits.count)
        #expect(hits.filter { $0["cluster"] == nil }.allSatisfy { $0["similar"] == nil })
    }

    /// `msearch export` names each copy's cluster (as the OpenSearch documents do), and no
    /// cluster for an article without near-duplicates.
    @Test func exportNamesTheClusterOfEachCopy() throws {
        let r = try MSearchBinary.run(["export", "--index", DuplicatesTests.files.index.path])
        #expect(r.status == 0, "\(r.stderr)")
        var clusters: [String: String] = [:]
        for line in r.stdout.split(separator: "\n") {
            let record = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            if let cluster = record["cluster"] as? String { clusters[record["id"] as! String] = cluster }
        }
        #expect(clusters == ["wire-a": "wire-a", "wire-b": "wire-a", "wire-c": "wire-a"])
    }

    @Test func sortedByDateTheEarliestCopyRepresentsTheCluster() throws {
        let index = DuplicatesTests.files.index.path
        let r = try MSearchBinary.run(["--index", index, "--json", "--sort", "newest", "harbour reopen"])
        let record = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        let ids = (record["hits"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
        #expect(ids.filter { $0.hasPrefix("wire-") }.count == 1)
    }

    @Test func showNamesTheNearDuplicatesAndSimilarLeavesThemOut() throws {
        let show = try run("show", ["wire-b"])
        #expect(show.contains("near-duplicates: wire-a, wire-c"))
        let similar = try run("similar", ["wire-a"])
        Golden.check(similar, named: "duplicates-similar")
        #expect(!similar.contains("wire-a.txt") && !similar.contains("wire-b.txt") && !similar.contains("wire-c.txt"))
        #expect(similar.contains("fishing.txt"))
        let all = try run("similar", ["--duplicates", "show", "wire-a"])
        #expect(all.contains("wire-b.txt") && all.contains("wire-c.txt"))
        #expect(!all.contains("wire-a.txt"))
        let missing = try run("similar", ["nope"])
        #expect(missing.contains("no document with id nope"))
    }

    @Test func theReplCollapsesAndListsSimilarArticles() throws {
        let printed = try replTranscript(indexDirectory: DuplicatesTests.files.index.path,
                                         lines: ["harbour reopen", ":similar 1", ":duplicates show", "harbour reopen", ":duplicates twice"])
        #expect(printed.contains("+2 similar"))
        #expect(printed.contains("showing near-duplicates"))
        #expect(printed.contains("wire-a.txt") && printed.contains("wire-c.txt"))
        #expect(printed.contains("fishing.txt"))
        #expect(printed.contains("twice"))
    }
}
