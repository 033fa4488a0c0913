import MSearchSources

/// The actors each document names, as ordinals into the segment's dictionary of distinct
/// (name, kind) pairs, so counting actor facets over a million hits is an array walk.
///
/// Layout: packed × N end offsets of each document's ordinals, the packed ordinals, then the
/// dictionary: UInt64 count K, packed × K name end offsets, K kind bytes (`ActorKind.code`),
/// UInt64 name byte count, the names' bytes.
final class ActorColumnWriter: ColumnWriter {
    private let value: (AnalyzedDocument) -> [NamedActor]
    private var ends: [UInt32] = []
    private var ordinals: [UInt32] = []
    /// The distinct actors, each as its name's bytes followed by its kind byte, in ordinal
    /// order: one arena instead of a String, an array slot and a dictionary entry each (a
    /// Reuters segment of ~7,000 documents names ~11,000 distinct actors).
    private var actors = TermTable(capacity: 1024)
    private var key: [UInt8] = []
    /// In a merge: the source segment's ordinals → this segment's, filled as they are met.
    private var source: ActorColumn?
    private var remap: [UInt32?] = []

    init(_ value: @escaping (AnalyzedDocument) -> [NamedActor]) { self.value = value }

    func add(_ doc: AnalyzedDocument) {
        for actor in value(doc) {
            var name = actor.name
            name.withUTF8 { ordinals.append(ordinal(name: UnsafeRawBufferPointer($0), kind: actor.kind.code)) }
        }
        ends.append(UInt32(ordinals.count))
    }

    func startCopy(from source: ColumnView) {
        guard case .actors(let column) = source else { preconditionFailure("column types differ") }
        self.source = column
        remap = [UInt32?](repeating: nil, count: column.count)
    }

    func copy(_ doc: Int) {
        guard let source else { return }
        source.forEach(doc) { old in
            if let new = remap[old] { ordinals.append(new); return }
            let new = source.withActor(old) { ordinal(name: $0, kind: $1) }
            remap[old] = new
            ordinals.append(new)
        }
        ends.append(UInt32(ordinals.count))
    }

    /// The ordinal of an actor in this segment's dictionary, added if new.
    private func ordinal(name: UnsafeRawBufferPointer, kind: UInt8) -> UInt32 {
        key.removeAll(keepingCapacity: true)
        key.append(contentsOf: name)
        key.append(kind)
        return UInt32(key.withUnsafeBufferPointer { actors.intern($0) })
    }

    var memoryFootprint: Int { ends.capacity * 4 + ordinals.capacity * 4 + actors.memoryFootprint + key.capacity }

    func encode() -> ByteBuffer {
        var out = ByteBuffer(capacity: 64 + ends.count * 4 + ordinals.count * 2)
        PackedIntsWriter.append(ends.map(UInt64.init), to: &out)
        PackedIntsWriter.append(ordinals.map(UInt64.init), to: &out)
        out.appendUInt64(UInt64(actors.count))
        var end: UInt64 = 0
        PackedIntsWriter.append((0..<actors.count).map { id in
            actors.withTerm(id) { end += UInt64($0.count - 1) }
            return end
        }, to: &out)
        for id in 0..<actors.count { out.append(actors.withTerm(id) { $0[$0.count - 1] }) }
        out.appendUInt64(end)
        for id in 0..<actors.count { actors.withTerm(id) { out.append(UnsafeBufferPointer(rebasing: $0.dropLast())) } }
        return out
    }
}

/// Reads an `ActorColumnWriter` column from the mapped file.
struct ActorColumn {
    private let ends: PackedInts
    private let ordinals: PackedInts
    private let nameEnds: PackedInts
    private let kinds: UnsafeRawBufferPointer
    private let names: UnsafeRawBufferPointer
    /// How many distinct actors the segment's documents name.
    let count: Int

    init(_ c: inout ByteCursor, count documentCount: Int) throws {
        ends = try PackedInts(&c, count: documentCount)
        let ordinalCount = documentCount == 0 ? 0 : ends[documentCount - 1]
        guard ordinalCount <= UInt64(c.base.count) * 8 else { throw c.corrupt("actor column size does not match") }
        ordinals = try PackedInts(&c, count: Int(ordinalCount))
        let k = try c.readUInt64()
        guard k <= UInt64(c.base.count) else { throw c.corrupt("actor count out of range") }
        count = Int(k)
        nameEnds = try PackedInts(&c, count: count)
        kinds = try c.readBytes(count)
        // An unknown kind is damage, not a person: every later step relies on the three kinds.
        if let bad = kinds.first(where: { ActorKind(code: $0) == nil }) { throw c.corrupt("unknown actor kind code \(bad)") }
        let nameBytes = try c.readUInt64()
        guard count == 0 ? nameBytes == 0 : nameEnds[count - 1] == nameBytes,
              nameBytes <= UInt64(c.base.count) else { throw c.corrupt("actor dictionary size does not match") }
        names = try c.readBytes(Int(nameBytes))
    }

    /// Calls `body` with the ordinal of each actor the document names.
    @inline(__always)
    func forEach(_ doc: Int, _ body: (Int) -> Void) {
        let end = Int(truncatingIfNeeded: ends[doc])
        let start = doc == 0 ? 0 : Int(truncatingIfNeeded: ends[doc - 1])
        guard start <= end, end <= ordinals.count else { return }
        for i in start..<end {
            let ordinal = Int(truncatingIfNeeded: ordinals[i])
            if ordinal < count { body(ordinal) }
        }
    }

    /// Calls `body` with the actor's name bytes and kind code (a valid ordinal's, else empty).
    func withActor<T>(_ ordinal: Int, _ body: (UnsafeRawBufferPointer, UInt8) -> T) -> T {
        guard ordinal >= 0, ordinal < count else { return body(UnsafeRawBufferPointer(start: nil, count: 0), 0) }
        let end = Int(truncatingIfNeeded: nameEnds[ordinal])
        let start = ordinal == 0 ? 0 : Int(truncatingIfNeeded: nameEnds[ordinal - 1])
        guard start <= end, end <= names.count else { return body(UnsafeRawBufferPointer(start: nil, count: 0), kinds[ordinal]) }
        return body(UnsafeRawBufferPointer(rebasing: names[start..<end]), kinds[ordinal])
    }

    /// The canonical name and kind of an ordinal ("" and person outside the dictionary).
    func actor(_ ordinal: Int) -> (name: String, kind: ActorKind) {
        withActor(ordinal) { (String(decoding: $0, as: UTF8.self), ActorKind(code: $1) ?? .person) }
    }

    /// Lists and dictionary agree: ends never decrease, every ordinal names an actor, every
    /// name lies in the name bytes.
    func verify(file: String) throws {
        var previous: UInt64 = 0
        for doc in 0..<ends.count {
            guard ends[doc] >= previous else { throw IndexError.corrupt(file: file, reason: "actor list of document \(doc) ends before it starts") }
            previous = ends[doc]
        }
        for i in 0..<ordinals.count where ordinals[i] >= UInt64(count) {
            throw IndexError.corrupt(file: file, reason: "actor ordinal \(ordinals[i]) out of range (\(count) actors)")
        }
        previous = 0
        for ordinal in 0..<count {
            guard nameEnds[ordinal] >= previous else { throw IndexError.corrupt(file: file, reason: "actor name \(ordinal) ends before it starts") }
            previous = nameEnds[ordinal]
        }
    }
}
