/// Why a file gave no documents: the categories an indexing run counts and lists, so a user can
/// tell at a glance whether anything was lost ("3 binary, 1 malformed") and why. Every
/// `SourceProblem` carries one; the message beside it says the particulars.
public enum SkipReason: String, CaseIterable, Sendable, Comparable {
    /// No registered format claims the file's extension, and its content matched none either
    /// (only when asked for by name: a walk sniffs such files).
    case unknownFormat = "unknown format"
    /// Not text: NUL or control bytes, invalid UTF-8 throughout, a known binary signature.
    case binary
    /// Over `--max-file-size`, or decompressing past it.
    case tooLarge = "too large"
    /// Nothing but whitespace, or a source with no document in it (a feed without items).
    case empty
    /// Cannot be opened or read: missing, permissions, a broken or looping link, a folder that
    /// cannot be listed, a link outside the given paths, a special file.
    case unreadable
    /// Read, but not valid in its format (bad XML, bad JSON, a limit on markup passed).
    case malformed
    /// Catalogued with the same size and content: nothing to do. Not a problem.
    case unchanged

    /// How the reason reads in a summary and a listing ("too large").
    public var label: String { rawValue }

    /// Whether a skip for this reason means something the user asked for was not indexed (the
    /// exit status says so); an unchanged file is already in the index.
    public var losesContent: Bool { self != .unchanged }

    public static func < (a: SkipReason, b: SkipReason) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}
