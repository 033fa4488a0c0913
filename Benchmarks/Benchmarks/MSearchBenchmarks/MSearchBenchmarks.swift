// Micro-benchmarks for msearch's hot paths (issue #5). Run from Benchmarks/:
//   swift package benchmark
// Data: Reuters-21578 from ../../shared/corpora/reuters21578 (or $MSEARCH_BENCH_REUTERS) when
// present, else generated text. The index is built once per process, in a temp dir.
import Benchmark
import Foundation
import MSearchAnalysis
import MSearchIndex
import MSearchQuery
import MSearchSearch
import MSearchSources

// MARK: - Fixture (built lazily, once per benchmark process)

final class Fixture: @unchecked Sendable {
    let documents: [SourceDocument]
    let source: String
    /// About 4 MiB of document text (title + body), cut at a document boundary.
    let text: [UInt8]
    let indexDirectory: String
    let reader: IndexReader
    let searcher: Searcher
    /// Distinct analysed terms of the corpus, in first-seen order (at most 2,000).
    let terms: [String]
    /// The harness's 2–3-word speed queries (words in 0.1–1 % of Reuters' docs), or a fixed set.
    let midFrequencyQueries: [String]
    /// Queries of frequent news words (long posting lists).
    let commonQueries = ["oil prices", "trade deficit", "interest rates", "bank shares", "company said",
                         "net profit", "stock exchange", "federal reserve", "crude oil production",
                         "tonnes of wheat"]

    init() {
        let env = ProcessInfo.processInfo.environment
        let here = URL(fileURLWithPath: #filePath)
        let repo = here.deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        let shared = repo.deletingLastPathComponent().appendingPathComponent("shared")
        let reutersDir = env["MSEARCH_BENCH_REUTERS"] ?? shared.appendingPathComponent("corpora/reuters21578").path
        var docs: [SourceDocument] = []
        if let names = try? FileManager.default.contentsOfDirectory(atPath: reutersDir) {
            for name in names.sorted() where name.hasSuffix(".sgm") {
                docs += SourceReader.readAll(fileAt: reutersDir + "/" + name).documents
            }
        }
        if docs.isEmpty {
            docs = Fixture.syntheticDocuments(count: 20_000)
            source = "synthetic (20,000 generated docs; Reuters not found at \(reutersDir))"
        } else {
            source = "Reuters-21578 (\(docs.count) docs from \(reutersDir))"
        }
        documents = docs

        var t: [UInt8] = []
        for d in docs {
            t += Array(d.title.utf8); t.append(10); t += Array(d.body.utf8); t.append(10)
            if t.count >= 4 << 20 { break }
        }
        text = t

        indexDirectory = NSTemporaryDirectory() + "msearch-bench-\(getpid())"
        try? FileManager.default.removeItem(atPath: indexDirectory)
        do {
            let writer = try IndexWriter(directory: indexDirectory)
            for d in docs { try writer.add(d) }
            try writer.commit()
            writer.close()
            reader = try IndexReader(directory: indexDirectory)
            searcher = try Searcher(reader: reader)
        } catch {
            fatalError("building the benchmark index: \(error)")
        }

        let analyzer = try! Analyzer(.default)
        var seen = Set<String>(), list: [String] = []
        for d in docs.prefix(500) {
            analyzer.analyze(d.body) { bytes, _ in
                let s = String(decoding: bytes, as: UTF8.self)
                if list.count < 2_000, seen.insert(s).inserted { list.append(s) }
            }
        }
        terms = list

        let queryFile = shared.appendingPathComponent("peers/queries/reuters-midfreq-50.tsv").path
        if docs.count > 20_000, let q = try? String(contentsOfFile: queryFile, encoding: .utf8) {
            midFrequencyQueries = q.split(separator: "\n").compactMap { line in
                line.split(separator: "\t", maxSplits: 1).last.map(String.init)
            }
        } else {
            midFrequencyQueries = ["apparent legislators", "handled detroit", "cleveland satisfactory",
                                   "quarterly dividend payable", "shareholders approved merger"]
        }
        print("msearch benchmarks: \(source); text \(text.count) bytes; index \(reader.documentCount) docs, "
              + "\(reader.segments.count) segment(s); \(terms.count) lookup terms; "
              + "\(midFrequencyQueries.count) mid-frequency queries")
    }

    deinit { try? FileManager.default.removeItem(atPath: indexDirectory) }

    static func syntheticDocuments(count: Int) -> [SourceDocument] {
        var rng = SplitMix64(seed: 42)
        let words = (0..<20_000).map { i -> String in
            let letters = Array("abcdefghijklmnopqrstuvwxyz")
            var w = ""
            var n = i + 1
            while n > 0 { w.append(letters[n % 26]); n /= 26 }
            return w + "s"
        }
        return (0..<count).map { i in
            // Zipf-like: low word ranks are drawn far more often.
            func word() -> String { words[Int(Double(words.count) * pow(Double(rng.next() % 1_000_000) / 1e6, 3))] }
            let title = (0..<6).map { _ in word() }.joined(separator: " ")
            let body = (0..<120).map { _ in word() }.joined(separator: " ")
            let year = 2015 + i % 10, month = 1 + i % 12
            return SourceDocument(id: "syn-\(i)", path: "synthetic", title: title, body: body,
                                  date: String(format: "%04d-%02d-01", year, month), format: .text)
        }
    }
}

struct SplitMix64 {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9e37_79b9_7f4a_7c15
        var z = state
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        return z ^ (z >> 31)
    }
}

nonisolated(unsafe) var _fixture: Fixture?
func fixture() -> Fixture {
    if let f = _fixture { return f }
    let f = Fixture()
    _fixture = f
    // Each benchmark runs in its own process, which exits without deinitialising globals.
    atexit { if let f = _fixture { try? FileManager.default.removeItem(atPath: f.indexDirectory) } }
    return f
}

// MARK: - Benchmarks

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .throughput, .mallocCountTotal],
        warmupIterations: 3,
        maxDuration: .seconds(2),
        maxIterations: 1_000
    )

    // Analysis: tokenise, lower-case, fold accents and stem ~4 MiB of text per iteration.
    // MB/s = text MB / wall time (the size is printed at start-up).
    Benchmark("Analyzer: analyze 4 MiB of text", configuration: .init(maxIterations: 30)) { benchmark in
        let f = fixture()
        let analyzer = try Analyzer(.default)
        for _ in benchmark.scaledIterations {
            var tokens = 0
            f.text.withUnsafeBufferPointer { buf in
                analyzer.analyze(buf) { _, _ in tokens &+= 1 }
            }
            blackHole(tokens)
        }
    }

    // Postings compression: 1,000 blocks of 128 values at 7 bits (a typical doc-gap width).
    let blockValues: [UInt32] = {
        var rng = SplitMix64(seed: 7)
        return (0..<128).map { _ in UInt32(rng.next() % 128) }
    }()
    Benchmark("BitPacking.pack: 1000 blocks x 128 values, 7 bits") { benchmark in
        var out = ByteBuffer(capacity: 1_000 * 128)
        for _ in benchmark.scaledIterations {
            out.removeAll()
            blockValues.withUnsafeBufferPointer { v in
                for _ in 0..<1_000 { BitPacking.pack(v, width: 7, into: &out) }
            }
            blackHole(out.count)
        }
    }
    Benchmark("BitPacking.unpack: 1000 blocks x 128 values, 7 bits") { benchmark in
        var packed = ByteBuffer()
        blockValues.withUnsafeBufferPointer { BitPacking.pack($0, width: 7, into: &packed) }
        let bytes = packed.bytes + [UInt8](repeating: 0, count: 8)
        let out = UnsafeMutablePointer<UInt32>.allocate(capacity: 128)
        defer { out.deallocate() }
        for _ in benchmark.scaledIterations {
            var sum: UInt32 = 0
            bytes.withUnsafeBytes { raw in
                for _ in 0..<1_000 {
                    BitPacking.unpack(raw.baseAddress!, count: 128, width: 7, into: out)
                    sum &+= out[127]
                }
            }
            blackHole(sum)
        }
    }

    // Postings iteration: walk every posting of the 20 most frequent of the lookup terms.
    Benchmark("PostingsCursor: iterate 20 frequent terms") { benchmark in
        let f = fixture()
        var infos: [(SegmentReader, TermInfo)] = []
        for segment in f.reader.segments {
            for t in f.terms { if let i = try segment.terms.lookup(t) { infos.append((segment, i)) } }
        }
        infos.sort { $0.1.documentFrequency > $1.1.documentFrequency }
        infos = Array(infos.prefix(20))
        let postings = infos.reduce(0) { $0 + $1.1.documentFrequency }
        print("PostingsCursor benchmark: \(postings) postings per iteration")
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            var sum = 0
            for (segment, info) in infos {
                let cursor = try segment.postings(info)
                try cursor.start()
                while cursor.doc != PostingsCursor.exhausted {
                    sum &+= Int(cursor.termFrequency)
                    try cursor.next()
                }
            }
            blackHole(sum)
        }
    }

    // Term dictionary: look up 2,000 distinct terms (all present).
    Benchmark("TermDictionary.lookup: 2000 terms") { benchmark in
        let f = fixture()
        let segment = f.reader.segments[0]
        let keys = f.terms.map { Array($0.utf8) }
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            var found = 0
            for k in keys {
                if try k.withUnsafeBufferPointer({ try segment.terms.lookup($0) }) != nil { found += 1 }
            }
            blackHole(found)
        }
    }

    // Top-k queries (k = 100), each iteration runs the whole query set once.
    func queryBenchmark(_ name: String, _ queries: @escaping (Fixture) throws -> [Query], exactTotal: Bool) {
        Benchmark(name) { benchmark in
            let f = fixture()
            let qs = try queries(f)
            benchmark.startMeasurement()
            for _ in benchmark.scaledIterations {
                var hits = 0
                for q in qs { hits += try f.searcher.search(q, limit: 100, exactTotal: exactTotal).hits.count }
                blackHole(hits)
            }
        }
    }
    let or = QueryParser(), and = QueryParser(defaultOperator: .and)
    queryBenchmark("Search OR top-100 (MaxScore): 50 mid-frequency queries",
                   { try $0.midFrequencyQueries.map { try or.parse($0) } }, exactTotal: false)
    queryBenchmark("Search OR top-100 (exact total): 50 mid-frequency queries",
                   { try $0.midFrequencyQueries.map { try or.parse($0) } }, exactTotal: true)
    queryBenchmark("Search OR top-100 (MaxScore): 10 common-word queries",
                   { try $0.commonQueries.map { try or.parse($0) } }, exactTotal: false)
    queryBenchmark("Search AND top-100: 10 common-word queries",
                   { try $0.commonQueries.map { try and.parse($0) } }, exactTotal: true)
    queryBenchmark("Search phrase top-100: 10 common-word queries",
                   { $0.commonQueries.map { .phrase($0, slop: 0, field: nil) } }, exactTotal: true)
    queryBenchmark("Search phrase top-100: 50 mid-frequency queries",
                   { $0.midFrequencyQueries.map { .phrase($0, slop: 0, field: nil) } }, exactTotal: true)

    // Facet counting: year/month/actor counts over every match.
    Benchmark("Facets: all documents") { benchmark in
        let f = fixture()
        for _ in benchmark.scaledIterations {
            blackHole(try f.searcher.search(.all, limit: 10, facets: true).facets)
        }
    }
    Benchmark("Facets: OR query \"oil prices\"") { benchmark in
        let f = fixture()
        let q = try QueryParser().parse("oil prices")
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            blackHole(try f.searcher.search(q, limit: 10, facets: true).facets)
        }
    }
}
