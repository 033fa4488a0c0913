import MSearchIndex
import MSearchIndexing

/// What `show`, `open` and the REPL's `:show` accept to name one article: its id as results
/// print it, or the path of a file that holds one article (a feed, a `.sgm` or a `.jsonl` file
/// holds many: then its ids are needed, and the message lists some).
enum DocumentReference {
    /// The global document number `reference` names, or a message saying why there is none.
    static func resolve(_ reference: String, in reader: IndexReader) throws -> Result<Int, CommandError> {
        if let doc = try number(ofId: reference, in: reader) { return .success(doc) }
        let path = CatalogPath.absolute(CommandLineArguments.path(reference))
        let where_ = TerminalText.escaped(reader.directory)
        guard let name = reader.manifest.catalog,
              let entry = try SourceCatalog.load(path: reader.directory + "/" + name).entries[path] else {
            return .failure(CommandError("no document with id or path \(TerminalText.escaped(reference)) in \(where_)"))
        }
        switch entry.ids.count {
        case 0:
            return .failure(CommandError("\(TerminalText.escaped(DisplayPath.shown(path))) is indexed but holds no document"))
        case 1:
            if let doc = try number(ofId: entry.ids[0], in: reader) { return .success(doc) }
            return .failure(CommandError("no document with id \(TerminalText.escaped(entry.ids[0])) in \(where_)"))
        default:
            let some = entry.ids.prefix(3).map { TerminalText.escaped($0) }.joined(separator: ", ")
            return .failure(CommandError("\(TerminalText.escaped(DisplayPath.shown(path))) holds \(entry.ids.count) documents: "
                                         + "give one's id (\(some)\(entry.ids.count > 3 ? ", …" : ""); search results show them)"))
        }
    }

    /// The document with this external id (ids are in the uncompressed id column: a scan of
    /// them, no stored text decompressed).
    static func number(ofId id: String, in reader: IndexReader) throws -> Int? {
        for doc in 0..<reader.documentCount where reader.externalId(doc) == id { return doc }
        return nil
    }
}
