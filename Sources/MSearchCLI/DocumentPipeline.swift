import Foundation
import MSearchAnalysis
import MSearchExtraction
import MSearchIndex
import MSearchSources

/// Reads and analyses documents on every core while the index writer, which must see documents
/// in order, builds postings on the calling thread: reading and analysis are most of the
/// indexing time and parallelise; building does not.
///
/// Files are read in parallel a batch at a time; their documents are analysed in chunks, and
/// chunk k + 1 is analysed in the background while chunk k is consumed. The order of files
/// and documents is the input order, so every run gives the same index.
struct DocumentPipeline {
    /// What one file gave.
    struct FileDocuments {
        var path: String
        var documents: [SourceDocument]
        var problems: [SourceProblem]
    }

    let settings: AnalyzerSettings
    /// Finds dates and actors; nil indexes the text alone.
    var extractor: Extractor?
    var workers = max(1, ProcessInfo.processInfo.activeProcessorCount)
    var filesPerBatch = 64
    var documentsPerChunk = 512

    /// Runs `consume` for every analysed document in input order and `fileDone` once per file
    /// after its documents, both on the calling thread. `select` (also on the calling thread,
    /// one batch at a time, before the batch is parsed) gives the bytes of a file to index, or
    /// nil to skip it; `parse` turns them into documents on any thread.
    func run(files: [String], select: (String) throws -> [UInt8]?,
             parse: @escaping (String, [UInt8]) -> FileDocuments,
             consume: (AnalyzedDocument) throws -> Void,
             fileDone: (FileDocuments) throws -> Void) throws {
        let analyzers = try (0..<workers).map { _ in try Analyzer(settings) }
        var start = 0
        while start < files.count {
            let paths = files[start..<min(files.count, start + filesPerBatch)]
            start += paths.count
            var batch: [(String, [UInt8])] = []
            for path in paths {
                if let bytes = try select(path) { batch.append((path, bytes)) }
            }
            let read = concurrentMap(batch) { parse($0.0, $0.1) }
            // The documents of the batch, cut into chunks; each chunk remembers where files end.
            var all: [SourceDocument] = []
            var fileEnds: [Int] = []
            for f in read {
                all += f.documents
                fileEnds.append(all.count)
            }
            var nextFile = 0
            var consumed = 0
            func finishFiles() throws {
                while nextFile < read.count && fileEnds[nextFile] <= consumed {
                    try fileDone(read[nextFile])
                    nextFile += 1
                }
            }
            try finishFiles()
            let chunks = stride(from: 0, to: all.count, by: documentsPerChunk).map {
                Array(all[$0..<min(all.count, $0 + documentsPerChunk)])
            }
            try overlapped(chunks, prepare: { analyze($0, analyzers) }) { analyzed in
                for doc in analyzed {
                    try consume(doc)
                    consumed += 1
                    try finishFiles()
                }
            }
        }
    }

    /// Analyses a chunk, splitting it into one contiguous slice per worker.
    private func analyze(_ docs: [SourceDocument], _ analyzers: [Analyzer]) -> [AnalyzedDocument] {
        let slices = analyzers.count
        let size = (docs.count + slices - 1) / slices
        let parts = concurrentMap(Array(0..<slices)) { w -> [AnalyzedDocument] in
            let lo = min(docs.count, w * size), hi = min(docs.count, lo + size)
            return docs[lo..<hi].map { doc in
                var doc = doc
                if let extractor { DocumentPipeline.enrich(&doc, with: extractor.extract(doc)) }
                return AnalyzedDocument(doc, analyzer: analyzers[w])
            }
        }
        return parts.flatMap { $0 }
    }

    /// Copies what extraction found into the document: its date when the source stated none,
    /// and its actors and mentioned dates.
    static func enrich(_ doc: inout SourceDocument, with e: Extraction) {
        if doc.date == nil, let p = e.publicationDate {
            doc.date = p.date.description
            doc.dateEvidence = p.evidence
        }
        doc.actors = e.actors.map { NamedActor(name: $0.name, kind: $0.kind.rawValue) }
        doc.mentionedDates = e.mentionedDates.map(\.description)
    }

    /// Prepares item k + 1 on a background thread while item k is consumed.
    private func overlapped<T, U>(_ items: [T], prepare: @escaping (T) -> U, consume: (U) throws -> Void) throws {
        guard !items.isEmpty else { return }
        var current = prepare(items[0])
        for k in 0..<items.count {
            let slot = UnsafeMutablePointer<U?>.allocate(capacity: 1)
            slot.initialize(to: nil)
            defer { slot.deinitialize(count: 1); slot.deallocate() }
            let group = DispatchGroup()
            if k + 1 < items.count {
                let item = items[k + 1]
                let address = UInt(bitPattern: slot)
                DispatchQueue.global().async(group: group) {
                    UnsafeMutablePointer<U?>(bitPattern: address)!.pointee = prepare(item)
                }
            }
            // Wait for the background work even if consuming fails, so it never outlives `slot`.
            defer { group.wait() }
            try consume(current)
            group.wait()
            if let v = slot.pointee { current = v }
        }
    }
}

/// `map` on all cores, results in input order.
func concurrentMap<T, U>(_ items: [T], _ transform: (T) -> U) -> [U] {
    let out = UnsafeMutableBufferPointer<U>.allocate(capacity: items.count)
    defer { out.deallocate() }
    withoutActuallyEscaping(transform) { transform in
        DispatchQueue.concurrentPerform(iterations: items.count) { i in
            (out.baseAddress! + i).initialize(to: transform(items[i]))
        }
    }
    let result = Array(out)
    _ = out.baseAddress.map { $0.deinitialize(count: items.count) }
    return result
}
