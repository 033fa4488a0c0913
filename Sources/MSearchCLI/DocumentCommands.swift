import ArgumentParser
import Foundation
import MSearchIndex
import MSearchIndexing
import MSearchQuery
import MSearchSearch
import MSearchSources

/// `msearch show ID`: one document in full, with what extraction found and why.
struct ShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Print one document with its extracted date (and the evidence for it) and actors.",
        discussion: "On a terminal the text is wrapped to its width and long articles go through $PAGER (less -R when unset).")

    @OptionGroup var indexOption: IndexOption

    @Flag(name: .long, help: "Print a JSON object instead.")
    var json = false

    @Flag(name: .long, help: "Print only the article: its title and whole text (re-read from the source when the index stores none).")
    var text = false

    @Argument(help: "The document's id, as search results show it, or the path of a file holding one document.")
    var id: String

    func validate() throws {
        if json && text { throw ValidationError("--json and --text each choose the output: give one") }
    }

    func run() throws {
        let reader = try indexOption.open()
        let number = try DocumentReference.resolve(id, in: reader).get()
        let doc = try reader.document(number)
        let nearDuplicates = SearchSession.nearDuplicateIds(of: number, in: reader)
        if json {
            var fields = JSONOutput.documentFields(doc)
            if let c = reader.nearDuplicates.cluster(of: number) {
                fields.insert(("cluster", .string(reader.externalId(reader.nearDuplicates.members(c)[0]))), at: fields.count - 1)
                fields.insert(("similar", .array(nearDuplicates.map { .string($0) })), at: fields.count - 1)
            }
            print(JSONValue.object(fields).serialized())
        } else if text {
            guard let article = ArticleText.text(doc, storesText: reader.manifest.storesText) else {
                throw CommandError("\(TerminalText.escaped(doc.id)): \(SourceText.changedNotice)")
            }
            LongText.print(article)
        } else {
            LongText.print(ArticleText.full(doc, storesText: reader.manifest.storesText, nearDuplicates: nearDuplicates))
        }
    }
}

/// `msearch open ID`: the article's source file, in the user's editor or viewer on a
/// terminal, else its absolute path (for `$(msearch open ID)` and other tools).
struct OpenCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "open",
        abstract: "Open a document's source file with $VISUAL, $EDITOR or xdg-open (on a terminal), else print its absolute path.")

    @OptionGroup var indexOption: IndexOption

    @Argument(help: "The document's id, as search results show it, or the path of a file holding one document.")
    var id: String

    func run() throws {
        let reader = try indexOption.open()
        let path = try reader.document(try DocumentReference.resolve(id, in: reader).get()).path
        guard isatty(STDOUT_FILENO) != 0 else { print(TerminalText.escaped(path)); return }
        let env = ProcessInfo.processInfo.environment
        let opener = [env["VISUAL"], env["EDITOR"]].compactMap { $0 }.first { !$0.isEmpty } ?? "xdg-open"
        // The opener may be a command line ("code -w"): the shell splits it, the path is "$1".
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", opener + " \"$1\"", "msearch-open", String(decoding: PathNames.bytes(path), as: UTF8.self)]
        do { try process.run() } catch {
            throw CommandError("cannot run \(TerminalText.escaped(opener)): \(error.localizedDescription); the file is \(TerminalText.escaped(path))")
        }
        process.waitUntilExit()
        if process.terminationStatus != 0 {
            throw CommandError("\(TerminalText.escaped(opener)) failed (exit \(process.terminationStatus)) on \(TerminalText.escaped(path))")
        }
    }
}

/// `msearch actors [QUERY]`: who the matching articles (or all of them) name, most named first.
struct ActorsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "actors",
        abstract: "List the people, organisations and places the articles name, with counts.")

    // Only what decides the matches: the counts are over all of them, so ranking, --limit,
    // facet, passage and explain options would be ignored (the ranking's defaults apply).
    @OptionGroup var indexOption: IndexOption

    @OptionGroup var matching: MatchOptions

    @Flag(name: .long, help: "Print JSON Lines: {\"value\", \"kind\", \"count\"} per actor.")
    var json = false

    @Option(name: .customLong("top"), parsing: .unconditional, help: "How many to list (at most 100000).")
    var top: Int = 50

    func validate() throws {
        if let problem = OptionValidation.count(top, "--top", in: 1...OptionValidation.maxActors) {
            throw ValidationError(problem)
        }
    }

    @Argument(help: "Only articles matching this query (default: all).")
    var words: [String] = []

    func run() throws {
        let session = try matching.makeSession(indexOption)
        let text = words.joined(separator: " ")
        let query = text.trimmingCharacters(in: .whitespaces).isEmpty ? Query.all : try parse(text, session)
        let results = try session.searcher.search(session.filters.apply(to: query), limit: 0, facets: true, actorLimit: top)
        for a in results.facets?.actors ?? [] {
            if json {
                print(JSONValue.object([("value", .string(a.value)), ("kind", .string(a.kind?.rawValue)), ("count", .int(a.count))]).serialized())
            } else {
                print("\(String(format: "%6d", a.count))  \(TerminalText.escaped(a.value ?? ""))  (\(TerminalText.escaped(a.kind?.rawValue ?? "")))")
            }
        }
    }

    private func parse(_ text: String, _ session: SearchSession) throws -> Query {
        do { return try session.parser.parse(text) } catch {
            FileHandle.standardError.write(error.rendered + "\n")
            throw ExitCode(ExitStatus.error)
        }
    }
}

/// `msearch export`: every document's extracted fields as JSON Lines, for checking extraction
/// against ground truth (../shared/eval/actor_eval.py reads {"id", "actors"}) or for other tools;
/// with `--to opensearch`, a folder to load into OpenSearch (`OpenSearchExport`).
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write each document's id, title, path, date (with evidence), actors and mentioned dates as JSON Lines.",
        discussion: """
        With --to opensearch OUT, writes into the new or empty folder OUT the create-index \
        request body (index.json: analysers, BM25 and mapping), the documents as bulk request \
        bodies (bulk-0001.ndjson, …, each at most --bulk-mb) and README.txt with the curl \
        commands that load them. The same index gives the same files.
        """)

    enum Target: String, ExpressibleByArgument, CaseIterable { case jsonl, opensearch }

    @OptionGroup var indexOption: IndexOption

    @Flag(name: .customLong("with-body"), help: "Include the body text (JSON Lines).")
    var withBody = false

    @Option(name: .customLong("to"), help: "jsonl (JSON Lines on standard output) or opensearch (files in OUT).")
    var target: Target = .jsonl

    @Option(name: .customLong("bulk-mb"), parsing: .unconditional, help: ArgumentHelp("--to opensearch: the largest bulk file, in MiB (1–1024).", valueName: "n"))
    var bulkMB: Int = 10

    @Argument(help: ArgumentHelp("--to opensearch: the folder to write (new or empty).", valueName: "out"))
    var out: String?

    func validate() throws {
        if let problem = OptionValidation.count(bulkMB, "--bulk-mb", in: 1...1024) { throw ValidationError(problem) }
        switch target {
        case .jsonl where out != nil: throw ValidationError("an output folder is for --to opensearch; JSON Lines go to standard output")
        case .opensearch where out == nil: throw ValidationError("--to opensearch needs the folder to write, e.g. msearch export --to opensearch OUT")
        default: break
        }
    }

    func run() throws {
        let reader = try indexOption.open()
        if target == .opensearch, let out {
            let export = OpenSearchExport(reader: reader, folder: CommandLineArguments.path(out), bulkBytes: bulkMB << 20)
            let summary = try export.run()
            for warning in summary.warnings { FileHandle.standardError.write("msearch: warning: \(warning)\n") }
            FileHandle.standardError.write("msearch: \(summary.documents) documents in \(summary.files.count) bulk files; load them as \(TerminalText.escaped(out))/README.txt says\n")
            return
        }
        var buffer = ""
        try DocumentWalk.forEach(reader) { doc, document in
            var fields = JSONOutput.documentFields(document)
            // The near-duplicate cluster (its first member's id), as the OpenSearch documents carry it.
            if let cluster = reader.clusterId(doc) { fields.insert(("cluster", .string(cluster)), at: fields.count - 1) }
            if !withBody { fields.removeAll { $0.0 == "body" } }
            buffer += JSONValue.object(fields).serialized() + "\n"
            if buffer.utf8.count > 1 << 16 { FileHandle.standardOutput.write(buffer); buffer = "" }
        }
        FileHandle.standardOutput.write(buffer)
    }
}
