#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `msearch check`: reads every byte of an index and verifies what readers otherwise take on
/// trust. Per file: the footer (magic, version, kind) and the CRC-32 of the payload. Per
/// segment, structurally: terms strictly sorted; every term's postings decode to exactly df
/// increasing document numbers below the segment's count, tf ≥ 1, title tf ≤ tf; positions
/// increase, lie inside the document and agree with the title tf; Σ tf equals the segment's
/// token count and the columns' lengths; every stored document decompresses and carries its
/// column id (and, in an index that keeps no text, no title or body); tombstones agree with the manifest, and their per-term df decrements equal the
/// deleted documents counted in the postings; ids are unique; the catalog names live documents;
/// the kept gazetteer has the size and checksum the manifest gives.
///
/// Each problem is reported once, on the first structure found wrong: a structure whose check
/// depends on a damaged one (the catalog's ids against a segment that could not be read) is
/// not checked, rather than called damaged too. A file that cannot be read for lack of
/// permission is reported as unreadable, not damaged: nothing says it is.
public struct IndexCheckReport: Sendable {
    public struct FileResult: Sendable {
        public var name: String
        public var bytes: Int
        /// Nil when the file is sound.
        public var problem: String?
        /// The problem is that the file cannot be read (permissions), not that it is wrong.
        public var unreadable = false
    }

    public var directory: String
    public var generation = 0
    public var segmentCount = 0
    public var documentCount = 0
    public var files: [FileResult] = []
    /// Files in the directory that no manifest names (an interrupted run's; harmless, and
    /// removed by the next writer).
    public var leftovers: [String] = []

    public var damaged: [FileResult] { files.filter { $0.problem != nil && !$0.unreadable } }
    public var unreadable: [FileResult] { files.filter { $0.unreadable } }
    public var isHealthy: Bool { files.allSatisfy { $0.problem == nil } }
}

public enum IndexChecker {
    public static func check(directory: String) -> IndexCheckReport {
        var report = IndexCheckReport(directory: directory)
        let manifestPath = Manifest.path(in: directory)
        let manifest: Manifest
        do {
            manifest = try Manifest.load(from: directory)
            report.files.append(.init(name: IndexFormat.manifestName, bytes: DurableFile.size(manifestPath)))
        } catch {
            report.files.append(.init(name: IndexFormat.manifestName, bytes: DurableFile.size(manifestPath),
                                      problem: reason(error), unreadable: isPermissionError(error)))
            return report
        }
        report.generation = manifest.generation
        report.segmentCount = manifest.segments.count
        report.documentCount = manifest.documentCount
        let named = Set(manifest.fileNames)
        report.leftovers = DurableFile.list(directory).filter { IndexOwnership.isWriterFileName($0) && !named.contains($0) }

        var problems: [String: String] = [:]
        var unreadable = Set<String>()
        func note(_ file: String, _ problem: String, unreadableFile: Bool = false) {
            let name = file.split(separator: "/").last.map(String.init) ?? file
            if problems[name] == nil {
                problems[name] = problem
                if unreadableFile { unreadable.insert(name) }
            }
        }

        // Footers and checksums of every named file.
        for s in manifest.segments {
            var kinds: [(String, FileFooter.Kind)] = [
                ("\(s.name).\(IndexFormat.FileExtension.terms.rawValue)", .terms),
                ("\(s.name).\(IndexFormat.FileExtension.postings.rawValue)", .postings),
                ("\(s.name).\(IndexFormat.FileExtension.positions.rawValue)", .positions),
                ("\(s.name).\(IndexFormat.FileExtension.store.rawValue)", .store),
                ("\(s.name).\(IndexFormat.FileExtension.columns.rawValue)", .columns),
            ]
            if let d = s.deletes { kinds.append((d.file, .deletes)) }
            for (name, kind) in kinds { checkFile(directory + "/" + name, kind: kind, note: note) }
        }
        if let c = manifest.catalog { checkFile(directory + "/" + c, kind: .catalog, note: note) }
        if let g = manifest.gazetteer {
            do { _ = try g.read(in: directory) } catch { note(g.file, reason(error), unreadableFile: isPermissionError(error)) }
        }
        if let k = manifest.clusters {
            do { _ = try k.read(in: directory) } catch { note(k.file, reason(error), unreadableFile: isPermissionError(error)) }
        }

        // Structure, segment by segment (only where the files themselves are sound).
        var liveIds = Set<String>()
        var duplicateId: String?
        var allSegmentsRead = true
        for s in manifest.segments {
            let own = IndexFormat.FileExtension.allCases.map { "\(s.name).\($0.rawValue)" } + (s.deletes.map { [$0.file] } ?? [])
            guard own.allSatisfy({ problems[$0] == nil }) else { allSegmentsRead = false; continue }
            do {
                let segment = try SegmentReader(info: s, directory: directory)
                try checkSegment(segment, directory: directory, storesText: manifest.storesText)
                for d in 0..<segment.documentCount where !segment.isDeleted(d) {
                    let id = segment.columns.externalId(d)
                    if !liveIds.insert(id).inserted && duplicateId == nil { duplicateId = id }
                }
            } catch let IndexError.corrupt(file, why) {
                allSegmentsRead = false
                note(file, why)
            } catch {
                allSegmentsRead = false
                note(s.filePath(.terms, in: directory), reason(error))
            }
        }
        if let duplicateId {
            note(IndexFormat.manifestName, "two live documents share the id \"\(duplicateId)\"")
        }
        // The kept clusters and language counts must be what the documents give now.
        if allSegmentsRead, let k = manifest.clusters, problems[k.file] == nil {
            checkSummaries(manifest, clustersFile: k.file, directory: directory, note: { note($0, $1) })
        }
        // The catalog's ids are checked against the documents only when every segment was read.
        if let c = manifest.catalog, problems[c] == nil, allSegmentsRead {
            do {
                let catalog = try SourceCatalog.load(path: directory + "/" + c)
                var listed = 0
                for (path, entry) in catalog.entries {
                    for id in entry.ids {
                        listed += 1
                        if !liveIds.contains(id) {
                            note(c, "lists document \"\(id)\" of \(path), which the index does not hold")
                        }
                    }
                }
                if listed > liveIds.count { note(c, "lists \(listed) documents, the index holds \(liveIds.count)") }
            } catch {
                note(c, reason(error))
            }
        }

        for name in manifest.fileNames {
            report.files.append(.init(name: name, bytes: DurableFile.size(directory + "/" + name), problem: problems[name],
                                      unreadable: unreadable.contains(name)))
        }
        if let p = problems[IndexFormat.manifestName] { report.files[0].problem = p }
        return report
    }

    private static func reason(_ error: Error) -> String {
        switch error {
        case IndexError.corrupt(_, let why): return why
        case IndexError.io(_, let why): return why
        default: return "\(error)"
        }
    }

    /// Whether the error is a lack of permission (EACCES, EPERM), which is no sign of damage.
    static func isPermissionError(_ error: Error) -> Bool {
        guard case IndexError.io(_, let why) = error else { return false }
        return why == String(cString: strerror(EACCES)) || why == String(cString: strerror(EPERM))
    }

    private static func checkFile(_ path: String, kind: FileFooter.Kind, note: (String, String, Bool) -> Void) {
        do {
            let mapped = try MappedFile(path: path)
            _ = try FileFooter.validate(mapped.bytes, kind: kind, file: path)
            try FileFooter.verifyChecksum(mapped.bytes, file: path)
        } catch {
            note(path, reason(error), isPermissionError(error))
        }
    }

    private static func checkSegment(_ segment: SegmentReader, directory: String, storesText: Bool) throws {
        let info = segment.info
        let termsFile = info.filePath(.terms, in: directory)
        let postingsFile = info.filePath(.postings, in: directory)
        let positionsFile = info.filePath(.positions, in: directory)
        let columnsFile = info.filePath(.columns, in: directory)
        let storeFile = info.filePath(.store, in: directory)
        let columns = segment.columns
        let n = segment.documentCount

        // Columns: lengths add up to the manifest's token counts.
        var tokens = 0, deletedTokens = 0
        for d in 0..<n {
            let l = Int(columns.titleLength(d)) + Int(columns.bodyLength(d))
            tokens += l
            if segment.isDeleted(d) { deletedTokens += l }
        }
        guard tokens == info.tokenCount else {
            throw IndexError.corrupt(file: columnsFile, reason: "lengths add up to \(tokens) tokens, the manifest says \(info.tokenCount)")
        }
        if let deletes = segment.deletes, deletedTokens != deletes.deletedTokens {
            throw IndexError.corrupt(file: deletes.path, reason: "deleted documents hold \(deletedTokens) tokens, the file says \(deletes.deletedTokens)")
        }
        // Every declared column's values, by its type (dates are dates, actor ordinals in range).
        try columns.verify()

        // Terms, postings and positions.
        var previous: [UInt8]? = nil
        var termCount = 0
        var tfSum = 0
        var decrements: [[UInt8]: Int] = [:]
        try segment.terms.forEach(from: UnsafeBufferPointer(start: nil, count: 0)) { term, entry in
            termCount += 1
            if let p = previous, !p.lexicographicallyPrecedes(term) {
                throw IndexError.corrupt(file: termsFile, reason: "terms out of order at \"\(String(decoding: term, as: UTF8.self))\"")
            }
            previous = Array(term)
            // Actor terms stand outside the text: one occurrence at position 0, not in the length.
            let isActor = ActorTerms.name(of: term) != nil
            let cursor = try segment.postings(entry)
            try cursor.start()
            var docs = 0, deleted = 0
            var last: Int32 = -1
            while cursor.doc != PostingsCursor.exhausted {
                let d = cursor.doc
                guard d > last else { throw IndexError.corrupt(file: postingsFile, reason: "document numbers do not increase") }
                last = d
                docs += 1
                guard docs <= entry.documentFrequency else { break }
                if segment.isDeleted(Int(d)) { deleted += 1 }
                let tf = Int(cursor.termFrequency), titleTf = Int(cursor.titleTermFrequency)
                if isActor {
                    guard tf == 1, titleTf == 0 else {
                        throw IndexError.corrupt(file: postingsFile, reason: "actor term \"\(String(decoding: term.dropFirst(), as: UTF8.self))\" has frequency \(tf) in document \(d)")
                    }
                    try cursor.next()
                    continue
                }
                tfSum += tf
                let titleLength = Int(columns.titleLength(Int(d)))
                let bound = titleLength + (titleLength > 0 ? IndexFormat.titleBodyGap : 0) + Int(columns.bodyLength(Int(d)))
                var count = 0, inTitle = 0
                var lastPosition: Int = -1
                var bad = false
                try cursor.forEachPosition { p in
                    let p = Int(p)
                    if p <= lastPosition || p >= bound { bad = true }
                    if p < titleLength { inTitle += 1 }
                    lastPosition = p
                    count += 1
                }
                guard !bad, count == tf, inTitle == titleTf else {
                    throw IndexError.corrupt(file: positionsFile, reason: "positions of \"\(String(decoding: term, as: UTF8.self))\" in document \(d) do not match its frequencies or length")
                }
                try cursor.next()
            }
            guard docs == entry.documentFrequency else {
                throw IndexError.corrupt(file: postingsFile, reason: "\"\(String(decoding: term, as: UTF8.self))\" has \(docs) postings, df says \(entry.documentFrequency)")
            }
            if deleted > 0 { decrements[Array(term)] = deleted }
            return true
        }
        guard termCount == segment.terms.termCount else {
            throw IndexError.corrupt(file: termsFile, reason: "\(termCount) terms read, \(segment.terms.termCount) counted")
        }
        guard tfSum == info.tokenCount else {
            throw IndexError.corrupt(file: postingsFile, reason: "term frequencies add up to \(tfSum), the segment holds \(info.tokenCount) tokens")
        }

        // Tombstones: the df decrements are exactly the deleted documents in the postings.
        if let deletes = segment.deletes {
            var listed = 0
            var previousTerm: [UInt8]? = nil
            try deletes.forEachTerm { term, count in
                listed += 1
                let t = Array(term)
                if let p = previousTerm, !p.lexicographicallyPrecedes(t) {
                    throw IndexError.corrupt(file: deletes.path, reason: "terms out of order")
                }
                previousTerm = t
                guard decrements[t] == count else {
                    throw IndexError.corrupt(file: deletes.path, reason: "df decrement of \"\(String(decoding: t, as: UTF8.self))\" is \(count), the postings say \(decrements[t] ?? 0)")
                }
            }
            guard listed == decrements.count else {
                throw IndexError.corrupt(file: deletes.path, reason: "lists \(listed) terms, deleted documents hold \(decrements.count)")
            }
        }

        // Stored documents: every one decodes and carries its column id.
        for d in 0..<n {
            let doc = try segment.document(d)
            guard doc.id == columns.externalId(d) else {
                throw IndexError.corrupt(file: storeFile, reason: "document \(d) is \"\(doc.id)\", the id column says \"\(columns.externalId(d))\"")
            }
            guard storesText || (doc.title.isEmpty && doc.body.isEmpty) else {
                throw IndexError.corrupt(file: storeFile, reason: "document \(d) has text, the manifest says --store none")
            }
        }
    }
}

extension IndexChecker {
    /// Decodes the kept clusters and compares them, and the manifest's language counts, with a
    /// recomputation from the segments: a file that decodes but disagrees is damage too.
    static func checkSummaries(_ manifest: Manifest, clustersFile: String, directory: String,
                               note: (String, String) -> Void) {
        do {
            let segments = try manifest.segments.map { try SegmentReader(info: $0, directory: directory) }
            let total = segments.reduce(0) { $0 + $1.documentCount }
            let path = directory + "/" + clustersFile
            let kept = try NearDuplicateClusters.decode(DurableFile.read(path), total: total, file: path)
            if !kept.sameClusters(as: NearDuplicateClusters(segments: segments)) {
                note(clustersFile, "the clusters differ from those the documents' signatures give")
            }
            if let recorded = manifest.languages {
                var counts: [String: Int] = [:]
                for segment in segments {
                    for d in 0..<segment.documentCount where !segment.isDeleted(d) && segment.columns.languageValue(d) != 0 {
                        counts[segment.columns.language(d), default: 0] += 1
                    }
                }
                if counts != recorded.filter({ $0.value > 0 }) {
                    note(IndexFormat.manifestName, "the language counts differ from the documents' languages")
                }
            }
        } catch let IndexError.corrupt(_, why) {
            note(clustersFile, why)
        } catch {
            note(clustersFile, "\(error)")
        }
    }
}
