import Foundation

/// Dates a page's visible text states about the article outside the text the article extractor
/// keeps, in the two places pages print a byline without marking it up as a date:
///
/// - next to the headline: the few short texts just after it ("January 13, 2020 at 08:45 AM |
///   categories: …", "05/10/2018 - Publicado por: …") or just before it ("14.06.2019 (ch)",
///   "publiziert am 25. September 2018" above an `<h1>`). The headline is the first text on the
///   page, outside navigation and other content, that is the page's title (or holds it, or is
///   most of it), in any element: `<h1>`, `<h2>`, `<dt>`, `<p class=titulo>`.
/// - after a label anywhere on the page outside other content: a publication label
///   ("Published", "veröffentlicht", "publicado", "기사입력") or an update label ("Last updated",
///   "Stand", "actualizado"), which the page's trust order places last, like `og:updated_time`.
///
/// A date counts only to the day and from 1990 on: a year or a month beside a headline is a
/// series or an issue, and a page that old prints no web byline.
struct PageTextDates {
    var byHeadline: PartialDate?
    var labelledPublished: PartialDate?
    var labelledUpdated: PartialDate?

    /// Texts after the headline read (non-empty text nodes) and their total bytes; before it.
    static let afterTexts = 8, afterBytes = 300
    static let beforeTexts = 8, beforeBytes = 160
    /// A text this long is the article's first paragraph, where the body's own dateline rule reads.
    static let paragraphBytes = 200
    /// A labelled date's text is a byline's length, its label within its first words.
    static let bylineBytes = 160, labelOpensWithin = 24

    /// A visible text of the page, whitespace collapsed; a long one (a paragraph) keeps only
    /// its length, for no date beside a headline or after a label is read in it.
    struct PageText {
        var text: String
        var bytes: Int
    }

    init(tree: HTMLTree, titles: [String]) {
        // Visible texts in page order, outside navigation and other content; the page's footer
        // is read for labelled update dates only ("Stand: 08.05.2019" of an institution's page).
        var texts: [PageText] = []
        var footerTexts: [PageText] = []
        var places: [Int32: Place] = [:]
        texts.reserveCapacity(1024)
        for (i, node) in tree.nodes.enumerated() where node.tag == .text && tree.textLen[i] > 0 {
            let place = PageTextDates.place(of: Int32(i), tree, &places)
            guard place != .other else { continue }
            let raw = tree.text[Int(node.textStart)..<Int(node.textEnd)]
            let text = raw.count > PageTextDates.shortTextLimit
                ? PageText(text: "", bytes: Int(tree.textLen[i]))
                : { let t = PageTextDates.collapse(raw); return PageText(text: t, bytes: t.utf8.count) }()
            if place == .content { texts.append(text) } else { footerTexts.append(text) }
        }
        let order = tree.declaredLanguage.flatMap(SlashDateOrder.of(languageTag:))
        let headline = HeadlineMatcher(titles: titles)
        if let at = texts.firstIndex(where: { headline.matches($0) }) {
            byHeadline = PageTextDates.dateBeside(headlineAt: at, texts, order: order)
        }
        labelledPublished = PageTextDates.labelledDate(.published, in: texts, order: order)
        labelledUpdated = PageTextDates.labelledDate(.updated, in: texts, order: order)
            ?? PageTextDates.labelledDate(.updated, in: footerTexts, order: order)
    }

    /// Raw bytes past which a text is a paragraph, not a byline, headline or date line.
    static let shortTextLimit = 600

    /// The first date that follows a label of `kind` in its text, or is the next text
    /// ("<span>Stand:</span> <b>08.05.2019</b>"). The label opens a short text, as a byline's
    /// does: in a sentence "released on November 5, 2019" is an event the article reports.
    static func labelledDate(_ kind: DateLabels.Kind, in texts: [PageText], order: SlashDateOrder?) -> PartialDate? {
        for (k, t) in texts.enumerated() where t.bytes <= bylineBytes && !t.text.isEmpty {
            guard let (label, _, afterLabel) = DateLabels.firstLabel(in: t.text, within: labelOpensWithin), label == kind else { continue }
            let next = k + 1 < texts.count ? String(decoding: texts[k + 1].text.utf8.prefix(DateLabels.reach), as: UTF8.self) : ""
            if let date = dayDate(afterLabel, order) ?? (afterLabel.contains(where: { $0.isNumber }) ? nil : dayDate(next, order)) { return date }
        }
        return nil
    }

    /// The first day-precise date in the short texts after the headline, else the nearest before it.
    static func dateBeside(headlineAt at: Int, _ texts: [PageText], order: SlashDateOrder?) -> PartialDate? {
        var bytes = 0
        for t in texts[(at + 1)...].prefix(afterTexts) {
            if t.bytes > paragraphBytes { break }
            bytes += t.bytes
            if bytes > afterBytes { break }
            if let d = dayDate(t.text, order) { return d }
        }
        bytes = 0
        for t in texts[..<at].suffix(beforeTexts).reversed() {
            if t.bytes > paragraphBytes { break }
            bytes += t.bytes
            if bytes > beforeBytes { break }
            if let d = dayDate(t.text, order) { return d }
        }
        return nil
    }

    /// A short text's first date when it names a day from 1990 on; "05/10/2018" in the order
    /// of the page's declared language.
    static func dayDate(_ text: String, _ order: SlashDateOrder?) -> PartialDate? {
        guard let d = DateNormalizer.find(in: text, slashOrder: order), d.day != nil, d.year >= 1990 else { return nil }
        return d
    }

    /// Lower case, whitespace collapsed: how texts and titles are compared.
    static func normalized(_ s: String) -> String { collapseWhitespace(s.lowercased()) }

    static func collapse(_ raw: ArraySlice<UInt8>) -> String {
        var builder = TextBuilder()
        raw.withUnsafeBufferPointer { builder.append($0) }
        return builder.string()
    }

    enum Place { case content, footer, other }

    /// Where text node `n` sits: in content, in the page's footer, or in navigation, a menu or
    /// other content (comments, teasers, sidebars), judged by `DatePlacement` as date elements
    /// are; verdicts are kept per parent element.
    static func place(of n: Int32, _ tree: HTMLTree, _ known: inout [Int32: Place]) -> Place {
        let parent = tree.nodes[Int(n)].parent
        if let verdict = known[parent] { return verdict }
        var ancestors: [DatePlacement.Ancestor] = []
        func add(_ index: Int32) {
            let node = tree.nodes[Int(index)]
            ancestors.append(DatePlacement.Ancestor(role: role(of: node.tag), classValues: [node.matchString],
                                                    strongUnlikely: node.flags & HTMLTree.strongUnlikely != 0))
        }
        var p = parent
        while p >= 0, ancestors.count < 60 {
            add(p)
            // a div replaced by its one paragraph still says what the paragraph is part of
            var replaced = tree.nodes[Int(p)].replacedDiv
            while replaced >= 0, ancestors.count < 60 { add(replaced); replaced = tree.nodes[Int(replaced)].replacedDiv }
            p = tree.nodes[Int(p)].parent
        }
        let verdict: Place
        switch DatePlacement.verdict(ancestors) {
        case .article, .page: verdict = .content
        case .footer: verdict = .footer
        case .otherContent: verdict = .other
        }
        known[parent] = verdict
        return verdict
    }

    static func role(of tag: HTag) -> DatePlacement.Role {
        switch tag {
        case .html, .body: return .frame
        case .article: return .article
        case .header, .main: return .articleRegion
        case .aside, .nav: return .aside
        case .footer: return .footer
        default: return .other
        }
    }
}
