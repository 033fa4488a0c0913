#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CLibXML2

/// Loading a source file as bytes and checking that it is text at all, before any format looks
/// at it: one `read` into `[UInt8]`, gzip looked through, BOMs handled, binary rejected.
public enum FileBytes {
    /// Larger files are refused rather than risking memory exhaustion on a stray disk image.
    static let maxFileSize = 1 << 30

    /// Reads up to `size` bytes of an open regular file (fewer if it shrank meanwhile).
    public static func readOpenFile(_ fd: Int32, size: Int, path: String) throws -> [UInt8] {
        if size == 0 { return [] }
        var failure: Int32 = 0
        let bytes = [UInt8](unsafeUninitializedCapacity: size) { buf, count in
            var off = 0
            while off < size {
                let n = Glibc.read(fd, buf.baseAddress! + off, size - off)
                if n < 0 { if errno == EINTR { continue }; failure = errno; break }
                if n == 0 { break }
                off += n
            }
            count = off
        }
        if failure != 0 { throw SourceProblem(path: path, reason: "read error: \(String(cString: strerror(failure)))", kind: .unreadable) }
        return bytes
    }

    /// Reads the file at `path` (a lossless path, see `PathNames`) whole.
    public static func read(path: String) throws -> [UInt8] {
        let fd = open(PathNames.system(path), O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw SourceProblem(path: path, reason: "cannot open: \(errnoText())", kind: .unreadable) }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0 else { throw SourceProblem(path: path, reason: "cannot stat: \(errnoText())", kind: .unreadable) }
        let kind = st.st_mode & S_IFMT
        if kind == S_IFDIR { throw SourceProblem(path: path, reason: "is a directory", kind: .unreadable) }
        if kind == S_IFREG {
            let size = Int(st.st_size)
            if size > maxFileSize { throw SourceProblem(path: path, reason: "file too large (\(size) bytes)", kind: .tooLarge) }
            return try readOpenFile(fd, size: size, path: path)
        }
        // Pipes, character devices: read until end of file.
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = chunk.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress!, $0.count) }
            if n < 0 { if errno == EINTR { continue }; throw SourceProblem(path: path, reason: "read error: \(errnoText())", kind: .unreadable) }
            if n == 0 { break }
            bytes.append(contentsOf: chunk[0..<n])
            if bytes.count > maxFileSize { throw SourceProblem(path: path, reason: "file too large", kind: .tooLarge) }
        }
        return bytes
    }

    static func errnoText() -> String { String(cString: strerror(errno)) }

    /// The bytes a format reader gets: decompressed, without BOM, UTF-16 and UTF-32 turned into UTF-8.
    struct Prepared {
        var bytes: [UInt8]
        /// True when a BOM said the text is Unicode, so a declared charset must be ignored.
        var knownUTF8: Bool
    }

    static func prepare(_ raw: [UInt8], path: String, limits: ReadLimits = .default) throws -> Prepared {
        var bytes = raw
        if bytes.count >= 2, bytes[0] == 0x1F, bytes[1] == 0x8B {
            bytes = try gunzip(bytes, path: path, limit: limits.maxFileSize)
        }
        var knownUTF8 = false
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF {
            bytes.removeFirst(3); knownUTF8 = true
        } else if let (encoding, bomLength) = WideText.encoding(of: bytes) {
            bytes = try WideText.utf8(bytes, encoding: encoding, bomLength: bomLength, path: path); knownUTF8 = true
        }
        try checkText(bytes, path: path)
        return Prepared(bytes: bytes, knownUTF8: knownUTF8)
    }

    /// Throws "empty file" / "binary content …" for bytes no format should try to parse.
    static func checkText(_ bytes: [UInt8], path: String) throws {
        try bytes.withUnsafeBufferPointer { buf in
            var i = 0
            while i < buf.count, isSpace(buf[i]) { i += 1 }
            if i == buf.count { throw SourceProblem(path: path, reason: "empty file", kind: .empty) }
            if memchr(buf.baseAddress!, 0, buf.count) != nil {
                throw SourceProblem(path: path, reason: "binary content (NUL bytes)", kind: .binary)
            }
            // Mostly control characters in the first 8 KB: not text either.
            let n = min(buf.count, 8192)
            var controls = 0
            for j in 0..<n {
                let b = buf[j]
                if (b < 0x20 && b != 0x09 && b != 0x0A && b != 0x0D && b != 0x0C && b != 0x0B && b != 0x1B) || b == 0x7F {
                    controls += 1
                }
            }
            if controls * 10 > n { throw SourceProblem(path: path, reason: "binary content (control bytes)", kind: .binary) }
        }
    }

    /// Inflates gzip (or zlib) data, refusing it as soon as the output passes `limit` (the
    /// `--max-file-size` that the compressed file was checked against), so a bomb is a problem
    /// report, never gigabytes in memory.
    static func gunzip(_ input: [UInt8], path: String, limit: Int) throws -> [UInt8] {
        var stream = z_stream()
        guard inflateInit2_(&stream, 15 + 32, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            throw SourceProblem(path: path, reason: "cannot initialise gzip decompression")
        }
        defer { inflateEnd(&stream) }
        var out: [UInt8] = []
        out.reserveCapacity(input.count > limit / 4 ? limit : input.count * 4)
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        var reason: String?
        var tooLarge = false
        input.withUnsafeBufferPointer { inBuf in
            stream.next_in = UnsafeMutablePointer(mutating: inBuf.baseAddress)
            stream.avail_in = uInt(inBuf.count)
            while true {
                var status: Int32 = 0
                chunk.withUnsafeMutableBufferPointer { c in
                    stream.next_out = c.baseAddress
                    stream.avail_out = uInt(c.count)
                    status = inflate(&stream, Z_NO_FLUSH)
                    out.append(contentsOf: c[0..<(c.count - Int(stream.avail_out))])
                }
                if out.count > limit {
                    tooLarge = true
                    reason = "decompresses to more than \(ReadLimits.megabytes(limit)) (the --max-file-size limit)"
                    return
                }
                if status == Z_STREAM_END {
                    // Concatenated gzip members continue; trailing garbage ends it.
                    if stream.avail_in > 0, stream.next_in[0] == 0x1F { inflateReset(&stream); continue }
                    return
                }
                if status != Z_OK {
                    reason = status == Z_BUF_ERROR ? "truncated gzip data" : "corrupt gzip data"
                    return
                }
            }
        }
        if let reason { throw SourceProblem(path: path, reason: reason, kind: tooLarge ? .tooLarge : .malformed) }
        return out
    }
}
