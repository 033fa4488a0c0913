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
    static func reader(_ directory: String, verifyInBackground: Bool = false) throws -> IndexReader {
        if let problem = problem(reading: directory) { throw CommandError(problem) }
        return try IndexReader(directory: directory, verifyInBackground: verifyInBackground, sourceText: SourceText())
    }

    /// What is wrong with `directory` as an index to write to (`msearch index`), said before
    /// any file is touched: an empty path, or a file where the folder should be.
    static func problem(writing directory: String) -> String? {
        if directory.isEmpty { return "--index is empty: give the index folder, e.g. --index ~/news-index" }
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: directory, isDirectory: &isFolder), !isFolder.boolValue {
            return "--index \(TerminalText.escaped(directory)) is a file, not a folder: give a folder for the index (a new or empty one to build it in)"
        }
        return nil
    }

    /// What is wrong with `directory` as an index to read, beyond what `IndexError.missing`
    /// says of a folder that does not exist: an empty path, a file, a folder without an index.
    static func problem(reading directory: String) -> String? {
        if let problem = problem(writing: directory) {
            return directory.isEmpty ? problem : "--index \(TerminalText.escaped(directory)) is a file, not an index folder: give the folder `msearch index --index DIR PATH…` built"
        }
        guard !FileManager.default.fileExists(atPath: Manifest.path(in: directory)),
              let entries = try? FileManager.default.contentsOfDirectory(atPath: directory) else { return nil }
        let shown = TerminalText.escaped(directory)
        // A folder holding only a README.md counts as empty, as for a new index.
        if entries.allSatisfy({ $0 == "README.md" }) {
            return "\(shown) is an empty folder, not an index yet: build one with `msearch index --index \(shown) PATH…`"
        }
        return "\(shown) holds no msearch index (no manifest.json): give the folder `msearch index` built, or build one there"
    }

    /// Opens the index at `directory`, else at `$MSEARCH_INDEX`, else the default index
    /// (building it when missing).
    /// `verifyInBackground`: see `IndexReader.init`.
    static func open(_ directory: String?, verifyInBackground: Bool = false) throws -> IndexReader {
        if let chosen = directory ?? environmentDirectory { return try reader(chosen, verifyInBackground: verifyInBackground) }
        let dir = defaultDirectory
        if !FileManager.default.fileExists(atPath: Manifest.path(in: dir)) {
            guard FileManager.default.fileExists(atPath: defaultSeeds) else {
                throw IndexError.missing(directory: dir)
            }
            FileHandle.standardError.write("msearch: no index in ./\(dir); building it from ./\(defaultSeeds) …\n")
            let report = try IndexingRun(directory: dir, paths: [defaultSeeds], replace: true).run()
            FileHandle.standardError.write("msearch: \(report.summary)\n")
        }
        return try reader(dir, verifyInBackground: verifyInBackground)
    }
}
