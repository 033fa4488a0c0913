import Foundation
import Testing
import MSearchAnalysis
import MSearchSources
@testable import MSearchIndex
import MSearchTestSupport
import MSearchIndexTestSupport

/// Writes small indexes and reads every structure back.
@Suite struct IndexRoundTripTests {
    func doc(_ id: String, _ title: String, _ body: String, date: String? = nil) -> SourceDocument {
        SourceDocument(id: id, path: "/tmp/\(id).txt", title: title, body: body, date: date, format: .text)
    }

    /// Reads a term's whole postings list: (doc, tf, title tf, positions).
    func postings(_ segment: SegmentReader, _ term: String) throws -> [(Int32, UInt32, UInt32, [UInt32])] {
        guard let info = try segment.terms.lookup(term) else { return [] }
        let cursor = try segment.postings(info)
        try cursor.start()
        var out: [(Int32, UInt32, UInt32, [UInt32])] = []
        while cursor.doc != PostingsCursor.exhausted {
            var positions: [UInt32] = []
            try cursor.forEachPosition { positions.append($0) }
            out.append((cursor.doc, cursor.termFrequency, cursor.titleTermFrequency, positions))
            try cursor.next()
        }
        return out
    }

    @Test func smallIndexRoundTrips() throws {
        let reader = try TestIndex([doc("a", "Deportation flights resume", "The flights left Miami. Flights again.", date: "2023-11-14"),
                                    doc("b", "Visa talks", "Talks in Havana about visas and flights.")]).reader
        #expect(reader.documentCount == 2)
        #expect(reader.segments.count == 1)
        let seg = reader.segments[0]
        let flight = try postings(seg, "flight")
        #expect(flight.map(\.0) == [0, 1])
        // Doc a: "flights" in the title (position 1) and twice in the body.
        #expect(flight[0].1 == 3)
        #expect(flight[0].2 == 1)
        #expect(flight[0].3.first == 1)
        #expect(flight[0].3.count == 3)
        #expect(flight[1].1 == 1 && flight[1].2 == 0)
        #expect(try seg.terms.lookup("nonexistent") == nil)
        #expect(try seg.document(0).id == "a")
        #expect(try seg.document(1).body == "Talks in Havana about visas and flights.")
        #expect(try seg.document(0).date == "2023-11-14")
        #expect(seg.columns.titleLength(0) == 3)
        #expect(seg.columns.bodyLength(0) == 6)
        #expect(seg.columns.date(0) == 20231114)
        #expect(seg.columns.date(1) == 0)
        #expect(reader.manifest.tokenCount == 3 + 6 + 2 + 7)
    }

    @Test func termDictionaryFindsEveryTermAndNothingElse() throws {
        // Enough distinct terms for many dictionary blocks, with shared prefixes.
        let words = (0..<2000).map { "w\(String($0, radix: 7))x" }
        let documents = stride(from: 0, to: words.count, by: 50).enumerated().map { i, chunk in
            doc("d\(i)", "", words[chunk..<chunk + 50].joined(separator: " "))
        }
        let index = try TestIndex(documents, settings: AnalyzerSettings(stemmer: nil))
        let seg = index.reader.segments[0]
        #expect(seg.terms.termCount == 2000)
        for w in words {
            #expect(try seg.terms.lookup(w)?.documentFrequency == 1, "\(w)")
        }
        for missing in ["w", "a", "zzz", "w0", "w66666x", ""] {
            #expect(try seg.terms.lookup(missing) == nil, "\(missing)")
        }
        var visited: [String] = []
        try Array("w1".utf8).withUnsafeBufferPointer { key in
            try seg.terms.forEach(from: key) { term, _ in
                visited.append(String(decoding: term, as: UTF8.self))
                return visited.count < 3
            }
        }
        #expect(visited == Array(words.sorted().filter { $0 >= "w1" }.prefix(3)))
    }

    @Test func longPostingsListsSkipCorrectly() throws {
        // 1,000 documents: "common" in all, "even" in half, "rare" in every 97th.
        let index = try TestIndex((0..<1000).map { i in
            var body = "common"
            if i % 2 == 0 { body += " even even" }
            if i % 97 == 0 { body += " rare" }
            return doc("d\(i)", "", body)
        })
        let seg = index.reader.segments[0]
        #expect(try postings(seg, "common").map(\.0) == Array(0..<1000).map(Int32.init))
        let even = try postings(seg, "even")
        #expect(even.map(\.0) == stride(from: 0, to: 1000, by: 2).map(Int32.init))
        #expect(even.allSatisfy { $0.1 == 2 && $0.3 == [1, 2] })

        // advance(to:) lands on the first document ≥ target, across blocks.
        let info = try #require(try seg.terms.lookup("even"))
        for target in [0, 1, 127, 255, 256, 257, 600, 998, 999] {
            let c = try seg.postings(info)
            try c.start()
            try c.advance(to: Int32(target))
            let expected = target > 998 ? PostingsCursor.exhausted : Int32(target + target % 2)
            #expect(c.doc == expected, "target \(target)")
        }
        let c = try seg.postings(info)
        try c.start()
        #expect((0..<c.blockTotal).compactMap { c.blockMaxima($0)?.tf }.max() == 2)
    }

    @Test func smallMemoryBudgetWritesSeveralSegments() throws {
        let index = try TestIndex((0..<300).map { doc("d\($0)", "Title \($0)", "body text number \($0) with words") },
                                  memoryBudget: 4096)
        let reader = index.reader
        #expect(reader.segments.count > 1)
        #expect(reader.documentCount == 300)
        for g in [0, 1, 150, 299] { #expect(try reader.document(g).id == "d\(g)") }
        let one: [UInt8] = Array("number".utf8)
        #expect(try one.withUnsafeBufferPointer { try reader.documentFrequency($0) } == 300)
    }

    @Test func duplicateIdsAreMadeUnique() throws {
        let dir = TemporaryDirectory()
        let writer = try IndexWriter(directory: dir.path)
        #expect(try writer.add(doc("x", "a", "b")) == "x")
        #expect(try writer.add(doc("x", "c", "d")) == "x~2")
        try writer.commit()
        writer.close()
    }

    @Test func uncommittedDocumentsAreInvisibleAndLeftoversAreCleaned() throws {
        let dir = TemporaryDirectory()
        let first = try IndexWriter(directory: dir.path)
        try first.add(doc("a", "one", "two"))
        try first.commit()
        try first.add(doc("b", "three", "four"))
        try first.flush()  // segment files written, but never committed
        first.close()
        let reader = try IndexReader(directory: dir.path)
        #expect(reader.documentCount == 1)
        // A stray file from a crashed run is removed when the next writer opens.
        FileManager.default.createFile(atPath: dir.path + "/seg-999999-00.post", contents: Data([1, 2, 3]))
        let second = try IndexWriter(directory: dir.path)
        second.close()
        #expect(!FileManager.default.fileExists(atPath: dir.path + "/seg-999999-00.post"))
    }

    @Test func secondWriterIsToldWhoHoldsTheLock() throws {
        let dir = TemporaryDirectory()
        let first = try IndexWriter(directory: dir.path)
        #expect(throws: IndexError.locked(directory: dir.path, pid: getppid())) {
            // Pretend the lock belongs to another live process: our parent.
            try "\(getppid())".write(toFile: dir.path + "/write.lock", atomically: false, encoding: .utf8)
            _ = try IndexWriter(directory: dir.path)
        }
        first.close()
    }

    @Test func staleLockOfADeadProcessIsTakenOver() throws {
        let dir = TemporaryDirectory()
        let first = try IndexWriter(directory: dir.path)
        try first.commit()
        first.close()
        // PIDs are below 2^22 on Linux: this one cannot be running. (In a folder that is not yet
        // an index, a lone write.lock is someone else's file: see OwnershipTests.)
        try "99999999".write(toFile: dir.path + "/write.lock", atomically: false, encoding: .utf8)
        let writer = try IndexWriter(directory: dir.path)
        try writer.add(doc("a", "t", "b"))
        try writer.commit()
        writer.close()
        #expect(!FileManager.default.fileExists(atPath: dir.path + "/write.lock"))
    }

    @Test func missingIndexAndForeignVersionsGiveClearErrors() throws {
        let dir = TemporaryDirectory()
        #expect(throws: IndexError.missing(directory: dir.path)) { try IndexReader(directory: dir.path) }
        try #"{"format": 99, "generation": 1}"#.write(toFile: dir.path + "/manifest.json", atomically: true, encoding: .utf8)
        do {
            _ = try IndexReader(directory: dir.path)
            Issue.record("opened an index of format 99")
        } catch let e as IndexError {
            #expect("\(e)".contains("format version 99"))
        }
    }

    @Test func damagedSegmentFileIsReportedNotTrapped() throws {
        let index = try TestIndex((0..<200).map { doc("d\($0)", "t", "alpha beta gamma \($0)") })
        let dir = index.path
        let name = index.reader.manifest.segments[0].name
        for ext in IndexFormat.FileExtension.allCases {
            let path = "\(dir)/\(name).\(ext.rawValue)"
            let original = try Data(contentsOf: URL(fileURLWithPath: path))
            // Truncation loses the footer: opening must fail with a message naming the file.
            try original.prefix(original.count / 2).write(to: URL(fileURLWithPath: path))
            do {
                _ = try IndexReader(directory: dir)
                Issue.record("opened a truncated .\(ext.rawValue)")
            } catch let e as IndexError {
                #expect("\(e)".contains(path))
            }
            try original.write(to: URL(fileURLWithPath: path))
            // A flipped byte in the payload is caught by the checksum.
            var flipped = original
            flipped[flipped.count / 3] ^= 0xff
            try flipped.write(to: URL(fileURLWithPath: path))
            let mapped = try MappedFile(path: path)
            #expect(throws: IndexError.self) { try FileFooter.verifyChecksum(mapped.bytes, file: path) }
            try original.write(to: URL(fileURLWithPath: path))
        }
        _ = try IndexReader(directory: dir)
    }

    /// Checksums verified in the background (the one-shot search) find the same damage: opening
    /// succeeds, `finishVerification` throws naming the file; an intact index finishes cleanly.
    @Test func backgroundVerificationFindsTheDamagedFile() throws {
        let index = try TestIndex((0..<200).map { doc("d\($0)", "t", "alpha beta gamma \($0)") })
        let name = index.reader.manifest.segments[0].name
        let intact = try IndexReader(directory: index.path, verifyInBackground: true)
        try intact.finishVerification()
        try intact.finishVerification()   // a second call returns at once
        for ext in IndexFormat.FileExtension.allCases {
            let path = "\(index.path)/\(name).\(ext.rawValue)"
            let original = try Data(contentsOf: URL(fileURLWithPath: path))
            var flipped = original
            flipped[flipped.count / 3] ^= 0xff
            try flipped.write(to: URL(fileURLWithPath: path))
            defer { try? original.write(to: URL(fileURLWithPath: path)) }
            let reader = try IndexReader(directory: index.path, verifyInBackground: true)
            do {
                try reader.finishVerification()
                Issue.record("a flipped byte in .\(ext.rawValue) went unnoticed")
            } catch let e as IndexError {
                #expect("\(e)".contains(path))
            }
        }
    }
}
