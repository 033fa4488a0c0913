import MSearchSources

/// A source path as the reader can use it from where msearch runs: the index stores absolute
/// paths (`CatalogPath`), shown relative to the working directory when the file lies below it
/// (shorter, and what was typed at index time when indexing ran there), else absolute.
enum DisplayPath {
    static let workingDirectory = PathNames.currentDirectory()

    static func shown(_ path: String, from directory: String = workingDirectory) -> String {
        guard path.hasPrefix("/"), directory != "/", path != directory, PathNames.isInside(path, directory) else { return path }
        return String(path.dropFirst(directory.count + 1))
    }
}
