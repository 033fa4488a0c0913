/// Turns one file into documents. Every reader reports problems as `SourceProblem` naming the file.
public enum SourceReader {
    /// Reads the file at `path` in the format its extension implies.
    public static func read(fileAt path: String) throws -> [SourceDocument] {
        fatalError("unimplemented")
    }

    /// Reads bytes already in memory as `format`; `path` names them in ids and messages.
    public static func read(bytes: [UInt8], path: String, format: SourceFormat) throws -> [SourceDocument] {
        fatalError("unimplemented")
    }
}
