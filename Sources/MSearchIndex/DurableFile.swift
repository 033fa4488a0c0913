#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import MSearchSources

/// File operations with the durability a commit needs: data reaches the disk (fsync) before
/// the manifest that names it, and the manifest is replaced by an atomic rename.
public enum DurableFile {
    /// Writes `bytes` to `path` (created or truncated) and fsyncs it.
    public static func write(_ bytes: [UInt8], to path: String) throws {
        try write(bytes, to: path, flags: O_TRUNC)
    }

    /// Writes a new file at `path` and fsyncs it; fails if anything is there already. Every
    /// index file is created this way (and `FileSink` opens the same way), so a writer never
    /// overwrites a file it did not create: not a user's, not another writer's.
    public static func create(_ bytes: [UInt8], at path: String) throws {
        try write(bytes, to: path, flags: O_EXCL)
    }

    private static func write(_ bytes: [UInt8], to path: String, flags: Int32) throws {
        let fd = open(PathNames.system(path), O_WRONLY | O_CREAT | flags | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw error(path) }
        defer { close(fd) }
        try bytes.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let n = Glibc.write(fd, raw.baseAddress! + offset, raw.count - offset)
                if n < 0 {
                    if errno == EINTR { continue }
                    throw error(path)
                }
                offset += n
            }
        }
        guard fsync(fd) == 0 else { throw error(path) }
    }

    /// Writes to a temporary name, fsyncs, renames over `path` and fsyncs the directory:
    /// readers see the old file or the new one, never a mix, whatever happens in between.
    public static func replaceAtomically(_ bytes: [UInt8], at path: String) throws {
        let tmp = path + ".tmp-\(getpid())"
        try write(bytes, to: tmp)
        guard rename(PathNames.system(tmp), PathNames.system(path)) == 0 else {
            let e = error(path)
            unlink(PathNames.system(tmp))
            throw e
        }
        try syncDirectory(containing: path)
    }

    /// Renames `from` to `to` in the same directory, failing if `to` exists (a hard link then
    /// an unlink: `rename` would replace it); durable once the directory is synced, which the
    /// commit that names the file does.
    static func move(_ from: String, to: String) throws {
        guard link(PathNames.system(from), PathNames.system(to)) == 0 else { throw error(to) }
        unlink(PathNames.system(from))
    }

    public static func syncDirectory(containing path: String) throws {
        let dir = directoryName(path)
        let fd = open(PathNames.system(dir), O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { throw error(dir) }
        defer { close(fd) }
        _ = fsync(fd)
    }

    public static func read(_ path: String) throws -> [UInt8] {
        let file = try MappedFile(path: path)
        return Array(file.bytes)
    }

    public static func exists(_ path: String) -> Bool {
        var st = stat()
        return stat(PathNames.system(path), &st) == 0
    }

    public static func isDirectory(_ path: String) -> Bool {
        var st = stat()
        return stat(PathNames.system(path), &st) == 0 && (st.st_mode & S_IFMT) == S_IFDIR
    }

    public static func createDirectory(_ path: String) throws {
        if isDirectory(path) { return }
        let parent = directoryName(path)
        if parent != path && !parent.isEmpty && !isDirectory(parent) { try createDirectory(parent) }
        guard mkdir(PathNames.system(path), 0o755) == 0 || errno == EEXIST else { throw error(path) }
    }

    public static func remove(_ path: String) { unlink(PathNames.system(path)) }

    public static func list(_ directory: String) -> [String] {
        guard let dir = opendir(PathNames.system(directory)) else { return [] }
        defer { closedir(dir) }
        var names: [String] = []
        while let entry = readdir(dir) {
            // Read the name in place, up to its NUL: copying the whole 256-byte d_name array
            // reads past a short last entry of readdir's buffer (found by AddressSanitizer).
            let name = String(cString: (UnsafeRawPointer(entry) + MemoryLayout<dirent>.offset(of: \dirent.d_name)!)
                .assumingMemoryBound(to: CChar.self))
            if name != "." && name != ".." { names.append(name) }
        }
        return names.sorted()
    }

    public static func size(_ path: String) -> Int {
        var st = stat()
        return stat(PathNames.system(path), &st) == 0 ? Int(st.st_size) : 0
    }

    static func directoryName(_ path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        let d = String(path[..<slash])
        return d.isEmpty ? "/" : d
    }

    static func error(_ path: String) -> IndexError {
        .io(path: path, reason: String(cString: strerror(errno)))
    }
}
