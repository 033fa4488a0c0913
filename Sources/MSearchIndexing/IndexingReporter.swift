import MSearchSources

/// What an indexing run tells its front end while it works: a terminal's progress line, a
/// REPL's status, a server's log. Every call comes on the thread that called `run()`; the run
/// waits for each, so they should be quick. All have empty defaults: a reporter implements what
/// it shows.
public protocol IndexingReporter: AnyObject {
    /// The walk found `files` files to judge, of `bytes` bytes in all (before any is read).
    func found(files: Int, bytes: Int)
    /// A file was skipped or only partly indexed (also in the final report, in the same order).
    func problem(_ problem: SourceProblem)
    /// One more file is done (indexed, unchanged or skipped): `filesDone` of those `found`.
    func progress(_ report: IndexingRun.Report, filesDone: Int)
    /// Every file is done; the commit that makes the changes visible starts.
    func committing()
    /// The commit is done.
    func committed()
}

extension IndexingReporter {
    public func found(files: Int, bytes: Int) {}
    public func problem(_ problem: SourceProblem) {}
    public func progress(_ report: IndexingRun.Report, filesDone: Int) {}
    public func committing() {}
    public func committed() {}
}
