/// What incremental indexing remembers about each source file: its size, modification time and
/// content hash when it was indexed, and the ids of the documents it produced. A later run skips
/// a file whose size and mtime are unchanged, re-reads one whose size or mtime changed (and
/// re-indexes it only when the content hash differs too), and deletes the documents of files
/// that are gone (`--prune`) or removed (`msearch remove`).
///
/// Documents are remembered by external id, not by document number: ids are unique within an
/// index and survive merges, which renumber documents. The catalog is an immutable file written
/// by the commit that changed it and named in the manifest, like every other index file.
///
/// Layout: UInt64 entry count; entries sorted by path: string path, varint size, UInt64 mtime
/// (nanoseconds since 1970, two's complement), UInt64 hash, varint id count, string ids.
/// Footer kind `catalog`.
public struct SourceCatalog: Equatable, Sendable {
    public struct Entry: Equatable, Sendable {
        public var size: Int
        /// Modification time in nanoseconds since 1970.
        public var modified: Int64
        /// `SourceCatalog.hash` of the file's bytes.
        public var hash: UInt64
        /// Ids of the documents the file produced, as stored in the index.
        public var ids: [String]

        public init(size: Int, modified: Int64, hash: UInt64, ids: [String]) {
            self.size = size; self.modified = modified; self.hash = hash; self.ids = ids
        }
    }

    /// Keyed by the file's absolute path.
    public var entries: [String: Entry] = [:]

    public init() {}

    public var documentCount: Int { entries.values.reduce(0) { $0 + $1.ids.count } }

    /// A 64-bit content hash: zlib's CRC-32 and Adler-32 side by side (both run at GB/s; a
    /// change that keeps both and the size is vanishingly unlikely outside deliberate attack,
    /// and the worst case is a stale copy of one article until `--rebuild`).
    public static func hash(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        var h = Hasher()
        h.update(bytes)
        return h.value
    }

    /// `hash` computed a piece at a time, for files too large to hold in memory.
    public struct Hasher {
        private var crc: UInt = crc32(0, nil, 0)
        private var adler: UInt = adler32(0, nil, 0)

        public init() {}

        public mutating func update(_ bytes: UnsafeRawBufferPointer) {
            var offset = 0
            while offset < bytes.count {
                let n = min(bytes.count - offset, 1 << 30)
                let p = bytes.baseAddress!.advanced(by: offset).assumingMemoryBound(to: UInt8.self)
                crc = crc32(crc, p, UInt32(n))
                adler = adler32(adler, p, UInt32(n))
                offset += n
            }
        }

        public var value: UInt64 { UInt64(truncatingIfNeeded: crc) << 32 | UInt64(truncatingIfNeeded: adler) }
    }

    public static func hash(_ bytes: [UInt8]) -> UInt64 { bytes.withUnsafeBytes { hash($0) } }

    func encoded() -> [UInt8] {
        var out = ByteBuffer()
        out.appendUInt64(UInt64(entries.count))
        for path in entries.keys.sorted() {
            let e = entries[path]!
            out.appendString(path)
            out.appendVarint(e.size)
            out.appendUInt64(UInt64(bitPattern: e.modified))
            out.appendUInt64(e.hash)
            out.appendVarint(e.ids.count)
            for id in e.ids { out.appendString(id) }
        }
        FileFooter.append(kind: .catalog, to: &out)
        return out.bytes
    }

    /// Reads a catalog file, verifying its checksum (it is read whole anyway).
    public static func load(path: String) throws -> SourceCatalog {
        try load(try MappedFile(path: path))
    }

    /// Reads a catalog file already mapped (a reader maps it at open, so that a writer's commit
    /// removing it meanwhile does not take it away).
    public static func load(_ mapped: MappedFile) throws -> SourceCatalog {
        let path = mapped.path
        let payload = try FileFooter.validate(mapped.bytes, kind: .catalog, file: path)
        try FileFooter.verifyChecksum(mapped.bytes, file: path)
        var c = ByteCursor(UnsafeRawBufferPointer(rebasing: mapped.bytes[0..<payload]), file: path)
        let count = try c.readUInt64()
        guard count <= UInt64(payload) else { throw c.corrupt("entry count out of range") }
        var catalog = SourceCatalog()
        catalog.entries.reserveCapacity(Int(count))
        for _ in 0..<Int(count) {
            let p = try c.readString()
            let size = try c.readVarintInt()
            let modified = Int64(bitPattern: try c.readUInt64())
            let hash = try c.readUInt64()
            let n = try c.readVarintInt()
            guard n <= payload else { throw c.corrupt("id count out of range") }
            var ids: [String] = []
            ids.reserveCapacity(n)
            for _ in 0..<n { ids.append(try c.readString()) }
            catalog.entries[p] = Entry(size: size, modified: modified, hash: hash, ids: ids)
        }
        guard c.offset == payload else { throw c.corrupt("unexpected bytes after the last entry") }
        return catalog
    }
}

import CZlib
