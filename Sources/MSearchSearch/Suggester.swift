import MSearchIndex
import MSearchQuery

/// A "did you mean" for one query word that the index does not contain.
public struct Suggestion: Equatable, Sendable {
    public var word: String
    public var replacement: String
}

/// Finds, for words missing from the index, the closest word the index does contain: edit
/// distance (with transpositions) on the analysed terms, ties broken by document frequency,
/// as Xapian's spelling correction and Lucene's DirectSpellChecker do. The suggestion is shown
/// in a form the corpus itself uses, taken from a document that contains it.
struct Suggester {
    let searcher: Searcher

    /// How many unknown words one query gets corrections for. Each costs ~1,500 dictionary
    /// look-ups and may walk the terms sharing its first letter, so a query of many unknown
    /// words (a pasted text, random input) would otherwise take minutes.
    static let maxCorrectedWords = 10

    func suggestions(for query: Query) throws -> [Suggestion] {
        var out: [Suggestion] = []
        var corrected = 0
        for word in Suggester.plainWords(query) {
            guard corrected < Suggester.maxCorrectedWords else { break }
            // Unknown only when no language's analysis of it is in the index.
            let forms = searcher.planner.analyses(word).map(\.terms)
            guard forms.allSatisfy({ $0.count == 1 }), let term = forms.first?.first else { continue }
            guard try forms.allSatisfy({ form in
                try form[0].withUnsafeBufferPointer { try searcher.reader.documentFrequency($0) } == 0
            }) else { continue }
            corrected += 1
            let best = try closestBySingleEdit(word) ?? closestTerm(to: term)
            guard let best, let surface = try surfaceForm(of: best) else { continue }
            out.append(Suggestion(word: word, replacement: surface))
        }
        return out
    }

    /// The plain words of the query's positive clauses (not phrases, prefixes or filters).
    static func plainWords(_ query: Query) -> [String] {
        switch query {
        case .term(let w, _): return [w]
        case .phrase(let text, _, _): return text.split(whereSeparator: { $0.isWhitespace }).map(String.init)
        case .boolean(let must, let should, _): return (must + should).flatMap(plainWords)
        default: return []
        }
    }

    /// Every spelling one edit away from the word (deletion, transposition, substitution,
    /// insertion of a-z), analysed as the index is: stems of "deportaton" include "deport".
    /// The indexed one found in most documents wins.
    private func closestBySingleEdit(_ word: String) throws -> [UInt8]? {
        let w = Array(searcher.analyzer.normalize(word).utf8)
        guard w.count >= 3, w.count <= 40 else { return nil }
        var edits = Set<[UInt8]>()
        let letters = Array("abcdefghijklmnopqrstuvwxyz".utf8)
        for i in 0...w.count {
            if i < w.count { var e = w; e.remove(at: i); edits.insert(e) }
            if i + 1 < w.count { var e = w; e.swapAt(i, i + 1); edits.insert(e) }
            for c in letters {
                if i < w.count && w[i] != c { var e = w; e[i] = c; edits.insert(e) }
                var e = w; e.insert(c, at: i); edits.insert(e)
            }
        }
        var best: (term: [UInt8], df: Int)?
        for edit in edits {
            for analysis in searcher.planner.analyses(String(decoding: edit, as: UTF8.self)) {
                guard analysis.terms.count == 1, let t = analysis.terms.first else { continue }
                let df = try t.withUnsafeBufferPointer { try searcher.reader.documentFrequency($0) }
                if df > 0 && (best == nil || df > best!.df || (df == best!.df && t.lexicographicallyPrecedes(best!.term))) {
                    best = (t, df)
                }
            }
        }
        return best?.term
    }

    private func closestTerm(to term: [UInt8]) throws -> [UInt8]? {
        guard let first = term.first, term.count >= 3 else { return nil }
        let maxDistance = term.count <= 4 ? 1 : 2
        var candidates: [[UInt8]: (distance: Int, df: Int)] = [:]
        for segment in searcher.reader.segments {
            try [first].withUnsafeBufferPointer { start in
                try segment.terms.forEach(from: start) { candidate, info in
                    guard candidate.first == first else { return false }
                    guard abs(candidate.count - term.count) <= maxDistance else { return true }
                    let d = Suggester.distance(term, candidate, limit: maxDistance)
                    if d <= maxDistance {
                        let df = try segment.liveDocumentFrequency(candidate, info)
                        guard df > 0 else { return true }
                        let key = Array(candidate)
                        let old = candidates[key]
                        candidates[key] = (d, (old?.df ?? 0) + df)
                    }
                    return true
                }
            }
        }
        return candidates.min { a, b in
            a.value.distance != b.value.distance ? a.value.distance < b.value.distance
                : a.value.df != b.value.df ? a.value.df > b.value.df : a.key.lexicographicallyPrecedes(b.key)
        }?.key
    }

    /// How the term is written in the first document that contains it, lower-cased.
    private func surfaceForm(of term: [UInt8]) throws -> String? {
        for (s, segment) in searcher.reader.segments.enumerated() {
            guard let info = try term.withUnsafeBufferPointer({ try segment.terms.lookup($0) }) else { continue }
            let cursor = try segment.postings(info)
            try cursor.start()
            let doc = try searcher.reader.document(searcher.reader.segmentBases[s] + Int(cursor.doc))
            for text in [doc.title, doc.body] {
                var found: String?
                let utf8 = Array(text.utf8)
                searcher.analyzer.analyze(text) { t, token in
                    if found == nil && t.elementsEqual(term) {
                        found = String(decoding: utf8[token.start..<token.end], as: UTF8.self).lowercased()
                    }
                }
                if let found { return found }
            }
        }
        return nil
    }

    /// Optimal-string-alignment distance, giving up (returning limit + 1) once it exceeds limit.
    static func distance(_ a: [UInt8], _ b: UnsafeBufferPointer<UInt8>, limit: Int) -> Int {
        let n = a.count, m = b.count
        if abs(n - m) > limit { return limit + 1 }
        var previous2 = [Int](repeating: 0, count: m + 1)
        var previous = Array(0...m)
        var current = [Int](repeating: 0, count: m + 1)
        for i in 1...max(1, n) where n > 0 {
            current[0] = i
            var rowMin = current[0]
            for j in 1...max(1, m) where m > 0 {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                var v = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] { v = min(v, previous2[j - 2] + 1) }
                current[j] = v
                rowMin = min(rowMin, v)
            }
            if rowMin > limit { return limit + 1 }
            (previous2, previous, current) = (previous, current, previous2)
        }
        return n == 0 ? m : (m == 0 ? n : previous[m])
    }
}

extension Searcher {
    /// "Did you mean" replacements for the query's words that no document contains.
    public func suggestions(for query: Query) throws -> [Suggestion] {
        try Suggester(searcher: self).suggestions(for: query)
    }
}
