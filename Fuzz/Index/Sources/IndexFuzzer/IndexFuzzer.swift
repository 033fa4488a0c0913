// libFuzzer harness for the index readers. At start it builds a small real index (two segments,
// tombstones; terms in more than one postings block, so skip tables and several positions
// blocks, and one document with hundreds of positions of a term) in a private directory. Each input is one byte choosing a file of the first
// segment (terms, postings, positions, store, columns, tombstones) followed by that file's new
// content; the harness puts it in place, opens the index WITHOUT checksum verification (so the
// damage reaches the parsers, as it does for files beyond the verification budget of a large
// index), runs queries of every kind, loads and explains the hits, and runs the full checker.
// Errors are fine; a trap, a hang or a runaway allocation is a finding.
//
// With INDEX_FUZZER_SEEDS=DIR set, the real files are written to DIR as seed inputs first.
import Foundation
import MSearchIndex
import MSearchQuery
import MSearchSearch
import MSearchSources

let kinds = ["terms", "post", "pos", "store", "cols", "del"]
nonisolated(unsafe) var directory = ""
nonisolated(unsafe) var pristine: [String: [UInt8]] = [:]   // file name → bytes
nonisolated(unsafe) var targets: [String] = []              // file name per kind
// Parsed for each input, not kept in a global: LeakSanitizer cannot see Swift's tagged
// pointers to indirect enum payloads and would report a global query tree as leaked.
let queryTexts = [
    "havana", "\"oil prices\"", "visa*", "+cuba -sanctions", "title:election", "\"court ruling\"~2",
    "date:2023 talks", "bank OR rate OR inflation", "body:migrants",
]

@_cdecl("LLVMFuzzerInitialize")
public func initialize(_ argc: UnsafeMutablePointer<Int32>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>) -> CInt {
    let base = FileManager.default.fileExists(atPath: "/dev/shm") ? "/dev/shm" : NSTemporaryDirectory()
    directory = base + "/msearch-index-fuzz-\(getpid())"
    try? FileManager.default.removeItem(atPath: directory)
    let words = "havana cuba talks visa flights deportation migrants border minister oil prices bank rate inflation election court ruling sanctions protest"
        .split(separator: " ").map(String.init)
    do {
        let writer = try IndexWriter(directory: directory)
        for i in 0..<350 {
            var body = ""
            for j in 0..<(20 + i % 37) { body += words[(i * 7 + j * j) % words.count] + (j % 9 == 8 ? ". " : " ") }
            if i == 42 { body += String(repeating: "oil prices ", count: 200) }
            try writer.add(SourceDocument(id: "d\(i)", path: "d\(i).txt", title: words[i % words.count] + " " + words[(i / 3) % words.count],
                                          body: body, date: i % 4 == 0 ? "2023-0\(1 + i % 9)-1\(i % 10)" : nil, format: .text))
            if i == 299 { try writer.flush() }
        }
        try writer.commit()
        for i in stride(from: 0, to: 300, by: 7) { try writer.delete(id: "d\(i)") }
        try writer.commit()
        writer.close()
        let manifest = try Manifest.load(from: directory)
        let first = manifest.segments[0]
        targets = IndexFormat.FileExtension.allCases.map { "\(first.name).\($0.rawValue)" } + [first.deletes!.file]
        for name in targets { pristine[name] = Array(try Data(contentsOf: URL(fileURLWithPath: directory + "/" + name))) }
        if let seeds = ProcessInfo.processInfo.environment["INDEX_FUZZER_SEEDS"] {
            try FileManager.default.createDirectory(atPath: seeds, withIntermediateDirectories: true)
            for (k, name) in targets.enumerated() {
                try Data([UInt8(k)] + pristine[name]!).write(to: URL(fileURLWithPath: seeds + "/seed-\(kinds[k])"))
            }
        }
    } catch {
        fatalError("cannot build the index to fuzz: \(error)")
    }
    atexit { try? FileManager.default.removeItem(atPath: directory) }
    return 0
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard size >= 1 else { return 0 }
    let target = targets[Int(data[0]) % targets.count]
    let path = directory + "/" + target
    let content = Data(UnsafeBufferPointer(start: data + 1, count: size - 1))
    try? content.write(to: URL(fileURLWithPath: path))
    defer { try? Data(pristine[target]!).write(to: URL(fileURLWithPath: path)) }
    do {
        let reader = try IndexReader(directory: directory, verificationBudget: 0)
        let searcher = try Searcher(reader: reader)
        for text in queryTexts {
            let q = try! QueryParser().parse(text)
            do {
                let r = try searcher.search(q, limit: 5)
                for h in r.hits {
                    _ = try reader.document(h.doc)
                    _ = reader.externalId(h.doc)
                }
                if let h = r.hits.first { _ = try searcher.explain(q, doc: h.doc) }
                _ = try searcher.suggestions(for: q)
            } catch is IndexError {
                continue
            }
        }
    } catch is IndexError {
    } catch {
        fatalError("unexpected error type: \(error)")
    }
    // The checker reads every byte and must report, not trap.
    let report = IndexChecker.check(directory: directory)
    if content.elementsEqual(pristine[target]!), !report.isHealthy {
        fatalError("the pristine index fails the check: \(report.damaged)")
    }
    return 0
}
