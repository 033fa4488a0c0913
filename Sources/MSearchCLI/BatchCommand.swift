import ArgumentParser
import Foundation
import MSearchIndex
import MSearchQuery

/// `msearch batch`: many queries in, one machine-readable record per query out, in order.
struct BatchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "batch",
        abstract: "Run a file of queries (one per line, or qid<TAB>query) and print one record per query.",
        // Paragraphs flow (`\` continuations: the help re-wraps them); the list of formats keeps
        // its lines, each short enough (80 columns) not to be re-wrapped.
        discussion: """
        Lines without a tab get the line number as qid; blank lines and lines starting with # \
        are skipped. Output is written as each query finishes. Filters and options apply to \
        every query, and a line may add its own (date:2023, title:…).

        Formats:
          jsonl  a JSON object per query: qid, query, total, took_ms, hits (as --json)
                 a query that fails: {"qid", "query", "error": {"message", "position"}}
          tsv    one line per hit: qid, rank, id, score, date, title
                 a query that fails: qid, "error", message
          csv    a header row, then one row per hit: qid, rank, id, score, date, title,
                 snippet (RFC 4180); a query that fails: qid, "error", message
          trec   qid Q0 docid rank score tag (trec_eval, ../shared/peers/evaluate.py)
                 a query that fails is reported on stderr only

        With --translate opensearch nothing is searched: each query becomes a JSON line \
        {"qid", "query", "request"} holding its OpenSearch search request body (as \
        msearch translate prints it), a query that fails the jsonl error record.

        Exit status: 0 when every query ran, 2 when any failed (the others still ran).
        """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable { case jsonl, tsv, csv, trec }

    @OptionGroup var options: SearchOptions

    @Option(name: .long, help: "Output format: jsonl, tsv, csv or trec.")
    var format: Format = .jsonl

    @Option(name: .long, help: "The run tag in TREC output.")
    var tag = "msearch"

    enum Target: String, ExpressibleByArgument, CaseIterable { case opensearch }

    // Not `--to`: that is the date bound every search takes (MatchOptions).
    @Option(name: .customLong("translate"), help: "opensearch: print each query's OpenSearch request body instead of searching.")
    var target: Target?

    @Argument(help: "The file of queries, or - (the default) for standard input.")
    var file: String = "-"

    func run() throws {
        let session = try options.makeSession()
        let input: FileHandle
        if file == "-" {
            input = .standardInput
        } else {
            guard let h = FileHandle(forReadingAtPath: file) else { throw CommandError("cannot read \(file)") }
            input = h
        }
        var failed = 0
        var lineNumber = 0
        if format == .csv { FileHandle.standardOutput.write(CSVOutput.header(qid: true)) }
        let exported = OpenSearchMapping.languages(of: session.reader)
        if target == .opensearch {
            session.analyseForLanguageFilter()
            for warning in OpenSearchRequest.rankingWarnings(options.ranking.options)
                + (try OpenSearchTranslator.runWarnings(session.searcher, exported: exported)) {
                FileHandle.standardError.write("msearch: warning: \(warning)\n")
            }
        }
        for line in LineReader(input) {
            lineNumber += 1
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
            let (qid, text) = BatchCommand.split(line, lineNumber: lineNumber)
            do {
                if target == .opensearch {
                    try translate(text, qid: qid, lineNumber: lineNumber, session: session, exported: exported)
                    continue
                }
                let detail: SearchSession.Detail = switch format {
                case .jsonl, .csv: .snippets
                case .tsv: .documents
                case .trec: .ids
                }
                let answer = try session.answer(text, detail: detail)
                write(answer, qid: qid)
            } catch let error as QuerySyntaxError {
                failed += 1
                report(qid: qid, query: text, message: error.message, position: error.position,
                       stderr: "line \(lineNumber) (\(qid)):\n\(error.rendered)")
            } catch let error as IndexError {
                throw error
            } catch {
                failed += 1
                report(qid: qid, query: text, message: "\(error)", position: nil, stderr: "line \(lineNumber) (\(qid)): \(error)")
            }
        }
        if failed > 0 {
            FileHandle.standardError.write("msearch: \(failed) quer\(failed == 1 ? "y" : "ies") failed\n")
            throw ExitCode(ExitStatus.error)
        }
    }

    /// `qid<TAB>query`, or the line number as qid.
    static func split(_ line: String, lineNumber: Int) -> (String, String) {
        if let tab = line.firstIndex(of: "\t") {
            return (String(line[..<tab]), String(line[line.index(after: tab)...]))
        }
        return (String(lineNumber), line)
    }

    /// `--translate opensearch`: the request body of one query, its warnings on stderr.
    private func translate(_ text: String, qid: String, lineNumber: Int, session: SearchSession, exported: [String]) throws {
        let parsed = session.plainSyntax ? try session.searcher.plainQuery(text) : try session.parser.parse(text)
        let translation = try OpenSearchRequest.translate(parsed, session: session, exported: exported)
        for warning in translation.warnings {
            FileHandle.standardError.write("msearch: warning: line \(lineNumber) (\(TerminalText.escaped(qid))): \(warning)\n")
        }
        let record: JSONValue = .object([("qid", .string(qid)), ("query", .string(text)), ("request", translation.body)])
        FileHandle.standardOutput.write(record.serialized() + "\n")
    }

    private func write(_ answer: SearchAnswer, qid: String) {
        var out = ""
        switch format {
        case .jsonl:
            out = JSONOutput.answer(answer, qid: qid).serialized() + "\n"
        case .tsv:
            // Tabs and newlines (and other control characters) escaped: one field, one line.
            let e = { (s: String) in TerminalText.escaped(s) }
            for h in answer.hits {
                out += "\(e(qid))\t\(h.rank)\t\(e(h.externalId))\t\(String(format: "%.6f", h.hit.score))\t\(e(h.document?.date ?? ""))\t\(e(h.document?.title ?? ""))\n"
            }
        case .csv:
            out = CSVOutput.rows(answer, qid: qid)
        case .trec:
            for h in answer.hits {
                out += "\(TerminalText.escaped(qid)) Q0 \(TerminalText.escaped(h.externalId)) \(h.rank) \(String(format: "%.6f", h.hit.score)) \(tag)\n"
            }
        }
        FileHandle.standardOutput.write(out)
    }

    private func report(qid: String, query: String, message: String, position: Int?, stderr: String) {
        FileHandle.standardError.write("msearch: \(stderr)\n")
        switch target == .opensearch ? .jsonl : format {
        case .jsonl:
            FileHandle.standardOutput.write(JSONOutput.error(qid: qid, query: query, message: message, position: position).serialized() + "\n")
        case .tsv:
            FileHandle.standardOutput.write("\(TerminalText.escaped(qid))\terror\t\(TerminalText.escaped(message))\n")
        case .csv:
            FileHandle.standardOutput.write(CSVOutput.row([qid, "error", message]))
        case .trec:
            break
        }
    }
}

/// Reads lines from a file handle as they arrive, so a batch fed through a pipe answers each
/// query before the next one is written.
struct LineReader: Sequence, IteratorProtocol {
    private let handle: FileHandle
    private var buffer: [UInt8] = []
    private var start = 0
    /// Bytes from `start` up to here hold no newline: each read is searched once, so a long
    /// line arriving in many small reads costs linear time (a 10 MB line took minutes).
    private var searched = 0
    private var finished = false

    init(_ handle: FileHandle) { self.handle = handle }

    mutating func next() -> String? {
        while true {
            if let nl = buffer[Swift.max(start, searched)...].firstIndex(of: UInt8(ascii: "\n")) {
                var line = buffer[start..<nl]
                if line.last == UInt8(ascii: "\r") { line = line.dropLast() }
                start = nl + 1
                searched = start
                return String(decoding: line, as: UTF8.self)
            }
            searched = buffer.count
            if finished {
                guard start < buffer.count else { return nil }
                let line = String(decoding: buffer[start...], as: UTF8.self)
                start = buffer.count
                return line
            }
            if start > 0 { buffer.removeSubrange(0..<start); searched -= start; start = 0 }
            let chunk = handle.availableData
            if chunk.isEmpty { finished = true } else { buffer.append(contentsOf: chunk) }
        }
    }
}
