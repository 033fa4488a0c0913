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

    /// False only when no separator can be in `title`: none of the bytes that end a
    /// separator's mark (">", "|", ":", and the last bytes of "»", "›", "·" and of U+0387, which
    /// Foundation's search takes for "·") is there. Foundation's `contains` costs about 13,000
    /// instructions a call, and most titles (a wire headline) have none of these bytes.
    static func mayHaveSeparator(_ title: String) -> Bool {
        title.utf8.contains { b in
            b == UInt8(ascii: ">") || b == UInt8(ascii: "|") || b == UInt8(ascii: ":")
                || b == 0xBB || b == 0xBA || b == 0xB7 || b == 0x87
        }
    }

    private static func words(_ s: String) -> Int { s.split(separator: " ").count }
}
