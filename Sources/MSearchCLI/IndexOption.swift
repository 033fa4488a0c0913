import ArgumentParser
import MSearchIndex

/// `--index DIR`: the index a command works on, taken the same way by every command that
/// opens one (`msearch eval`, whose --index means something else, declares its own).
struct IndexOption: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The index directory (default: $MSEARCH_INDEX, else ./Index, which a search builds from ./seeds when missing).", valueName: "dir"))
    var index: String?

    /// --index, else `$MSEARCH_INDEX`, else ./Index.
    var directory: String { IndexLocation.directory(index.map(CommandLineArguments.path)) }

    /// Opens the index for reading; the default ./Index is built from ./seeds when missing.
    func open(verifyInBackground: Bool = false) throws -> IndexReader {
        try IndexLocation.open(index.map(CommandLineArguments.path), verifyInBackground: verifyInBackground)
    }
}
