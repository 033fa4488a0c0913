/// Turns one file into documents, through the reader its format's capabilities name (a
/// `SourceFormatRegistry`, `.standard` unless told). Every reader reports problems as
/// `SourceProblem` naming the file.
///
/// Multi-document formats (XML feeds, Reuters SGML, JSON Lines) can fail in one part and still
/// deliver the rest: `readAll` returns both, `read` throws only when nothing could be read.
/// Readers keep no shared mutable state: files may be read on several threads at once.
public enum SourceReader {
    /// Reads the file at `path` in the format its extension implies.
    /// Throws when the file yields no document; problems with single parts are dropped
    /// (use `readAll` to see them).
    public static func read(fileAt path: String, registry: SourceFormatRegistry = .standard) throws -> [SourceDocument] {
        try unwrap(readAll(fileAt: path, registry: registry), path: path)
    }

    /// Reads bytes already in memory as `format`; `path` names them in ids and messages.
    public static func read(bytes: [UInt8], path: String, format: SourceFormat,
                            registry: SourceFormatRegistry = .standard) throws -> [SourceDocument] {
        try unwrap(readAll(bytes: bytes, path: path, format: format, registry: registry), path: path)
    }

    /// Reads the file at `path` in the format its extension implies, keeping the problems of
    /// parts that could not be read ("line 3: invalid JSON"). A whole-file failure gives no
    /// documents and one problem; this never throws.
    public static func readAll(fileAt path: String, registry: SourceFormatRegistry = .standard)
        -> (documents: [SourceDocument], problems: [SourceProblem]) {
        guard let capabilities = registry.capabilities(forPath: path) else {
            return ([], [SourceFormatRegistry.unsupported(path)])
        }
        do {
            let bytes = try FileBytes.read(path: path)
            return readAll(bytes: bytes, path: path, as: capabilities)
        } catch {
            return ([], [problem(error, path: path)])
        }
    }

    /// Reads bytes already in memory as `format`, keeping per-part problems. `limits` bound
    /// what reading may cost; a document cut to `limits.maxTextBytes` comes with a problem saying so.
    public static func readAll(bytes: [UInt8], path: String, format: SourceFormat, limits: ReadLimits = .default,
                               registry: SourceFormatRegistry = .standard) -> (documents: [SourceDocument], problems: [SourceProblem]) {
        guard let capabilities = registry[format] else {
            return ([], [SourceProblem(path: path, reason: "unsupported format \(format)", kind: .unknownFormat)])
        }
        return readAll(bytes: bytes, path: path, as: capabilities, limits: limits)
    }

    /// Reads bytes with the reader of `capabilities`; every format's documents get their
    /// ordinals and the text budget here, the same way.
    public static func readAll(bytes: [UInt8], path: String, as capabilities: FormatCapabilities,
                               limits: ReadLimits = .default) -> (documents: [SourceDocument], problems: [SourceProblem]) {
        do {
            var parts = try capabilities.read(SourceInput.prepare(bytes, path: path, limits: limits))
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
                throw SourceProblem(path: path, reason: "no readable document; \(first.reason) (and \(r.problems.count - 1) more problems)", kind: first.kind)
            }
            throw SourceProblem(path: path, reason: "no documents", kind: .empty)
        }
        return r.documents
    }
}
