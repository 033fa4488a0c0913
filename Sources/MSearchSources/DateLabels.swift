import Foundation

/// Words and phrases that label a date as the page's publication or its last update, in the
/// languages msearch reads dates in and the CJK scripts news sites label bylines with
/// ("Published", "veröffentlicht am", "publicado el", "publié le", Korean 기사입력 "article
/// entered", Chinese 发布 "released", "Last updated", "Stand:", "mis à jour"). Shared by the
/// page-text scan (`PageTextDates`) and the body's dateline rule in MSearchExtraction.
public enum DateLabels {
    public enum Kind: Sendable { case published, updated }

    public static let published: [String] = """
        published|first published|date published|publication date|posted|posted on
        veröffentlicht|publiziert|erschienen|erstellt|datum
        publicado|publicada|fecha de publicación|fecha
        publié|publiée|date de publication
        publicado em|publicada em
        pubblicato|pubblicata|data di pubblicazione
        gepubliceerd|geplaatst
        기사입력|입력|등록|발행|게재|发布|發布|发表|發表|公開|投稿|掲載
        """.split(whereSeparator: { $0 == "|" || $0 == "\n" }).map { $0.trimmingCharacters(in: .whitespaces) }

    public static let updated: [String] = """
        updated|last updated|last modified|modified|revised
        aktualisiert|zuletzt aktualisiert|stand|geändert|zuletzt geändert
        actualizado|actualizada|actualización|última actualización
        mis à jour|mise à jour|actualisé|actualisée|modifié
        atualizado|atualizada|atualização
        aggiornato|aggiornata|ultimo aggiornamento
        bijgewerkt|laatst bijgewerkt
        수정|更新
        """.split(whereSeparator: { $0 == "|" || $0 == "\n" }).map { $0.trimmingCharacters(in: .whitespaces) }

    /// The single-word labels, lower case, for token-by-token rules.
    public static let words: Set<String> = Set((published + updated).filter { !$0.contains(" ") })

    static let labelBytes: [(Kind, [UInt8])] = published.map { (Kind.published, Array($0.utf8)) } + updated.map { (Kind.updated, Array($0.utf8)) }

    /// How far after its label a date may begin: "Published by Ana Pérez of Reuters on 5 May".
    static let reach = 80

    /// The first label in a short text (lower-cased comparison, whole words for letters, as
    /// written for CJK) starting within the first `within` bytes, the byte where it starts, and
    /// the text after it, up to `reach` bytes.
    static func firstLabel(in text: String, within: Int = Int.max) -> (kind: Kind, start: Int, after: String)? {
        let lower = Array(text.lowercased().utf8)
        guard lower.count == text.utf8.count else { return nil }   // case mapping changed lengths: offsets would not match
        var best: (start: Int, end: Int, kind: Kind)?
        for (kind, l) in labelBytes {
                var from = 0
                while let at = find(l, in: lower, from: from, startingBy: within) {
                    let end = at + l.count
                    if isBoundary(lower, before: at), isBoundary(lower, after: end) {
                        // the longest label at the earliest place ("last updated" over "updated")
                        if best == nil || at < best!.start || at == best!.start && end > best!.end { best = (at, end, kind) }
                        break
                    }
                    from = at + 1
                }
        }
        guard let best else { return nil }
        let after = Array(text.utf8)[best.end..<min(text.utf8.count, best.end + reach)]
        return (best.kind, best.start, String(decoding: after, as: UTF8.self))
    }

    /// Where `needle` starts in `hay` at or after `from` and at most at `last`.
    private static func find(_ needle: [UInt8], in hay: [UInt8], from: Int, startingBy last: Int) -> Int? {
        guard !needle.isEmpty, from <= min(last, hay.count - needle.count) else { return nil }
        let end = last >= hay.count - needle.count ? hay.count : last + needle.count   // `last` may be Int.max
        return hay.withUnsafeBufferPointer { h in
            needle.withUnsafeBufferPointer { findBytes($0, in: UnsafeBufferPointer(rebasing: h[from..<end])) }.map { $0 + from }
        }
    }

    /// A Latin letter on the other side ends the match ("stand" in "standard"); CJK text has no
    /// spaces, so a non-ASCII neighbour of a CJK label is no obstacle.
    private static func isBoundary(_ b: [UInt8], before at: Int) -> Bool {
        at == 0 || !isWordByte(b[at - 1]) || (b[at] >= 0xE0 && b[at - 1] >= 0x80)
    }
    private static func isBoundary(_ b: [UInt8], after end: Int) -> Bool {
        end >= b.count || !isWordByte(b[end]) || (b[end - 1] >= 0x80 && b[end] >= 0xE0)
    }
    private static func isWordByte(_ c: UInt8) -> Bool {
        (c >= 0x61 && c <= 0x7A) || (c >= 0x41 && c <= 0x5A) || c >= 0x80
    }
}
