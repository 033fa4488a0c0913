#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// File names on Linux are bytes, not necessarily UTF-8 (`café.txt` written by a Latin-1 tool is
/// `caf\xE9.txt`). msearch carries every path as a `String` in a lossless form and turns it back
/// into the exact bytes for each system call, so such a file is found, read, catalogued and found
/// again, and never becomes U+FFFD:
///
/// - valid UTF-8 stays as it is, except the bytes below;
/// - a byte that is not part of valid UTF-8, a control character (C0, DEL, C1) and a backslash
///   followed by `x` are written `\xHH` (two lower-case hex digits).
///
/// The string is therefore also the name's display form: `caf\xe9.txt`, and a newline or an
/// escape sequence in a name cannot reach a terminal raw. Decoding takes every `\xHH` back to its
/// byte and leaves everything else as UTF-8, which inverts the encoding exactly.
public enum PathNames {
    /// The lossless form of the bytes of a path (or of one name in it).
    public static func string(fromBytes bytes: some Collection<UInt8>) -> String {
        let raw = Array(bytes)
        if !needsEscaping(raw) { return String(decoding: raw, as: UTF8.self) }
        var out: [UInt8] = []
        out.reserveCapacity(raw.count + 16)
        raw.withUnsafeBufferPointer { buf in
            var i = 0
            while i < buf.count {
                let b = buf[i]
                if b < 0x80 {
                    if b < 0x20 || b == 0x7F || (b == 0x5C && i + 1 < buf.count && buf[i + 1] == 0x78) { escape(b, into: &out) }
                    else { out.append(b) }
                    i += 1
                    continue
                }
                let length = validSequenceLength(buf, at: i)
                if length == 0 || (b == 0xC2 && buf[i + 1] <= 0x9F) {   // invalid, or a C1 control
                    for k in 0..<max(1, length) { escape(buf[i + k], into: &out) }
                    i += max(1, length)
                } else {
                    out.append(contentsOf: UnsafeBufferPointer(rebasing: buf[i..<(i + length)]))
                    i += length
                }
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The bytes a lossless path stands for.
    public static func bytes(_ path: String) -> [UInt8] {
        let utf8 = Array(path.utf8)
        guard utf8.contains(0x5C) else { return utf8 }
        var out: [UInt8] = []
        out.reserveCapacity(utf8.count)
        var i = 0
        while i < utf8.count {
            if utf8[i] == 0x5C, i + 3 < utf8.count, utf8[i + 1] == 0x78,
               let high = hexDigit(utf8[i + 2]), let low = hexDigit(utf8[i + 3]) {
                out.append(high << 4 | low)
                i += 4
            } else {
                out.append(utf8[i])
                i += 1
            }
        }
        return out
    }

    /// The NUL-terminated bytes of `path` for a system call: `open(PathNames.system(path), …)`.
    public static func system(_ path: String) -> [CChar] {
        bytes(path).map { CChar(bitPattern: $0) } + [0]
    }

    /// A path a system call returned (NUL-terminated), in lossless form.
    public static func string(cString: UnsafePointer<CChar>) -> String {
        string(fromBytes: UnsafeBufferPointer(start: UnsafeRawPointer(cString).assumingMemoryBound(to: UInt8.self), count: strlen(cString)))
    }

    /// The working directory (lossless; "/" if it cannot be read).
    public static func currentDirectory() -> String {
        guard let p = getcwd(nil, 0) else { return "/" }
        defer { free(p) }
        return string(cString: p)
    }

    /// The canonical path (symbolic links, "." and ".." resolved), nil when it does not exist.
    public static func resolved(_ path: String) -> String? {
        guard let p = realpath(system(path), nil) else { return nil }
        defer { free(p) }
        return string(cString: p)
    }

    /// Whether `path` is `root` or lies below it (both canonical or both absolute).
    public static func isInside(_ path: String, _ root: String) -> Bool {
        path == root || path.hasPrefix(root == "/" ? "/" : root + "/")
    }

    /// Whether any byte needs `\xHH`: most paths are plain UTF-8 and are taken as they are.
    private static func needsEscaping(_ raw: [UInt8]) -> Bool {
        var nonASCII = false
        var previous: UInt8 = 0
        for b in raw {
            if b < 0x20 || b == 0x7F || (previous == 0x5C && b == 0x78) { return true }
            if b >= 0x80 {
                nonASCII = true
                if previous == 0xC2 && b <= 0x9F { return true }   // C1 control
            }
            previous = b
        }
        return nonASCII && raw.withUnsafeBufferPointer { firstInvalidUTF8($0) != nil }
    }

    /// The length of the valid UTF-8 sequence starting at `i`, 0 when it is not one.
    private static func validSequenceLength(_ buf: UnsafeBufferPointer<UInt8>, at i: Int) -> Int {
        let b = buf[i]
        let length = b & 0xE0 == 0xC0 ? 2 : b & 0xF0 == 0xE0 ? 3 : b & 0xF8 == 0xF0 ? 4 : 0
        guard length > 0, i + length <= buf.count else { return 0 }
        return firstInvalidUTF8(UnsafeBufferPointer(rebasing: buf[i..<(i + length)])) == nil ? length : 0
    }

    private static let hex: [UInt8] = Array("0123456789abcdef".utf8)

    private static func escape(_ b: UInt8, into out: inout [UInt8]) {
        out.append(0x5C); out.append(0x78)
        out.append(hex[Int(b >> 4)]); out.append(hex[Int(b & 0x0F)])
    }

    private static func hexDigit(_ b: UInt8) -> UInt8? {
        switch b {
        case 0x30...0x39: return b - 0x30
        case 0x61...0x66: return b - 0x61 + 10
        default: return nil
        }
    }
}
