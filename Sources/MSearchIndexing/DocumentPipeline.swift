import Foundation
import MSearchAnalysis
import MSearchExtraction
import MSearchIndex
import MSearchSources

/// Reads and analyses documents on every core while the index writer, which must see documents
/// in order, builds postings on the calling thread: reading and analysis are most of the
/// indexing time and parallelise; building does not.
///
/// Work goes in rounds of about `roundBytes` of source: whole files, or pieces of a large
/// JSON Lines file (`JSONLinesStream`). Round k + 1 is parsed and analysed in the background
/// while round k is consumed, and is read only then, so at most two rounds are in memory
/// whatever the corpus or file size: that is the pipeline's back-pressure. The order of files
/// and documents is the input order, so every run gives the same index.
struct DocumentPipeline {
    /// What to read of one file.
    enum Input {
        case bytes([UInt8], SourceFormat)
        case stream(JSONLinesStream)
    }

    /// What one file gave, reported once all its documents are consumed.
    struct FileDocuments {
        var path: String
        var documentCount = 0
        var problems: [SourceProblem] = []
    }

    let settings: AnalyzerSettings
    /// Finds dates and actors; nil indexes the text alone.
    var extractor: Extractor?
    /// What reading one file may cost (inflated size, markup, entities, text per document).
    var limits = ReadLimits()
    var workers = max(1, ProcessInfo.processInfo.activeProcessorCount)
    var filesPerRound = 64
    /// Source bytes per round: two rounds of documents, parsed and analysed, stay in memory.
    var roundBytes = 512 << 10
    /// Stream pieces are smaller than a round so that a round of one file still has one
    /// piece per worker to parse.
    var pieceBytes: Int { max(1 << 16, roundBytes / (2 * workers)) }

    /// One unit of parsing: a whole file, or a piece of a streamed one.
    private struct Work {
        var file: Int
        var bytes: [UInt8] = []
        var format: SourceFormat = .text
        var stream: JSONLinesStream? = nil
        var piece: JSONLinesStream.Piece? = nil
        /// The file's last unit: `fileDone` follows its documents.
        var last = true
    }

    /// What one unit gave once parsed: how many of the round's documents are its, their line
    /// numbers (streamed pieces, for duplicate ids) and the parts it could not read.
    private struct Parsed {
        var documents: [SourceDocument] = []
        var lines: [Int] = []
        var problems: [SourceProblem] = []
    }

    /// A round, parsed and analysed.
    private struct Prepared {
        var units: [Work]
        var counts: [Int]
        var lines: [[Int]]
        var problems: [[SourceProblem]]
        var documents: [AnalyzedDocument]
    }

    /// Runs `consume` for every analysed document in input order and `fileDone` once per file
    /// after its documents, both on the calling thread. `select` (also on the calling thread,
    /// when reading reaches the file) gives what to index of a file, or nil to skip it.
    func run(files: [String], select: (String) throws -> Input?,
             consume: (AnalyzedDocument) throws -> Void,
             fileDone: (FileDocuments) throws -> Void) throws {
        let analyzers = try (0..<workers).map { _ in try Analyzer(settings) }
        var nextFile = 0
        var open: (file: Int, stream: JSONLinesStream)? = nil
        // Gathers the next round; reading is cheap next to parsing and analysis.
        func nextRound() throws -> [Work]? {
            var units: [Work] = []
            var bytes = 0
            while bytes < roundBytes && units.count < filesPerRound {
                if let (file, stream) = open {
                    let piece = try stream.next(targetBytes: pieceBytes)
                    bytes += piece?.bytes.count ?? 0
                    units.append(Work(file: file, stream: stream, piece: piece, last: piece == nil))
                    if piece == nil { open = nil }
                    continue
                }
                guard nextFile < files.count else { break }
                let file = nextFile
                nextFile += 1
                switch try select(files[file]) {
                case nil: continue
                case .bytes(let b, let format):
                    bytes += b.count
                    units.append(Work(file: file, bytes: b, format: format))
                case .stream(let stream):
                    open = (file, stream)
                }
            }
            return units.isEmpty ? nil : units
        }
        var current: FileDocuments? = nil
        try overlapped(next: nextRound, prepare: { prepare($0, files: files, analyzers: analyzers) }) { round in
            var d = 0
            for (u, unit) in round.units.enumerated() {
                var file = current ?? FileDocuments(path: files[unit.file])
                file.problems += round.problems[u]
                for k in 0..<round.counts[u] {
                    var doc = round.documents[d]
                    d += 1
                    if let stream = unit.stream, let problem = stream.accept(&doc.source, line: round.lines[u][k]) {
                        file.problems.append(problem)
                        continue
                    }
                    try consume(doc)
                    file.documentCount += 1
                }
                if unit.last {
                    current = nil
                    try fileDone(file)
                } else {
                    current = file
                }
            }
        }
    }

    /// Parses a round's units in parallel, then analyses all their documents in parallel.
    private func prepare(_ units: [Work], files: [String], analyzers: [Analyzer]) -> Prepared {
        let parsed = concurrentMap(units) { unit -> Parsed in
            let path = files[unit.file]
            if let piece = unit.piece {
                var r = JSONLinesStream.parse(piece, path: path)
                for i in r.documents.indices {
                    if let note = limits.truncate(&r.documents[i], inFileOf: 2) { r.problems.append(note) }
                }
                return Parsed(documents: r.documents, lines: r.lines, problems: r.problems)
            }
            if unit.stream != nil { return Parsed() }
            let r = SourceReader.readAll(bytes: unit.bytes, path: path, format: unit.format, limits: limits)
            return Parsed(documents: r.documents, problems: r.problems)
        }
        return Prepared(units: units.map { var u = $0; u.bytes = []; u.piece = nil; return u },
                        counts: parsed.map(\.documents.count), lines: parsed.map(\.lines),
                        problems: parsed.map(\.problems),
                        documents: analyze(parsed.flatMap(\.documents), analyzers))
    }

    /// Analyses documents, splitting them into one contiguous slice per worker.
    private func analyze(_ docs: [SourceDocument], _ analyzers: [Analyzer]) -> [AnalyzedDocument] {
        let slices = analyzers.count
        let size = (docs.count + slices - 1) / slices
        let parts = concurrentMap(Array(0..<slices)) { w -> [AnalyzedDocument] in
            let lo = min(docs.count, w * size), hi = min(docs.count, lo + size)
            return docs[lo..<hi].map { doc in
                var doc = doc
                // the language first: extraction reads capitals differently where nouns take them
                if doc.language == nil { doc.language = AnalyzedDocument.language(of: doc, analyzer: analyzers[w]) }
                if let extractor { DocumentPipeline.enrich(&doc, with: extractor.extract(doc)) }
                return AnalyzedDocument(doc, analyzer: analyzers[w])
            }
        }
        return parts.flatMap { $0 }
    }

    /// Copies what extraction found into the document: its date when the source stated none
    /// and allows one from the text, and its actors (after those the reader stated) and mentioned dates.
    static func enrich(_ doc: inout SourceDocument, with e: Extraction) {
        if doc.date == nil, doc.textMayDate, let p = e.publicationDate {
            doc.date = p.date.description
            doc.dateEvidence = p.evidence
        }
        let stated = doc.actors
        doc.actors = stated + e.actors.map { NamedActor(name: $0.name, kind: $0.kind) }.filter { found in
            !stated.contains { $0.name == found.name }
        }
        doc.mentionedDates = e.mentionedDates.map(\.description)
    }

    /// Prepares item k + 1 on a background thread while item k is consumed; item k + 1 is
    /// fetched (`next`, on the calling thread) only when item k is ready, so at most two are
    /// held at once.
    private func overlapped<T, U>(next: () throws -> T?, prepare: @escaping (T) -> U, consume: (U) throws -> Void) throws {
        guard let first = try next() else { return }
        var current = prepare(first)
        while true {
            let following = try next()
            let slot = UnsafeMutablePointer<U?>.allocate(capacity: 1)
            slot.initialize(to: nil)
            defer { slot.deinitialize(count: 1); slot.deallocate() }
            let group = DispatchGroup()
            if let item = following {
                let address = UInt(bitPattern: slot)
                DispatchQueue.global().async(group: group) {
                    UnsafeMutablePointer<U?>(bitPattern: address)!.pointee = prepare(item)
                }
            }
            // Wait for the background work even if consuming fails, so it never outlives `slot`.
            defer { group.wait() }
            try consume(current)
            group.wait()
            guard let v = slot.pointee else { return }
            current = v
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
