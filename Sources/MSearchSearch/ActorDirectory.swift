import MSearchIndex

/// The index's actor terms (`ActorTerms.prefix` + folded name) listed by the words of their
/// names, so an `actor:` clause is a few dictionary look-ups instead of a walk over every
/// actor term of every segment (≈ 50 ms per clause on Reuters; 500 clauses took 22 s).
/// Built on the first actor clause a searcher plans, then shared by every later query.
final class ActorDirectory {
    private let reader: IndexReader
    private var built: (terms: [[UInt8]], byWord: [String: [Int]])?

    init(reader: IndexReader) { self.reader = reader }

    /// The actor terms whose names contain every word of one of the `wanted` sets, sorted.
    func terms(containingAllOf wanted: [Set<String>]) throws -> [[UInt8]] {
        let (terms, byWord) = try directory()
        var found = Set<Int>()
        for words in wanted where !words.isEmpty {
            // Intersect the words' lists, shortest first; a word no actor has ends it.
            let lists = words.map { byWord[$0] ?? [] }.sorted { $0.count < $1.count }
            var matching = Set(lists[0])
            for list in lists.dropFirst() where !matching.isEmpty { matching.formIntersection(list) }
            found.formUnion(matching)
        }
        return found.map { terms[$0] }.sorted { $0.lexicographicallyPrecedes($1) }
    }

    private func directory() throws -> (terms: [[UInt8]], byWord: [String: [Int]]) {
        if let built { return built }
        var terms: [[UInt8]] = []
        var byWord: [String: [Int]] = [:]
        // Segments share most actors: a term seen in an earlier segment is not listed again.
        var seen = Set<[UInt8]>()
        for segment in reader.segments {
            try ActorTerms.prefix.withUnsafeBufferPointer { p in
                try segment.terms.forEach(from: p) { term, _ in
                    guard term.count > p.count, term.starts(with: p) else { return false }
                    let bytes = Array(term)
                    guard seen.insert(bytes).inserted else { return true }
                    let id = terms.count
                    terms.append(bytes)
                    ActorDirectory.forEachWord(of: term[p.count...]) { byWord[$0, default: []].append(id) }
                    return true
                }
            }
        }
        built = (terms, byWord)
        return (terms, byWord)
    }

    /// Each distinct word of a folded name, as `QueryPlanner.words` splits it; ASCII names (nearly
    /// all, once folded) are split on their bytes, which is what makes building cheap.
    private static func forEachWord(of name: Slice<UnsafeBufferPointer<UInt8>>, _ body: (String) -> Void) {
        guard name.allSatisfy({ $0 < 0x80 }) else {
            for word in Set(QueryPlanner.words(String(decoding: name, as: UTF8.self)).map(String.init)) { body(word) }
            return
        }
        var words: [String] = []
        var start: Int?
        for i in name.indices {
            let b = name[i]
            let isWordByte = (b >= 0x30 && b <= 0x39) || ((b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A)
            if isWordByte { if start == nil { start = i } ; continue }
            if let s = start { words.append(String(decoding: name[s..<i], as: UTF8.self)); start = nil }
        }
        if let s = start { words.append(String(decoding: name[s..<name.endIndex], as: UTF8.self)) }
        for (k, word) in words.enumerated() where !words[..<k].contains(word) { body(word) }
    }
}
