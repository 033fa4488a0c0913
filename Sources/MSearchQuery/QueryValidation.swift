// What every parse must give, checked by the unit tests and by Fuzz/QueryParser alike: one
// definition, so the two cannot drift apart. Nothing in msearch calls these on a user's query.

extension Query {
    /// nil when the parser's tree is well formed: non-empty words, prefixes of two or more
    /// letters or digits, trimmed phrases with a slop of 0…1000, booleans with something to
    /// match and no nesting that flattening would remove, valid dates, no bare `.all` at the top;
    /// otherwise what is wrong.
    public var structuralProblem: String? { problem(atTop: true) }

    private func problem(atTop: Bool) -> String? {
        switch self {
        case .term(let word, _):
            return word.isEmpty ? "empty term" : nil
        case .prefix(let word, _):
            // Letters and digits counted as scalars: "؅u" (a prepended mark and u) is one Character.
            let letters = word.unicodeScalars.filter {
                switch $0.properties.generalCategory {
                case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
                     .decimalNumber, .letterNumber, .otherNumber: return true
                default: return false
                }
            }
            return letters.count < 2 ? "short prefix" : nil
        case .phrase(let text, let slop, _):
            guard let first = text.first, let last = text.last, !first.isWhitespace, !last.isWhitespace else {
                return "empty or untrimmed phrase"
            }
            return (0...1000).contains(slop) ? nil : "bad slop"
        case .boolean(let must, let should, let mustNot):
            if must.isEmpty && should.isEmpty { return "boolean with nothing to match" }
            if mustNot.isEmpty && must.count + should.count == 1 { return "one-clause boolean" }
            if must.count > 1 && must.contains(.all) { return ".all next to other must clauses" }
            for clause in should {
                if case .boolean(let m, _, let n) = clause, m.isEmpty, n.isEmpty { return "OR in OR" }
            }
            for clause in must + should + mustNot {
                if let problem = clause.problem(atTop: false) { return problem }
            }
            return nil
        case .date(let from, let to):
            if from == nil && to == nil { return "open date range" }
            for bound in [from, to].compactMap({ $0 }) {
                let ok = bound.count == 4 || bound.count == 7 || bound.count == 10
                if !ok || bound.contains(where: { !$0.isASCII }) { return "bad date \(bound)" }
            }
            return nil
        case .actor(let name):
            return name.isEmpty ? "empty actor" : nil
        case .language(let code):
            let letters = code.utf8.allSatisfy { $0 >= UInt8(ascii: "a") && $0 <= UInt8(ascii: "z") }
            return (2...3).contains(code.utf8.count) && letters ? nil : "bad language code \(code)"
        case .all:
            return atTop ? "bare .all" : nil
        }
    }
}

extension QuerySyntaxError {
    /// nil when this error is well formed for the query `text`: a position inside it, a message
    /// of 1…120 characters and a hint of at most 200, and a rendering of "error: …", the query
    /// line, a caret line of spaces and "^", and the hint line when there is a hint; otherwise
    /// what is wrong.
    public func problem(parsing text: String) -> String? {
        guard (0...text.count).contains(position), query == text else {
            return "position \(position) outside 0...\(text.count)"
        }
        guard !message.isEmpty, message.count <= 120, (hint?.count ?? 0) <= 200 else {
            return "bad message \(message.debugDescription)"
        }
        let lines = rendered.split(separator: "\n", omittingEmptySubsequences: false)
        guard rendered.hasPrefix("error: \(message)\n"), lines.count == (hint == nil ? 3 : 4),
              lines[2].hasSuffix("^"), lines[2].dropLast().allSatisfy({ $0 == " " }) else {
            return "bad rendering"
        }
        return nil
    }
}
