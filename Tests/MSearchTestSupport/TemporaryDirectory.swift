import Foundation

/// A fresh directory under the system temporary folder, removed with everything in it when the
/// test drops the last reference.
public final class TemporaryDirectory {
    public let path: String

    /// `label` names the folder (`msearch-LABEL-UUID`), so a leftover shows which test made it.
    public init(_ label: String = "test") {
        path = NSTemporaryDirectory() + "msearch-\(label)-" + UUID().uuidString
        try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }

    /// The path of `name` inside the directory (not created).
    public func sub(_ name: String) -> String { path + "/" + name }

    /// Writes `contents` as UTF-8 to `name` (which may contain folders) and returns its path.
    @discardableResult
    public func write(_ name: String, _ contents: String) throws -> String {
        try write(name, bytes: Array(contents.utf8))
    }

    /// Writes `bytes` to `name` (which may contain folders) and returns its path.
    @discardableResult
    public func write(_ name: String, bytes: [UInt8]) throws -> String {
        let url = URL(fileURLWithPath: path).appendingPathComponent(name)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(bytes).write(to: url)
        return url.path
    }
}
