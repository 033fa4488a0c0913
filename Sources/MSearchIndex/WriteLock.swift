#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import MSearchSources

/// Makes sure one writer at a time changes an index. The lock is an exclusive `flock` on
/// `write.lock`, which also holds the writer's PID for the error message. The kernel releases
/// the lock when its process ends, however it ends (SIGKILL included), so a crash never locks
/// an index forever and a recycled PID cannot keep it locked either.
///
/// A lock can still be lost while held: someone deletes `write.lock` (or a tool replaces it)
/// and a second writer locks the new file. So before it publishes a manifest or deletes a file,
/// a writer calls `verify()`: the file at the path must still be the one it locked and hold its
/// PID. A writer that lost its lock stops there, touching nothing.
final class WriteLock {
    let path: String
    private var fd: Int32 = -1

    init(directory: String) throws {
        path = directory + "/" + IndexFormat.lockName
        for _ in 0..<10 {
            let fd = open(PathNames.system(path), O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
            guard fd >= 0 else { throw DurableFile.error(path) }
            if flock(fd, LOCK_EX | LOCK_NB) != 0 {
                let err = errno
                close(fd)
                guard err == EWOULDBLOCK || err == EAGAIN else {
                    throw IndexError.io(path: path, reason: String(cString: strerror(err)))
                }
                // The holder writes its PID right after locking; give it a moment.
                var owner = WriteLock.owner(path)
                for _ in 0..<20 where owner == nil {
                    usleep(5_000)
                    owner = WriteLock.owner(path)
                }
                throw IndexError.locked(directory: directory, pid: owner ?? 0)
            }
            // The previous holder unlinks the file as it releases it: if it did so between our
            // open and our flock, we locked a file nobody else will see. Start again.
            var held = stat(), current = stat()
            guard fstat(fd, &held) == 0, stat(PathNames.system(path), &current) == 0,
                  held.st_ino == current.st_ino, held.st_dev == current.st_dev else {
                close(fd)
                continue
            }
            let text = Array("\(getpid())\n".utf8)
            _ = ftruncate(fd, 0)
            _ = text.withUnsafeBytes { pwrite(fd, $0.baseAddress, $0.count, 0) }
            self.fd = fd
            return
        }
        throw IndexError.io(path: path, reason: "could not take the write lock")
    }

    static func owner(_ path: String) -> Int32? {
        guard let bytes = try? DurableFile.read(path) else { return nil }
        return Int32(String(decoding: bytes, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))
    }

    /// Whether the lock file at the path is still the one this writer locked, with its PID.
    var isHeld: Bool {
        guard fd >= 0 else { return false }
        var held = stat(), current = stat()
        guard fstat(fd, &held) == 0, stat(PathNames.system(path), &current) == 0,
              held.st_ino == current.st_ino, held.st_dev == current.st_dev else { return false }
        return WriteLock.owner(path) == getpid()
    }

    /// Throws `lockLost` unless the lock is still held (see the type's comment).
    func verify() throws {
        guard isHeld else { throw IndexError.lockLost(directory: DurableFile.directoryName(path)) }
    }

    func release() {
        guard fd >= 0 else { return }
        // Unlink while still holding the lock, then close (which releases it); a lock file
        // that is no longer ours is another writer's and stays.
        if isHeld { unlink(PathNames.system(path)) }
        close(fd)
        fd = -1
    }

    deinit { release() }
}

import Foundation
