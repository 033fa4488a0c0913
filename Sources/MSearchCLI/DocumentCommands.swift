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
        abstract: "Print one document with its extracted date (and the evidence for it) and actors.")

    @OptionGroup var indexOption: IndexOption

    @Flag(name: .long, help: "Print a JSON object instead.")
    var json = false

    @Argument(help: "The document id, as search results show it.")
    var id: String

    func run() throws {
        let reader = try indexOption.open()
        guard let doc = try ShowCommand.find(id, in: reader) else {
            throw CommandError("no document with id \(TerminalText.escaped(id)) in \(TerminalText.escaped(reader.directory))")
        }
        if json {
            print(JSONOutput.document(doc).serialized())
            return
        }
        // An index without stored text re-reads it from the source; it has none when that changed.
        let textMissing = !reader.manifest.storesText && doc.title.isEmpty && doc.body.isEmpty
        // Everything but the labels comes from the documents: see TerminalText.
        let e = { (s: String) in TerminalText.escaped(s) }
        print(e(textMissing ? doc.id : doc.title))
        print("id: \(e(doc.id))\npath: \(e(doc.path))")
        if let url = doc.url { print("url: \(e(url))") }
        print("published: \(e(doc.date ?? "undated"))" + (doc.dateEvidence.map { " (from \(e($0)))" } ?? ""))
        if !doc.mentionedDates.isEmpty { print("dates mentioned: \(e(doc.mentionedDates.joined(separator: ", ")))") }
        for kind in ActorKind.allCases {
            let names = doc.actors.filter { $0.kind == kind }.map { e($0.name) }
            if !names.isEmpty { print("\(kind == .person ? "people" : kind.rawValue + "s"): \(names.joined(separator: ", "))") }
        }
        print("\n" + (textMissing ? SourceText.changedNotice : TerminalText.escaped(doc.body, keepingLines: true)))
    }

    /// The document with this external id (ids are in the uncompressed id column: a scan of
    /// them, no stored text decompressed but the hit's).
    static func find(_ id: String, in reader: IndexReader) throws -> SourceDocument? {
        for doc in 0..<reader.documentCount where reader.externalId(doc) == id {
            return try reader.document(doc)
        }
        return nil
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
        try DocumentWalk.forEach(reader) { _, document in
            var fields = JSONOutput.documentFields(document)
            if !withBody { fields.removeAll { $0.0 == "body" } }
            buffer += JSONValue.object(fields).serialized() + "\n"
            if buffer.utf8.count > 1 << 16 { FileHandle.standardOutput.write(buffer); buffer = "" }
        }
        FileHandle.standardOutput.write(buffer)
    }
}
