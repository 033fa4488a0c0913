import Foundation

/// A manifest is read from disk, so it is input like any other: before anything trusts its
/// numbers or names, they are checked. Names must be the plain file names msearch writes (no
/// "/" or "..": a damaged or hostile manifest cannot make a reader open files outside the
/// index directory), and counts must be in range so later arithmetic cannot overflow.
extension Manifest {
    /// Documents per segment are numbered with Int32 by the scorers (Int32.max means "exhausted").
    static let maxSegmentDocuments = Int(Int32.max) - 1
    static let maxTokens = 1 << 48

    func validate(file: String) throws {
        func bad(_ reason: String) -> IndexError { .corrupt(file: file, reason: reason) }
        guard generation >= 0, generation < 1 << 40 else { throw bad("generation \(generation) out of range") }
        var names = Set<String>()
        var totalDocuments = 0
        for s in segments {
            guard Manifest.isSegmentName(s.name) else { throw bad("unexpected segment name \"\(s.name)\"") }
            guard names.insert(s.name).inserted else { throw bad("segment \(s.name) is listed twice") }
            guard (0...Manifest.maxSegmentDocuments).contains(s.documentCount),
                  (0...Manifest.maxTokens).contains(s.tokenCount) else {
                throw bad("segment \(s.name) has impossible counts")
            }
            if let d = s.deletes {
                guard Manifest.isDeletesName(d.file, segment: s.name) else { throw bad("unexpected deletes file name \"\(d.file)\"") }
                guard (0...s.documentCount).contains(d.documentCount), (0...s.tokenCount).contains(d.tokenCount) else {
                    throw bad("segment \(s.name) deletes more than it holds")
                }
            }
            totalDocuments += s.documentCount
            guard totalDocuments <= 1 << 40 else { throw bad("too many documents") }
        }
        if let c = catalog, !Manifest.isCatalogName(c) { throw bad("unexpected catalog name \"\(c)\"") }
        if let g = gazetteer {
            guard Manifest.isGazetteerName(g.file) else { throw bad("unexpected gazetteer name \"\(g.file)\"") }
            guard (0...(1 << 40)).contains(g.size) else { throw bad("gazetteer size out of range") }
        }
        if let k = clusters {
            guard Manifest.isClustersName(k.file) else { throw bad("unexpected clusters file name \"\(k.file)\"") }
            guard (0...(1 << 40)).contains(k.size) else { throw bad("clusters file size out of range") }
        }
        if let languages, languages.values.contains(where: { $0 < 0 || $0 > totalDocuments }) {
            throw bad("a language count out of range")
        }
        if let id, UUID(uuidString: id) == nil { throw bad("index identity \"\(id)\" is not a UUID") }
    }

    static let checksumPlaceholder = "crc32:00000000"

    /// The encoded manifest with the placeholder replaced by the CRC-32 of the bytes as they
    /// are with the placeholder: verifying undoes the replacement and recomputes.
    static func signed(_ bytes: [UInt8]) -> [UInt8] {
        let crc = FileFooter.checksum(bytes)
        let value = "crc32:" + String(format: "%08x", crc)
        guard let range = range(of: Array("\"\(checksumPlaceholder)\"".utf8), in: bytes) else { return bytes }
        var out = bytes
        out.replaceSubrange(range, with: Array("\"\(value)\"".utf8))
        return out
    }

    func verifyChecksum(_ bytes: [UInt8], file: String) throws {
        guard let checksum else {
            // Manifests written before checksums have neither a catalog nor tombstones.
            if catalog != nil || segments.contains(where: { $0.deletes != nil }) {
                throw IndexError.corrupt(file: file, reason: "the checksum is missing")
            }
            return
        }
        guard let range = Manifest.range(of: Array("\"\(checksum)\"".utf8), in: bytes),
              checksum.hasPrefix("crc32:"), let stored = UInt32(checksum.dropFirst(6), radix: 16) else {
            throw IndexError.corrupt(file: file, reason: "the checksum is malformed")
        }
        var unsigned = bytes
        unsigned.replaceSubrange(range, with: Array("\"\(Manifest.checksumPlaceholder)\"".utf8))
        let actual = FileFooter.checksum(unsigned)
        guard actual == stored else {
            throw IndexError.corrupt(file: file, reason: "checksum mismatch (stored \(String(stored, radix: 16)), computed \(String(actual, radix: 16)))")
        }
    }

    private static func range(of needle: [UInt8], in haystack: [UInt8]) -> Range<Int>? {
        guard needle.count <= haystack.count else { return nil }
        var i = 0
        while i + needle.count <= haystack.count {
            if haystack[i] == needle[0] && Array(haystack[i..<(i + needle.count)]) == needle { return i..<(i + needle.count) }
            i += 1
        }
        return nil
    }

    /// `seg-000012-00`: "seg-", digits, "-", digits.
    static func isSegmentName(_ name: String) -> Bool {
        let parts = name.split(separator: "-", omittingEmptySubsequences: false)
        return parts.count == 3 && parts[0] == "seg" && isDigits(parts[1]) && isDigits(parts[2])
    }

    /// `seg-000012-00.000015.del`.
    static func isDeletesName(_ name: String, segment: String) -> Bool {
        guard name.hasPrefix(segment + "."), name.hasSuffix("." + IndexFormat.deletesExtension) else { return false }
        let middle = name.dropFirst(segment.count + 1).dropLast(IndexFormat.deletesExtension.count + 1)
        return isDigits(middle)
    }

    /// `catalog-000015`.
    static func isCatalogName(_ name: String) -> Bool {
        name.hasPrefix(IndexFormat.catalogPrefix) && isDigits(name.dropFirst(IndexFormat.catalogPrefix.count))
    }

    /// `clusters-000015`.
    static func isClustersName(_ name: String) -> Bool {
        name.hasPrefix(IndexFormat.clustersPrefix) && isDigits(name.dropFirst(IndexFormat.clustersPrefix.count))
    }

    /// `actors-000015.tsv`.
    static func isGazetteerName(_ name: String) -> Bool {
        name.hasPrefix(IndexFormat.gazetteerPrefix) && name.hasSuffix(IndexFormat.gazetteerSuffix)
            && isDigits(name.dropFirst(IndexFormat.gazetteerPrefix.count).dropLast(IndexFormat.gazetteerSuffix.count))
    }

    private static func isDigits(_ s: Substring) -> Bool {
        !s.isEmpty && s.count <= 12 && s.utf8.allSatisfy { $0 >= 0x30 && $0 <= 0x39 }
    }

    /// Every file this manifest names (segment files, tombstones, catalog, gazetteer, clusters): what a writer must
    /// keep, and what `check` verifies.
    public var fileNames: [String] {
        var names: [String] = []
        for s in segments {
            for ext in IndexFormat.FileExtension.allCases { names.append("\(s.name).\(ext.rawValue)") }
            if let d = s.deletes { names.append(d.file) }
        }
        if let catalog { names.append(catalog) }
        if let gazetteer { names.append(gazetteer.file) }
        if let clusters { names.append(clusters.file) }
        return names
    }
}

import Foundation
