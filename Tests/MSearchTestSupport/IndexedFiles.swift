import Foundation

/// Source files of any format written to a temporary folder and indexed by the real `msearch
/// index`, as a user would: for end-to-end tests that need "an index of these files" rather than
/// a test of the `index` command itself. (The test target must depend on the `msearch` target.)
public final class IndexedFiles {
    /// The folder holding the files (`files` keys are paths inside it).
    public let sources: TemporaryDirectory
    /// The index directory (removed with this value).
    public let index: TemporaryDirectory
    /// What `msearch index` printed.
    public let result: MSearchBinary.Result

    /// Writes `files` (path inside the folder → contents) and runs `msearch index --index INDEX
    /// OPTIONS FOLDER`; throws when indexing fails.
    public init(_ files: [String: String], options: [String] = []) throws {
        sources = TemporaryDirectory("sources")
        index = TemporaryDirectory("index")
        for (name, contents) in files.sorted(by: { $0.key < $1.key }) { try sources.write(name, contents) }
        result = try MSearchBinary.run(["index", "--index", index.path] + options + [sources.path])
        guard result.status == 0 else { throw Failure(status: result.status, stderr: result.stderr) }
    }

    /// Runs `msearch --index INDEX arguments…`.
    public func run(_ arguments: [String], environment: [String: String] = [:]) throws -> MSearchBinary.Result {
        try MSearchBinary.run(["--index", index.path] + arguments, environment: environment)
    }

    /// `msearch index` exited with a failure status.
    public struct Failure: Error, CustomStringConvertible {
        public var status: Int32
        public var stderr: String
        public var description: String { "msearch index exited \(status): \(stderr)" }
    }
}
