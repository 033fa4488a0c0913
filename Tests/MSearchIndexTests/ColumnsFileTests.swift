import Foundation
import Testing
import MSearchAnalysis
import MSearchSources
@testable import MSearchIndex
import MSearchTestSupport

/// The `.cols` file is keyed by column name and type: readers find columns wherever they are,
/// skip columns they do not know, and name the one they miss; the old positional layout gets
/// the "rebuild" message.
@Suite struct ColumnsFileTests {
    /// `seg-000001-00.cols` of a two-document index written by msearch 62db52c, whose columns
    /// file was positional (document count first, no directory).
    static let positionalLayout = "AgAAAAAAAAAAAAAAAAAAAAIGAAAAAAAAAAACDwAAAAAAAAAAAAAAAAAAAAAAAAACCQAAAAAAAAAAAgAAAAAAAABhYgAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAABNU0lYAgAAAAUAAAAWzjud"

    func documents() throws -> [AnalyzedDocument] {
        let analyzer = try Analyzer(.default)
        var a = SourceDocument(id: "doc-7", path: "a.txt", title: "Visa talks", body: "Talks in Havana about visas.",
                               date: "2023-11-14", format: .text)
        a.actors = [NamedActor(name: "Havana", kind: .place), NamedActor(name: "Ana Díaz", kind: .person)]
        var b = SourceDocument(id: "doc-12", path: "b.txt", title: "", body: "Flights left Miami.", format: .text)
        b.actors = [NamedActor(name: "Ana Díaz", kind: .person), NamedActor(name: "Acme", kind: .organisation)]
        return [AnalyzedDocument(a, analyzer: analyzer), AnalyzedDocument(b, analyzer: analyzer)]
    }

    /// A columns file holding `columns` (in that order), each written by its codec.
    func file(_ docs: [AnalyzedDocument], _ columns: [DocumentColumn],
              replacing name: String? = nil, with section: ByteBuffer? = nil) -> [UInt8] {
        ColumnsFile.encode(documentCount: docs.count, columns.map { column in
            let writer = column.makeWriter()
            for d in docs { writer.add(d) }
            return (column.name, column.type, column.name == name ? section! : writer.encode())
        })
    }

    /// Opens `bytes` as a columns file; the mapping is returned too, as it must outlive the reader.
    func open(_ bytes: [UInt8], _ dir: TemporaryDirectory) throws -> (MappedFile, DocumentColumns) {
        let path = dir.path + "/seg-000001-00.cols"
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        let mapped = try MappedFile(path: path)
        return (mapped, try DocumentColumns(mapped))
    }

    func expectValues(_ columns: DocumentColumns) throws {
        let docs = try documents()
        #expect(columns.documentCount == 2)
        #expect(docs[0].titleLength == 2 && docs[1].titleLength == 0 && docs[1].bodyLength > 0)
        for d in 0..<2 {
            #expect(columns.titleLength(d) == docs[d].titleLength && columns.bodyLength(d) == docs[d].bodyLength)
        }
        #expect(columns.date(0) == 20231114 && columns.date(1) == 0)
        #expect(columns.externalId(0) == "doc-7" && columns.externalId(1) == "doc-12")
        var named: [[String]] = []
        for d in 0..<2 {
            var names: [String] = []
            columns.forEachActor(d) { let a = columns.actor($0); names.append("\(a.name)/\(a.kind.rawValue)") }
            named.append(names)
        }
        #expect(named == [["Havana/place", "Ana Díaz/person"], ["Ana Díaz/person", "Acme/organisation"]])
        #expect(columns.actorCount == 3)
    }

    @Test func writerOutputReadsBack() throws {
        let dir = TemporaryDirectory("columns-roundtrip")
        let writer = DocumentColumnsWriter()
        for d in try documents() { writer.add(d) }
        let bytes = writer.finish()
        #expect(bytes == file(try documents(), DocumentColumn.all))
        let (mapped, columns) = try open(bytes, dir)
        try expectValues(columns)
        try columns.verify()
        try FileFooter.verifyChecksum(mapped.bytes, file: mapped.path)
    }

    @Test func unknownColumnsAreSkippedAndOrderDoesNotMatter() throws {
        let dir = TemporaryDirectory("columns-unknown")
        // What a later msearch might add: one declaration, read by nobody here.
        let later = DocumentColumn(name: "sentiment", value: .unsigned { _ in 7 })
        let (mapped, columns) = try open(file(try documents(), [later] + DocumentColumn.all.reversed()), dir)
        try withExtendedLifetime(mapped) { try expectValues(columns) }
    }

    @Test func aMissingColumnIsNamed() throws {
        let dir = TemporaryDirectory("columns-missing")
        let without = DocumentColumn.all.filter { $0.name != "date" }
        let path = dir.path + "/seg-000001-00.cols"
        #expect(throws: IndexError.missingColumn(file: path, column: "date", type: "date")) {
            _ = try open(file(try documents(), without), dir)
        }
        #expect(IndexError.missingColumn(file: path, column: "date", type: "date").description
                    .contains("no date column \"date\", which this msearch needs; rebuild the index with `msearch index --rebuild`"))
        // A column of the right name but another type is missing too.
        let dateAsNumber = DocumentColumn(name: "date", value: .unsigned { _ in 1 })
        #expect(throws: IndexError.missingColumn(file: path, column: "date", type: "date")) {
            _ = try open(file(try documents(), without + [dateAsNumber]), dir)
        }
    }

    @Test func thePositionalLayoutAsksForARebuild() throws {
        let dir = TemporaryDirectory("columns-positional")
        let bytes = [UInt8](try #require(Data(base64Encoded: Self.positionalLayout)))
        let path = dir.path + "/seg-000001-00.cols"
        let expected = IndexError.unsupportedFormat(file: path, found: 1, expected: ColumnsFile.version)
        #expect(throws: expected) { _ = try open(bytes, dir) }
        #expect(expected.description.hasSuffix("rebuild the index with `msearch index --rebuild`"))
    }

    @Test func anUnknownActorKindIsDamage() throws {
        let dir = TemporaryDirectory("columns-kind")
        var actors = ByteBuffer()
        PackedIntsWriter.append([1, 1], to: &actors)  // document 0 names ordinal 0, document 1 none
        PackedIntsWriter.append([0], to: &actors)
        actors.appendUInt64(1)
        PackedIntsWriter.append([1], to: &actors)
        actors.append(9)                               // no kind has code 9
        actors.appendUInt64(1)
        actors.append(UInt8(ascii: "A"))
        #expect {
            _ = try open(file(try documents(), DocumentColumn.all, replacing: "actors", with: actors), dir)
        } throws: { error in
            guard case IndexError.corrupt(_, let reason) = error else { return false }
            return reason.hasPrefix("unknown actor kind code 9")
        }
    }

    @Test func checkFindsADateThatIsNoDate() throws {
        let dir = TemporaryDirectory("columns-date")
        var dates = ByteBuffer()
        dates.appendUInt64(0)
        PackedIntsWriter.append([20231399, 0], to: &dates)  // month 13
        let (mapped, columns) = try open(file(try documents(), DocumentColumn.all, replacing: "date", with: dates), dir)
        withExtendedLifetime(mapped) {
            #expect(columns.date(0) == 20231399)
            #expect {
                try columns.verify()
            } throws: { error in
                guard case IndexError.corrupt(_, let reason) = error else { return false }
                return reason == "document 0 has date 20231399, not a yyyymmdd date"
            }
        }
    }

    @Test func dateKeysAndFilterBoundsShareOneParser() {
        #expect(DateKey.parts("2023-11-14")! == (2023, 11, 14))
        #expect(DateKey.parts("2023")! == (2023, nil, nil))
        for junk in ["", "-", "2023-", "-11", "20231", "2023-111", "2023-11-14-01", "2023-1x", "+2023", "２０２３"] {
            #expect(DateKey.parts(junk) == nil, "\(junk)")
        }
        #expect(DateKey.key("2023-11") == 20231100 && DateKey.key("0000") == 0 && DateKey.key("2023-11-32") == 0)
        #expect(DateKey.lowerBound("2023-11") == 20231100 && DateKey.upperBound("2023-11") == 20231199)
        #expect(DateKey.upperBound("9999") == 99999999)
    }
}
