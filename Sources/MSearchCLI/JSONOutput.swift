import Foundation
import MSearchIndex
import MSearchIndexing
import MSearchSearch
import MSearchSnippets
import MSearchSources

/// The `--json` object (and batch mode's JSON Lines records). Keys keep a fixed order and output
/// is deterministic for a given index and query (apart from `took_ms`), so scripts can diff it.
///
/// `highlights` are [start, end) offsets into `snippet` in Unicode code points (what Python's
/// `s[start:end]` expects).
enum JSONOutput {
    /// A score to six decimals. Scores are finite (the ranking options are validated), and one
    /// too large to round through ×10⁶ is printed as it is rather than as an infinity (`null`).
    static func rounded(_ score: Double) -> Double {
        score.magnitude < 1e300 ? (score * 1e6).rounded() / 1e6 : score
    }

    static func explanation(_ e: Explanation) -> JSONValue {
        .object([("value", .double(e.value)), ("description", .string(e.description)),
                 ("details", .array(e.details.map(explanation)))])
    }

    static func hit(_ h: PresentedHit) -> JSONValue {
        let snippet = h.snippets.first ?? Snippet(text: "", highlights: [])
        var fields: [(String, JSONValue)] = [
            ("rank", .int(h.rank)),
            ("id", .string(h.externalId)),
            ("score", .double(JSONOutput.rounded(h.hit.score))),
            ("title", .string(h.document?.title ?? "")),
            ("path", .string(h.document?.path ?? "")),
            ("date", .string(h.document?.date)),
            ("language", .string(h.document?.language.flatMap { $0.isEmpty ? nil : $0 })),
            ("actors", .array((h.document?.actors ?? []).map { .string($0.name) })),
            ("snippet", .string(snippet.text)),
            ("highlights", .array(snippet.highlightScalarOffsets().map { .array($0.map { .int($0) }) })),
        ]
        if h.snippets.count > 1 {
            fields.append(("passages", .array(h.snippets.map { s in
                .object([("text", .string(s.text)),
                         ("highlights", .array(s.highlightScalarOffsets().map { .array($0.map { .int($0) }) }))])
            })))
        }
        if let cluster = h.cluster {
            fields.append(("cluster", .string(cluster)))
            fields.append(("similar", .array(h.similar.map { .string($0) })))
        }
        if h.sourceChanged { fields.append(("source_changed", .string(SourceText.changedNotice))) }
        if let e = h.explanation { fields.append(("explanation", explanation(e))) }
        return .object(fields)
    }

    /// A stored document with everything extraction found.
    static func documentFields(_ d: SourceDocument) -> [(String, JSONValue)] {
        [("id", .string(d.id)), ("title", .string(d.title)), ("path", .string(d.path)), ("url", .string(d.url)),
         ("date", .string(d.date)), ("date_evidence", .string(d.dateEvidence)),
         ("language", .string(d.language.flatMap { $0.isEmpty ? nil : $0 })),
         ("actors", .array(d.actors.map { .string($0.name) })),
         ("actor_kinds", .array(d.actors.map { .string($0.kind.rawValue) })),
         ("dates_mentioned", .array(d.mentionedDates.map { .string($0) })),
         ("body", .string(d.body))]
    }

    static func document(_ d: SourceDocument) -> JSONValue { .object(documentFields(d)) }

    static func facets(_ f: FacetCounts) -> JSONValue {
        func values(_ vs: [FacetCounts.Value]) -> JSONValue {
            .array(vs.map { v in
                var o: [(String, JSONValue)] = [("value", .string(v.value))]
                if let k = v.kind { o.append(("kind", .string(k.rawValue))) }
                o.append(("count", .int(v.count)))
                return .object(o)
            })
        }
        // The periods the text timeline counts by (weeks need it: year and month cannot give them).
        let t = Timeline(dates: f.dates)
        let timeline: JSONValue = .object([
            ("granularity", .string(t.granularity.rawValue)),
            ("periods", .array(t.periods.map { .object([("start", .string($0.label)), ("count", .int($0.count))]) })),
            ("imprecise", .int(t.imprecise)), ("undated", .int(t.undated))])
        return .object([("year", values(f.years)), ("month", values(f.months)), ("timeline", timeline),
                        ("actor", values(f.actors)), ("language", values(f.languages))])
    }

    static func answer(_ a: SearchAnswer, qid: String? = nil) -> JSONValue {
        var fields: [(String, JSONValue)] = []
        if let qid { fields.append(("qid", .string(qid))) }
        fields += [
            ("query", .string(a.text)),
            ("total", .int(a.total)),
            // The page: how many hits precede it, and where the next one starts (null at the end).
            ("offset", .int(a.offset)),
            ("next_offset", a.nextOffset.map { .int($0) } ?? .null),
            ("took_ms", .double((a.tookMs * 1000).rounded() / 1000)),
            ("hits", .array(a.hits.map(hit))),
        ]
        // The total counts articles; collapsed, the list has one result per cluster.
        if a.collapsed, let groups = a.groups, groups < a.total { fields.append(("results", .int(groups))) }
        if let d = a.didYouMean { fields.append(("did_you_mean", .string(d))) }
        if !a.notes.isEmpty { fields.append(("notes", .array(a.notes.map { .string($0) }))) }
        if let f = a.facets { fields.append(("facets", facets(f))) }
        return .object(fields)
    }

    /// A command that could not run (a bad option value, a missing index) with `--json`:
    /// `{"error": {"message"}}`, the shape of a failed query's record without the query.
    static func usageError(_ message: String) -> JSONValue {
        .object([("error", .object([("message", .string(message))]))])
    }

    /// A record for a query that could not run: batch mode writes it and goes on.
    static func error(qid: String?, query: String, message: String, position: Int?) -> JSONValue {
        var fields: [(String, JSONValue)] = []
        if let qid { fields.append(("qid", .string(qid))) }
        fields.append(("query", .string(query)))
        var error: [(String, JSONValue)] = [("message", .string(message))]
        if let position { error.append(("position", .int(position))) }
        fields.append(("error", .object(error)))
        return .object(fields)
    }
}
