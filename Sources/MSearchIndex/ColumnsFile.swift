/// The `.cols` file: a small directory of (name, type, offset, length) entries, then each
/// column's bytes as its type's codec writes them (Tantivy's `columnar` layout). A reader finds
/// the columns it needs by name and type, skips those it does not know, and says which one is
/// missing instead of misreading a file laid out by another msearch.
///
/// Layout: UInt32 magic "MCOL", UInt32 layout version, UInt64 document count, varint column
/// count, per column (string name, UInt8 type, UInt64 offset, UInt64 length), the columns'
/// bytes (offsets from the file's start), the footer. The layout before version 2 began with
/// the document count, not the magic: such a file is reported as version 1.
enum ColumnsFile {
    static let magic: UInt32 = 0x4C4F_434D // "MCOL" little-endian
    static let version = 2

    /// The file's bytes for these columns, each as its codec encoded it, in file order.
    static func encode(documentCount: Int, _ columns: [(name: String, type: ColumnType, bytes: ByteBuffer)]) -> [UInt8] {
        var directory = ByteBuffer()
        directory.appendUInt32(magic)
        directory.appendUInt32(UInt32(version))
        directory.appendUInt64(UInt64(documentCount))
        directory.appendVarint(columns.count)
        // Offsets need the directory's size, which the entries' fixed-width fields make known.
        var size = directory.count
        for c in columns { size += varintSize(c.name.utf8.count) + c.name.utf8.count + 1 + 16 }
        var offset = size
        for c in columns {
            directory.appendString(c.name)
            directory.append(c.type.rawValue)
            directory.appendUInt64(UInt64(offset))
            directory.appendUInt64(UInt64(c.bytes.count))
            offset += c.bytes.count
        }
        var out = ByteBuffer(capacity: offset + FileFooter.size)
        out.append(contentsOf: directory.bytes)
        for c in columns { out.append(contentsOf: c.bytes.bytes) }
        FileFooter.append(kind: .columns, to: &out)
        return out.bytes
    }

    private static func varintSize(_ value: Int) -> Int {
        var n = 1, v = value
        while v >= 0x80 { v >>= 7; n += 1 }
        return n
    }

    /// A parsed directory: each column's bytes by name, with the type the file gives it.
    struct Directory {
        let documentCount: Int
        private let sections: [String: (type: UInt8, bytes: UnsafeRawBufferPointer)]
        let file: String

        init(_ mapped: MappedFile) throws {
            file = mapped.path
            let payloadCount = try FileFooter.validate(mapped.bytes, kind: .columns, file: file)
            let payload = UnsafeRawBufferPointer(rebasing: mapped.bytes[0..<payloadCount])
            var c = ByteCursor(payload, file: file)
            guard payload.count >= 8, try c.readUInt32() == ColumnsFile.magic else {
                throw IndexError.unsupportedFormat(file: file, found: 1, expected: ColumnsFile.version)
            }
            let version = try c.readUInt32()
            guard version == UInt32(ColumnsFile.version) else {
                throw IndexError.unsupportedFormat(file: file, found: Int(version), expected: ColumnsFile.version)
            }
            let n = try c.readUInt64()
            guard n < UInt64(payload.count) else { throw c.corrupt("document count out of range") }
            documentCount = Int(n)
            let count = try c.readVarintInt()
            guard count <= payload.count else { throw c.corrupt("column count out of range") }
            var sections: [String: (type: UInt8, bytes: UnsafeRawBufferPointer)] = [:]
            for _ in 0..<count {
                let name = try c.readString(), type = try c.readByte()
                let offset = try c.readUInt64(), length = try c.readUInt64()
                // Compared by subtraction: damaged values near UInt64.max must not overflow.
                guard offset <= UInt64(payload.count), length <= UInt64(payload.count) - offset else {
                    throw c.corrupt("column \"\(name)\" lies outside the file")
                }
                guard sections[name] == nil else { throw c.corrupt("column \"\(name)\" is listed twice") }
                sections[name] = (type, UnsafeRawBufferPointer(rebasing: payload[Int(offset)..<Int(offset + length)]))
            }
            self.sections = sections
        }

        /// The column decoded by its type's codec, whatever the type (merges and checks).
        func view(_ column: DocumentColumn) throws -> ColumnView {
            switch column.type {
            case .unsigned: .unsigned(try unsigned(column))
            case .date: .date(try date(column))
            case .identifier: .identifier(try identifier(column))
            case .actors: .actors(try actors(column))
            case .signature: .signature(try signatures(column))
            }
        }

        func signatures(_ column: DocumentColumn) throws -> SignatureColumn {
            try decode(column, .signature) { try SignatureColumn(&$0, count: documentCount) }
        }

        func unsigned(_ column: DocumentColumn) throws -> PackedInts {
            try decode(column, .unsigned) { try PackedInts(&$0, count: documentCount) }
        }

        func date(_ column: DocumentColumn) throws -> DateColumn {
            try decode(column, .date) { try DateColumn(&$0, count: documentCount) }
        }

        func identifier(_ column: DocumentColumn) throws -> ExternalIdColumn {
            try decode(column, .identifier) { try ExternalIdColumn(&$0, count: documentCount) }
        }

        func actors(_ column: DocumentColumn) throws -> ActorColumn {
            try decode(column, .actors) { try ActorColumn(&$0, count: documentCount) }
        }

        /// Decodes the named column's bytes, which must hold exactly one column of `type`.
        private func decode<T>(_ column: DocumentColumn, _ type: ColumnType, _ read: (inout ByteCursor) throws -> T) throws -> T {
            guard let section = sections[column.name], section.type == type.rawValue else {
                throw IndexError.missingColumn(file: file, column: column.name, type: type.name)
            }
            var c = ByteCursor(section.bytes, file: file)
            let value = try read(&c)
            guard c.isAtEnd else { throw c.corrupt("column \"\(column.name)\" has trailing bytes") }
            return value
        }
    }
}

/// The value types a column can hold, each with its codec; the raw value is stored in the
/// directory, so a type keeps its number forever.
enum ColumnType: UInt8, Sendable {
    /// Bit-packed unsigned integers, one per document (`PackedInts`).
    case unsigned = 1
    /// yyyymmdd keys packed as offsets from the earliest (`DateColumn`).
    case date = 2
    /// A string per document, numbers behind a shared prefix packed (`ExternalIdColumn`).
    case identifier = 3
    /// A list of (name, kind) per document, as ordinals into a dictionary (`ActorColumn`).
    case actors = 4
    /// Fixed-width near-duplicate signatures, 16-bit values (`SignatureColumn`).
    case signature = 5

    /// How errors name the type.
    var name: String {
        switch self {
        case .unsigned: "unsigned"
        case .date: "date"
        case .identifier: "identifier"
        case .actors: "actors"
        case .signature: "signature"
        }
    }
}

/// A column read from a mapped file, by type.
enum ColumnView {
    case unsigned(PackedInts)
    case date(DateColumn)
    case identifier(ExternalIdColumn)
    case actors(ActorColumn)
    case signature(SignatureColumn)

    /// Checks every value, for `msearch check` (opening checks only sizes and bounds).
    func verify(file: String) throws {
        switch self {
        case .unsigned: return
        case .date(let dates): try dates.verify(file: file)
        case .identifier: return
        case .actors(let actors): try actors.verify(file: file)
        case .signature(let signatures): try signatures.verify(file: file)
        }
    }
}
