/// Options before a command's name make ArgumentParser read the name as a query word
/// (`msearch --index bbc index ~/new` searches for "index ~/new"): that is refused with the
/// order that does what was meant, since a search there would only look as if it worked.
enum CommandOrder {
    /// The commands whose names cannot start a query that follows options.
    static var names: Set<String> {
        Set(MSearchCommand.configuration.subcommands.compactMap { $0.configuration.commandName })
    }

    /// The message for `query` (the words a search parsed) when its first word names a command
    /// and no explicit `search` asked for it; nil when the query is fine.
    static func problem(query: [String], arguments: [String]) -> String? {
        guard let first = query.first, names.contains(first), first != "search",
              !arguments.contains("search"), let at = arguments.firstIndex(of: first) else { return nil }
        let reordered = [first] + arguments[..<at] + arguments[(at + 1)...]
        let shown = reordered.map { $0.contains(" ") || $0.isEmpty ? "'\($0)'" : $0 }.joined(separator: " ")
        return "\"\(first)\" is a command, and its options come after its name: msearch \(TerminalText.escaped(shown))"
            + " (to search for the word, write msearch search … \(first))"
    }

    /// Whether the command line asks for JSON output (`--json`, `--format json`, `--format=json`).
    static func asksForJSON(_ arguments: [String]) -> Bool {
        for (i, a) in arguments.enumerated() {
            if a == "--" { return false }
            if a == "--json" || a == "--format=json" || a == "--format=jsonl" { return true }
            if a == "--format", i + 1 < arguments.count, arguments[i + 1] == "json" || arguments[i + 1] == "jsonl" { return true }
        }
        return false
    }
}
