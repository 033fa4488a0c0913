import CZstd
import MSearchSources

/// Writes stored documents (id, path, title, body, date, …) in zstd-compressed blocks of about
/// 16 KB: snippets and display need the original text, but only for the few hits shown.
/// Blocks are compressed with a dictionary trained on the segment's first 2 MB of records
/// (`StoreCompression`); until it is trained they wait uncompressed.
///
/// Block (compressed): varint doc count, varint record length per doc, records.
/// Record: strings id, path, title, body, date, date evidence, url, format (empty = none),
///         varint actor count + (name, kind) strings, varint mentioned-date count + strings,
///         varint ordinal in the source file. Title and body are empty with `StoreMode.none`.
/// Tail: per block UInt32 first doc + UInt64 offset; the dictionary; then UInt64 dictionary
///       size, block count, doc count, index offset.
struct DocumentStoreWriter {
    private var out = ByteBuffer()
    private var pending = ByteBuffer()
    private var pendingLengths: [Int] = []
    private var blockFirstDoc: [UInt32] = []
    private var blockOffsets: [UInt64] = []
    private(set) var documentCount = 0
    private var record = ByteBuffer()
    /// Nil until the dictionary is trained (or found not worth it).
    private var compressor: StoreCompression.Compressor?
    private var dictionary: [UInt8] = []
    /// Raw blocks and training samples (records) kept until then.
    private var waiting: [[UInt8]] = []
    private var waitingBytes = 0
    private var samples: [UInt8] = []
    private var sampleSizes: [Int] = []
    private let storesText: Bool
    /// Bytes already moved to a file by `drain(into:)`: block offsets count them.
    private var drained = 0

    /// `storesText: false` writes titles and bodies as empty strings (`StoreMode.none`).
    /// `dictionary`: one trained on the same run's earlier records, so that a run flushing many
    /// small segments trains once instead of once per segment (training is most of the store's
    /// cost); every segment still carries its dictionary.
    init(storesText: Bool = true, dictionary: [UInt8] = []) {
        self.storesText = storesText
        if !dictionary.isEmpty {
            self.dictionary = dictionary
            compressor = StoreCompression.Compressor(dictionary: dictionary)
        }
    }

    /// The dictionary the blocks are compressed with, once there is one (empty before).
    var trainedDictionary: [UInt8] { compressor == nil ? [] : dictionary }

    var memoryFootprint: Int {
        out.heapBytes + pending.heapBytes + record.heapBytes + pendingLengths.capacity * 8
            + waiting.reduce(0) { $0 + $1.capacity } + samples.capacity + sampleSizes.capacity * 8
    }

    mutating func add(_ doc: SourceDocument) {
        record.removeAll()
        record.appendString(doc.id)
        record.appendString(doc.path)
        record.appendString(storesText ? doc.title : "")
        record.appendString(storesText ? doc.body : "")
        record.appendString(doc.date ?? "")
        record.appendString(doc.dateEvidence ?? "")
        record.appendString(doc.url ?? "")
        record.appendString(doc.format.rawValue)
        record.appendVarint(doc.actors.count)
        for a in doc.actors { record.appendString(a.name); record.appendString(a.kind.rawValue) }
        record.appendVarint(doc.mentionedDates.count)
        for d in doc.mentionedDates { record.appendString(d) }
        record.appendVarint(doc.ordinal)
        record.bytes.withUnsafeBytes { addRecord($0) }
    }

    /// Adds an encoded record as it is (a merge copies records without decoding them).
    mutating func addRecord(_ raw: UnsafeRawBufferPointer) {
        let bytes = UnsafeBufferPointer(start: raw.baseAddress?.assumingMemoryBound(to: UInt8.self), count: raw.count)
        pending.append(bytes)
        pendingLengths.append(raw.count)
        if compressor == nil {
            samples.append(contentsOf: bytes)
            sampleSizes.append(raw.count)
        }
        documentCount += 1
        if pending.count >= IndexFormat.storeBlockBytes { flushBlock() }
    }

    /// Moves the compressed blocks so far into `sink`, so that a store is not held in memory
    /// (the builder's and a merge's drain after every document); `finish(into:)` ends the file.
    mutating func drain(into sink: inout FileSink) throws {
        drained += out.count
        try sink.take(&out)
        // The blocks that waited for the dictionary come out at once: do not keep their room.
        if out.heapBytes > 4 * IndexFormat.storeBlockBytes { out = ByteBuffer() }
    }

    private mutating func flushBlock() {
        guard !pendingLengths.isEmpty else { return }
        var raw = ByteBuffer(capacity: pending.count + 8 * pendingLengths.count)
        raw.appendVarint(pendingLengths.count)
        for l in pendingLengths { raw.appendVarint(l) }
        raw.append(contentsOf: pending.bytes)
        blockFirstDoc.append(UInt32(documentCount - pendingLengths.count))
        pending.removeAll()
        pendingLengths.removeAll(keepingCapacity: true)
        if let compressor {
            blockOffsets.append(UInt64(drained + out.count))
            out.append(contentsOf: compressor.compress(raw.bytes))
            return
        }
        waiting.append(raw.bytes)
        waitingBytes += raw.count
        if waitingBytes >= StoreCompression.trainingBytes { startCompressing() }
    }

    /// Trains the dictionary on the records so far and compresses the blocks that waited.
    private mutating func startCompressing() {
        dictionary = StoreCompression.train(samples: samples, sizes: sampleSizes) ?? []
        let compressor = StoreCompression.Compressor(dictionary: dictionary)
        for raw in waiting {
            blockOffsets.append(UInt64(drained + out.count))
            out.append(contentsOf: compressor.compress(raw))
        }
        self.compressor = compressor
        waiting = []
        waitingBytes = 0
        samples = []
        sampleSizes = []
    }

    /// Ends a store that was drained into `sink`: the rest of it, the tail, the footer.
    mutating func finish(into sink: inout FileSink) throws {
        appendTail()
        try sink.take(&out)
        try sink.finish(kind: .store)
    }

    /// The last block, then the block index, the dictionary and the sizes.
    private mutating func appendTail() {
        flushBlock()
        if compressor == nil { startCompressing() }
        let indexOffset = drained + out.count
        for (first, offset) in zip(blockFirstDoc, blockOffsets) {
            out.appendUInt32(first)
            out.appendUInt64(offset)
        }
        out.append(contentsOf: dictionary)
        out.appendUInt64(UInt64(dictionary.count))
        out.appendUInt64(UInt64(blockOffsets.count))
        out.appendUInt64(UInt64(documentCount))
        out.appendUInt64(UInt64(indexOffset))
    }
}

/// Reads stored documents back, decompressing one block at a time and keeping the last one,
/// since the hits of one page often share blocks.
public final class DocumentStore {
    private let bytes: UnsafeRawBufferPointer
    private let file: String
    public let documentCount: Int
    private let blockCount: Int
    private let indexOffset: Int
    private let decompressor: StoreCompression.Decompressor
    private let dictionaryBytes: UnsafeRawBufferPointer
    private var cachedBlock = -1
    private var cachedRecords: [[UInt8]] = []

    init(_ mapped: MappedFile) throws {
        file = mapped.path
        let payload = try FileFooter.validate(mapped.bytes, kind: .store, file: file)
        bytes = UnsafeRawBufferPointer(rebasing: mapped.bytes[0..<payload])
        guard payload >= 32 else { throw IndexError.corrupt(file: file, reason: "store too short") }
        var c = ByteCursor(bytes, offset: payload - 32, file: file)
        let rawDictionary = try c.readUInt64()
        let rawBlocks = try c.readUInt64(), rawDocs = try c.readUInt64(), rawIndex = try c.readUInt64()
        guard rawBlocks <= UInt64(payload / 12), rawIndex <= UInt64(payload), rawDocs <= UInt64(Int32.max),
              rawDictionary <= UInt64(payload), rawBlocks <= rawDocs, rawBlocks > 0 || rawDocs == 0 else {
            throw IndexError.corrupt(file: file, reason: "store index is inconsistent")
        }
        blockCount = Int(rawBlocks)
        documentCount = Int(rawDocs)
        indexOffset = Int(rawIndex)
        let dictionarySize = Int(rawDictionary)
        guard indexOffset + blockCount * 12 + dictionarySize == payload - 32 else {
            throw IndexError.corrupt(file: file, reason: "store index is inconsistent")
        }
        let dictionaryStart = indexOffset + blockCount * 12
        dictionaryBytes = UnsafeRawBufferPointer(rebasing: bytes[dictionaryStart..<(dictionaryStart + dictionarySize)])
        decompressor = StoreCompression.Decompressor(dictionary: dictionaryBytes)
    }

    /// The zstd dictionary the blocks were compressed with (empty: none), for a merge to reuse.
    var dictionary: [UInt8] { Array(dictionaryBytes) }

    private func blockEntry(_ b: Int) throws -> (first: Int, offset: Int) {
        let base = indexOffset + b * 12
        let first = UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: base, as: UInt32.self))
        let offset = UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: base + 4, as: UInt64.self))
        guard offset <= UInt64(indexOffset) else { throw IndexError.corrupt(file: file, reason: "store block \(b) out of range") }
        return (Int(first), Int(offset))
    }

    /// Calls `body` with the encoded record of document `doc` (segment-local number).
    func withRecord<R>(_ doc: Int, _ body: (UnsafeRawBufferPointer) throws -> R) throws -> R {
        guard doc >= 0, doc < documentCount else { throw IndexError.corrupt(file: file, reason: "no stored document \(doc)") }
        var lo = 0, hi = blockCount - 1
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if try blockEntry(mid).first <= doc { lo = mid } else { hi = mid - 1 }
        }
        if lo != cachedBlock { try load(block: lo) }
        let index = doc - (try blockEntry(lo).first)
        guard index >= 0, index < cachedRecords.count else { throw IndexError.corrupt(file: file, reason: "document \(doc) missing from its block") }
        return try cachedRecords[index].withUnsafeBytes(body)
    }

    /// The stored document `doc` (segment-local number).
    public func document(_ doc: Int) throws -> SourceDocument {
        try withRecord(doc) { raw in
            var c = ByteCursor(raw, file: file)
            let id = try c.readString(), path = try c.readString(), title = try c.readString()
            let body = try c.readString(), date = try c.readString(), evidence = try c.readString()
            let url = try c.readString(), format = try c.readString()
            var doc = SourceDocument(id: id, path: path, title: title, body: body,
                                     date: date.isEmpty ? nil : date,
                                     dateEvidence: evidence.isEmpty ? nil : evidence,
                                     url: url.isEmpty ? nil : url,
                                     format: SourceFormat(rawValue: format) ?? .text)
            let actors = try c.readVarintInt()
            guard actors <= raw.count else { throw c.corrupt("actor count out of range") }
            for _ in 0..<actors {
                let name = try c.readString(), kindName = try c.readString()
                guard let kind = ActorKind(rawValue: kindName) else { throw c.corrupt("unknown actor kind \"\(kindName)\"") }
                doc.actors.append(NamedActor(name: name, kind: kind))
            }
            let dates = try c.readVarintInt()
            guard dates <= raw.count else { throw c.corrupt("date count out of range") }
            for _ in 0..<dates { doc.mentionedDates.append(try c.readString()) }
            doc.ordinal = try c.readVarintInt()
            return doc
        }
    }

    private func load(block b: Int) throws {
        let start = try blockEntry(b).offset
        let end = b + 1 < blockCount ? try blockEntry(b + 1).offset : indexOffset
        guard start <= end, end <= indexOffset else { throw IndexError.corrupt(file: file, reason: "store block \(b) out of range") }
        let src = UnsafeRawBufferPointer(rebasing: bytes[start..<end])
        let size = ZSTD_getFrameContentSize(src.baseAddress, src.count)
        // zstd expands at most 128 KB per 4-byte (RLE) block, so a frame claiming more than
        // 32768× its size is damage, not data, and must not make us allocate it.
        guard size != ZSTD_CONTENTSIZE_ERROR, size != ZSTD_CONTENTSIZE_UNKNOWN, size < 1 << 31,
              size <= UInt64(src.count) * 32768 else {
            throw IndexError.corrupt(file: file, reason: "store block \(b) is not a zstd frame")
        }
        var raw = [UInt8](repeating: 0, count: Int(size))
        let n = raw.withUnsafeMutableBytes { decompressor.decompress(src, into: $0) }
        guard n == Int(size) else {
            throw IndexError.corrupt(file: file, reason: "store block \(b) does not decompress")
        }
        var records: [[UInt8]] = []
        try raw.withUnsafeBytes { r in
            var c = ByteCursor(r, file: file)
            let count = try c.readVarintInt()
            var lengths: [Int] = []
            for _ in 0..<min(count, r.count) { lengths.append(try c.readVarintInt()) }
            for l in lengths { records.append(Array(try c.readBytes(l))) }
        }
        cachedBlock = b
        cachedRecords = records
    }
}
