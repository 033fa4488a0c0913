/// Everything msearch needs to know about one file format, declared once, beside its reader
/// (`TextReader.capabilities`, …), and registered in `SourceFormatRegistry.standard`. Code
/// outside the reader asks these questions instead of comparing format names, so adding a
/// format is its reader file plus one registration line.
public struct FormatCapabilities: Sendable {
    /// The name documents carry and the index records.
    public let format: SourceFormat
    /// What a user calls it ("JSON Lines"), for help texts that list the formats.
    public let label: String
    /// Lower-case file extensions without the dot, the first the usual one ("txt"); a trailing
    /// ".gz" is looked through. The walker picks files by these.
    public let extensions: [String]
    /// A cheap test on a file's first bytes, for files whose name says nothing (nil: the format
    /// cannot be told by content, as plain text, which is the registry's fallback).
    public let sniff: (@Sendable (SniffedPrefix) -> Bool)?
    /// How the documents of a file are named.
    public let identity: DocumentIdentity
    /// Turns a file's prepared text into documents. Every reader takes the same input and
    /// reports failures as `SourceProblem` naming the file.
    public let read: @Sendable (SourceInput) throws(SourceProblem) -> SourceParts
    /// Opens a file to be read a piece of complete lines at a time instead of whole (nil: the
    /// format does not stream). The opener returns nil when the content needs whole-file
    /// preparation (gzip, UTF-16); the file is then read whole.
    public let openStream: (@Sendable (_ file: SourceFile, _ maxLineBytes: Int) throws -> JSONLinesStream?)?
    /// Finds document N of a file again without parsing the others, for an index that keeps no
    /// text (`--store none`); nil: the whole file is read and its N-th document taken.
    public let findDocuments: (@Sendable (_ bytes: [UInt8], _ path: String) -> (any DocumentsByOrdinal)?)?

    /// `read` may throw any error; one that is not a `SourceProblem` is reported as one.
    public init(format: SourceFormat, label: String, extensions: [String], sniff: (@Sendable (SniffedPrefix) -> Bool)?,
                identity: DocumentIdentity, read: @escaping @Sendable (SourceInput) throws -> SourceParts,
                openStream: (@Sendable (_ file: SourceFile, _ maxLineBytes: Int) throws -> JSONLinesStream?)? = nil,
                findDocuments: (@Sendable (_ bytes: [UInt8], _ path: String) -> (any DocumentsByOrdinal)?)? = nil) {
        self.format = format
        self.label = label
        self.extensions = extensions
        self.sniff = sniff
        self.identity = identity
        self.read = { (input: SourceInput) throws(SourceProblem) -> SourceParts in
            do { return try read(input) } catch let problem as SourceProblem { throw problem } catch {
                throw SourceProblem(path: input.path, reason: "\(error)")
            }
        }
        self.openStream = openStream
        self.findDocuments = findDocuments
    }

    /// Whether large files of this format are read in pieces (`openStream`).
    public var streams: Bool { openStream != nil }
}

/// How a format names the documents of a file. Ids must be stable across runs: the catalog of
/// an index keeps them to delete a changed file's documents.
public enum DocumentIdentity: Sendable, Equatable {
    /// One document per file, named by the file's stem ("page" for "a/b/page.html.gz"); a folder
    /// walk qualifies it with the folder below the walked root ("mozilla-1/page").
    case fileStem
    /// Several documents per file, each named by the id the source gives it (`key` says which:
    /// "guid", "NEWID", …); one without gets "stem#N" (`numbered`).
    case perDocument(key: String)

    /// The id of the N-th part of a multi-document file that names none ("feed#3").
    public static func numbered(stem: String, _ n: Int) -> String { "\(stem)#\(n)" }
}

/// A reader's input, the same for every format: the file's text prepared once for all of them
/// (`FileBytes.prepare`: gzip decompressed, byte-order mark removed, UTF-16/32 converted,
/// checked to be text) with the path that names it in ids and messages, and the limits on
/// what reading may cost.
public struct SourceInput: Sendable {
    /// UTF-8 unless the file declares another charset (HTML and XML readers honour it).
    public var bytes: [UInt8]
    /// True when a byte-order mark said the text is Unicode, so a declared charset must be ignored.
    public var knownUTF8: Bool
    public var path: String
    public var limits: ReadLimits

    public init(bytes: [UInt8], knownUTF8: Bool, path: String, limits: ReadLimits) {
        self.bytes = bytes; self.knownUTF8 = knownUTF8; self.path = path; self.limits = limits
    }

    /// Prepares a file's raw bytes for any reader.
    static func prepare(_ raw: [UInt8], path: String, limits: ReadLimits) throws -> SourceInput {
        let prepared = try FileBytes.prepare(raw, path: path, limits: limits)
        return SourceInput(bytes: prepared.bytes, knownUTF8: prepared.knownUTF8, path: path, limits: limits)
    }

    /// The id of a one-document file (`DocumentIdentity.fileStem`).
    public var stem: String { SourceFormat.stem(path) }
}

/// What a reader collected: the documents, and the parts it had to skip (a multi-document
/// file can fail in one part and still deliver the rest).
public struct SourceParts: Sendable {
    public var documents: [SourceDocument] = []
    public var problems: [SourceProblem] = []
    public init(documents: [SourceDocument] = [], problems: [SourceProblem] = []) {
        self.documents = documents; self.problems = problems
    }
}

/// The documents of one file by ordinal, as a full read numbers them (`SourceDocument.ordinal`).
public protocol DocumentsByOrdinal: AnyObject {
    /// How many documents the file yields.
    var count: Int { get }
    /// The document a full read gives at `ordinal` (nil when there is none).
    func document(at ordinal: Int) -> SourceDocument?
}
