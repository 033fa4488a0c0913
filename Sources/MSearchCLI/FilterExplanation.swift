import Foundation
import MSearchQuery
import MSearchSearch

/// Why a short result list is short: which filter removed how many of the query's matches,
/// and a name from the actor list when an `--actor` names no article at all. Only worked out
/// when the page is not full (each note costs a count of the query without one filter).
struct FilterExplanation {
    let session: SearchSession

    func notes(for parsed: Query, total: Int) throws -> [String] {
        let f = session.filters
        guard !f.isEmpty, total < max(1, session.limit) else { return [] }
        let searcher = session.searcher
        var notes: [String] = []
        if f.from != nil || f.to != nil {
            var noDates = f; noDates.from = nil; noDates.to = nil
            let withoutDates = try count(noDates.apply(to: parsed))
            var undated = 0
            if !searcher.includeUndated {
                searcher.includeUndated = true
                defer { searcher.includeUndated = false }
                undated = max(0, try count(f.apply(to: parsed)) - total)
            }
            let outside = max(0, withoutDates - total - undated)
            let range = [f.from.map { "--from \($0)" }, f.to.map { "--to \($0)" }].compactMap { $0 }.joined(separator: " ")
            if outside > 0 { notes.append("\(outside) dated \(articles(outside)) outside \(range) \(outside == 1 ? "is" : "are") not shown.") }
            if undated > 0 { notes.append("\(undated) undated \(articles(undated)) \(undated == 1 ? "is" : "are") not shown; add --undated include.") }
        }
        for (i, actor) in f.actors.enumerated() {
            if try count(.actor(actor)) == 0 {
                let suggestion = ActorSuggestion.closest(to: actor, in: actorNames()).map { "; did you mean --actor \"\($0)\"?" } ?? "."
                notes.append("No article names \"\(actor)\"\(suggestion)")
                continue
            }
            var without = f; without.actors.remove(at: i)
            let more = try count(without.apply(to: parsed)) - total
            if more > 0 { notes.append("\(more) more \(articles(more)) match without --actor \"\(actor)\".") }
        }
        return notes
    }

    private func count(_ query: Query) throws -> Int {
        try session.searcher.search(query, limit: 0).total
    }

    private func actorNames() -> [String] {
        let all = try? session.searcher.search(.all, limit: 0, facets: true, actorLimit: OptionValidation.maxActors)
        return (all?.facets?.actors ?? []).compactMap(\.value)
    }

    private func articles(_ n: Int) -> String { n == 1 ? "article" : "articles" }
}

/// The actor name closest to a mistyped one: edit distance (case and accents folded) to the
/// whole name or to any of its words ("Blairr" → "Tony Blair"), at most a third of the typed
/// length; among equals the most named (the list comes most named first).
enum ActorSuggestion {
    static func closest(to typed: String, in names: [String]) -> String? {
        let key = fold(typed)
        guard key.count >= 3 else { return nil }
        let limit = max(1, key.count / 3)
        var best: (name: String, distance: Int)?
        for name in names {
            let folded = fold(name)
            let candidates = [folded] + folded.split(separator: " ").map(Array.init)
            let d = candidates.map { editDistance(key, $0) }.min() ?? Int.max
            if d <= limit && (best == nil || d < best!.distance) { best = (name, d) }
        }
        return best?.name
    }

    private static func fold(_ s: String) -> [Character] {
        Array(s.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil))
    }

    static func editDistance(_ a: [Character], _ b: [Character]) -> Int {
        if a.isEmpty || b.isEmpty { return max(a.count, b.count) }
        var previous = Array(0...b.count), current = previous
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}
