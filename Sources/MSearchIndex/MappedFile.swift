#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import MSearchSources

/// A read-only memory mapping of a whole file. Queries touch only the pages they need, so an
/// index far larger than memory answers without being read whole.
public final class MappedFile {
    public let path: String
    public let bytes: UnsafeRawBufferPointer
    private let mapping: UnsafeMutableRawPointer?
    private let length: Int

    public init(path: String) throws {
        self.path = path
        let fd = open(PathNames.system(path), O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw IndexError.io(path: path, reason: String(cString: strerror(errno))) }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0 else { throw IndexError.io(path: path, reason: String(cString: strerror(errno))) }
        length = Int(st.st_size)
        if length == 0 {
            mapping = nil
            bytes = UnsafeRawBufferPointer(start: nil, count: 0)
            return
        }
        let p = mmap(nil, length, PROT_READ, MAP_SHARED, fd, 0)
        guard let p, p != MAP_FAILED else { throw IndexError.io(path: path, reason: "mmap failed: \(String(cString: strerror(errno)))") }
        mapping = p
        bytes = UnsafeRawBufferPointer(start: p, count: length)
    }

    /// Drops the pages read so far from this process's resident set (they stay in the page
    /// cache and are read back on the next access): a merge reads whole segments once, and
    /// without this their mappings would count fully towards its peak memory.
    public func releasePages() {
        if let mapping { _ = madvise(mapping, length, MADV_DONTNEED) }
    }

    deinit {
        if let mapping { munmap(mapping, length) }
    }
}
