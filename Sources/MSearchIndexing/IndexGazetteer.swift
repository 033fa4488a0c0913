import MSearchExtraction
import MSearchIndex

/// The gazetteer an index was built with: the built-in one plus the user's file, which the
/// index keeps (committed with it as `actors-GENERATION.tsv`, named and checksummed in the
/// manifest) so searches resolve the same aliases (`actor:MoSW`). A kept file that is missing
/// or altered is an error naming it, not a silently smaller gazetteer.
public enum IndexGazetteer {
    /// The user's gazetteer the index at `index` keeps (verified) and its path, nil when none
    /// or no index.
    public static func kept(in index: String) throws -> (bytes: [UInt8], path: String)? {
        guard DurableFile.exists(Manifest.path(in: index)) else { return nil }
        let manifest = try Manifest.load(from: index)
        if let g = manifest.gazetteer { return (try g.read(in: index), index + "/" + g.file) }
        let legacy = index + "/" + IndexFormat.legacyGazetteerName
        return DurableFile.exists(legacy) ? (try DurableFile.read(legacy), legacy) : nil
    }

    /// An alias resolver for queries (`actor:MoSW` → its canonical name): the user's kept file
    /// is read and checked now, so damage is an error before any search, while the built-in
    /// gazetteer (thousands of places) is loaded only when a query first names an actor — a
    /// one-shot search without an actor filter would otherwise spend more time loading it than
    /// searching.
    public static func aliasResolver(reader: IndexReader) throws -> (String) -> String? {
        var kept: Gazetteer?
        if let bytes = reader.keptGazetteer {
            let name = reader.manifest.gazetteer?.file ?? IndexFormat.legacyGazetteerName
            kept = try parse(bytes, file: reader.directory + "/" + name)
        }
        var merged: Gazetteer?
        return { name in
            if merged == nil {
                var g = Gazetteer.default
                if let kept { g.merge(kept) }
                merged = g
            }
            return merged?.canonical(for: name)?.name
        }
    }

    /// The built-in gazetteer with the one the reader's snapshot keeps.
    public static func load(reader: IndexReader) throws -> Gazetteer {
        var g = Gazetteer.default
        guard let bytes = reader.keptGazetteer else { return g }
        let name = reader.manifest.gazetteer?.file ?? IndexFormat.legacyGazetteerName
        g.merge(try parse(bytes, file: reader.directory + "/" + name))
        return g
    }

    /// A gazetteer file's bytes, read: UTF-8 TSV, or an error naming the file and line.
    public static func parse(_ bytes: [UInt8], file: String) throws -> Gazetteer {
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw IndexingError("\(file): not UTF-8 text")
        }
        do {
            return try Gazetteer(tsv: text)
        } catch var e as GazetteerError {
            e.file = file
            throw IndexingError("\(e)")
        }
    }
}

/// A file the indexing engine was given that it cannot use (a gazetteer that is not UTF-8 or
/// has a bad line), reported as one line that names it.
public struct IndexingError: Error, CustomStringConvertible, Sendable {
    public var description: String
    public init(_ description: String) { self.description = description }
}
