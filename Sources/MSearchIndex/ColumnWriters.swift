import MSearchSources

/// One column being written, by its type's codec. Values come from new documents (`add`) or,
/// in a merge, from the same column of each merged segment in turn (`startCopy`, then `copy`
/// for each live document), so a merge never needs to know what a column means.
protocol ColumnWriter: AnyObject {
    func add(_ doc: AnalyzedDocument)
    /// `source` is this column as a merged segment holds it (same name, same type).
    func startCopy(from source: ColumnView)
    func copy(_ doc: Int)
    /// Heap bytes held, for the writer's memory budget.
    var memoryFootprint: Int { get }
    func encode() -> ByteBuffer
}

extension DocumentColumn {
    /// A writer of this column's type that takes new documents' values from `value`.
    func makeWriter() -> ColumnWriter {
        switch value {
        case .unsigned(let value): UnsignedColumnWriter(value)
        case .date(let value): DateColumnWriter(value)
        case .identifier(let value): IdentifierColumnWriter(value)
        case .actors(let value): ActorColumnWriter(value)
        case .signature(let value): SignatureColumnWriter(value)
        }
    }
}

/// Unsigned 32-bit values, bit-packed at the width the largest needs.
final class UnsignedColumnWriter: ColumnWriter {
    private let value: (AnalyzedDocument) -> UInt32
    private(set) var values: [UInt32] = []
    private var source: PackedInts?

    init(_ value: @escaping (AnalyzedDocument) -> UInt32) { self.value = value }

    func add(_ doc: AnalyzedDocument) { values.append(value(doc)) }

    func startCopy(from source: ColumnView) {
        guard case .unsigned(let column) = source else { preconditionFailure("column types differ") }
        self.source = column
    }

    func copy(_ doc: Int) { values.append(UInt32(truncatingIfNeeded: source?[doc] ?? 0)) }

    var memoryFootprint: Int { values.capacity * 4 }

    func encode() -> ByteBuffer {
        var out = ByteBuffer(capacity: values.count * 4 + 16)
        PackedIntsWriter.append(values.map(UInt64.init), to: &out)
        return out
    }
}

/// yyyymmdd keys (0 undated), kept as offsets from the earliest date so they pack narrower.
/// Layout: UInt64 base B (the earliest date − 1), packed × N (date − B, or 0 when undated).
final class DateColumnWriter: ColumnWriter {
    private let value: (AnalyzedDocument) -> Int32
    private var dates: [Int32] = []
    private var source: DateColumn?

    init(_ value: @escaping (AnalyzedDocument) -> Int32) { self.value = value }

    func add(_ doc: AnalyzedDocument) { dates.append(value(doc)) }

    func startCopy(from source: ColumnView) {
        guard case .date(let column) = source else { preconditionFailure("column types differ") }
        self.source = column
    }

    func copy(_ doc: Int) { dates.append(source?[doc] ?? 0) }

    var memoryFootprint: Int { dates.capacity * 4 }

    func encode() -> ByteBuffer {
        var out = ByteBuffer(capacity: dates.count * 4 + 24)
        // Minus one, so 0 still means undated.
        let base = Int64(dates.filter { $0 > 0 }.min() ?? 1) - 1
        out.appendUInt64(UInt64(base))
        PackedIntsWriter.append(dates.map { $0 > 0 ? UInt64(Int64($0) - base) : 0 }, to: &out)
        return out
    }
}

/// Reads a `DateColumnWriter` column.
struct DateColumn {
    private let base: Int64
    private let values: PackedInts

    init(_ c: inout ByteCursor, count: Int) throws {
        base = Int64(bitPattern: try c.readUInt64())
        guard base >= 0, base < 100_000_000 else { throw c.corrupt("date base out of range") }
        values = try PackedInts(&c, count: count)
    }

    @inline(__always)
    subscript(_ doc: Int) -> Int32 {
        let v = values[doc]
        return v == 0 ? 0 : Int32(truncatingIfNeeded: Int64(truncatingIfNeeded: v) &+ base)
    }

    /// Every date is a yyyymmdd key `DateKey.key` could have produced.
    func verify(file: String) throws {
        for doc in 0..<values.count {
            let v = values[doc]
            guard v != 0 else { continue }
            let key = UInt64(base) + v
            guard key <= 99_991_231, key / 10000 > 0, key % 10000 / 100 <= 12, key % 100 <= 31 else {
                throw IndexError.corrupt(file: file, reason: "document \(doc) has date \(key), not a yyyymmdd date")
            }
        }
    }
}

/// The external ids, encoded by `ExternalIdColumnWriter`.
final class IdentifierColumnWriter: ColumnWriter {
    private let value: (AnalyzedDocument) -> String
    private var ids: [String] = []
    /// Heap bytes of ids longer than a String keeps inline.
    private var heapBytes = 0
    private var source: ExternalIdColumn?

    init(_ value: @escaping (AnalyzedDocument) -> String) { self.value = value }

    func add(_ doc: AnalyzedDocument) { append(value(doc)) }

    func startCopy(from source: ColumnView) {
        guard case .identifier(let column) = source else { preconditionFailure("column types differ") }
        self.source = column
    }

    func copy(_ doc: Int) { append(source?.id(doc) ?? "") }

    private func append(_ id: String) {
        ids.append(id)
        if id.utf8.count > 15 { heapBytes += 32 + id.utf8.count }
    }

    var memoryFootprint: Int { ids.capacity * 16 + heapBytes }

    func encode() -> ByteBuffer {
        var out = ByteBuffer(capacity: ids.count * 4 + 32)
        ExternalIdColumnWriter.append(ids, to: &out)
        return out
    }
}
