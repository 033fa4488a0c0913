import CDeflate

/// The 16 bytes that end every index file: magic, format version, kind and a CRC-32 of all the
/// bytes before it. The footer turns a truncated or foreign file into a clear error at open,
/// and the checksum lets `msearch check` find silent corruption (Tantivy's footer.rs idea).
public enum FileFooter {
    public static let size = 16
    static let magic: UInt32 = 0x5849_534D // "MSIX" little-endian

    /// Which structure a file holds; a reader refuses a file of another kind.
    public enum Kind: UInt32, Sendable {
        case terms = 1, postings = 2, positions = 3, store = 4, columns = 5, deletes = 6, catalog = 7
    }

    /// Appends the footer for the bytes already in `buffer`.
    public static func append(kind: Kind, to buffer: inout ByteBuffer) {
        buffer.append(contentsOf: footer(kind: kind, checksum: checksum(buffer.bytes)).bytes)
    }

    /// The footer of a payload with this CRC (for files written a piece at a time).
    static func footer(kind: Kind, checksum crc: UInt32) -> ByteBuffer {
        var out = ByteBuffer(capacity: size)
        out.appendUInt32(magic)
        out.appendUInt32(UInt32(IndexFormat.version))
        out.appendUInt32(kind.rawValue)
        out.appendUInt32(crc)
        return out
    }

    /// Checks magic, version and kind (cheap, done at every open) and returns the payload length.
    public static func validate(_ bytes: UnsafeRawBufferPointer, kind: Kind, file: String) throws -> Int {
        guard bytes.count >= size else {
            throw IndexError.corrupt(file: file, reason: "file is \(bytes.count) bytes, too short for its footer")
        }
        var c = ByteCursor(bytes, offset: bytes.count - size, file: file)
        let m = try c.readUInt32(), version = try c.readUInt32(), k = try c.readUInt32()
        guard m == magic else { throw IndexError.corrupt(file: file, reason: "bad footer magic (truncated or not an msearch file)") }
        guard version == UInt32(IndexFormat.version) else {
            throw IndexError.unsupportedFormat(file: file, found: Int(version), expected: IndexFormat.version)
        }
        guard k == kind.rawValue else { throw IndexError.corrupt(file: file, reason: "holds structure \(k), expected \(kind.rawValue)") }
        return bytes.count - size
    }

    /// Recomputes the CRC over the payload: reads the whole file, so only `check` does it.
    public static func verifyChecksum(_ bytes: UnsafeRawBufferPointer, file: String) throws {
        guard bytes.count >= size else { throw IndexError.corrupt(file: file, reason: "too short") }
        let stored = UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: bytes.count - 4, as: UInt32.self))
        let actual = checksum(UnsafeRawBufferPointer(rebasing: bytes[0..<(bytes.count - size)]))
        guard stored == actual else {
            throw IndexError.corrupt(file: file, reason: "checksum mismatch (stored \(String(stored, radix: 16)), computed \(String(actual, radix: 16)))")
        }
    }

    public static func checksum(_ bytes: [UInt8]) -> UInt32 {
        bytes.withUnsafeBytes { checksum($0) }
    }

    /// The CRC-32 (zlib's polynomial and values, so files written with zlib's `crc32` verify)
    /// by libdeflate, which folds with carry-less multiplication: verifying the files at open
    /// is most of a one-shot query's work on a large index, and zlib's table-driven CRC took
    /// 2.3× as long (Benchmarks/PERFORMANCE.md).
    public static func checksum(_ bytes: UnsafeRawBufferPointer) -> UInt32 {
        guard let base = bytes.baseAddress else { return 0 }
        return libdeflate_crc32(0, base, bytes.count)
    }
}
