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

    private static func isDigits(_ s: Substring) -> Bool {
        !s.isEmpty && s.count <= 12 && s.utf8.allSatisfy { $0 >= 0x30 && $0 <= 0x39 }
    }

    /// Every file this manifest names (segment files, tombstones, catalog): what a writer must
    /// keep, and what `check` verifies.
    public var fileNames: [String] {
        var names: [String] = []
        for s in segments {
            for ext in IndexFormat.FileExtension.allCases { names.append("\(s.name).\(ext.rawValue)") }
            if let d = s.deletes { names.append(d.file) }
        }
        if let catalog { names.append(catalog) }
        return names
    }
}
