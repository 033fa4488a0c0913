import Foundation
import MSearchSnippets

/// The `--json` object. Keys keep a fixed order and output is deterministic for a given index
/// and query (apart from `took_ms`), so scripts can diff results.
///
/// `highlights` are [start, end) offsets into `snippet` in Unicode code points (what Python's
/// `s[start:end]` expects).
enum JSONOutput {
    struct Hit: Encodable {
        var rank: Int
        var id: String
        var score: Double
        var title: String
        var path: String
        var date: String?
        var snippet: String
        var highlights: [[Int]]

        func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(rank, forKey: .rank)
            try c.encode(id, forKey: .id)
            try c.encode((score * 1e6).rounded() / 1e6, forKey: .score)
            try c.encode(title, forKey: .title)
            try c.encode(path, forKey: .path)
            if let date { try c.encode(date, forKey: .date) } else { try c.encodeNil(forKey: .date) }
            try c.encode(snippet, forKey: .snippet)
            try c.encode(highlights, forKey: .highlights)
        }
        enum CodingKeys: String, CodingKey { case rank, id, score, title, path, date, snippet, highlights }
    }

    struct Response: Encodable {
        var query: String
        var total: Int
        var took_ms: Double
        var hits: [Hit]
    }

    static func render(query: String, total: Int, tookMs: Double, hits: [PresentedHit]) -> String {
        let response = Response(query: query, total: total, took_ms: (tookMs * 1000).rounded() / 1000,
                                hits: hits.map { h in
            let snippet = h.snippets.first ?? Snippet(text: "", highlights: [])
            return Hit(rank: h.rank, id: h.document.id, score: h.hit.score, title: h.document.title,
                       path: h.document.path, date: h.document.date, snippet: snippet.text,
                       highlights: snippet.highlightScalarOffsets())
        })
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes]
        let data = (try? encoder.encode(response)) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self)
    }
}
