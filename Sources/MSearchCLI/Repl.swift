import ArgumentParser
import Foundation
import MSearchIndex
import MSearchQuery
import MSearchSnippets

/// The interactive loop: every line is a query, except `:commands`. The index is opened once;
/// errors print a message and the prompt comes back — no input ends the session but `:quit`
/// or Ctrl-D.
final class Repl {
    let session: SearchSession
    let style: HighlightStyle
    private let editor: LineEditor
    /// The last query and the page of it on screen: `:more` continues it, `:show` reads from it.
    private var last: (text: String, answer: SearchAnswer)?
    private var output: (String) -> Void
    /// An article or a result list: wrapped to the terminal and paged (`LongText`) when the
    /// REPL writes to one, else the same as `output`.
    private var longOutput: (String) -> Void
    /// A result list: wrapped on a terminal, not paged (the prompt should follow it).
    private var resultOutput: (String) -> Void

    static let commands: [(name: String, usage: String, help: String)] = [
        (":help", ":help", "this list"),
        (":limit", ":limit N", "results per page"),
        (":more", ":more", "the next page of the last query"),
        (":show", ":show N|ID", "hit N (or #N) of the page shown, or the article with this id or path, as msearch show prints it"),
        (":sort", ":sort ORDER", "relevance, or newest or oldest first (by date, undated last)"),
        (":duplicates", ":duplicates collapse|show", "one article per cluster of near-duplicates, or all"),
        (":similar", ":similar N", "the articles most like hit N of the page shown"),
        (":from", ":from DATE|off", "only articles published on or after DATE (2023, 2023-11, 2023-11-14)"),
        (":to", ":to DATE|off", "only articles published on or before DATE"),
        (":actor", ":actor NAME|off", "only articles naming NAME (Tab completes names); repeat to require several"),
        (":lang", ":lang CODE|off", "only articles in language CODE (en, es, de); words analysed in it alone"),
        (":facets", ":facets on|off", "count results by year, month, language and actor"),
        (":filters", ":filters", "the filters in force"),
        (":clear", ":clear", "remove every filter"),
        (":stats", ":stats", "what the index holds"),
        (":quit", ":quit", "leave (Ctrl-D does too)"),
    ]

    init(session: SearchSession, style: HighlightStyle, historyPath: String? = LineEditor.defaultHistoryPath(),
         output: ((String) -> Void)? = nil) {
        self.session = session
        self.style = style
        self.output = output ?? { FileHandle.standardOutput.write($0) }
        longOutput = output ?? { LongText.print($0) }
        resultOutput = output ?? { LongText.print($0, paging: false) }
        editor = LineEditor(historyPath: historyPath)
        let actorNames = Repl.actorNames(session)
        LineEditor.completer = { line, word in
            if line.hasPrefix(":actor ") {
                // Complete the whole name typed so far, case- and accent-insensitively.
                let typed = String(line.dropFirst(7)).folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
                let lastWordStart = typed.count - word.count
                return actorNames.filter {
                    $0.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil).hasPrefix(typed)
                }.map { String($0.dropFirst(max(0, lastWordStart))) }
            }
            guard line.hasPrefix(":") && !line.contains(" ") else { return [] }
            return Repl.commands.map(\.name).filter { $0.hasPrefix(word) }
        }
    }

    func run() {
        if editor.interactive {
            output("msearch \(MSearchCommand.version) — \(session.reader.documentCount) articles. Type a query, :help for commands, Ctrl-D to quit.\n")
        }
        while let line = editor.readLine(prompt: "msearch> ") {
            if !handle(line) { break }
        }
        if editor.interactive { output("\n") }
    }

    /// Runs one line; false when the user asked to quit.
    func handle(_ line: String) -> Bool {
        let text = line.trimmingCharacters(in: .whitespaces)
        if text.isEmpty { return true }
        if text.hasPrefix(":") { return command(text) }
        search(text)
        return true
    }

    /// Runs `text` from the session's offset and order, or (for `:more`) from a given page on.
    private func search(_ text: String, offset: Int? = nil, order: SortOrder? = nil, similarTo: Int? = nil) {
        do {
            let answer = try similarTo.map { try session.similar(to: $0, offset: offset, order: order) }
                ?? session.answer(text, offset: offset, order: order)
            last = (text, answer)
            resultOutput(TextOutput.render(answer, style: style))
        } catch let error as QuerySyntaxError {
            output(error.rendered + "\n")
        } catch {
            output("error: \(error)\n")
        }
    }

    private func command(_ text: String) -> Bool {
        let parts = text.split(separator: " ", maxSplits: 1).map(String.init)
        let name = parts[0], argument = parts.count > 1 ? parts[1].trimmingCharacters(in: .whitespaces) : nil
        switch name {
        case ":quit", ":q", ":exit":
            return false
        case ":help":
            let width = Repl.commands.map(\.usage.count).max() ?? 0
            for c in Repl.commands {
                output("  \(c.usage.padding(toLength: width, withPad: " ", startingAt: 0))  \(c.help)\n")
            }
            output("Queries: words, \"phrases\", +must, -not, AND/OR/NOT, (groups), prefix*, title:, body:, date:2023..2024\n")
        case ":limit":
            guard let argument else { output("usage: :limit N (1 to \(OptionValidation.maxLimit))\n"); break }
            switch OptionValidation.count(text: argument, ":limit", in: 1...OptionValidation.maxLimit) {
            case .success(let n):
                session.limit = n
                output("showing \(n) results per page\n")
            case .failure(let error):
                output("\(error)\n")
            }
        case ":more":
            guard let last else { output("no query yet\n"); break }
            // The same list on: the order it was shown in, from the hit after the last shown.
            guard let next = last.answer.nextOffset else { output("no more results for \"\(TerminalText.escaped(last.text))\"\n"); break }
            search(last.text, offset: next, order: last.answer.order, similarTo: last.answer.similarTo)
        case ":show":
            guard let argument, !argument.isEmpty else { output("usage: :show N, #N (a rank from the results shown), an id or a path\n"); break }
            show(argument)
        case ":similar":
            guard let argument, !argument.isEmpty else { output("usage: :similar N, #N (a rank from the results shown), an id or a path\n"); break }
            if let doc = document(argument) { search("", offset: 0, similarTo: doc) }
        case ":duplicates":
            guard let argument else { output("usage: :duplicates collapse|show\n"); break }
            choose(argument, ":duplicates", as: DuplicateMode.self) { mode in
                session.duplicates = mode
                return mode == .collapse ? "one article per cluster of near-duplicates" : "showing near-duplicates"
            }
        case ":from", ":to":
            let value = argument == "off" ? nil : argument
            var filters = session.filters
            if name == ":from" { filters.from = value } else { filters.to = value }
            // A bad date, or a range that would end before it starts, leaves the filters as they were.
            if let problem = OptionValidation.dateRange(from: filters.from, to: filters.to, names: (":from", ":to")) {
                output("\(problem)\n"); break
            }
            session.filters = filters
            output(describeFilters())
        case ":actor":
            guard let argument, !argument.isEmpty else { output("usage: :actor NAME, or :actor off\n"); break }
            if argument == "off" { session.filters.actors = [] } else { session.filters.actors.append(argument) }
            output(describeFilters())
        case ":lang":
            guard let argument, !argument.isEmpty else { output("usage: :lang CODE, or :lang off\n"); break }
            if argument == "off" {
                session.filters.language = nil
            } else if let code = OptionValidation.languageCode(argument) {
                session.filters.language = code
            } else {
                output(":lang takes a language code of 2 or 3 letters (en, es, de)\n"); break
            }
            output(describeFilters())
        case ":sort":
            guard let argument else { output("usage: :sort relevance|newest|oldest\n"); break }
            choose(argument, ":sort", as: SortOrder.self) { order in
                session.order = order
                return order == .relevance ? "sorting by relevance" : "sorting \(order.rawValue) first (undated last)"
            }
        case ":facets":
            guard let argument, argument == "on" || argument == "off" else { output("usage: :facets on|off\n"); break }
            session.facets = argument == "on"
            output("facets \(argument)\n")
        case ":filters":
            output(describeFilters())
        case ":clear":
            session.filters = SearchFilters()
            output(describeFilters())
        case ":stats":
            let r = session.reader
            output("\(r.documentCount) articles, \(r.segments.count) segment\(r.segments.count == 1 ? "" : "s"), \(r.manifest.tokenCount) tokens (average \(String(format: "%.0f", r.averageDocumentLength)) per article), index \(TerminalText.escaped(r.directory))\n")
        default:
            output("unknown command \(TerminalText.escaped(name)); :help lists them\n")
        }
        return true
    }

    /// The document `argument` names for `:show` and `:similar`: hit N (or #N) of the page shown,
    /// else an id or a path (`DocumentReference`); nil, with the reason printed, when none.
    private func document(_ argument: String) -> Int? {
        if let rank = Int(argument.hasPrefix("#") ? String(argument.dropFirst()) : argument) {
            guard let last else { output("no results yet: run a query first\n"); return nil }
            guard let hit = last.answer.hits.first(where: { $0.rank == rank }) else {
                output("no hit \(rank) on the page shown\(Repl.ranks(of: last.answer))\n"); return nil
            }
            return hit.hit.doc
        }
        do {
            switch try DocumentReference.resolve(argument, in: session.reader) {
            case .success(let found): return found
            case .failure(let problem): output("\(problem)\n"); return nil
            }
        } catch {
            output("error: \(error)\n"); return nil
        }
    }

    /// A REPL setting with named values (`:sort`, `:duplicates`): `apply` sets it and says what
    /// changed; a value not among them is refused with the choices, the setting unchanged.
    private func choose<Choice: CaseIterable & RawRepresentable>(
        _ argument: String, _ name: String, as type: Choice.Type, apply: (Choice) -> String
    ) where Choice.RawValue == String {
        switch OptionValidation.choice(text: argument, name, as: type) {
        case .success(let value): output(apply(value) + "\n")
        case .failure(let error): output("\(error)\n")
        }
    }

    /// `:show N` or `:show #N`: hit N of the page shown; else an id or a path, as `msearch show` takes.
    private func show(_ argument: String) {
        guard let doc = document(argument) else { return }
        do {
            longOutput(ArticleText.full(try session.reader.document(doc), storesText: session.reader.manifest.storesText,
                                        nearDuplicates: SearchSession.nearDuplicateIds(of: doc, in: session.reader)))
        } catch {
            output("error: \(error)\n")
        }
    }

    /// The ranks `:show` takes on the page shown, for its message: ": :show takes 4 to 6".
    static func ranks(of answer: SearchAnswer) -> String {
        guard let first = answer.hits.first?.rank, let last = answer.hits.last?.rank else { return " (it shows no hit)" }
        return first == last ? ": :show takes \(first)" : ": :show takes \(first) to \(last)"
    }

    /// Every actor name in the index, for completion (read once, when the REPL starts).
    static func actorNames(_ session: SearchSession) -> [String] {
        let all = try? session.searcher.search(.all, limit: 0, facets: true, actorLimit: 100_000)
        return (all?.facets?.actors ?? []).compactMap(\.value)
    }

    private func describeFilters() -> String {
        let f = session.filters
        if f.isEmpty { return "no filters\n" }
        var parts: [String] = []
        if let from = f.from { parts.append("from \(from)") }
        if let to = f.to { parts.append("to \(to)") }
        parts += f.actors.map { "actor \($0)" }
        if let language = f.language { parts.append("language \(language)") }
        return "filters: " + TerminalText.escaped(parts.joined(separator: ", ")) + "\n"
    }
}

/// Answers `lines` as the REPL does (commands and queries, until `:quit`) on the index in
/// `indexDirectory`, and returns what it printed: for the REPL-command fuzzer in Fuzz/ and for
/// tests, without a terminal or a child process.
public func replTranscript(indexDirectory: String, lines: [String]) throws -> String {
    let session = try SearchSession(reader: try IndexLocation.reader(indexDirectory))
    var printed = ""
    let repl = Repl(session: session, style: .markers(open: "[", close: "]"), historyPath: nil, output: { printed += $0 })
    for line in lines where !repl.handle(line) { break }
    return printed
}

/// `msearch repl`: the interactive loop on an index.
struct ReplCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "repl",
        abstract: "Search interactively: each line is a query; :help lists the commands."
    )

    @OptionGroup var options: SearchOptions

    @OptionGroup var color: ColorOption

    func run() throws {
        let session = try options.makeSession()
        Repl(session: session, style: color.style).run()
    }
}
