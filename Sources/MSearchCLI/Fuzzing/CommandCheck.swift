import ArgumentParser
import Foundation
import MSearchIndex
import MSearchQuery
import MSearchIndexing

/// The option and REPL fuzz check: the input's first line, split at spaces and tabs, is an
/// argument list parsed exactly as the `msearch` binary parses it; a search, repl, batch or
/// actors command then opens a session on a small private index with those options and, for a
/// search, answers its query and renders the answer as text and JSON. Every further line is a
/// REPL line (query or `:command`) handled by the REPL on that index. Commands that read or
/// write files named on the command line are parsed only. Errors are fine; a trap or a broken
/// invariant is a finding (Fuzz/Pipeline's CommandFuzzer; replayed by `swift test`).
public final class CommandCheck {
    private let index: String
    /// The most REPL lines run per input: enough for any sequence of filters, limits and pages.
    static let maxReplLines = 64

    /// Builds the index the commands search: a few dated articles naming actors, so that
    /// filters, facets, pages and `:show` all have something to work on.
    public init(workDirectory: String) throws {
        let sources = workDirectory + "/commands-src"
        index = workDirectory + "/commands-index"
        try FileManager.default.createDirectory(atPath: sources, withIntermediateDirectories: true)
        let places = ["Havana", "Washington", "Geneva", "Brussels", "Caracas"]
        let people = ["Carlos Fernandez de Cossio", "Barack Obama", "Raul Castro", "Angela Merkel"]
        for i in 0..<24 {
            let text = """
                \(places[i % places.count]) talks on oil prices and migration, part \(i)
                \(places[(i + 1) % places.count]), \(1 + i % 27) November \(2003 + i % 5) — \(people[i % people.count]) met \
                officials of the United Nations to discuss deportation flights, visas and the border. \
                Oil prices rose \(i) percent; the central bank held its rate.
                """
            try Data(text.utf8).write(to: URL(fileURLWithPath: sources + "/article-\(i).txt"))
        }
        _ = try IndexingRun(directory: index, paths: [sources], replace: true).run()
    }

    public func run(_ input: [UInt8]) {
        let text = String(decoding: input, as: UTF8.self)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        let arguments = lines.first.map { $0.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init) } ?? []
        checkArguments(arguments)
        let replLines = lines.dropFirst().prefix(CommandCheck.maxReplLines)
        guard !replLines.isEmpty else { return }
        let session: SearchSession
        do {
            session = try SearchSession(reader: try IndexLocation.reader(index))
        } catch {
            fatalError("cannot open the commands' index: \(error)")
        }
        let repl = Repl(session: session, style: .markers(open: "[", close: "]"), historyPath: nil, output: { _ in })
        for line in replLines {
            guard repl.handle(String(line)) else { break }
        }
    }

    private func checkArguments(_ arguments: [String]) {
        let command: ParsableCommand
        do {
            command = try MSearchCommand.parseAsRoot(arguments)
        } catch {
            // What the binary prints and the status it exits with, for help, version and usage errors.
            _ = MSearchCommand.fullMessage(for: error)
            _ = MSearchCommand.exitCode(for: error)
            return
        }
        var options: SearchOptions
        var query = ""
        switch command {
        case let c as SearchCommand: options = c.options; query = c.words.joined(separator: " ")
        case let c as ReplCommand: options = c.options
        case let c as BatchCommand: options = c.options
        case let c as ActorsCommand:
            // `actors` takes only the options that decide the matches: a session from those.
            var indexOption = c.indexOption
            indexOption.index = index
            failingOnlyAsExpected(arguments) { _ = try c.matching.makeSession(indexOption) }
            return
        default: return
        }
        options.indexOption.index = index
        failingOnlyAsExpected(arguments) {
            let session = try options.makeSession()
            guard !query.trimmingCharacters(in: .whitespaces).isEmpty else { return }
            let answer = try session.answer(query)
            CommandCheck.checkAnswer(answer)
            _ = TextOutput.render(answer, style: .markers(open: "[", close: "]"))
            _ = JSONOutput.answer(answer).serialized()
        }
    }

    /// Runs `body`, stopping the fuzzer when it throws an error of a type msearch does not report.
    private func failingOnlyAsExpected(_ arguments: [String], _ body: () throws -> Void) {
        do { try body() } catch {
            if !CommandCheck.isExpected(error) {
                fatalError("\(arguments) failed with an error of an unexpected type: \(error)")
            }
        }
    }

    /// What every answer must satisfy, whatever the options: a page no longer than the total,
    /// ranks counting up from the offset, a next page only inside the total, and scores that
    /// are numbers (JSON has no NaN or infinity).
    static func checkAnswer(_ answer: SearchAnswer) {
        guard answer.total >= answer.hits.count else {
            fatalError("\(answer.hits.count) hits shown of a total of \(answer.total)")
        }
        if let first = answer.hits.first, first.rank != answer.offset + 1 {
            fatalError("the page from offset \(answer.offset) starts at rank \(first.rank)")
        }
        if let next = answer.nextOffset, next <= answer.offset || next >= answer.total {
            fatalError("next_offset \(next) after offset \(answer.offset) of \(answer.total)")
        }
        for (i, h) in answer.hits.enumerated() {
            guard h.hit.score.isFinite else { fatalError("hit \(h.rank) of \(answer.text.debugDescription) scores \(h.hit.score)") }
            guard i == 0 || h.rank == answer.hits[i - 1].rank + 1 else { fatalError("ranks \(answer.hits.map(\.rank)) do not count up") }
        }
    }

    /// Errors the user is shown as messages: a query's syntax, a damaged index, a usage error.
    static func isExpected(_ error: Error) -> Bool {
        error is QuerySyntaxError || error is IndexError || error is CommandError || error is IndexingError || error is ValidationError
            || error is ExitCode
    }
}
