/// What can go wrong with an index. Every case names the file and says what to do, because the
/// CLI prints these to users as one line.
public enum IndexError: Error, Equatable, CustomStringConvertible {
    case missing(directory: String)
    case corrupt(file: String, reason: String)
    case unsupportedFormat(file: String, found: Int, expected: Int)
    /// A columns file without a column this msearch needs: written by another msearch.
    case missingColumn(file: String, column: String, type: String)
    case locked(directory: String, pid: Int32)
    case io(path: String, reason: String)
    case invalidSettings(String)
    case storeModeMismatch(directory: String, index: StoreMode, requested: StoreMode)
    /// A folder that is not empty and says nowhere that it is an index: never written to.
    case notAnIndex(directory: String, file: String)
    /// The writer's `write.lock` was removed or replaced: another writer may own the index now.
    case lockLost(directory: String)

    public var description: String {
        switch self {
        case .missing(let dir):
            return "no index at \(dir): build one with `msearch index --index \(dir) PATH…`"
        case .corrupt(let file, let reason):
            return "index file \(file) is damaged (\(reason)); rebuild the index with `msearch index --rebuild`"
        case .unsupportedFormat(let file, let found, let expected):
            return "index file \(file) has format version \(found), this msearch reads version \(expected); rebuild the index with `msearch index --rebuild`"
        case .missingColumn(let file, let column, let type):
            return "index file \(file) has no \(type) column \"\(column)\", which this msearch needs; rebuild the index with `msearch index --rebuild`"
        case .locked(let dir, let pid):
            return "index \(dir) is locked by PID \(pid), which is still writing to it; wait for it to finish"
        case .io(let path, let reason):
            return "\(path): \(reason)"
        case .invalidSettings(let what):
            return "invalid index settings: \(what)"
        case .storeModeMismatch(let dir, let index, let requested):
            return "index \(dir) was built with --store \(index.rawValue), not \(requested.rawValue); add --rebuild to change it"
        case .notAnIndex(let dir, let file):
            return "\(dir) is not an msearch index (it holds files msearch did not write, such as \(file)); msearch writes an index only into an empty or new folder, so nothing was changed there"
        case .lockLost(let dir):
            return "the write lock of \(dir) was removed or taken over by another writer; stopped without changing the index"
        }
    }
}
