#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Finds the files msearch can read under the paths a user gives, recursively.
///
/// Directories are walked depth-first with names in byte order, so the same tree always gives
/// the same sequence. Hidden entries (".name") and files of unknown types inside directories are
/// passed over silently; missing paths, unreadable directories, symlink loops and explicitly
/// named files of unknown type come back as `.skipped` so the user learns about them.
public struct SourceWalker {
    public enum Entry: Equatable, Sendable {
        case file(path: String, format: SourceFormat)
        case skipped(SourceProblem)
    }

    public let paths: [String]

    public init(paths: [String]) { self.paths = paths }

    /// All entries, files in a deterministic (sorted) order.
    public func entries() -> [Entry] {
        var out: [Entry] = []
        var visited = Set<DirID>()
        for path in paths {
            var st = stat()
            guard stat(path, &st) == 0 else {
                let err = errno
                var lst = stat()
                let reason: String
                if err == ELOOP { reason = "symlink loop" }
                else if lstat(path, &lst) == 0 && (lst.st_mode & S_IFMT) == S_IFLNK { reason = "broken symbolic link" }
                else if err == ENOENT { reason = "no such file or directory" }
                else { reason = String(cString: strerror(err)).lowercased() }
                out.append(.skipped(SourceProblem(path: path, reason: reason)))
                continue
            }
            switch st.st_mode & S_IFMT {
            case S_IFDIR:
                var stack: [DirID] = []
                walk(directory: path, st: st, visited: &visited, stack: &stack, into: &out)
            case S_IFREG:
                if let format = SourceFormat.forPath(path) {
                    out.append(.file(path: path, format: format))
                } else {
                    let ext = SourceFormat.extensionOf(Substring(SourceFormat.fileName(path)))
                    out.append(.skipped(SourceProblem(path: path, reason: ext.isEmpty ? "unsupported file type (no extension)" : "unsupported file type (.\(ext))")))
                }
            default:
                out.append(.skipped(SourceProblem(path: path, reason: "not a regular file or directory")))
            }
        }
        return out
    }

    struct DirID: Hashable {
        var device: UInt64
        var inode: UInt64
    }

    private func walk(directory: String, st: stat, visited: inout Set<DirID>, stack: inout [DirID], into out: inout [Entry]) {
        let id = DirID(device: UInt64(st.st_dev), inode: UInt64(st.st_ino))
        if stack.contains(id) {
            out.append(.skipped(SourceProblem(path: directory, reason: "symlink loop (directory already being walked)")))
            return
        }
        if visited.contains(id) {
            out.append(.skipped(SourceProblem(path: directory, reason: "directory already walked via another path")))
            return
        }
        visited.insert(id)
        guard let dir = opendir(directory) else {
            out.append(.skipped(SourceProblem(path: directory, reason: "cannot read directory: \(String(cString: strerror(errno)))")))
            return
        }
        var names: [String] = []
        while let entry = readdir(dir) {
            // The name in place, up to its NUL (copying the whole d_name array reads past a
            // short last entry of readdir's buffer: found by AddressSanitizer).
            let cName = (UnsafeRawPointer(entry) + MemoryLayout<dirent>.offset(of: \dirent.d_name)!)
                .assumingMemoryBound(to: UInt8.self)
            let name = String(decoding: UnsafeBufferPointer(start: cName, count: strlen(UnsafeRawPointer(cName).assumingMemoryBound(to: CChar.self))), as: UTF8.self)
            if name.hasPrefix(".") { continue }   // hidden, "." and ".."
            names.append(name)
        }
        closedir(dir)
        names.sort { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
        stack.append(id)
        defer { stack.removeLast() }
        let prefix = directory.hasSuffix("/") ? directory : directory + "/"
        for name in names {
            let child = prefix + name
            var cst = stat()
            if stat(child, &cst) != 0 {
                let err = errno
                // Dangling or looping symlink: report it only if it looks like something we'd read.
                if SourceFormat.forPath(name) != nil || err == ELOOP {
                    out.append(.skipped(SourceProblem(path: child, reason: err == ELOOP ? "symlink loop" : "broken symbolic link")))
                }
                continue
            }
            switch cst.st_mode & S_IFMT {
            case S_IFDIR:
                walk(directory: child, st: cst, visited: &visited, stack: &stack, into: &out)
            case S_IFREG:
                if let format = SourceFormat.forPath(name) { out.append(.file(path: child, format: format)) }
            default:
                break
            }
        }
    }
}
