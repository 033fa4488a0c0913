import Foundation
import MSearchTestSupport
@testable import MSearchSources

/// The shared corpora folder next to the package (…/work/shared/corpora), if present.
enum Corpora {
    static func path(_ rel: String) -> String { TestData.corpus(rel) }
    static func exists(_ rel: String) -> Bool { FileManager.default.fileExists(atPath: path(rel)) }
}

/// Reads `text` as a file named `name` in a fresh temp dir.
func readDocs(_ name: String, _ text: String) throws -> [SourceDocument] {
    let dir = TemporaryDirectory("sources")
    return try SourceReader.read(fileAt: dir.write(name, text))
}

func readAllDocs(_ name: String, _ text: String) -> (documents: [SourceDocument], problems: [SourceProblem]) {
    let dir = TemporaryDirectory("sources")
    return SourceReader.readAll(fileAt: try! dir.write(name, text))
}

/// Word tokens with counts, for comparing extracted text with expected text.
func tokenCounts(_ s: String) -> [String: Int] {
    var d: [String: Int] = [:]
    for t in s.lowercased().split(whereSeparator: { !($0.isLetter || $0.isNumber) }) { d[String(t), default: 0] += 1 }
    return d
}

/// Share of `expected`'s tokens (with multiplicity) found in `got`.
func tokenRecall(expected: String, got: String) -> Double {
    let e = tokenCounts(expected), g = tokenCounts(got)
    let total = e.values.reduce(0, +)
    guard total > 0 else { return 1 }
    let hit = e.reduce(0) { $0 + min($1.value, g[$1.key] ?? 0) }
    return Double(hit) / Double(total)
}
