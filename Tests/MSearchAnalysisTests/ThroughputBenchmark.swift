import Foundation
import Testing
import MSearchAnalysis

/// Release-mode throughput on the raw Reuters-21578 SGML (about 28 MB). Opt-in, because it needs
/// the corpus and only means something in release builds:
///   MSEARCH_BENCH=1 swift test -c release --filter ThroughputBenchmark
@Test(.enabled(if: ProcessInfo.processInfo.environment["MSEARCH_BENCH"] != nil))
func ThroughputBenchmark() throws {
    // First use builds the character class table; a CLI query pays this once per process.
    let firstStart = DispatchTime.now().uptimeNanoseconds
    _ = try Analyzer(.default).terms("warm up")
    print(String(format: "first analyzer use: %.1f ms", Double(DispatchTime.now().uptimeNanoseconds - firstStart) / 1e6))

    let directory = ProcessInfo.processInfo.environment["MSEARCH_BENCH_DIR"] ?? "/work/shared/corpora/reuters21578"
    let files = try FileManager.default.contentsOfDirectory(atPath: directory).filter { $0.hasSuffix(".sgm") }.sorted()
    var corpus: [UInt8] = []
    for file in files { corpus += try Data(contentsOf: URL(fileURLWithPath: directory + "/" + file)) }
    #expect(!corpus.isEmpty)

    for settings in [AnalyzerSettings.default, AnalyzerSettings(stemmer: nil)] {
        var best = Double.infinity
        var tokens = 0
        var checksum = 0
        for _ in 0..<3 {
            let analyzer = try Analyzer(settings)
            tokens = 0
            let start = DispatchTime.now().uptimeNanoseconds
            corpus.withUnsafeBufferPointer { buffer in
                analyzer.analyze(buffer) { term, _ in tokens += 1; checksum &+= term.count }
            }
            best = min(best, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
        }
        let mb = Double(corpus.count) / 1e6
        print(String(format: "analysis %@: %.1f MB in %.3f s = %.1f MB/s, %d tokens (%.1f M tokens/s)",
                     "\(settings)", mb, best, mb / best, tokens, Double(tokens) / best / 1e6))
        _ = checksum
    }
}
