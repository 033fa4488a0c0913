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
///
/// The walk never leaves the given paths: each directory is opened first and judged by where
/// its open descriptor leads (`SourceRoots`), so a symbolic link to a folder outside them (to
/// `/`, say) is one skipped entry, not a walk of the whole disk. Names are kept as bytes, in
/// the lossless form of `PathNames`, so a name that is not UTF-8 is still found and read.
public struct SourceWalker {
    public enum Entry: Equatable, Sendable {
        case file(path: String, format: SourceFormat)
        case skipped(SourceProblem)
    }

    public let paths: [String]
    /// Which files are read: those whose extension a registered format claims.
    public let registry: SourceFormatRegistry

    public init(paths: [String], registry: SourceFormatRegistry = .standard) {
        self.paths = paths
        self.registry = registry
    }

    /// All entries, files in a deterministic (sorted) order.
    public func entries() -> [Entry] {
        var out: [Entry] = []
        var visited = Set<DirID>()
        let roots = SourceRoots(paths: paths)
        for path in paths {
            var st = stat()
            guard stat(PathNames.system(path), &st) == 0 else {
                out.append(.skipped(SourceProblem(path: path, reason: SourceWalker.statFailure(path, errno: errno))))
                continue
            }
            switch st.st_mode & S_IFMT {
            case S_IFDIR:
                var stack: [DirID] = []
                walk(directory: path, roots: roots, visited: &visited, stack: &stack, into: &out)
            case S_IFREG:
                if let format = registry.format(forPath: path) {
                    out.append(.file(path: path, format: format))
                } else {
                    out.append(.skipped(SourceFormatRegistry.unsupported(path)))
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

    /// Why `stat` failed on `path`, in words ("symlink loop", "broken symbolic link", …).
    static func statFailure(_ path: String, errno err: Int32) -> String {
        if err == ELOOP { return "symlink loop" }
        var lst = stat()
        if lstat(PathNames.system(path), &lst) == 0 && (lst.st_mode & S_IFMT) == S_IFLNK { return "broken symbolic link" }
        if err == ENOENT { return "no such file or directory" }
        return String(cString: strerror(err)).lowercased()
    }

    private func walk(directory: String, roots: SourceRoots, visited: inout Set<DirID>, stack: inout [DirID], into out: inout [Entry]) {
        let fd = open(PathNames.system(directory), O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else {
            out.append(.skipped(SourceProblem(path: directory, reason: "cannot read directory: \(FileBytes.errnoText())")))
            return
        }
        func skip(_ reason: String) {
            out.append(.skipped(SourceProblem(path: directory, reason: reason)))
            close(fd)
        }
        var st = stat()
        guard fstat(fd, &st) == 0 else { return skip("cannot read directory: \(FileBytes.errnoText())") }
        if let problem = roots.problem(ofOpen: fd, path: directory, status: st) { return skip(problem.reason) }
        let id = DirID(device: UInt64(st.st_dev), inode: UInt64(st.st_ino))
        if stack.contains(id) { return skip("symlink loop (directory already being walked)") }
        if visited.contains(id) { return skip("directory already walked via another path") }
        visited.insert(id)
        guard let dir = fdopendir(fd) else { return skip("cannot read directory: \(FileBytes.errnoText())") }
        var names: [String] = []
        while let entry = readdir(dir) {
            // The name in place, up to its NUL (copying the whole d_name array reads past a
            // short last entry of readdir's buffer: found by AddressSanitizer).
            let cName = (UnsafeRawPointer(entry) + MemoryLayout<dirent>.offset(of: \dirent.d_name)!)
                .assumingMemoryBound(to: CChar.self)
            if cName[0] == 0x2E { continue }   // hidden, "." and ".."
            names.append(PathNames.string(cString: cName))
        }
        closedir(dir)
        // Byte order of the names themselves (the lossless form would sort escapes differently).
        let sorted = names.map { (name: $0, bytes: PathNames.bytes($0)) }.sorted { $0.bytes.lexicographicallyPrecedes($1.bytes) }
        stack.append(id)
        defer { stack.removeLast() }
        let prefix = directory.hasSuffix("/") ? directory : directory + "/"
        for name in sorted.map(\.name) {
            let child = prefix + name
            var cst = stat()
            if stat(PathNames.system(child), &cst) != 0 {
                let err = errno
                // Dangling or looping symlink: report it only if it looks like something we'd read.
                if registry.format(forPath: name) != nil || err == ELOOP {
                    out.append(.skipped(SourceProblem(path: child, reason: SourceWalker.statFailure(child, errno: err))))
                }
                continue
            }
            switch cst.st_mode & S_IFMT {
            case S_IFDIR:
                walk(directory: child, roots: roots, visited: &visited, stack: &stack, into: &out)
            case S_IFREG:
                if let format = registry.format(forPath: name) { out.append(.file(path: child, format: format)) }
            default:
                break
            }
        }
    }
}
