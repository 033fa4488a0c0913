// libFuzzer entry point: every input must give a well-formed tree or a well-formed error.
// Any broken invariant calls fatalError, which libFuzzer reports as a crash with the input saved.
import MSearchQuery

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    for op in [QueryParser.DefaultOperator.or, .and] {
        let parser = QueryParser(defaultOperator: op)
        do {
            let q = try parser.parse(text)
            if let problem = treeProblem(q, top: true) {
                fatalError("bad tree (\(problem)) for \(text.debugDescription): \(q)")
            }
            // Same input, same tree.
            guard (try? parser.parse(text)) == q else { fatalError("nondeterministic: \(text.debugDescription)") }
            // A group around a query means the query (unless that is one level too deep).
            do {
                let grouped = try parser.parse("(" + text + " )")
                if grouped != q { fatalError("( q ) != q for \(text.debugDescription): \(grouped) vs \(q)") }
            } catch {
                if !error.message.hasPrefix("parentheses nested") {
                    fatalError("( q ) fails for \(text.debugDescription): \(error.rendered)")
                }
            }
        } catch {
            check(error, text)
        }
    }
    return 0
}

func check(_ error: QuerySyntaxError, _ text: String) {
    guard (0...text.count).contains(error.position), error.query == text else {
        fatalError("position \(error.position) outside 0...\(text.count) for \(text.debugDescription)")
    }
    guard !error.message.isEmpty, error.message.count <= 120, (error.hint?.count ?? 0) <= 200 else {
        fatalError("bad message \(error.message.debugDescription) for \(text.debugDescription)")
    }
    let rendered = error.rendered
    let lines = rendered.split(separator: "\n", omittingEmptySubsequences: false)
    guard rendered.hasPrefix("error: \(error.message)\n"), lines.count == (error.hint == nil ? 3 : 4),
          lines[2].hasSuffix("^"), lines[2].dropLast().allSatisfy({ $0 == " " }) else {
        fatalError("bad rendering for \(text.debugDescription):\n\(rendered)")
    }
}

/// nil when the tree is well formed (the same rules as the unit tests' `treeProblem`).
func treeProblem(_ q: Query, top: Bool = false) -> String? {
    switch q {
    case .term(let w, _):
        return w.isEmpty ? "empty term" : nil
    case .prefix(let w, _):
        // Letters and digits counted as scalars: "؅u" (a prepended mark and u) is one Character.
        let letters = w.unicodeScalars.filter {
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
        for s in should {
            if case .boolean(let m, _, let n) = s, m.isEmpty, n.isEmpty { return "OR in OR" }
        }
        for s in must + should + mustNot {
            if let p = treeProblem(s) { return p }
        }
        return nil
    case .date(let from, let to):
        if from == nil && to == nil { return "open date range" }
        for d in [from, to].compactMap({ $0 }) {
            let ok = d.count == 4 || d.count == 7 || d.count == 10
            if !ok || d.contains(where: { !$0.isASCII }) { return "bad date \(d)" }
        }
        return nil
    case .actor(let name):
        return name.isEmpty ? "empty actor" : nil
    case .all:
        return top ? "bare .all" : nil
    }
}
