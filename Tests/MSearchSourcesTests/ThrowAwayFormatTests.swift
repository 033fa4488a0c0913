import Foundation
import MSearchTestSupport
import Testing
import MSearchSources   // not @testable: a format can be added through the public API alone

/// A format invented here, declared and read in this file only, to show that adding a format
/// needs its reader and one registry entry and nothing else: "MEMO" on the first line, then
/// one document per line as `id<TAB>title<TAB>body`.
enum MemoReader {
    struct MissingHeader: Error, CustomStringConvertible {
        var description: String { "no MEMO header" }
    }

    static let format = SourceFormat(name: "memo")
    static let capabilities = FormatCapabilities(
        format: format, label: "memo", extensions: ["memo"], sniff: { $0.starts(with: "memo\n") },
        identity: .perDocument(key: "first column"), read: { try read($0) })

    static func read(_ input: SourceInput) throws -> SourceParts {
        let lines = String(decoding: input.bytes, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        guard lines.first == "MEMO" else { throw MissingHeader() }
        var parts = SourceParts()
        for (n, line) in lines.enumerated().dropFirst() where !line.isEmpty {
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard fields.count == 3 else {
                parts.problems.append(SourceProblem(path: input.path, reason: "line \(n + 1): not id, title and body"))
                continue
            }
            parts.documents.append(SourceDocument(id: String(fields[0]), path: input.path, title: String(fields[1]),
                                                  body: String(fields[2]), format: format))
        }
        return parts
    }
}

@Suite struct ThrowAwayFormatTests {
    let registry = SourceFormatRegistry.standard.adding(MemoReader.capabilities)
    static let memo = "MEMO\nm1\tFirst memo\tBuy cocoa.\nm2\tSecond memo\tSell coffee.\nbroken line\n"

    @Test func aRegisteredFormatIsWalkedDetectedAndRead() throws {
        let dir = TemporaryDirectory("memo")
        let path = try dir.write("notes.memo", ThrowAwayFormatTests.memo)
        try dir.write("other.txt", "Other\ntext")

        #expect(SourceWalker(paths: [dir.path], registry: registry).entries()
                == [.file(path: path, format: MemoReader.format), .file(path: dir.path + "/other.txt", format: .text)])
        #expect(SourceWalker(paths: [dir.path]).entries() == [.file(path: path, format: .text), .file(path: dir.path + "/other.txt", format: .text)],
                "the standard registry does not know it: its content is read as the fallback, text")
        #expect(registry.format(forPath: "a/b.MEMO.gz") == MemoReader.format)
        #expect(registry.detect(path: "no-extension", prefix: Array(ThrowAwayFormatTests.memo.utf8)) == MemoReader.format)
        #expect(SourceFormatRegistry.standard.detect(path: "no-extension", prefix: Array(ThrowAwayFormatTests.memo.utf8)) == .text)

        let read = SourceReader.readAll(fileAt: path, registry: registry)
        #expect(read.documents.map(\.id) == ["m1", "m2"])
        #expect(read.documents.map(\.ordinal) == [0, 1])
        #expect(read.documents.allSatisfy { $0.format == MemoReader.format && $0.path == path })
        #expect(read.documents.last?.body == "Sell coffee.")
        #expect(read.problems == [SourceProblem(path: path, reason: "line 4: not id, title and body")])
        #expect(try SourceReader.read(fileAt: path, registry: registry).count == 2)
    }

    @Test func sharedPreparationLimitsAndErrorsApplyToIt() {
        // A byte-order mark is removed before the reader sees the text, as for every format.
        let bom = SourceReader.readAll(bytes: [0xEF, 0xBB, 0xBF] + Array(ThrowAwayFormatTests.memo.utf8), path: "n.memo",
                                       format: MemoReader.format, registry: registry)
        #expect(bom.documents.count == 2)
        // The text budget cuts its documents and says so.
        var limits = ReadLimits()
        limits.maxTextBytes = 5
        let cut = SourceReader.readAll(bytes: Array(ThrowAwayFormatTests.memo.utf8), path: "n.memo",
                                       format: MemoReader.format, limits: limits, registry: registry)
        #expect(cut.documents.count == 2)
        #expect(cut.problems.contains { $0.partial })
        // Any error the reader throws comes back as a problem naming the file.
        let headless = SourceReader.readAll(bytes: Array("m1\tt\tb\n".utf8), path: "n.memo", format: MemoReader.format, registry: registry)
        #expect(headless.documents.isEmpty)
        #expect(headless.problems == [SourceProblem(path: "n.memo", reason: "no MEMO header")])
    }
}
