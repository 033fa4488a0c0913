#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Makes sure one writer at a time changes an index. The lock file holds the writer's PID; a lock
/// left by a process that no longer exists is taken over, so a crash never locks an index forever.
final class WriteLock {
    let path: String
    private var held = false

    init(directory: String) throws {
        path = directory + "/" + IndexFormat.lockName
        for _ in 0..<3 {
            let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
            if fd >= 0 {
                let text = Array("\(getpid())\n".utf8)
                _ = text.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
                fsync(fd)
                close(fd)
                held = true
                return
            }
            guard errno == EEXIST else { throw DurableFile.error(path) }
            let owner = WriteLock.owner(path)
            if let owner, owner != getpid(), kill(owner, 0) == 0 || errno == EPERM {
                throw IndexError.locked(directory: directory, pid: owner)
            }
            // Stale: its owner is gone (or the file is unreadable junk). Take it over.
            unlink(path)
        }
        throw IndexError.io(path: path, reason: "could not take the write lock")
    }

    static func owner(_ path: String) -> Int32? {
        guard let bytes = try? DurableFile.read(path) else { return nil }
        return Int32(String(decoding: bytes, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))
    }

    func release() {
        if held { unlink(path); held = false }
    }

    deinit { release() }
}

import Foundation
