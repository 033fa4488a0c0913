/// The documents of a JSON Lines file in the order a full read gives them
/// (`SourceReader.readAll`), each parsed only when asked for: an index built with
/// `--store none` fetches a hit's title and body from a large file for the cost of one line,
/// not of parsing the whole file (`SourceText`).
///
/// Opening walks the lines once. Whether a line yields a document, and under which id, is told
/// by `JSONLineScanner` without a JSON parser; the lines it is unsure of are parsed. Ids then go
/// through the same `Deduplicator` as a full read, so blank lines, bad lines and duplicates are
/// skipped exactly as there, and `document(at: k)` is the full read's k-th document, byte for byte.
public final class JSONLinesDocuments: DocumentsByOrdinal {
    public let path: String
    private let bytes: [UInt8]
    private let stem: String
    /// Where each document's line is in `bytes`, and its 1-based number, by ordinal.
    private var lines: [(start: Int, end: Int, number: Int)] = []

    /// Indexes the documents of a JSON Lines file's bytes, as read from disk; nil when the file
    /// as a whole cannot be read (corrupt gzip, binary, empty), so a full read gives none either.
    public init?(bytes raw: [UInt8], path: String) {
        guard let prepared = try? FileBytes.prepare(raw, path: path) else { return nil }
        self.path = path
        bytes = prepared.bytes
        stem = SourceFormat.stem(path)
        var dedup = JSONLinesReader.Deduplicator(path: path)
        bytes.withUnsafeBufferPointer { buf in
            JSONLinesReader.forEachLine(buf, firstLine: 1) { line, number in
                guard let id = documentID(line, number: number),
                      dedup.check(id: id, line: number) == nil else { return }
                let start = line.baseAddress! - buf.baseAddress!
                lines.append((start, start + line.count, number))
            }
        }
    }

    /// How many documents the file yields.
    public var count: Int { lines.count }

    /// The document a full read gives at `ordinal` (nil when there is none).
    public func document(at ordinal: Int) -> SourceDocument? {
        guard ordinal >= 0, ordinal < lines.count else { return nil }
        let (start, end, number) = lines[ordinal]
        let parsed = bytes.withUnsafeBufferPointer { buf in
            JSONLinesReader.parseLine(UnsafeBufferPointer(rebasing: buf[start..<end]), lineNo: number, stem: stem, path: path)
        }
        guard case .document(_, var doc)? = parsed else { return nil }
        doc.ordinal = ordinal
        _ = ReadLimits.default.truncate(&doc, inFileOf: count)   // cut as the full read cuts it
        return doc
    }

    /// The id of the document `line` yields (as the parse would name it), nil when it yields none.
    private func documentID(_ line: UnsafeBufferPointer<UInt8>, number: Int) -> String? {
        let id: String
        switch JSONLineScanner.scan(line) {
        case .unsure:
            guard case .document(_, let doc)? = JSONLinesReader.parseLine(line, lineNo: number, stem: stem, path: path) else { return nil }
            return doc.id
        case .document(id: .none):
            id = ""
        case .document(id: .string(let r)), .document(id: .integer(let r)):
            id = collapseWhitespace(String(decoding: UnsafeBufferPointer(rebasing: line[r]), as: UTF8.self))
        }
        return id.isEmpty ? DocumentIdentity.numbered(stem: stem, number) : id
    }
}
