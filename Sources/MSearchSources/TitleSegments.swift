import Foundation

/// The segments of a page title ("Headline | Site", "Headline » Section » Site"): the separators
/// pages put between a headline, its sections and the site's name. Shared by the date in a title
/// segment (`PageDates`), the headline among the page's texts (`HeadlineMatcher`) and the
/// headline extraction reads (MSearchExtraction's `TitleHeadline`).
public enum TitleSegments {
    /// Every separator, dashes included.
    public static let separators = [" | ", " - ", " – ", " — ", " :: ", " « ", " » ", " › ", " > ", " · "]

    /// The title cut at each of `separators`, segments trimmed, empty ones dropped.
    public static func split(_ title: String, at separators: [String] = separators) -> [String] {
        var parts = [title]
        for separator in separators where title.contains(separator) {
            parts = parts.flatMap { $0.components(separatedBy: separator) }
        }
        return parts.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }
}
