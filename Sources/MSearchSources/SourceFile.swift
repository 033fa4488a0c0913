#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The files and folders a user gave to index, canonical: nothing outside them is read.
public struct SourceRoots: Sendable {
    /// The given paths with symbolic links resolved (lossless, see `PathNames`).
    public let resolved: [String]

    public init(paths: [String]) { resolved = paths.compactMap(PathNames.resolved) }

    /// Whether a canonical path lies in one of the roots.
    public func contains(_ real: String) -> Bool { resolved.contains { PathNames.isInside(real, $0) } }

    /// Where an open file or directory really is: the kernel's own name for the descriptor
    /// (`/proc/self/fd/N`). Without /proc, the canonical path of `path` counts only when it names
    /// the very file that is open (same device and inode). Nil when neither can tell.
    public static func location(ofOpen fd: Int32, path: String, status: stat) -> String? {
        var buffer = [UInt8](repeating: 0, count: Int(PATH_MAX) + 1)
        let n = buffer.withUnsafeMutableBufferPointer { b in
            b.baseAddress!.withMemoryRebound(to: CChar.self, capacity: b.count) { readlink("/proc/self/fd/\(fd)", $0, b.count - 1) }
        }
        if n > 0, n < buffer.count - 1, buffer[0] == 0x2F {
            return PathNames.string(fromBytes: buffer[0..<n])
        }
        guard let real = PathNames.resolved(path) else { return nil }
        var st = stat()
        guard stat(PathNames.system(real), &st) == 0, st.st_dev == status.st_dev, st.st_ino == status.st_ino else { return nil }
        return real
    }

    /// The problem for an opened file or folder that is not inside the roots (nil when it is).
    func problem(ofOpen fd: Int32, path: String, status: stat) -> SourceProblem? {
        guard let real = SourceRoots.location(ofOpen: fd, path: path, status: status) else {
            return SourceProblem(path: path, reason: "cannot tell where it leads (it changed while being opened)", kind: .unreadable)
        }
        if contains(real) { return nil }
        return SourceProblem(path: path, reason: "symbolic link to \(real), outside the paths given to index", kind: .unreadable)
    }
}

/// A source file opened once, checked through its descriptor and read through the same one:
/// a symbolic link swapped in after the walk cannot make msearch read a file outside the
/// given paths, because the file whose location is checked is the file whose bytes are read.
public final class SourceFile {
    public let path: String
    public let descriptor: Int32
    /// `fstat` of the open file.
    public let status: stat

    /// Opens `path` (following symbolic links, which the check then judges by where they lead).
    /// Throws a `SourceProblem` when it cannot be opened, is not a regular file, or is not
    /// inside `roots`.
    public init(opening path: String, inside roots: SourceRoots) throws {
        // O_NONBLOCK: a FIFO swapped in must not block the run (it is then refused as not regular).
        let fd = open(PathNames.system(path), O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY)
        guard fd >= 0 else { throw SourceProblem(path: path, reason: "cannot open: \(FileBytes.errnoText())", kind: .unreadable) }
        var st = stat()
        guard fstat(fd, &st) == 0 else {
            let reason = "cannot stat: \(FileBytes.errnoText())"
            close(fd)
            throw SourceProblem(path: path, reason: reason, kind: .unreadable)
        }
        guard (st.st_mode & S_IFMT) == S_IFREG else {
            close(fd)
            throw SourceProblem(path: path, reason: "not a regular file", kind: .unreadable)
        }
        if let problem = roots.problem(ofOpen: fd, path: path, status: st) {
            close(fd)
            throw problem
        }
        self.path = path
        descriptor = fd
        status = st
    }

    deinit { close(descriptor) }

    public var size: Int { Int(status.st_size) }
    /// Modification time in nanoseconds.
    public var modified: Int64 { Int64(status.st_mtim.tv_sec) * 1_000_000_000 + Int64(status.st_mtim.tv_nsec) }

    /// The whole file, at most `limit` bytes (a file growing meanwhile is cut there).
    public func read(limit: Int) throws -> [UInt8] {
        try FileBytes.readOpenFile(descriptor, size: min(size, limit), path: path)
    }

    /// The first `count` bytes (fewer in a shorter file), without moving the descriptor's
    /// offset: what content sniffing judges a file by.
    public func prefix(_ count: Int) throws -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: max(0, count))
        var filled = 0
        while filled < bytes.count {
            let n = bytes.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress! + filled, $0.count - filled, off_t(filled)) }
            if n < 0 {
                if errno == EINTR { continue }
                throw SourceProblem(path: path, reason: "read error: \(FileBytes.errnoText())", kind: .unreadable)
            }
            if n == 0 { break }
            filled += n
        }
        return Array(bytes[0..<filled])
    }

    /// Hands `body` the file's bytes a chunk at a time from the start, without moving the
    /// descriptor's offset (so a stream on a duplicate of it still starts at the beginning).
    public func forEachChunk(_ body: (UnsafeRawBufferPointer) -> Void) throws {
        var chunk = [UInt8](repeating: 0, count: 1 << 20)
        var offset: off_t = 0
        while true {
            let n = chunk.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress!, $0.count, offset) }
            if n < 0 {
                if errno == EINTR { continue }
                throw SourceProblem(path: path, reason: "read error: \(FileBytes.errnoText())", kind: .unreadable)
            }
            if n == 0 { return }
            chunk.withUnsafeBytes { body(UnsafeRawBufferPointer(rebasing: $0[0..<n])) }
            offset += off_t(n)
        }
    }
}
