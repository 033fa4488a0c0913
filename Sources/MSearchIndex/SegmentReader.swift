import MSearchSources

/// One open segment: its mapped files and the structures that read them.
public final class SegmentReader {
    public let info: SegmentInfo
    public let terms: TermDictionary
    public let columns: DocumentColumns
    public let store: DocumentStore
    /// The segment's tombstones (nil when none of its documents is deleted).
    public let deletes: DeletedDocuments?
    private let postingsFile: MappedFile
    private let positionsFile: MappedFile
    private let mapped: [MappedFile]

    public init(info: SegmentInfo, directory: String) throws {
        self.info = info
        let termsFile = try MappedFile(path: info.filePath(.terms, in: directory))
        postingsFile = try MappedFile(path: info.filePath(.postings, in: directory))
        positionsFile = try MappedFile(path: info.filePath(.positions, in: directory))
        let storeFile = try MappedFile(path: info.filePath(.store, in: directory))
        let columnsFile = try MappedFile(path: info.filePath(.columns, in: directory))
        mapped = [termsFile, postingsFile, positionsFile, storeFile, columnsFile]
        for (file, ext) in zip(mapped, [IndexFormat.FileExtension.terms, .postings, .positions, .store, .columns]) {
            try info.verifyFooterChecksum(file, ext)
        }
        terms = try TermDictionary(termsFile)
        columns = try DocumentColumns(columnsFile)
        store = try DocumentStore(storeFile)
        _ = try FileFooter.validate(postingsFile.bytes, kind: .postings, file: postingsFile.path)
        _ = try FileFooter.validate(positionsFile.bytes, kind: .positions, file: positionsFile.path)
        for (file, count) in [(columnsFile, columns.documentCount), (storeFile, store.documentCount)] where count != info.documentCount {
            throw IndexError.corrupt(file: file.path, reason: "holds \(count) documents, the manifest says \(info.documentCount)")
        }
        deletes = try info.deletes.map { try DeletedDocuments(path: directory + "/" + $0.file, segment: info, deletes: $0) }
    }

    /// Whether segment-local document `doc` is deleted.
    @inline(__always)
    public func isDeleted(_ doc: Int) -> Bool { deletes?.contains(doc) ?? false }

    /// How many live documents of this segment contain the term (`info` is its dictionary entry).
    public func liveDocumentFrequency(_ term: UnsafeBufferPointer<UInt8>, _ info: TermInfo) throws -> Int {
        guard let deletes else { return info.documentFrequency }
        let d = try deletes.documentFrequencyDecrement(term)
        guard d <= info.documentFrequency else {
            throw IndexError.corrupt(file: deletes.path, reason: "deletes more documents of a term than contain it")
        }
        return info.documentFrequency - d
    }

    public var documentCount: Int { info.documentCount }

    /// A cursor over the postings of a term found in this segment's dictionary. Without
    /// `frequencies`, they are decoded only for documents whose positions are read (phrases).
    public func postings(_ term: TermInfo, frequencies: Bool = true) throws -> PostingsCursor {
        guard term.postingsOffset < postingsFile.bytes.count, term.positionsOffset <= positionsFile.bytes.count else {
            throw IndexError.corrupt(file: postingsFile.path, reason: "term points outside the file")
        }
        guard term.documentFrequency >= 1, term.documentFrequency <= documentCount else {
            throw IndexError.corrupt(file: terms.file, reason: "document frequency \(term.documentFrequency) out of range")
        }
        return try PostingsCursor(postings: postingsFile.bytes, offset: term.postingsOffset,
                                  documentFrequency: term.documentFrequency, file: postingsFile.path,
                                  positions: positionsFile.bytes, positionsOffset: term.positionsOffset,
                                  positionsFile: positionsFile.path, segmentDocumentCount: documentCount,
                                  frequencies: frequencies)
    }

    /// The stored document, with its language from the column.
    public func document(_ doc: Int) throws -> SourceDocument {
        var document = try store.document(doc)
        document.language = columns.language(doc)
        return document
    }

    /// Drops the pages of the segment's files read so far from the resident set (`MappedFile`).
    public func releasePages() {
        for (file, _) in files { file.releasePages() }
    }

    /// Every file of the segment with its kind, for `check`.
    public var files: [(MappedFile, FileFooter.Kind)] {
        zip(mapped, [FileFooter.Kind.terms, .postings, .positions, .store, .columns]).map { ($0, $1) }
            + (deletes.map { [($0.mappedFile, FileFooter.Kind.deletes)] } ?? [])
    }
}
