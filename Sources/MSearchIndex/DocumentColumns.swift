/// Per-document values every query may need for every matching document, kept as fixed-width
/// arrays ("fast fields"): title and body lengths for BM25, and the publication date as a
/// sortable yyyymmdd number (00 for an unknown month or day, 0 when undated) for filters.
///
/// The external ids live here too, uncompressed, because every query fetches one per hit and
/// decompressing a stored-document block for each would cost more than the search itself.
///
/// Layout: UInt64 doc count, UInt32 title lengths, UInt32 body lengths, Int32 dates,
/// UInt32 id end offsets, then the id bytes.
struct DocumentColumnsWriter {
    var titleLengths: [UInt32] = []
    var bodyLengths: [UInt32] = []
    var dates: [Int32] = []
    var idEnds: [UInt32] = []
    var idBytes: [UInt8] = []

    mutating func add(titleLength: UInt32, bodyLength: UInt32, date: String?, id: String) {
        titleLengths.append(titleLength)
        bodyLengths.append(bodyLength)
        dates.append(DocumentColumns.dateKey(date))
        idBytes.append(contentsOf: id.utf8)
        idEnds.append(UInt32(idBytes.count))
    }

    func finish() -> [UInt8] {
        var out = ByteBuffer(capacity: 8 + titleLengths.count * 16 + idBytes.count + 16)
        out.appendUInt64(UInt64(titleLengths.count))
        for v in titleLengths { out.appendUInt32(v) }
        for v in bodyLengths { out.appendUInt32(v) }
        for v in dates { out.appendInt32(v) }
        for v in idEnds { out.appendUInt32(v) }
        out.append(contentsOf: idBytes)
        FileFooter.append(kind: .columns, to: &out)
        return out.bytes
    }
}

public struct DocumentColumns {
    private let bytes: UnsafeRawBufferPointer
    public let documentCount: Int

    init(_ mapped: MappedFile) throws {
        let payload = try FileFooter.validate(mapped.bytes, kind: .columns, file: mapped.path)
        bytes = mapped.bytes
        guard payload >= 8 else { throw IndexError.corrupt(file: mapped.path, reason: "columns too short") }
        let rawCount = UInt64(littleEndian: bytes.loadUnaligned(as: UInt64.self))
        guard rawCount <= UInt64((payload - 8) / 16) else {
            throw IndexError.corrupt(file: mapped.path, reason: "columns size does not match the document count")
        }
        documentCount = Int(rawCount)
        guard 8 + documentCount * 16 <= payload else {
            throw IndexError.corrupt(file: mapped.path, reason: "columns size does not match the document count")
        }
        idBytesStart = 8 + documentCount * 16
        let idBytesLength = documentCount == 0 ? 0 : Int(UInt32(littleEndian: bytes.loadUnaligned(
            fromByteOffset: 8 + (4 * documentCount - 1) * 4, as: UInt32.self)))
        guard idBytesStart + idBytesLength == payload else {
            throw IndexError.corrupt(file: mapped.path, reason: "id column size does not match")
        }
    }

    private let idBytesStart: Int

    /// The document's external id (its file stem, NEWID, guid, …).
    public func externalId(_ doc: Int) -> String {
        String(decoding: externalIdBytes(doc), as: UTF8.self)
    }

    /// The bytes of the document's external id, without copying (empty for a bad number).
    public func externalIdBytes(_ doc: Int) -> UnsafeRawBufferPointer {
        guard doc >= 0, doc < documentCount else { return UnsafeRawBufferPointer(start: nil, count: 0) }
        let ends = 8 + 3 * documentCount * 4
        let end = Int(UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: ends + doc * 4, as: UInt32.self)))
        let start = doc == 0 ? 0 : Int(UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: ends + (doc - 1) * 4, as: UInt32.self)))
        guard start <= end, idBytesStart + end <= bytes.count - FileFooter.size else { return UnsafeRawBufferPointer(start: nil, count: 0) }
        return UnsafeRawBufferPointer(rebasing: bytes[(idBytesStart + start)..<(idBytesStart + end)])
    }

    @inline(__always)
    public func titleLength(_ doc: Int) -> UInt32 {
        UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: 8 + doc * 4, as: UInt32.self))
    }

    @inline(__always)
    public func bodyLength(_ doc: Int) -> UInt32 {
        UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: 8 + (documentCount + doc) * 4, as: UInt32.self))
    }

    @inline(__always)
    public func length(_ doc: Int) -> UInt32 { titleLength(doc) &+ bodyLength(doc) }

    @inline(__always)
    public func date(_ doc: Int) -> Int32 {
        Int32(littleEndian: bytes.loadUnaligned(fromByteOffset: 8 + (2 * documentCount + doc) * 4, as: Int32.self))
    }

    /// "2023-11-14" → 20231114, "2023-11" → 20231100, "2023" → 20230000, nil or junk → 0.
    public static func dateKey(_ iso: String?) -> Int32 {
        guard let iso else { return 0 }
        let parts = iso.split(separator: "-").map { Int32($0) }
        guard let y = parts.first ?? nil, y > 0, y < 10000 else { return 0 }
        let m = parts.count > 1 ? (parts[1] ?? 0) : 0
        let d = parts.count > 2 ? (parts[2] ?? 0) : 0
        guard (0...12).contains(m), (0...31).contains(d) else { return 0 }
        return y * 10000 + m * 100 + d
    }
}
