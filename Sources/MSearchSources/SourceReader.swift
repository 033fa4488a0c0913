/// Turns one file into documents. Every reader reports problems as `SourceProblem` naming the file.
///
/// Multi-document formats (XML feeds, Reuters SGML, JSON Lines) can fail in one part and still
/// deliver the rest: `readAll` returns both, `read` throws only when nothing could be read.
/// Readers keep no shared mutable state: files may be read on several threads at once.
public enum SourceReader {
    /// Reads the file at `path` in the format its extension implies.
    /// Throws when the file yields no document; problems with single parts are dropped
    /// (use `readAll` to see them).
    public static func read(fileAt path: String) throws -> [SourceDocument] {
        try unwrap(readAll(fileAt: path), path: path)
    }

    /// Reads bytes already in memory as `format`; `path` names them in ids and messages.
    public static func read(bytes: [UInt8], path: String, format: SourceFormat) throws -> [SourceDocument] {
        try unwrap(readAll(bytes: bytes, path: path, format: format), path: path)
    }

    /// Reads the file at `path` in the format its extension implies, keeping the problems of
    /// parts that could not be read ("line 3: invalid JSON"). A whole-file failure gives no
    /// documents and one problem; this never throws.
    public static func readAll(fileAt path: String) -> (documents: [SourceDocument], problems: [SourceProblem]) {
        guard let format = SourceFormat.forPath(path) else {
            let ext = SourceFormat.extensionOf(Substring(SourceFormat.fileName(path)))
            let reason = ext.isEmpty ? "unsupported file type (no extension)" : "unsupported file type (.\(ext))"
            return ([], [SourceProblem(path: path, reason: reason)])
        }
        do {
            let bytes = try FileBytes.read(path: path)
            return readAll(bytes: bytes, path: path, format: format)
        } catch {
            return ([], [problem(error, path: path)])
        }
    }

    /// Reads bytes already in memory as `format`, keeping per-part problems. `limits` bound
    /// what reading may cost; a document cut to `limits.maxTextBytes` comes with a problem saying so.
    public static func readAll(bytes: [UInt8], path: String, format: SourceFormat,
                               limits: ReadLimits = .default) -> (documents: [SourceDocument], problems: [SourceProblem]) {
        do {
            let prepared = try FileBytes.prepare(bytes, path: path, limits: limits)
            var parts: SourceParts
            switch format {
            case .text: parts = SourceParts(documents: [try TextReader.read(prepared, path: path)])
            case .html: parts = try HTMLReader.read(prepared, path: path, limits: limits)
            case .xml: parts = try XMLFeedReader.read(prepared, path: path, limits: limits)
            case .reuters: parts = try ReutersReader.read(prepared.bytes, path: path)
            case .jsonl: parts = JSONLinesReader.read(prepared.bytes, path: path)
            }
            var documents = parts.documents
            for i in documents.indices {
                documents[i].ordinal = i
                if let note = limits.truncate(&documents[i], inFileOf: documents.count) { parts.problems.append(note) }
            }
            return (documents, parts.problems)
        } catch {
            return ([], [problem(error, path: path)])
        }
    }

    private static func problem(_ error: Error, path: String) -> SourceProblem {
        (error as? SourceProblem) ?? SourceProblem(path: path, reason: "\(error)")
    }

    private static func unwrap(_ r: (documents: [SourceDocument], problems: [SourceProblem]), path: String) throws -> [SourceDocument] {
        if r.documents.isEmpty {
            if let first = r.problems.first {
                if r.problems.count == 1 { throw first }
                throw SourceProblem(path: path, reason: "no readable document; \(first.reason) (and \(r.problems.count - 1) more problems)")
            }
            throw SourceProblem(path: path, reason: "no documents")
        }
        return r.documents
    }
}

/// What a multi-document reader collected: the documents, and the parts it had to skip.
struct SourceParts {
    var documents: [SourceDocument] = []
    var problems: [SourceProblem] = []
}
