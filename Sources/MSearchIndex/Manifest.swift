import Foundation
import MSearchAnalysis

/// The one small file that says which segments make up the index and how text was analysed.
/// It is replaced atomically on every commit, so it is the index's single point of truth:
/// segment files it does not name are leftovers and may be deleted.
public struct Manifest: Codable, Equatable, Sendable {
    public var format: Int
    /// The index's identity, chosen when it was created (also in the `msearch-index` marker);
    /// nil in an index built before identities, which gets one at its next commit.
    public var id: String?
    /// Bumped on every commit; names new segments uniquely.
    public var generation: Int
    public var analyzer: AnalyzerSettings
    public var segments: [SegmentInfo]
    /// The catalog of source files (path → size, mtime, hash, document ids) that incremental
    /// indexing compares against; nil for an index built without one.
    public var catalog: String?
    /// Whether documents' title and body text are kept in the store (nil = yes, `.text`). With
    /// `.none` they are re-read from their source files when shown (see `UnstoredText`).
    public var store: StoreMode?
    /// The user's gazetteer kept with the index (`msearch index --actors`), nil for none.
    public var gazetteer: KeptFile?
    /// The near-duplicate clusters of this commit's live documents (`NearDuplicateClusters`,
    /// `clusters-000007`), nil in an index from before they were kept: computed on first use.
    public var clusters: KeptFile?
    /// Live documents per language code (documents without one not counted), recorded at
    /// commit so that a query need not scan the language columns; nil in an older index.
    public var languages: [String: Int]?
    /// CRC-32 of the file's own bytes (see ManifestValidation.swift), so a flipped digit in a
    /// count cannot silently change every score.
    public var checksum: String?

    public init(analyzer: AnalyzerSettings) {
        format = IndexFormat.version
        generation = 0
        self.analyzer = analyzer
        segments = []
    }

    /// Whether the store holds each document's title and body.
    public var storesText: Bool { (store ?? .text) == .text }

    /// Live documents (deleted ones do not count): N for BM25.
    public var documentCount: Int { segments.reduce(0) { $0 + $1.liveDocumentCount } }
    /// Tokens of live documents: avgdl = tokenCount / documentCount.
    public var tokenCount: Int { segments.reduce(0) { $0 + $1.liveTokenCount } }

    public static func path(in directory: String) -> String { directory + "/" + IndexFormat.manifestName }

    public static func load(from directory: String) throws -> Manifest {
        let path = path(in: directory)
        guard DurableFile.exists(path) else { throw IndexError.missing(directory: directory) }
        let data = Data(try DurableFile.read(path))
        // Read the version alone first, so an index from another msearch gets the right message.
        struct Version: Decodable { var format: Int }
        guard let v = try? JSONDecoder().decode(Version.self, from: data) else {
            throw IndexError.corrupt(file: path, reason: IndexFormat.notAManifest)
        }
        guard v.format == IndexFormat.version else {
            throw IndexError.unsupportedFormat(file: path, found: v.format, expected: IndexFormat.version)
        }
        let manifest: Manifest
        do {
            manifest = try JSONDecoder().decode(Manifest.self, from: data)
        } catch {
            throw IndexError.corrupt(file: path, reason: "not a valid manifest")
        }
        try manifest.verifyChecksum(Array(data), file: path)
        try manifest.validate(file: path)
        return manifest
    }

    public func save(to directory: String) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        var unsigned = self
        unsigned.checksum = Manifest.checksumPlaceholder
        let data = try encoder.encode(unsigned)
        try DurableFile.replaceAtomically(Manifest.signed(Array(data)), at: Manifest.path(in: directory))
    }
}

/// One immutable segment: its name (the stem of its files) and the statistics BM25 needs
/// index-wide, so N and avgdl are known without opening any segment.
public struct SegmentInfo: Codable, Equatable, Sendable {
    public var name: String
    public var documentCount: Int
    /// Sum of document lengths (title + body tokens).
    public var tokenCount: Int
    /// The segment's tombstones, when some of its documents are deleted.
    public var deletes: SegmentDeletes?
    /// The CRC-32 in each of the segment's file footers, by extension, as the writer wrote
    /// them (nil in an index from before they were recorded). A file put in from another
    /// index or another commit is then told apart at open from a damaged one.
    public var footerChecksums: [String: UInt32]?

    public init(name: String, documentCount: Int, tokenCount: Int) {
        self.name = name; self.documentCount = documentCount; self.tokenCount = tokenCount
    }

    public func filePath(_ ext: IndexFormat.FileExtension, in directory: String) -> String {
        "\(directory)/\(name).\(ext.rawValue)"
    }

    /// This segment with the CRC-32s its files' footers hold now (just after writing them).
    func recordingFooterChecksums(in directory: String) throws -> SegmentInfo {
        var info = self
        var sums: [String: UInt32] = [:]
        for ext in IndexFormat.FileExtension.allCases {
            let file = try MappedFile(path: filePath(ext, in: directory))
            guard file.bytes.count >= FileFooter.size else {
                throw IndexError.corrupt(file: file.path, reason: "too short for its footer")
            }
            sums[ext.rawValue] = UInt32(littleEndian: file.bytes.loadUnaligned(fromByteOffset: file.bytes.count - 4, as: UInt32.self))
        }
        info.footerChecksums = sums
        return info
    }

    /// Throws when a mapped file of this segment is not the one the manifest recorded.
    func verifyFooterChecksum(_ file: MappedFile, _ ext: IndexFormat.FileExtension) throws {
        guard let expected = footerChecksums?[ext.rawValue], file.bytes.count >= FileFooter.size else { return }
        let found = UInt32(littleEndian: file.bytes.loadUnaligned(fromByteOffset: file.bytes.count - 4, as: UInt32.self))
        guard found == expected else {
            throw IndexError.corrupt(file: file.path, reason: "not the file this index wrote: its footer checksum is \(String(found, radix: 16)), the manifest recorded \(String(expected, radix: 16)) (copied in from another index or an older copy?)")
        }
    }

    public var liveDocumentCount: Int { documentCount - (deletes?.documentCount ?? 0) }
    public var liveTokenCount: Int { tokenCount - (deletes?.tokenCount ?? 0) }
}

/// A per-index file other than a segment's, named with its size and CRC-32 so that a reader
/// or `check` can tell it is the one this commit wrote (the gazetteer, a plain TSV file).
public struct KeptFile: Codable, Equatable, Sendable {
    public var file: String
    public var size: Int
    public var crc32: UInt32

    public init(file: String, bytes: [UInt8]) {
        self.file = file
        size = bytes.count
        crc32 = FileFooter.checksum(bytes)
    }

    /// The file's bytes, verified against the manifest: a missing, shortened or edited file is
    /// an error naming it, never silently another file's content.
    public func read(in directory: String) throws -> [UInt8] {
        let path = directory + "/" + file
        let bytes = try DurableFile.read(path)
        guard bytes.count == size else {
            throw IndexError.corrupt(file: path, reason: "\(bytes.count) bytes, the manifest says \(size)")
        }
        let actual = FileFooter.checksum(bytes)
        guard actual == crc32 else {
            throw IndexError.corrupt(file: path, reason: "checksum mismatch (manifest \(String(crc32, radix: 16)), computed \(String(actual, radix: 16)))")
        }
        return bytes
    }
}

/// What a segment's `.del` file takes away: how many documents and tokens, so N and avgdl stay
/// exact without opening it (the per-term df decrements are in the file).
public struct SegmentDeletes: Codable, Equatable, Sendable {
    public var file: String
    public var documentCount: Int
    public var tokenCount: Int

    public init(file: String, documentCount: Int, tokenCount: Int) {
        self.file = file; self.documentCount = documentCount; self.tokenCount = tokenCount
    }
}

/// What the document store keeps of each document's text (`msearch index --store`).
public enum StoreMode: String, Codable, Sendable, CaseIterable {
    /// Title and body, compressed: snippets need nothing but the index.
    case text
    /// Neither: ids, paths, dates and actors only; snippets re-read the source files.
    case none
}
