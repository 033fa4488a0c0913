/// Per-document values every query may need for every matching document, kept as fixed-width
/// arrays ("fast fields"): title and body lengths for BM25, the publication date as a sortable
/// yyyymmdd number (00 for an unknown month or day, 0 when undated) for filters and facets,
/// and the actors as ordinals into a per-segment actor dictionary, so counting facets over a
/// million hits is an array walk.
///
/// The external ids live here too, uncompressed, because every query fetches one per hit and
/// decompressing a stored-document block for each would cost more than the search itself.
///
/// Layout: UInt64 doc count N; UInt32 × N title lengths, body lengths; Int32 × N dates;
/// UInt32 × N id end offsets; UInt32 × N actor-list end offsets; the id bytes; UInt32 actor
/// ordinals; the actor dictionary (UInt32 count K, UInt32 × K name end offsets, K kind bytes,
/// name bytes); then UInt64 ordinals offset and UInt64 dictionary offset.
struct DocumentColumnsWriter {
    var titleLengths: [UInt32] = []
    var bodyLengths: [UInt32] = []
    var dates: [Int32] = []
    var idEnds: [UInt32] = []
    var idBytes: [UInt8] = []
    var actorEnds: [UInt32] = []
    var actorOrdinals: [UInt32] = []
    var actors: [NamedActorKey] = []
    var actorIndex: [NamedActorKey: UInt32] = [:]

    struct NamedActorKey: Hashable { var name: String; var kind: UInt8 }

    /// Heap bytes held (five 4-byte columns per document, ids, actors), for the memory budget.
    var memoryFootprint: Int {
        titleLengths.capacity * 20 + idBytes.capacity + actorOrdinals.capacity * 4 + actors.count * 96
    }

    mutating func add(titleLength: UInt32, bodyLength: UInt32, date: String?, id: String,
                      actors docActors: [(name: String, kind: String)]) {
        titleLengths.append(titleLength)
        bodyLengths.append(bodyLength)
        dates.append(DocumentColumns.dateKey(date))
        idBytes.append(contentsOf: id.utf8)
        idEnds.append(UInt32(idBytes.count))
        for a in docActors {
            let key = NamedActorKey(name: a.name, kind: ActorKindCode.code(a.kind))
            let ordinal: UInt32
            if let o = actorIndex[key] { ordinal = o } else {
                ordinal = UInt32(actors.count)
                actors.append(key)
                actorIndex[key] = ordinal
            }
            actorOrdinals.append(ordinal)
        }
        actorEnds.append(UInt32(actorOrdinals.count))
    }

    func finish() -> [UInt8] {
        var out = ByteBuffer(capacity: 8 + titleLengths.count * 20 + idBytes.count + actorOrdinals.count * 4 + 64)
        out.appendUInt64(UInt64(titleLengths.count))
        for v in titleLengths { out.appendUInt32(v) }
        for v in bodyLengths { out.appendUInt32(v) }
        for v in dates { out.appendInt32(v) }
        for v in idEnds { out.appendUInt32(v) }
        for v in actorEnds { out.appendUInt32(v) }
        out.append(contentsOf: idBytes)
        let ordinalsOffset = out.count
        for v in actorOrdinals { out.appendUInt32(v) }
        let dictionaryOffset = out.count
        out.appendUInt32(UInt32(actors.count))
        var end: UInt32 = 0
        for a in actors { end += UInt32(a.name.utf8.count); out.appendUInt32(end) }
        for a in actors { out.append(a.kind) }
        for a in actors { out.append(contentsOf: a.name.utf8) }
        out.appendUInt64(UInt64(ordinalsOffset))
        out.appendUInt64(UInt64(dictionaryOffset))
        FileFooter.append(kind: .columns, to: &out)
        return out.bytes
    }
}

/// Actor kinds as stored: one byte each.
enum ActorKindCode {
    static let names = ["person", "organisation", "place"]
    static func code(_ kind: String) -> UInt8 { UInt8(names.firstIndex(of: kind) ?? 0) }
    static func name(_ code: UInt8) -> String { Int(code) < names.count ? names[Int(code)] : "person" }
}

public struct DocumentColumns {
    private let bytes: UnsafeRawBufferPointer
    public let documentCount: Int
    private let idBytesStart: Int
    private let ordinalsOffset: Int
    private let dictionaryOffset: Int
    /// How many distinct actors the segment's documents name.
    public let actorCount: Int

    init(_ mapped: MappedFile) throws {
        let file = mapped.path
        let payload = try FileFooter.validate(mapped.bytes, kind: .columns, file: file)
        bytes = mapped.bytes
        func fail(_ why: String) -> IndexError { .corrupt(file: file, reason: why) }
        guard payload >= 8 + 16 else { throw fail("columns too short") }
        let n = UInt64(littleEndian: bytes.loadUnaligned(as: UInt64.self))
        guard n < UInt64(payload / 20) else { throw fail("columns size does not match the document count") }
        documentCount = Int(n)
        idBytesStart = 8 + documentCount * 20
        let o = UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: payload - 16, as: UInt64.self))
        let d = UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: payload - 8, as: UInt64.self))
        guard o <= d, d + 4 <= UInt64(payload - 16), o >= UInt64(idBytesStart) else { throw fail("column sections out of order") }
        ordinalsOffset = Int(o)
        dictionaryOffset = Int(d)
        func u32(_ at: Int) -> Int { Int(UInt32(littleEndian: mapped.bytes.loadUnaligned(fromByteOffset: at, as: UInt32.self))) }
        let idLength = documentCount == 0 ? 0 : u32(8 + (4 * documentCount - 1) * 4)
        guard idBytesStart + idLength == ordinalsOffset else { throw fail("id column size does not match") }
        let ordinalCount = documentCount == 0 ? 0 : u32(8 + (5 * documentCount - 1) * 4)
        guard ordinalsOffset + ordinalCount * 4 == dictionaryOffset else { throw fail("actor column size does not match") }
        actorCount = u32(dictionaryOffset)
        let namesStart = dictionaryOffset + 4 + actorCount * 5
        guard namesStart <= payload - 16 else { throw fail("actor dictionary out of range") }
        let nameBytes = actorCount == 0 ? 0 : u32(dictionaryOffset + 4 + (actorCount - 1) * 4)
        guard namesStart + nameBytes == payload - 16 else { throw fail("actor dictionary size does not match") }
    }

    @inline(__always)
    private func u32(_ at: Int) -> UInt32 { UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: at, as: UInt32.self)) }

    @inline(__always)
    public func titleLength(_ doc: Int) -> UInt32 { u32(8 + doc * 4) }

    @inline(__always)
    public func bodyLength(_ doc: Int) -> UInt32 { u32(8 + (documentCount + doc) * 4) }

    @inline(__always)
    public func length(_ doc: Int) -> UInt32 { titleLength(doc) &+ bodyLength(doc) }

    @inline(__always)
    public func date(_ doc: Int) -> Int32 { Int32(bitPattern: u32(8 + (2 * documentCount + doc) * 4)) }

    /// The document's external id (its file stem, NEWID, guid, …).
    public func externalId(_ doc: Int) -> String {
        String(decoding: externalIdBytes(doc), as: UTF8.self)
    }

    /// The bytes of the document's external id, without copying (empty for a bad number).
    public func externalIdBytes(_ doc: Int) -> UnsafeRawBufferPointer {
        guard doc >= 0, doc < documentCount else { return UnsafeRawBufferPointer(start: nil, count: 0) }
        let ends = 8 + 3 * documentCount * 4
        let end = Int(u32(ends + doc * 4))
        let start = doc == 0 ? 0 : Int(u32(ends + (doc - 1) * 4))
        guard start <= end, idBytesStart + end <= ordinalsOffset else { return UnsafeRawBufferPointer(start: nil, count: 0) }
        return UnsafeRawBufferPointer(rebasing: bytes[(idBytesStart + start)..<(idBytesStart + end)])
    }

    /// Calls `body` with the ordinal of each actor the document names.
    @inline(__always)
    public func forEachActor(_ doc: Int, _ body: (Int) -> Void) {
        let ends = 8 + 4 * documentCount * 4
        let end = Int(u32(ends + doc * 4))
        let start = doc == 0 ? 0 : Int(u32(ends + (doc - 1) * 4))
        guard start <= end, ordinalsOffset + end * 4 <= dictionaryOffset else { return }
        for i in start..<end {
            let ordinal = Int(u32(ordinalsOffset + i * 4))
            if ordinal < actorCount { body(ordinal) }
        }
    }

    /// The canonical name and kind of a segment-local actor ordinal.
    public func actor(_ ordinal: Int) -> (name: String, kind: String) {
        let ends = dictionaryOffset + 4
        let end = Int(u32(ends + ordinal * 4))
        let start = ordinal == 0 ? 0 : Int(u32(ends + (ordinal - 1) * 4))
        let namesStart = dictionaryOffset + 4 + actorCount * 5
        let kind = bytes[dictionaryOffset + 4 + actorCount * 4 + ordinal]
        guard start <= end, namesStart + end <= bytes.count - FileFooter.size - 16 else { return ("", "person") }
        let name = String(decoding: UnsafeRawBufferPointer(rebasing: bytes[(namesStart + start)..<(namesStart + end)]), as: UTF8.self)
        return (name, ActorKindCode.name(kind))
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
