import Foundation
import MSearchTestSupport
import Testing

/// `msearch export --to opensearch` and `msearch translate`, checked against the official
/// OpenSearch API specification in ../shared/reference by scripts/opensearch-validate.py
/// (Python with jsonschema and pyyaml): no OpenSearch server runs here, the specification is
/// the contract.
@Suite(.serialized) struct OpenSearchExportTests {
    static let spec = TestData.shared.map { $0 + "/reference/opensearch-api-specification/spec" }
    static let script = TestData.packageRoot + "/scripts/opensearch-validate.py"

    /// The validator's verdict, or nil (with the reason recorded as a skip note) when it cannot run.
    static func validate(_ mode: String, _ files: [String]) throws -> MSearchBinary.Result? {
        guard let spec, FileManager.default.fileExists(atPath: spec) else {
            print("skipped: the OpenSearch specification is not in ../shared/reference")
            return nil
        }
        // python3 as the PATH finds it (where pip installed jsonschema), not necessarily /usr/bin's.
        let result = try MSearchBinary.run(["python3", script, spec, mode] + files, executable: "/usr/bin/env")
        if result.status == 3 {
            print("skipped: \(result.stderr)")
            return nil
        }
        return result
    }

    static func export(_ index: String, bulkMB: Int? = nil) throws -> (TemporaryDirectory, MSearchBinary.Result) {
        let out = TemporaryDirectory("opensearch")
        let folder = out.sub("out")
        let result = try MSearchBinary.run(["export", "--index", index, "--to", "opensearch", folder]
                                           + (bulkMB.map { ["--bulk-mb", String($0)] } ?? []))
        return (out, result)
    }

    static func bulkFiles(_ folder: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasPrefix("bulk-") }.sorted().map { folder + "/" + $0 }
    }

    static let seedIndex: IndexedFiles? = {
        var files: [String: String] = [:]
        for name in (try? FileManager.default.contentsOfDirectory(atPath: TestData.seeds)) ?? [] where !name.hasPrefix(".") {
            if let text = try? String(contentsOfFile: TestData.seeds + "/" + name, encoding: .utf8) { files[name] = text }
        }
        return try? IndexedFiles(files)
    }()

    @Test func seedExportValidatesAndIsDeterministic() throws {
        let index = try #require(Self.seedIndex).index.path
        let (first, r1) = try Self.export(index)
        #expect(r1.status == 0, "\(r1.stderr)")
        let (second, _) = try Self.export(index)
        for name in ["index.json", "README.txt", "bulk-0001.ndjson"] {
            let a = try Data(contentsOf: URL(fileURLWithPath: first.sub("out/" + name)))
            let b = try Data(contentsOf: URL(fileURLWithPath: second.sub("out/" + name)))
            #expect(a == b, "\(name) differs between two exports of one index")
        }
        let bulk = try String(contentsOfFile: first.sub("out/bulk-0001.ndjson"), encoding: .utf8)
        #expect(bulk.split(separator: "\n").count == 2 * 5, "five seed documents, an action line each")
        #expect(bulk.contains("\"published_precision\":\"day\""))
        #expect(bulk.contains("\"actors\":[{\"name\":"))
        guard let created = try Self.validate("index", [first.sub("out/index.json")]) else { return }
        #expect(created.status == 0, "\(created.stdout)\(created.stderr)")
        let loaded = try #require(try Self.validate("bulk", ["--mapping=" + first.sub("out/index.json")] + Self.bulkFiles(first.sub("out"))))
        #expect(loaded.status == 0, "\(loaded.stdout)\(loaded.stderr)")
    }

    @Test func exportRefusesAFolderThatIsNotEmpty() throws {
        let index = try #require(Self.seedIndex).index.path
        let out = TemporaryDirectory("opensearch")
        _ = try out.write("notes.txt", "mine")
        let result = try MSearchBinary.run(["export", "--index", index, "--to", "opensearch", out.path])
        #expect(result.status == 2)
        #expect(result.stderr.contains("is not empty"))
        #expect(try String(contentsOfFile: out.sub("notes.txt"), encoding: .utf8) == "mine")
    }

    /// Bulk files stop at --bulk-mb (one document never split from its action line).
    @Test func bulkFilesSplitAtTheSizeAsked() throws {
        // Six articles of ~300 KB: 1.8 MB of bulk bodies, two or more files at 1 MiB.
        var files: [String: String] = [:]
        for i in 0..<6 {
            files["a\(i).txt"] = "Article \(i)\n\n" + String(repeating: "Harbour officials counted the ships again. ", count: 7_000)
        }
        // Without extraction: the split, not the actors, is under test (and debug extraction is slow).
        let indexed = try IndexedFiles(files, options: ["--no-extract"])
        let (out, result) = try Self.export(indexed.index.path, bulkMB: 1)
        #expect(result.status == 0, "\(result.stderr)")
        let bulks = try Self.bulkFiles(out.sub("out"))
        #expect(bulks.count >= 2)
        var documents = 0
        for file in bulks {
            let size = try FileManager.default.attributesOfItem(atPath: file)[.size] as? Int ?? 0
            #expect(size <= 1 << 20, "\(file) has \(size) bytes")
            let lines = try String(contentsOfFile: file, encoding: .utf8).split(separator: "\n")
            #expect(lines.count % 2 == 0)
            documents += lines.count / 2
        }
        #expect(documents == 6)
    }

    /// The validator itself: bodies that break the specification are refused, each for its reason.
    @Test func validatorRejectsBadBodies() throws {
        let dir = TemporaryDirectory("bad-bodies")
        let search = try dir.write("search.jsonl", """
            {"query":{"match":{"text":{"query":"cuba","operator":"or"}}},"size":10,"sort":["_score",{"id":{"order":"asc"}}]}
            {"query":{"matchh":{"text":"cuba"}}}
            {"query":{"match_phrase":{"text":{"query":"visa talks","slop":"three"}}}}
            {"size":"ten"}
            {"query":{"bool":{"must":[{"match_all":{}}],"shoud":[]}}}

            """)
        let mapping = try dir.write("index.json", """
            {"mappings":{"dynamic":"strict","properties":{"id":{"type":"keyword"},"published":{"type":"date","format":"yyyy-MM-dd"}}}}
            """)
        let bulk = try dir.write("bulk.ndjson", """
            {"index":{"_id":"a"}}
            {"id":"a","published":"2023-11-14"}
            {"index":{"_id":"b","colour":"red"}}
            {"id":"b"}
            {"index":{"_id":"c"}}
            {"id":"c","title":"not in the mapping"}
            {"index":{"_id":"d"}}
            {"id":"d","published":"2023-02-30"}

            """)
        guard let searched = try Self.validate("search", [search]) else { return }
        #expect(searched.status == 1)
        let problems = searched.stdout.split(separator: "\n").map(String.init)
        #expect(!problems.contains { $0.contains(":1:") }, "the valid body passes: \(problems)")
        for line in 2...5 { #expect(problems.contains { $0.contains("search.jsonl:\(line):") }, "line \(line) refused: \(problems)") }
        let loaded = try #require(try Self.validate("bulk", ["--mapping=" + mapping, bulk]))
        #expect(loaded.status == 1)
        let bulkProblems = loaded.stdout.split(separator: "\n").map(String.init)
        #expect(!bulkProblems.contains { $0.contains(":1:") || $0.contains(":2:") }, "\(bulkProblems)")
        #expect(bulkProblems.contains { $0.contains(":3:") && $0.contains("colour") })
        #expect(bulkProblems.contains { $0.contains(":6:") && $0.contains("title") })
        #expect(bulkProblems.contains { $0.contains(":8:") && $0.contains("2023-02-30") })
        let created = try #require(try Self.validate("index", [try dir.write("bad-index.json", #"{"settings":{"analysis":{"filter":{"s":{"type":"snowball","language":"Klingon"}}}}}"#)]))
        #expect(created.status == 1, "an unknown Snowball language is refused: \(created.stdout)")
    }

    /// A mostly German archive with an English article: the exported search analysers drop
    /// what msearch drops there (German's stop words, not English's), and a word is looked up in
    /// each language's sub-field as msearch analyses it once per language; with --lang only in
    /// that language's.
    @Test func multilingualExportMirrorsPerLanguageAnalysis() throws {
        var lines = ""
        for (article, lang) in LanguageTests.german.map({ ($0, "de") }) + [(LanguageTests.english[0], "en")] {
            let object: [String: String] = ["id": article.0, "title": article.1, "body": article.2, "lang": lang]
            lines += String(decoding: try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]), as: UTF8.self) + "\n"
        }
        let indexed = try IndexedFiles(["mixed.jsonl": lines], options: ["--no-extract"])
        let (out, result) = try Self.export(indexed.index.path)
        #expect(result.status == 0, "\(result.stderr)")
        let created = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: out.sub("out/index.json")))) as? [String: Any]
        let analysis = (created?["settings"] as? [String: Any])?["analysis"] as? [String: Any]
        let stop = ((analysis?["filter"] as? [String: Any])?["msearch_stop"] as? [String: Any])?["stopwords"] as? [String] ?? []
        #expect(stop.contains("und") && stop.contains("die") && stop.contains("uber"), "German's list, folded: \(stop.prefix(40))")
        #expect(!stop.contains("the"), "English is one article of four")
        let properties = ((created?["mappings"] as? [String: Any])?["properties"] as? [String: Any]) ?? [:]
        let subfields = ((properties["text"] as? [String: Any])?["fields"] as? [String: Any]) ?? [:]
        #expect(subfields["german"] != nil, "\(properties["text"] ?? "no text field")")

        let everywhere = try MSearchBinary.run(["translate", "--index", indexed.index.path, "Verhandlung"])
        #expect(everywhere.status == 0, "\(everywhere.stderr)")
        #expect(everywhere.stdout.contains("\"dis_max\""))
        #expect(everywhere.stdout.contains("{\"match\":{\"text\":{") && everywhere.stdout.contains("{\"match\":{\"text.german\":{"))
        #expect(everywhere.stderr.contains("analysed in 2 ways (english, german)"), "\(everywhere.stderr)")
        let german = try MSearchBinary.run(["translate", "--index", indexed.index.path, "--lang", "de", "--facets", "title:Verhandlung"])
        #expect(german.status == 0, "\(german.stderr)")
        #expect(!german.stdout.contains("dis_max") && german.stdout.contains("{\"match\":{\"title.german\":{"), "\(german.stdout)")
        #expect(german.stdout.contains("{\"term\":{\"language\":\"de\"}}"), "\(german.stdout)")
        #expect(german.stdout.contains("\"language\":{\"terms\":{\"field\":\"language\""), "the language facet: \(german.stdout)")
        let bodies = try out.write("requests.jsonl", everywhere.stdout + german.stdout)
        guard let checked = try Self.validate("search", [bodies]) else { return }
        #expect(checked.status == 0, "\(checked.stdout)")
        let loaded = try #require(try Self.validate("index", [out.sub("out/index.json")]))
        #expect(loaded.status == 0, "\(loaded.stdout)")
    }

    /// Every query string of the query-language suite (Tests/MSearchQueryTests), translated
    /// by `msearch batch --translate opensearch` with and without the session's options, validates.
    @Test func everyQueryOfTheQuerySuiteTranslatesToAValidSearch() throws {
        let index = try #require(Self.seedIndex).index.path
        let queries = try QuerySuiteStrings.all()
        #expect(queries.count > 100, "found \(queries.count) queries")
        let dir = TemporaryDirectory("translate")
        let input = try dir.write("queries.txt", queries.enumerated().map { "q\($0.offset)\t\($0.element)" }.joined(separator: "\n") + "\n")
        for options in [[], ["--and", "--facets", "--sort", "newest", "--from", "2023-01", "--to", "2025-06-30", "--actor", "Trump",
                             "--undated", "include", "--limit", "5", "--offset", "5", "--passages", "2"]] {
            let result = try MSearchBinary.run(["batch", "--index", index, "--translate", "opensearch"] + options + [input])
            let records = result.stdout.split(separator: "\n")
            #expect(records.count == queries.count, "\(result.stderr)")
            // The few strings the suite parses to see them refused are error records, as in
            // every batch run; every query that parses must give a valid request.
            let requests = records.filter { !$0.contains("\"error\":{\"message\"") }
            #expect(records.count - requests.count <= 5, "\(records.count - requests.count) queries refused")
            let out = try dir.write("requests.jsonl", requests.joined(separator: "\n") + "\n")
            guard let checked = try Self.validate("search", [out]) else { return }
            #expect(checked.status == 0, "options \(options): \(checked.stdout.prefix(3000))")
        }
    }
}

/// The query strings the query-language tests parse: every string literal passed to their
/// `parse(…)` helper, read from the test sources so the list follows the suite.
enum QuerySuiteStrings {
    static func all() throws -> [String] {
        let folder = TestData.packageRoot + "/Tests/MSearchQueryTests"
        var found: [String] = []
        for name in try FileManager.default.contentsOfDirectory(atPath: folder).sorted() where name.hasSuffix(".swift") {
            let source = try String(contentsOfFile: folder + "/" + name, encoding: .utf8)
            var rest = Substring(source)
            while let call = rest.range(of: "parse(\"") {
                rest = rest[call.upperBound...]
                guard let (literal, after) = stringLiteral(rest) else { continue }
                rest = after
                // A line of the batch input is one query.
                if !literal.contains("\n") && !literal.contains("\r") && !literal.trimmingCharacters(in: .whitespaces).isEmpty
                    && !literal.hasPrefix("#") {
                    found.append(literal)
                }
            }
        }
        return found
    }

    /// A Swift string literal's value up to its closing quote (escapes \" \\ \t \n \u{…}),
    /// or nil for one with interpolation.
    private static func stringLiteral(_ s: Substring) -> (String, Substring)? {
        var value = ""
        var i = s.startIndex
        while i < s.endIndex {
            let c = s[i]
            if c == "\"" { return (value, s[s.index(after: i)...]) }
            if c == "\\" {
                i = s.index(after: i)
                guard i < s.endIndex else { return nil }
                switch s[i] {
                case "t": value.append("\t")
                case "n": value.append("\n")
                case "r": value.append("\r")
                case "0": value.append("\0")
                case "u":
                    guard let close = s[i...].firstIndex(of: "}"), let open = s[i...].firstIndex(of: "{"),
                          let code = UInt32(s[s.index(after: open)..<close], radix: 16), let scalar = Unicode.Scalar(code) else { return nil }
                    value.unicodeScalars.append(scalar)
                    i = close
                case "(": return nil
                default: value.append(s[i])
                }
            } else {
                value.append(c)
            }
            i = s.index(after: i)
        }
        return nil
    }
}
