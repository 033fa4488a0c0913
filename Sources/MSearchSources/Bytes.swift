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
        if failure != 0 { throw SourceProblem(path: path, reason: "read error: \(String(cString: strerror(failure)))") }
        return bytes
    }

    /// Reads the file at `path` (a lossless path, see `PathNames`) whole.
    public static func read(path: String) throws -> [UInt8] {
        let fd = open(PathNames.system(path), O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw SourceProblem(path: path, reason: "cannot open: \(errnoText())") }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0 else { throw SourceProblem(path: path, reason: "cannot stat: \(errnoText())") }
        let kind = st.st_mode & S_IFMT
        if kind == S_IFDIR { throw SourceProblem(path: path, reason: "is a directory") }
        if kind == S_IFREG {
            let size = Int(st.st_size)
            if size > maxFileSize { throw SourceProblem(path: path, reason: "file too large (\(size) bytes)") }
            return try readOpenFile(fd, size: size, path: path)
        }
        // Pipes, character devices: read until end of file.
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = chunk.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress!, $0.count) }
            if n < 0 { if errno == EINTR { continue }; throw SourceProblem(path: path, reason: "read error: \(errnoText())") }
            if n == 0 { break }
            bytes.append(contentsOf: chunk[0..<n])
            if bytes.count > maxFileSize { throw SourceProblem(path: path, reason: "file too large") }
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
            if i == buf.count { throw SourceProblem(path: path, reason: "empty file") }
            if memchr(buf.baseAddress!, 0, buf.count) != nil {
                throw SourceProblem(path: path, reason: "binary content (NUL bytes)")
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
            if controls * 10 > n { throw SourceProblem(path: path, reason: "binary content (control bytes)") }
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
        if let reason { throw SourceProblem(path: path, reason: reason) }
        return out
    }
}

@inline(__always) func isSpace(_ b: UInt8) -> Bool {
    b == 0x20 || b == 0x0A || b == 0x0D || b == 0x09 || b == 0x0C || b == 0x0B
}

@inline(__always) func isASCIILetter(_ b: UInt8) -> Bool { (b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A }
@inline(__always) func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }

/// The byte offset of the first invalid UTF-8 sequence, or nil when all of it is valid.
func firstInvalidUTF8(_ buf: UnsafeBufferPointer<UInt8>) -> Int? {
    var i = 0
    let n = buf.count
    while i < n {
        let b = buf[i]
        if b < 0x80 { i += 1; continue }
        var len = 0
        var minCp: UInt32 = 0
        var cp: UInt32 = 0
        if b & 0xE0 == 0xC0 { len = 2; cp = UInt32(b & 0x1F); minCp = 0x80 }
        else if b & 0xF0 == 0xE0 { len = 3; cp = UInt32(b & 0x0F); minCp = 0x800 }
        else if b & 0xF8 == 0xF0 { len = 4; cp = UInt32(b & 0x07); minCp = 0x10000 }
        else { return i }
        if i + len > n { return i }
        for k in 1..<len {
            let c = buf[i + k]
            if c & 0xC0 != 0x80 { return i }
            cp = cp << 6 | UInt32(c & 0x3F)
        }
        if cp < minCp || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF) { return i }
        i += len
    }
    return nil
}

/// Builds plain text from pieces: whitespace runs collapse to one space, paragraph breaks to one
/// "\n", control and invisible characters vanish. Works on UTF-8 bytes, so it is cheap per piece.
struct TextBuilder {
    private(set) var bytes: [UInt8] = []
    private var pendingSpace = false
    private var pendingBreak = false

    init(capacity: Int = 0) { bytes.reserveCapacity(capacity) }

    var isEmpty: Bool { bytes.isEmpty }

    /// Ends the current paragraph (no effect before any text).
    mutating func breakParagraph() { if !bytes.isEmpty { pendingBreak = true } }
    /// Separates what comes next by a space (as between table cells).
    mutating func space() { pendingSpace = true }

    @inline(__always) private mutating func flushPending() {
        if pendingBreak { bytes.append(0x0A) }
        else if pendingSpace, let last = bytes.last, last != 0x0A { bytes.append(0x20) }
        pendingBreak = false
        pendingSpace = false
    }

    mutating func append(_ s: String) {
        var s = s
        s.withUTF8 { append($0) }
    }

    mutating func append(_ buf: UnsafeBufferPointer<UInt8>) {
        let n = buf.count
        var i = 0
        while i < n {
            // A run of ordinary bytes goes in at once.
            var j = i
            while j < n {
                let b = buf[j]
                if b <= 0x20 || b == 0x7F || b == 0xC2 || b == 0xE2 || b == 0xE3 || b == 0xEF { break }
                j += 1
            }
            if j > i {
                flushPending()
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: buf[i..<j]))
                i = j
                continue
            }
            let b = buf[i]
            if b <= 0x20 || b == 0x7F {
                if isSpace(b) { pendingSpace = true }
                i += 1
                continue
            }
            if b == 0xC2, i + 1 < n {
                let c = buf[i + 1]
                if c == 0xA0 { pendingSpace = true; i += 2; continue }      // no-break space
                if c == 0xAD || (c >= 0x80 && c <= 0x9F) { i += 2; continue } // soft hyphen, C1 controls
            } else if b == 0xE2, i + 2 < n, buf[i + 1] == 0x80 {
                let c = buf[i + 2]
                if c <= 0x8A || c == 0xAF { pendingSpace = true; i += 3; continue } // typographic spaces
                if c == 0x8B { i += 3; continue }                                   // zero-width space
                if c == 0xA8 || c == 0xA9 { breakParagraph(); i += 3; continue }    // line/paragraph separator
            } else if b == 0xE3, i + 2 < n, buf[i + 1] == 0x80, buf[i + 2] == 0x80 {
                pendingSpace = true; i += 3; continue                                // ideographic space
            } else if b == 0xEF, i + 2 < n, buf[i + 1] == 0xBB, buf[i + 2] == 0xBF {
                i += 3; continue                                                     // stray BOM
            }
            flushPending()
            bytes.append(b)
            i += 1
        }
    }

    /// Appends text in which SGML/XML character references (&lt; &amp; &#3; &#x41; …) are decoded;
    /// references to control characters are dropped.
    mutating func appendDecodingEntities(_ buf: UnsafeBufferPointer<UInt8>) {
        let n = buf.count
        var start = 0
        var i = 0
        while i < n {
            if buf[i] != 0x26 { i += 1; continue }   // '&'
            var j = i + 1
            while j < n, j - i <= 12, buf[j] != 0x3B, buf[j] != 0x26, !isSpace(buf[j]) { j += 1 }
            guard j < n, buf[j] == 0x3B, j > i + 1 else { i += 1; continue }
            let name = UnsafeBufferPointer(rebasing: buf[(i + 1)..<j])
            var scalar: UInt32? = nil
            var drop = false
            if name[0] == 0x23 {   // '#'
                var v: UInt32 = 0
                var ok = name.count > 1
                if name.count > 1, name[1] | 0x20 == 0x78 {   // 'x'
                    ok = name.count > 2
                    for k in 2..<max(2, name.count) {
                        guard let d = hexValue(name[k]), v < 0x110000 else { ok = false; break }
                        v = v * 16 + d
                    }
                } else {
                    for k in 1..<max(1, name.count) {
                        guard isDigit(name[k]), v < 0x110000 else { ok = false; break }
                        v = v * 10 + UInt32(name[k] - 0x30)
                    }
                }
                if ok {
                    if v < 0x20 && v != 0x09 && v != 0x0A && v != 0x0D { drop = true }
                    else { scalar = v }
                }
            } else {
                switch String(decoding: name, as: UTF8.self) {
                case "lt": scalar = 0x3C
                case "gt": scalar = 0x3E
                case "amp": scalar = 0x26
                case "quot": scalar = 0x22
                case "apos": scalar = 0x27
                case "nbsp": scalar = 0xA0
                default: break
                }
            }
            if scalar == nil && !drop { i += 1; continue }
            if i > start { append(UnsafeBufferPointer(rebasing: buf[start..<i])) }
            if let v = scalar {
                let s = String(Character(Unicode.Scalar(v) ?? "\u{FFFD}"))
                append(s)
            }
            i = j + 1
            start = i
        }
        if n > start { append(UnsafeBufferPointer(rebasing: buf[start..<n])) }
    }

    /// The text so far; invalid UTF-8 (if any slipped in) is repaired with U+FFFD.
    func string() -> String { String(decoding: bytes, as: UTF8.self) }
}

@inline(__always) func hexValue(_ b: UInt8) -> UInt32? {
    if isDigit(b) { return UInt32(b - 0x30) }
    let l = b | 0x20
    if l >= 0x61 && l <= 0x66 { return UInt32(l - 0x61 + 10) }
    return nil
}

/// Collapses whitespace in a short string (titles, attribute values).
func collapseWhitespace(_ s: String) -> String {
    var b = TextBuilder()
    b.append(s)
    return b.string()
}

/// Decodes bytes that should be UTF-8 but may be Latin-1 (old SGML corpora): valid UTF-8
/// sequences stay, every other byte is read as its Latin-1 character.
func decodeUTF8OrLatin1(_ buf: UnsafeBufferPointer<UInt8>) -> [UInt8] {
    guard firstInvalidUTF8(buf) != nil else { return Array(buf) }
    var out: [UInt8] = []
    out.reserveCapacity(buf.count + 16)
    var i = 0
    while i < buf.count {
        let rest = UnsafeBufferPointer(rebasing: buf[i...])
        if let bad = firstInvalidUTF8(rest) {
            out.append(contentsOf: UnsafeBufferPointer(rebasing: rest[0..<bad]))
            let b = rest[bad]
            out.append(0xC0 | (b >> 6)); out.append(0x80 | (b & 0x3F))
            i += bad + 1
        } else {
            out.append(contentsOf: rest)
            break
        }
    }
    return out
}

/// The offset of the first occurrence of `needle` in `hay` (memchr for the first byte, then compare).
func findBytes(_ needle: UnsafeBufferPointer<UInt8>, in hay: UnsafeBufferPointer<UInt8>) -> Int? {
    guard let first = needle.first, let base = hay.baseAddress, hay.count >= needle.count else { return needle.isEmpty ? 0 : nil }
    let last = hay.count - needle.count
    var i = 0
    while i <= last {
        guard let p = memchr(base + i, Int32(first), last - i + 1) else { return nil }
        let at = UnsafeRawPointer(p) - UnsafeRawPointer(base)
        if memcmp(base + at, needle.baseAddress!, needle.count) == 0 { return at }
        i = at + 1
    }
    return nil
}

/// The first line of a text (a title for documents that have none), cut at a word boundary near 100 characters.
func firstLine(of text: String) -> String {
    let line = text.split(separator: "\n", maxSplits: 1).first.map(String.init) ?? ""
    guard line.count > 100 else { return line }
    let cut = line.prefix(100)
    if let space = cut.lastIndex(of: " ") { return String(cut[..<space]) + " …" }
    return String(cut) + " …"
}
