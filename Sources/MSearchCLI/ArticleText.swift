import MSearchIndex
import MSearchIndexing
import MSearchSources

/// One article as `msearch show` and the REPL's `:show` print it: the same text in both, so
/// what a reader learns about an article does not depend on where they asked.
enum ArticleText {
    /// The title, where the article comes from, its date with the evidence for it, the actors,
    /// its near-duplicates (ids), then the body. Everything but the labels comes from the
    /// documents: see TerminalText.
    static func full(_ doc: SourceDocument, storesText: Bool, nearDuplicates: [String] = []) -> String {
        // An index without stored text re-reads it from the source; it has none when that changed.
        let textMissing = !storesText && doc.title.isEmpty && doc.body.isEmpty
        let e = { (s: String) in TerminalText.escaped(s) }
        var out = e(textMissing ? doc.id : doc.title) + "\n"
        out += "id: \(e(doc.id))\npath: \(e(DisplayPath.shown(doc.path)))\n"
        if let url = doc.url { out += "url: \(e(url))\n" }
        out += "published: \(e(doc.date ?? "undated"))" + (doc.dateEvidence.map { " (from \(e($0)))" } ?? "") + "\n"
        if let language = doc.language, !language.isEmpty { out += "language: \(e(language))\n" }
        if !doc.mentionedDates.isEmpty { out += "dates mentioned: \(e(doc.mentionedDates.joined(separator: ", ")))\n" }
        for kind in ActorKind.allCases {
            let names = doc.actors.filter { $0.kind == kind }.map { e($0.name) }
            if !names.isEmpty { out += "\(kind == .person ? "people" : kind.rawValue + "s"): \(names.joined(separator: ", "))\n" }
        }
        if !nearDuplicates.isEmpty { out += "near-duplicates: \(nearDuplicates.map(e).joined(separator: ", "))\n" }
        return out + "\n" + (textMissing ? SourceText.changedNotice : TerminalText.escaped(doc.body, keepingLines: true)) + "\n"
    }

    /// Only the article itself, title then body (`show --text`): for reading or piping on.
    static func text(_ doc: SourceDocument, storesText: Bool) -> String? {
        if !storesText && doc.title.isEmpty && doc.body.isEmpty { return nil }
        let e = { (s: String) in TerminalText.escaped(s, keepingLines: true) }
        return (doc.title.isEmpty ? "" : e(doc.title) + "\n\n") + e(doc.body) + "\n"
    }
}
