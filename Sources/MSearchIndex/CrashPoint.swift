#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Named moments of a commit where the crash tests make the writer die (SIGKILL, as a power
/// cut or the OOM killer would), to prove that every one of them leaves a usable index.
/// Set `MSEARCH_CRASH_AT=name` (or `name:N` for the N-th time it is reached); unset, this is a
/// single comparison. Names: `segment-written`, `deletes-written`, `merge-written`,
/// `catalog-written`, `clusters-written`, `before-manifest`, `after-manifest`.
enum CrashPoint {
    private static let target: (name: String, count: Int)? = {
        guard let v = getenv("MSEARCH_CRASH_AT") else { return nil }
        let parts = String(cString: v).split(separator: ":")
        guard let name = parts.first else { return nil }
        return (String(name), parts.count > 1 ? Int(parts[1]) ?? 1 : 1)
    }()
    nonisolated(unsafe) private static var reached = 0

    static func here(_ name: String) {
        guard let target, target.name == name else { return }
        reached += 1
        if reached >= target.count { kill(getpid(), SIGKILL) }
    }
}
