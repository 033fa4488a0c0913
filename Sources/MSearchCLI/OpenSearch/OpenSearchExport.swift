import Foundation
import MSearchIndex
import MSearchSearch
import MSearchSources

/// `msearch export --to opensearch`: writes into an empty folder the create-index body
/// (`index.json`), the documents as bulk request bodies (`bulk-0001.ndjson`, …, each at most
/// `bulkBytes` unless one document alone is larger) and `README.txt` with the commands that
/// load them. Documents are written as they are read, one bulk file open at a time, so memory
/// does not grow with the index; the same index gives the same bytes.
struct OpenSearchExport {
    let reader: IndexReader
    let folder: String
    let bulkBytes: Int
    /// The index name the README's commands use.
    static let indexName = "msearch"

    struct Summary { var documents = 0; var files: [String] = []; var warnings: [String] = [] }

    func run() throws -> Summary {
        try prepareFolder()
        // The words msearch's default ranking drops from a query over every language of this
        // index (the lists of the languages most of its documents are in), folded as indexed.
        let stopWords = try Searcher(reader: reader, ranking: .default).droppedStopWords
        let mapping = OpenSearchMapping(languages: OpenSearchMapping.languages(of: reader),
                                        stopWords: stopWords, ranking: .default)
        try write(mapping.body.serialized() + "\n", to: "index.json")
        var summary = Summary(warnings: mapping.problems)
        var sink: BulkFile?
        try DocumentWalk.forEach(reader) { doc, document in
            var pair = OpenSearchDocument.action(document).serialized() + "\n"
            OpenSearchDocument.source(document, labels: DocumentLabels.of(doc, in: reader)).write(to: &pair)
            pair += "\n"
            if let open = sink, open.bytes > 0, open.bytes &+ pair.utf8.count > bulkBytes {
                try open.close()
                sink = nil
            }
            if sink == nil {
                let name = String(format: "bulk-%04d.ndjson", summary.files.count + 1)
                sink = try BulkFile(path: folder + "/" + name)
                summary.files.append(name)
            }
            try sink?.append(pair)
            summary.documents += 1
        }
        try sink?.close()
        try write(OpenSearchReadme.text(index: reader.directory, summary: summary, indexName: Self.indexName), to: "README.txt")
        return summary
    }

    /// The folder must be new or empty: files of an earlier, larger export would otherwise be
    /// loaded with this one.
    private func prepareFolder() throws {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else { throw CommandError("\(TerminalText.escaped(folder)) is not a folder") }
            let entries = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
            guard entries.isEmpty else {
                throw CommandError("\(TerminalText.escaped(folder)) is not empty; export into a new or empty folder")
            }
        } else {
            do { try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true) } catch {
                throw CommandError("cannot create \(TerminalText.escaped(folder)): \(error.localizedDescription)")
            }
        }
    }

    private func write(_ text: String, to name: String) throws {
        let file = try BulkFile(path: folder + "/" + name)
        try file.append(text)
        try file.close()
    }
}

/// One output file, written through a 64 KB buffer; errors name the file.
final class BulkFile {
    let path: String
    private let handle: FileHandle
    private var buffer: [UInt8] = []
    private(set) var bytes = 0

    init(path: String) throws {
        guard FileManager.default.createFile(atPath: path, contents: nil), let h = FileHandle(forWritingAtPath: path) else {
            throw CommandError("cannot create \(TerminalText.escaped(path))")
        }
        self.path = path
        handle = h
        buffer.reserveCapacity(1 << 16)
    }

    func append(_ text: String) throws {
        buffer.append(contentsOf: text.utf8)
        bytes &+= text.utf8.count
        if buffer.count >= 1 << 16 { try flush() }
    }

    func close() throws {
        try flush()
        do { try handle.close() } catch { throw CommandError("cannot write \(TerminalText.escaped(path)): \(error.localizedDescription)") }
    }

    private func flush() throws {
        guard !buffer.isEmpty else { return }
        do { try handle.write(contentsOf: buffer) } catch {
            throw CommandError("cannot write \(TerminalText.escaped(path)): \(error.localizedDescription)")
        }
        buffer.removeAll(keepingCapacity: true)
    }
}

/// Every live document of an index in order, with its global number: what both exports walk.
/// The index's mapped pages read so far (the checksums verified at open read whole files) are
/// dropped from the resident set every few thousand documents, so a walk's memory does not
/// grow with the index; they stay in the page cache.
enum DocumentWalk {
    static let releaseEvery = 4096

    static func forEach(_ reader: IndexReader, _ body: (Int, SourceDocument) throws -> Void) throws {
        for doc in 0..<reader.documentCount {
            if doc % releaseEvery == 0 { for segment in reader.segments { segment.releasePages() } }
            try body(doc, try reader.document(doc))
        }
    }
}
