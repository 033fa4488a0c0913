/// Finds the files msearch can read under the paths a user gives, recursively.
public struct SourceWalker {
    public enum Entry: Equatable, Sendable {
        case file(path: String, format: SourceFormat)
        case skipped(SourceProblem)
    }
    public init(paths: [String]) { fatalError("unimplemented") }
    /// All entries, files in a deterministic (sorted) order.
    public func entries() -> [Entry] { fatalError("unimplemented") }
}
