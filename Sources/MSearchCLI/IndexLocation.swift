import Foundation
import MSearchIndex
import MSearchIndexing

/// Where the index lives, and the default one: `./Index`, built from `./seeds` the first time
/// so that `msearch "deportation flights"` works straight after a clone.
struct IndexLocation {
    static let defaultDirectory = "Index"
    static let defaultSeeds = "seeds"

    /// `$MSEARCH_INDEX`, when it is set and not empty.
    static var environmentDirectory: String? {
        guard let env = ProcessInfo.processInfo.environment["MSEARCH_INDEX"], !env.isEmpty else { return nil }
        return env
    }

    /// `directory`, else `$MSEARCH_INDEX`, else the default index.
    static func directory(_ directory: String?) -> String {
        directory ?? environmentDirectory ?? defaultDirectory
    }

    /// Opens the index at `directory` for reading, re-reading titles and bodies from the source
    /// files when it keeps none (`--store none`).
    static func reader(_ directory: String) throws -> IndexReader {
        try IndexReader(directory: directory, sourceText: SourceText())
    }

    /// Opens the index at `directory`, else at `$MSEARCH_INDEX`, else the default index
    /// (building it when missing).
    static func open(_ directory: String?) throws -> IndexReader {
        if let chosen = directory ?? environmentDirectory { return try reader(chosen) }
        let dir = defaultDirectory
        if !FileManager.default.fileExists(atPath: Manifest.path(in: dir)) {
            guard FileManager.default.fileExists(atPath: defaultSeeds) else {
                throw IndexError.missing(directory: dir)
            }
            FileHandle.standardError.write("msearch: no index in ./\(dir); building it from ./\(defaultSeeds) …\n")
            let report = try IndexingRun(directory: dir, paths: [defaultSeeds], replace: true).run()
            FileHandle.standardError.write("msearch: \(report.summary)\n")
        }
        return try reader(dir)
    }
}
