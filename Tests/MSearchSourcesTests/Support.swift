import Foundation
@testable import MSearchSources

/// A fresh temporary directory for one test, removed when the value is dropped.
final class TempDir {
    let path: String
    init() {
        path = FileManager.default.temporaryDirectory
            .appendingPathComponent("msearch-sources-\(UUID().uuidString)").path
        try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }
    deinit { try? FileManager.default.removeItem(atPath: path) }

    @discardableResult
    func write(_ name: String, _ text: String) -> String { write(name, bytes: Array(text.utf8)) }

    @discardableResult
    func write(_ name: String, bytes: [UInt8]) -> String {
        let p = (path as NSString).appendingPathComponent(name)
        try! FileManager.default.createDirectory(atPath: (p as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        precondition(FileManager.default.createFile(atPath: p, contents: Data(bytes)), "cannot write \(p)")
        return p
    }
}

/// The shared corpora folder next to the package (…/work/shared/corpora), if present.
enum Corpora {
    static let root: String = {
        var url = URL(fileURLWithPath: #filePath)
        // Tests/MSearchSourcesTests/Support.swift → package root
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.deletingLastPathComponent().appendingPathComponent("shared/corpora").path
    }()
    static func path(_ rel: String) -> String { (root as NSString).appendingPathComponent(rel) }
    static func exists(_ rel: String) -> Bool { FileManager.default.fileExists(atPath: path(rel)) }
}

/// Reads `text` as a file named `name` in a fresh temp dir.
func readDocs(_ name: String, _ text: String) throws -> [SourceDocument] {
    let dir = TempDir()
    return try SourceReader.read(fileAt: dir.write(name, text))
}

func readAllDocs(_ name: String, _ text: String) -> (documents: [SourceDocument], problems: [SourceProblem]) {
    let dir = TempDir()
    return SourceReader.readAll(fileAt: dir.write(name, text))
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
