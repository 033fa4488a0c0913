import Foundation

/// Month and weekday names of the languages msearch reads dates in, taken from ICU's locale data
/// through Foundation's `DateFormatter` (wide, abbreviated and standalone forms), not typed by
/// hand. Built once, at first use; lookups are dictionary or byte compares, never a Foundation
/// call per token.
public enum LocaleDateNames {
    /// English, Spanish, German (and Austrian German's "Jänner"), French, Portuguese, Italian, Dutch.
    public static let locales = ["en_US", "es_ES", "de_DE", "de_AT", "fr_FR", "pt_PT", "pt_BR", "it_IT", "nl_NL"]

    public struct MonthName: Sendable {
        /// Lower case, without a trailing period ("févr.", "Sept." → "févr", "sept").
        public var spelling: [UInt8]
        public var month: Int
        /// The locale writes it in lower case (Spanish "marzo", French "mars"): it names a month in
        /// lower-case text too. English and German names count only when capitalised ("May").
        public var lowerCaseInText: Bool
        /// A full name, or an English abbreviation: enough to read "Month YYYY" without a day
        /// (other languages' short forms, "Set", "Out", "Mag", are English words too).
        public var namesMonthAlone: Bool
        /// The name is English (the first locale's).
        public var english: Bool
    }

    /// Every spelling once; where two languages disagree, the first locale wins.
    public static let monthNames: [MonthName] = {
        var out: [MonthName] = []
        var seen = Set<[UInt8]>()
        for id in locales {
            let f = DateFormatter()
            f.locale = Locale(identifier: id)
            let forms = [f.monthSymbols, f.shortMonthSymbols, f.standaloneMonthSymbols, f.shortStandaloneMonthSymbols]
            for symbols in forms {
                for (i, symbol) in symbols.enumerated() where i < 12 {
                    let lower = symbol.lowercased()
                    var spelling = Array(lower.utf8)
                    while spelling.last == 0x2E { spelling.removeLast() }
                    // Lower-case abbreviations ("set", "mar") are English words too often: only
                    // full lower-case names count in lower case.
                    let fullName = f.monthSymbols.contains(symbol) || f.standaloneMonthSymbols.contains(symbol)
                    let name = MonthName(spelling: spelling, month: i + 1, lowerCaseInText: symbol == lower && fullName,
                                         namesMonthAlone: fullName || id.hasPrefix("en"), english: id.hasPrefix("en"))
                    // The same name without accents, as pages typed without them write it ("fevrier", "marco").
                    let folded = Array(lower.folding(options: .diacriticInsensitive, locale: nil).utf8.filter { $0 != 0x2E })
                    for variant in [spelling, folded] where variant.count >= 3 && seen.insert(variant).inserted {
                        var v = name
                        v.spelling = variant
                        out.append(v)
                    }
                }
            }
        }
        // "Sept" is a common English abbreviation ICU's en locale does not list.
        if seen.insert(Array("sept".utf8)).inserted {
            out.append(MonthName(spelling: Array("sept".utf8), month: 9, lowerCaseInText: false, namesMonthAlone: true, english: true))
        }
        return out
    }()

    /// Month by lower-case spelling.
    public static let months: [String: Int] = {
        var d: [String: Int] = [:]
        for m in monthNames { d[String(decoding: m.spelling, as: UTF8.self)] = m.month }
        return d
    }()

    /// Weekday (1 = Monday … 7 = Sunday) by lower-case name: every locale's wide names, and the
    /// English abbreviations ("Tue", "Thurs"); other languages' abbreviations ("Di", "sam", "mar")
    /// are ordinary words too often to read as weekdays.
    public static let weekdays: [String: Int] = {
        var d: [String: Int] = [:]
        for id in locales {
            let f = DateFormatter()
            f.locale = Locale(identifier: id)
            var forms = [f.weekdaySymbols, f.standaloneWeekdaySymbols]
            if id.hasPrefix("en") { forms += [f.shortWeekdaySymbols, f.shortStandaloneWeekdaySymbols] }
            for symbols in forms {
                // Foundation counts from Sunday.
                for (i, symbol) in symbols.enumerated() where i < 7 {
                    var name = symbol.lowercased()
                    while name.hasSuffix(".") { name.removeLast() }
                    for variant in [name, name.folding(options: .diacriticInsensitive, locale: nil)]
                    where d[variant] == nil && variant.count >= 3 { d[variant] = i == 0 ? 7 : i }
                }
            }
        }
        for (name, day) in [("tues", 2), ("thur", 4), ("thurs", 4)] where d[name] == nil { d[name] = day }
        return d
    }()
}
