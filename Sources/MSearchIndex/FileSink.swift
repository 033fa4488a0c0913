#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import MSearchSources
import CZlib

/// Writes an index file a megabyte at a time while its CRC is computed, then its footer and an
/// fsync: flushing a segment no longer holds whole postings and positions files in memory.
struct FileSink {
    let path: String
    private var fd: Int32
    private var buffer: ByteBuffer
    /// Bytes gathered before each write.
    private let bufferSize: Int
    private var crc: UInt = crc32(0, nil, 0)
    /// Bytes written to the file so far.
    private var written = 0
    static let chunk = 1 << 20

    /// `bufferSize`: a writer whose buffer counts against a memory budget (the segment
    /// builder's store) takes a smaller one than the megabyte that suits a flush or a merge.
    init(path: String, bufferSize: Int = FileSink.chunk) throws {
        self.path = path
        self.bufferSize = bufferSize
        buffer = ByteBuffer(capacity: bufferSize)
        fd = open(PathNames.system(path), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)  // never over another's file
        guard fd >= 0 else { throw DurableFile.error(path) }
    }

    /// The offset the next byte will have in the file.
    var offset: Int { written + buffer.count }

    /// Heap bytes of the buffer not yet written.
    var heapBytes: Int { buffer.heapBytes }

    mutating func append(_ bytes: UnsafeRawBufferPointer) throws {
        // What would not fit is written as it is: the buffer never grows past its size.
        if buffer.count + bytes.count > bufferSize {
            try spill()
            if bytes.count >= bufferSize { return try emit(bytes) }
        }
        buffer.append(UnsafeBufferPointer(start: bytes.baseAddress?.assumingMemoryBound(to: UInt8.self), count: bytes.count))
    }

    /// Moves `other`'s bytes into the file (emptying it), for encoders that fill a ByteBuffer.
    mutating func take(_ other: inout ByteBuffer) throws {
        try other.bytes.withUnsafeBytes { try append($0) }
        other.removeAll()
    }

    private mutating func spill() throws {
        try buffer.bytes.withUnsafeBytes { try emit($0) }
        buffer.removeAll()
    }

    /// Writes payload bytes to the file, counting them in the CRC.
    private mutating func emit(_ raw: UnsafeRawBufferPointer) throws {
        guard raw.count > 0 else { return }
        crc = crc32(crc, raw.baseAddress!.assumingMemoryBound(to: UInt8.self), UInt32(raw.count))
        try writeAll(raw)
        written += raw.count
    }

    private func writeAll(_ raw: UnsafeRawBufferPointer) throws {
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

    /// Ends the file with its footer, fsyncs and closes it.
    mutating func finish(kind: FileFooter.Kind) throws {
        try spill()
        var footer = FileFooter.footer(kind: kind, checksum: UInt32(truncatingIfNeeded: crc))
        try footer.bytes.withUnsafeBytes { try writeAll($0) }
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
