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
            if let problem = q.structuralProblem {
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
            if let problem = error.problem(parsing: text) {
                fatalError("\(problem) for \(text.debugDescription):\n\(error.rendered)")
            }
        }
    }
    return 0
}
