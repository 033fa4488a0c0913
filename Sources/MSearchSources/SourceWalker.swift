#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Finds the files msearch can read under the paths a user gives, recursively.
///
/// Directories are walked depth-first with names in byte order, so the same tree always gives
/// the same sequence. Hidden entries (".name") and special files (FIFOs, sockets, devices)
/// inside directories are passed over silently. A regular file whose extension a registered
/// format claims is taken by its name alone (no read); any other is judged by its first bytes
/// (`ContentSniffing`): a format the registry recognises, plain text, or binary, which comes
/// back as `.skipped` like missing paths, unreadable files and directories and symlink loops,
/// so every file is accounted for. `forcedFormat` (`--format`) takes every file as that format.
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
    /// Every regular file is read as this format, whatever its name or content says.
    public var forcedFormat: SourceFormat?

    public init(paths: [String], registry: SourceFormatRegistry = .standard, forcedFormat: SourceFormat? = nil) {
        self.paths = paths
        self.registry = registry
        self.forcedFormat = forcedFormat
    }

    /// All entries, files in a deterministic (sorted) order.
    public func entries() -> [Entry] {
        var out: [Entry] = []
        var visited = Set<DirID>()
        let roots = SourceRoots(paths: paths)
        for path in paths {
            var st = stat()
            guard stat(PathNames.system(path), &st) == 0 else {
                out.append(.skipped(SourceProblem(path: path, reason: SourceWalker.statFailure(path, errno: errno), kind: .unreadable)))
                continue
            }
            switch st.st_mode & S_IFMT {
            case S_IFDIR:
                var stack: [DirID] = []
                walk(directory: path, roots: roots, visited: &visited, stack: &stack, into: &out)
            case S_IFREG:
                out.append(judge(file: path, roots: roots))
            default:
                out.append(.skipped(SourceProblem(path: path, reason: "not a regular file or directory", kind: .unreadable)))
            }
        }
        return out
    }

    /// A regular file's entry: its format by `forcedFormat`, its name, or its first bytes.
    /// Sniffing opens it as reading would (`SourceFile`), so a link outside the paths is
    /// refused here and nothing outside them is read, not even a prefix.
    func judge(file path: String, roots: SourceRoots) -> Entry {
        if let forcedFormat { return .file(path: path, format: forcedFormat) }
        if let format = registry.format(forPath: path) { return .file(path: path, format: format) }
        let prefix: [UInt8]
        do {
            prefix = try SourceFile(opening: path, inside: roots).prefix(ContentSniffing.prefixBytes)
        } catch let problem as SourceProblem {
            return .skipped(problem)
        } catch {
            return .skipped(SourceProblem(path: path, reason: "\(error)", kind: .unreadable))
        }
        switch ContentSniffing.judge(path: path, prefix: prefix, registry: registry) {
        case .format(let format): return .file(path: path, format: format)
        case .binary(let what): return .skipped(SourceProblem(path: path, reason: what, kind: .binary))
        case .unrecognised:
            return .skipped(SourceProblem(path: path, reason: "unsupported file type (its content matches no format)", kind: .unknownFormat))
        }
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
            out.append(.skipped(SourceProblem(path: directory, reason: "cannot read directory: \(FileBytes.errnoText())", kind: .unreadable)))
            return
        }
        func skip(_ reason: String) {
            out.append(.skipped(SourceProblem(path: directory, reason: reason, kind: .unreadable)))
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
                    out.append(.skipped(SourceProblem(path: child, reason: SourceWalker.statFailure(child, errno: err), kind: .unreadable)))
                }
                continue
            }
            switch cst.st_mode & S_IFMT {
            case S_IFDIR:
                walk(directory: child, roots: roots, visited: &visited, stack: &stack, into: &out)
            case S_IFREG:
                out.append(judge(file: child, roots: roots))
            default:
                break
            }
        }
    }
}
