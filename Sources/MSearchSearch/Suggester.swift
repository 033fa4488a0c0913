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

    /// A word found in no document gets the closest indexed word. With `rareWords` (the caller
    /// found few hits) a word found in some documents gets a spelling one edit away that is in
    /// at least `morePopularFactor` times as many ("goverment" matching one "governess" →
    /// "government"), Lucene's SUGGEST_MORE_POPULAR mode with a margin.
    func suggestions(for query: Query, rareWords: Bool = false) throws -> [Suggestion] {
        var out: [Suggestion] = []
        var corrected = 0
        for word in Suggester.plainWords(query) {
            guard corrected < Suggester.maxCorrectedWords else { break }
            // Unknown only when no language's analysis of it is in the index.
            let forms = searcher.planner.analyses(word).map(\.terms)
            guard forms.allSatisfy({ $0.count == 1 }), let term = forms.first?.first else { continue }
            let df = try forms.reduce(0) { total, form in
                total + (try form[0].withUnsafeBufferPointer { try searcher.reader.documentFrequency($0) })
            }
            var surface: String?
            if df == 0 {
                corrected += 1
                if let edit = try closestBySingleEdit(word) {
                    surface = edit.surface
                } else if let close = try closestTerm(to: term) {
                    surface = try surfaceForm(of: close, closestTo: word)?.form
                }
            } else if rareWords, try surfaceForm(of: term, closestTo: word)?.distance != 0 {
                // Only a spelling the corpus never writes: "governess" is a word (it is written
                // so), "goverment" only shares its stem.
                corrected += 1
                if let edit = try closestBySingleEdit(word, excluding: term), edit.df / Suggester.morePopularFactor >= df {
                    surface = edit.surface
                }
            }
            guard let surface else { continue }
            out.append(Suggestion(word: word, replacement: surface))
        }
        return out
    }

    /// How many times more documents a one-edit spelling must be in to replace a word that
    /// matches some: a rare correct word (a name, a term of art) is left alone unless the
    /// alternative is far more common. A margin chosen, not measured.
    static let morePopularFactor = 10

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
    /// Stems can make a non-word edit look popular ("goverment" minus its g, "overment", stems
    /// to the common "over"), so of the `editCandidates` commonest terms the one whose written
    /// form is nearest to what was typed wins ("government", one edit), then the commonest.
    static let editCandidates = 5

    private func closestBySingleEdit(_ word: String, excluding own: [UInt8]? = nil) throws -> (surface: String, df: Int)? {
        let ranked = try singleEditTerms(word).filter { $0.term != own }.prefix(Suggester.editCandidates)
        var best: (surface: String, distance: Int, df: Int)?
        for candidate in ranked {
            guard let s = try surfaceForm(of: candidate.term, closestTo: word) else { continue }
            if best == nil || s.distance < best!.distance { best = (s.form, s.distance, candidate.df) }
        }
        return best.map { ($0.surface, $0.df) }
    }

    /// The indexed terms one edit of the word leads to, commonest first (ties by term).
    private func singleEditTerms(_ word: String) throws -> [(term: [UInt8], df: Int)] {
        let w = Array(searcher.analyzer.normalize(word).utf8)
        guard w.count >= 3, w.count <= 40 else { return [] }
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
        var found: [[UInt8]: Int] = [:]
        for edit in edits {
            for analysis in searcher.planner.analyses(String(decoding: edit, as: UTF8.self)) {
                guard analysis.terms.count == 1, let t = analysis.terms.first, found[t] == nil else { continue }
                let df = try t.withUnsafeBufferPointer { try searcher.reader.documentFrequency($0) }
                if df > 0 { found[t] = df }
            }
        }
        return found.map { (term: $0.key, df: $0.value) }.sorted {
            $0.df != $1.df ? $0.df > $1.df : $0.term.lexicographicallyPrecedes($1.term)
        }
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

    /// How the term is written in the first document that contains it, lower-cased: of the
    /// forms used there, the one closest to what was typed, without a possessive ending (the
    /// stem "microsoft" is written "microsoft's" too; "microsft" means "microsoft").
    private func surfaceForm(of term: [UInt8], closestTo typed: String) throws -> (form: String, distance: Int)? {
        let wanted = Array(searcher.analyzer.normalize(typed).utf8)
        for (s, segment) in searcher.reader.segments.enumerated() {
            guard let info = try term.withUnsafeBufferPointer({ try segment.terms.lookup($0) }) else { continue }
            let cursor = try segment.postings(info)
            try cursor.start()
            let doc = try searcher.reader.document(searcher.reader.segmentBases[s] + Int(cursor.doc))
            var best: (form: String, distance: Int)?
            for text in [doc.title, doc.body] {
                let utf8 = Array(text.utf8)
                searcher.analyzer.analyze(text) { t, token in
                    guard t.elementsEqual(term) else { return }
                    let form = Suggester.withoutPossessive(String(decoding: utf8[token.start..<token.end], as: UTF8.self).lowercased())
                    let d = Array(form.utf8).withUnsafeBufferPointer { Suggester.distance(wanted, $0, limit: 8) }
                    if best == nil || d < best!.distance { best = (form, d) }
                }
            }
            if let best { return best }
        }
        return nil
    }

    /// "microsoft's" → "microsoft" (also with a typographic apostrophe, and "reuters'" → "reuters").
    static func withoutPossessive(_ word: String) -> String {
        for ending in ["'s", "\u{2019}s", "'", "\u{2019}"] where word.hasSuffix(ending) && word.count > ending.count {
            return String(word.dropLast(ending.count))
        }
        return word
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
    /// With `rareWords` (few hits), also far more common spellings of words that match some.
    public func suggestions(for query: Query, rareWords: Bool = false) throws -> [Suggestion] {
        try Suggester(searcher: self).suggestions(for: query, rareWords: rareWords)
    }
}
