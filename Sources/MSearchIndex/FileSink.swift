#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CZlib

/// Writes an index file a megabyte at a time while its CRC is computed, then its footer and an
/// fsync: flushing a segment no longer holds whole postings and positions files in memory.
struct FileSink {
    let path: String
    private var fd: Int32
    private var buffer = ByteBuffer(capacity: FileSink.chunk)
    private var crc: UInt = crc32(0, nil, 0)
    /// Bytes written to the file so far.
    private var written = 0
    static let chunk = 1 << 20

    init(path: String) throws {
        self.path = path
        fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw DurableFile.error(path) }
    }

    /// The offset the next byte will have in the file.
    var offset: Int { written + buffer.count }

    mutating func append(_ bytes: UnsafeRawBufferPointer) throws {
        buffer.append(UnsafeBufferPointer(start: bytes.baseAddress?.assumingMemoryBound(to: UInt8.self), count: bytes.count))
        if buffer.count >= FileSink.chunk { try spill() }
    }

    /// Moves `other`'s bytes into the file (emptying it), for encoders that fill a ByteBuffer.
    mutating func take(_ other: inout ByteBuffer) throws {
        try other.bytes.withUnsafeBytes { try append($0) }
        other.removeAll()
    }

    private mutating func spill() throws {
        try buffer.bytes.withUnsafeBytes { raw in
            if raw.count > 0 {
                crc = crc32(crc, raw.baseAddress!.assumingMemoryBound(to: UInt8.self), UInt32(raw.count))
            }
            var done = 0
            while done < raw.count {
                let n = write(fd, raw.baseAddress! + done, raw.count - done)
                if n < 0 {
                    if errno == EINTR { continue }
                    throw DurableFile.error(path)
                }
                done += n
            }
        }
        written += buffer.count
        buffer.removeAll()
    }

    /// Ends the file with its footer, fsyncs and closes it.
    mutating func finish(kind: FileFooter.Kind) throws {
        try spill()
        var footer = FileFooter.footer(kind: kind, checksum: UInt32(truncatingIfNeeded: crc))
        try footer.bytes.withUnsafeBytes { raw in
            var done = 0
            while done < raw.count {
                let n = write(fd, raw.baseAddress! + done, raw.count - done)
                if n < 0 { if errno == EINTR { continue }; throw DurableFile.error(path) }
                done += n
            }
        }
        footer.removeAll()
        let synced = fsync(fd) == 0
        let error = DurableFile.error(path)
        abandon()
        guard synced else { throw error }
    }

    /// Closes the file (after `finish`, or unfinished after an error).
    mutating func abandon() {
        if fd >= 0 { close(fd) }
        fd = -1
    }
}
