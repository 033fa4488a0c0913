import Foundation
import Testing
import MSearchSources
@testable import MSearchExtraction

/// Writes predictions for shared/eval/actor_eval.py: MSEARCH_EVAL=1 reads /tmp/reuters.jsonl
/// (shared/peers/convert_reuters.py output) and writes /tmp/actors.jsonl.
@Test(.enabled(if: ProcessInfo.processInfo.environment["MSEARCH_EVAL"] == "1"))
func writeReutersPredictions() throws {
    let env = ProcessInfo.processInfo.environment
    let input = env["MSEARCH_EVAL_IN"] ?? "/tmp/reuters.jsonl"
    let output = env["MSEARCH_EVAL_OUT"] ?? "/tmp/actors.jsonl"
    let text = try String(contentsOfFile: input, encoding: .utf8)
    let extractor = Extractor()
    var docs: [SourceDocument] = []
    for line in text.split(separator: "\n") {
        guard let obj = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] else { continue }
        let id = "\(obj["id"] ?? "")"
        docs.append(SourceDocument(id: id, path: input, title: obj["title"] as? String ?? "", body: obj["body"] as? String ?? "",
                                   date: obj["date"] as? String, dateEvidence: "reuters DATE", format: .jsonl))
    }
    let start = Date()
    var results: [(String, Extraction)] = []
    for d in docs { results.append((d.id, extractor.extract(d))) }
    let seconds = Date().timeIntervalSince(start)
    var out = ""
    for (id, e) in results {
        let obj: [String: Any] = ["id": id, "actors": e.actors.map(\.name), "kinds": e.actors.map(\.kind.rawValue)]
        out += String(decoding: try JSONSerialization.data(withJSONObject: obj, options: [.sortedKeys]), as: UTF8.self) + "\n"
    }
    try out.write(toFile: output, atomically: true, encoding: .utf8)
    print("extracted \(docs.count) docs in \(String(format: "%.2f", seconds)) s -> \(output)")
}

/// MSEARCH_EVAL=seeds prints the seeds' extraction, for eyeballing.
@Test(.enabled(if: ProcessInfo.processInfo.environment["MSEARCH_EVAL"] == "seeds"))
func printSeeds() throws {
    let shared = try #require(sharedDir, "needs ../shared/seeds")
    let dir = shared + "/seeds"
    for f in try FileManager.default.contentsOfDirectory(atPath: dir).sorted() {
        let e = testExtractor.extract(seedDocument(dir + "/" + f))
        print("== \(f)\n date: \(e.publicationDate.map { "\($0.date) (\($0.evidence))" } ?? "nil")\n mentioned: \(e.mentionedDates)\n actors: \(e.actors.map { "\($0.name) [\($0.kind.rawValue)]" }.joined(separator: "; "))")
    }
}

/// MSEARCH_EVAL=file MSEARCH_EVAL_IN=FILE prints the extraction of one text file (title = first line).
@Test(.enabled(if: ProcessInfo.processInfo.environment["MSEARCH_EVAL"] == "file"))
func printFile() throws {
    let path = ProcessInfo.processInfo.environment["MSEARCH_EVAL_IN"] ?? "/tmp/doc.txt"
    let e = testExtractor.extract(seedDocument(path))
    print("date: \(e.publicationDate.map { "\($0.date) (\($0.evidence))" } ?? "nil")\nmentioned: \(e.mentionedDates)\nactors: \(e.actors.map { "\($0.name) [\($0.kind.rawValue)]" }.joined(separator: "; "))")
}

/// Publication dates of shared/corpora/html-readability-testpages through the real HTML reader:
/// prints every page's date next to the expected publishedTime, and fails below 94 % exact days.
@Test(.enabled(if: sharedDir != nil))
func htmlDates() throws {
    let shared = try #require(sharedDir)
    let dir = shared + "/corpora/html-readability-testpages/test-pages"
    var withExpected = 0, exact = 0, otherDated = 0, others = 0, textOnly = 0
    var lines: [String] = []
    for page in try FileManager.default.contentsOfDirectory(atPath: dir).sorted() {
        let meta = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: "\(dir)/\(page)/expected-metadata.json"))) as? [String: Any] ?? [:]
        let expected = (meta["publishedTime"] as? String).map { String($0.prefix(10)) }
        let docs = (try? SourceReader.read(fileAt: "\(dir)/\(page)/source.html")) ?? []
        let d = docs.first
        let e = d.map { Extractor().extract($0) }
        let got = e?.publicationDate
        let gotText = got.map { "\($0.date) [\($0.evidence)]" } ?? "nil"
        if let expected, let d {
            // the same page without the reader's metadata date: what the text rules alone find
            var bare = d
            bare.date = nil; bare.dateEvidence = nil
            let alone = Extractor().extract(bare).publicationDate
            if alone?.date.description == expected { textOnly += 1 }
            lines.append("     text rules alone: \(alone.map { "\($0.date) [\($0.evidence)]" } ?? "nil")")
        }
        if let expected {
            withExpected += 1
            let ok = got?.date.description == expected
            if ok { exact += 1 }
            lines.append("\(ok ? "OK  " : "MISS") \(page): expected \(expected) got \(gotText) meta=\(d?.date ?? "nil")")
        } else {
            others += 1
            if got != nil { otherDated += 1 }
            lines.append("--   \(page): got \(gotText) meta=\(d?.date ?? "nil") url=\(d?.url ?? "nil")")
        }
    }
    print(lines.joined(separator: "\n"))
    #expect(exact * 100 >= withExpected * 94, "publication day exact on \(exact)/\(withExpected) pages")
    print("exact day: \(exact)/\(withExpected) (text and URL rules alone, without metadata: \(textOnly)); dated among the others: \(otherDated)/\(others)")
}
