import Foundation
import MSearchIndex
import MSearchIndexing
import MSearchSearch
import MSearchSnippets

/// Results as people read them in a terminal: rank, title, date and source, then the passage.
enum TextOutput {
    static func render(_ answer: SearchAnswer, style: HighlightStyle) -> String {
        let query = answer.text, total = answer.total, tookMs = answer.tookMs, hits = answer.hits
        var out = ""
        let bold = style.isANSI ? "\u{1B}[1m" : "", dim = style.isANSI ? "\u{1B}[2m" : "", reset = style.isANSI ? "\u{1B}[0m" : ""
        // Everything shown but the numbers comes from users or documents: see TerminalText.
        let suggestion = answer.didYouMean.map { "Did you mean: \(bold)\(TerminalText.escaped($0))\(reset)?\n" } ?? ""
        let notes = answer.notes.map { "\(TerminalText.escaped($0))\n" }.joined()
        if total == 0 {
            out += "No articles match \"\(TerminalText.escaped(query))\".\n" + notes + suggestion
            return out
        }
        out += suggestion
        for h in hits {
            guard let document = h.document else { continue }
            let title = document.title.isEmpty ? (h.sourceChanged ? document.id : "(untitled)") : document.title
            // A highlight's closing reset would turn the title's bold off too: it turns it back on.
            let titleStyle = style.isANSI ? HighlightStyle.markers(open: HighlightStyle.ansiOpen, close: HighlightStyle.ansiClose + bold) : style
            let shownTitle = render(shortened(title, highlights: h.titleHighlights), style: titleStyle)
            out += "\(bold)\(h.rank). \(reset)\(bold)\(shownTitle)\(reset)\n"
            var meta: [String] = []
            if let d = document.date { meta.append(TerminalText.escaped(d)) }
            // The people and organisations first: places ("Cuba") rarely tell articles apart.
            let actors = document.actors.filter { $0.kind != .place } + document.actors.filter { $0.kind == .place }
            if !actors.isEmpty { meta.append(actors.prefix(4).map { TerminalText.escaped($0.name) }.joined(separator: ", ")) }
            meta.append(TerminalText.escaped(DisplayPath.shown(document.path)))
            // The id `show`, `open` and `similar` take: a file of many articles has one path for all.
            meta.append("id " + TerminalText.escaped(h.externalId))
            meta.append(String(format: "score %.3f", h.hit.score))
            out += "   \(dim)\(meta.joined(separator: " · "))\(reset)\n"
            if answer.collapsed, !h.similar.isEmpty { out += "   \(dim)\(similarLine(h.similar))\(reset)\n" }
            if h.sourceChanged { out += "   \(dim)\(SourceText.changedNotice)\(reset)\n" }
            for s in h.snippets where !s.text.isEmpty {
                out += "   " + render(s, style: style) + "\n"
            }
            if let e = h.explanation {
                out += e.rendered(indent: 2).split(separator: "\n").map { "\(dim)\(TerminalText.escaped(String($0)))\(reset)\n" }.joined()
            }
            out += "\n"
        }
        if let f = answer.facets {
            out += FacetOutput.render(f, total: total, ansi: style.isANSI) + "\n"
        }
        out += "\(dim)\(footer(answer)) · \(String(format: "%.1f", tookMs)) ms\(reset)\n"
        return out + notes
    }

    /// Document text escaped for the terminal, literal brackets told apart from `[ ]` markers.
    static func render(_ snippet: Snippet, style: HighlightStyle) -> String {
        var s = TerminalText.escaped(snippet)
        if case .markers(let open, let close) = style, open == "[" || close == "]" { s = MarkerText.escapingBrackets(s) }
        return SnippetRenderer.render(s, style: style)
    }

    /// Which hits of how many are shown, in which order: "86 matching articles", "3 of 86 …"
    /// on a first page, "4–6 of 86 …" on a later one, ", newest first" when sorted by date.
    static func footer(_ answer: SearchAnswer) -> String {
        let total = answer.listLength, count = answer.hits.count, first = answer.offset + 1
        // Collapsed clusters make the list shorter than the matches: it counts results then.
        let fewerResults = answer.listLength < answer.total
        let articles = fewerResults ? "result\(total == 1 ? "" : "s")" : "matching article\(total == 1 ? "" : "s")"
        var shown: String
        if count == 0 && answer.offset > 0 {
            shown = "none from \(first) on: \(total) \(articles)"
        } else if answer.offset == 0 {
            shown = count < total ? "\(count) of \(total) \(articles)" : "\(total) \(articles)"
        } else {
            let last = answer.offset + count
            shown = "\(count == 1 ? "\(first)" : "\(first)–\(last)") of \(total) \(articles)"
        }
        if fewerResults { shown += " (\(answer.total) matching articles, near-duplicates collapsed)" }
        switch answer.order {
        case .relevance: break
        case .newest: shown += ", newest first"
        case .oldest: shown += ", oldest first"
        }
        return shown
    }
}

/// "+2 similar: 341, 223": the near-duplicates a collapsed hit stands for, the first ten named.
func similarLine(_ ids: [String], named: Int = 10) -> String {
    let shown = ids.prefix(named).map { TerminalText.escaped($0) }.joined(separator: ", ")
    return "+\(ids.count) similar: \(shown)\(ids.count > named ? ", …" : "")"
}

/// A title cut to about a line (at a word boundary, with "…"), keeping the highlights inside.
/// Plain-text files whose first line is a whole paragraph otherwise flood the result list.
func shortened(_ title: String, highlights: [Range<Int>], maxBytes: Int = 140) -> Snippet {
    let utf8 = Array(title.utf8)
    guard utf8.count > maxBytes else { return Snippet(text: title, highlights: highlights) }
    var cut = maxBytes
    while cut > 0 && (utf8[cut] & 0xC0) == 0x80 { cut -= 1 }       // not inside a character
    if let space = utf8[..<cut].lastIndex(of: UInt8(ascii: " ")), space > maxBytes / 2 { cut = space }
    let text = String(decoding: utf8[..<cut], as: UTF8.self) + "…"
    return Snippet(text: text, highlights: highlights.filter { $0.upperBound <= cut })
}

extension HighlightStyle {
    var isANSI: Bool {
        if case .ansi = self { return true }
        return false
    }
}
