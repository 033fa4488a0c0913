import Foundation
import MSearchSources

/// The headline of a document's title without the site and section names pages append or
/// prepend to it ("… » Local » Noticias » Ultima Hora Mallorca", "… | DW", "Site | Headline"):
/// those are the page's navigation, not words of the article, and the actor rules would read
/// "Noticias" (News) as a name. The whole title stays the document's title; only extraction
/// reads the headline.
enum TitleHeadline {
    /// Separators that set off a site or section. Not dashes: after a wire headline a dash names
    /// its source ("… - USDA", "… - CREDIT SUISSE"), an actor, and inside one it is punctuation.
    static let trailingSeparators = [" » ", " › ", " > ", " | ", " :: ", " · "]
    static let leadingSeparators = [" » ", " › ", " > ", " | ", " :: "]
    /// A site or section name is short; a longer segment is part of the headline.
    static let maximumNameWords = 5
    /// The headline has a few words at least.
    static let minimumHeadlineWords = 3

    static func headline(of title: String) -> String {
        guard title.utf8.count <= 1000, mayHaveSeparator(title),
              trailingSeparators.contains(where: { title.contains($0) }) else { return title }
        let trailing = TitleSegments.split(title, at: trailingSeparators)
        if trailing.count >= 2, words(trailing[0]) >= minimumHeadlineWords,
           trailing.dropFirst().allSatisfy({ words($0) <= maximumNameWords }) {
            return trailing[0]
        }
        let leading = TitleSegments.split(title, at: leadingSeparators)
        if leading.count >= 2, let last = leading.last, words(last) >= minimumHeadlineWords,
           leading.dropLast().allSatisfy({ words($0) <= maximumNameWords }) {
            return last
        }
        return title
    }

    /// False only when no separator can be in `title`: every separator is a space, a mark and a
    /// space, and no space here is followed by a byte that can start a mark (">", "|", ":", or
    /// the first byte of "»", "·", "›" and of U+0387, which Foundation's search takes for "·").
    /// Foundation's `contains` costs about 13,000 instructions a call, and most titles have no
    /// such pair (a Reuters title's ">" closes a ticker, "<VRL>", after a letter).
    static func mayHaveSeparator(_ title: String) -> Bool {
        var title = title
        return title.withUTF8 { bytes in
            guard bytes.count >= 2 else { return false }
            for i in 0 ..< bytes.count - 1 where bytes[i] == 0x20 {
                switch bytes[i + 1] {
                case UInt8(ascii: ">"), UInt8(ascii: "|"), UInt8(ascii: ":"), 0xC2, 0xE2, 0xCE: return true
                default: continue
                }
            }
            return false
        }
    }

    private static func words(_ s: String) -> Int { s.split(separator: " ").count }
}
