import Foundation

/// Whether a language writes a numeric date day first ("05/10/2018" is 5 October in Portuguese,
/// British English, Spanish, French) or month first (American English), from the short date
/// pattern of ICU's locale data (`DateFormatter.dateFormat(fromTemplate: "dMy")`), not a list.
public enum SlashDateOrder: Sendable {
    case dayFirst, monthFirst

    /// The order of a declared language tag ("pt-BR", "en_GB", "de"), nil when ICU knows no
    /// day-month order for it. Computed once per tag.
    public static func of(languageTag tag: String) -> SlashDateOrder? {
        let key = tag.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "_", with: "-").lowercased()
        // BCP 47 tags are ASCII letters, digits and hyphens; anything else a page writes
        // (`lang="\u{FFFD}en"` from a stray byte) is no tag, and Foundation traps building a
        // CFLocale from some of them (found by HTMLFuzzer), so it never reaches ICU.
        guard !key.isEmpty, key.utf8.count <= 35,
              key.utf8.allSatisfy({ ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2D }) else { return nil }
        cache.lock()
        defer { cache.unlock() }
        if let known = cacheTable[key] { return known }
        var order: SlashDateOrder?
        if let pattern = DateFormatter.dateFormat(fromTemplate: "dMy", options: 0, locale: Locale(identifier: key)),
           let d = pattern.firstIndex(of: "d"), let m = pattern.firstIndex(of: "M") {
            order = d < m ? .dayFirst : .monthFirst
        }
        if cacheTable.count < 256 { cacheTable[key] = order }
        return order
    }

    private static let cache = NSLock()
    nonisolated(unsafe) private static var cacheTable: [String: SlashDateOrder?] = [:]
}
