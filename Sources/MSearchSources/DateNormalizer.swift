/// A calendar date known to year, month or day precision, as sources state them.
public struct PartialDate: Sendable, Equatable, Hashable {
    public var year: Int
    public var month: Int?
    public var day: Int?
    public init?(year: Int, month: Int? = nil, day: Int? = nil) {
        guard DateNormalizer.isValid(year: year, month: month, day: day) else { return nil }
        self.year = year; self.month = month; self.day = day
    }
    /// "2023-11-14", "2023-11" or "2023".
    public var iso: String {
        var s = String(year)
        while s.count < 4 { s = "0" + s }
        if let m = month {
            s += m < 10 ? "-0\(m)" : "-\(m)"
            if let d = day { s += d < 10 ? "-0\(d)" : "-\(d)" }
        }
        return s
    }
}

/// Turns the ways sources write dates into ISO-8601 ("2023-11-14"), so dates compare and sort.
/// Shared: readers use it for metadata dates, and text analysis can use it for dates in prose.
///
/// Accepted: ISO 8601 with or without time and zone (the date is kept as written in its own zone),
/// "2023/11/14", "2023.11.14", "20231114", "14.11.2023", RFC 822/1123 ("Tue, 14 Nov 2023 10:00:00
/// GMT", two-digit years too), "November 14, 2023", "Nov. 14th 2023", "14 November 2023",
/// "14th of November, 2023", "November 2023", Reuters "26-FEB-1987 15:01:01.79", "5. Februar 2020",
/// "3 de marzo de 2005", "2016年10月14日", "2016년 10월 14일", with month and weekday names of the languages of `LocaleDateNames`. The date must start the string (after an optional
/// weekday); anything after it (a time, a zone) is ignored. Impossible dates give nil.
public enum DateNormalizer {
    /// The ISO form of `text`'s date, or nil when it states no (possible) date.
    public static func normalize(_ text: String) -> String? { parse(text)?.iso }

    public static func parse(_ text: String) -> PartialDate? {
        var text = text
        return text.withUTF8 { parse(bytes: $0) }
    }

    /// The first date written anywhere in a short text, a byline or a date element ("By Ana
    /// Pérez, 5. Februar 2020, 14:03", "Publicado el 3 de marzo de 2005"): the date may follow
    /// other words. Day or month precision only: a bare number is no date here. Texts longer
    /// than `maxFindBytes` are not searched (an element that long is content, not a date line).
    ///
    /// `slashOrder` reads "05/10/2018" too, in the order the page's language writes short dates
    /// (`SlashDateOrder`); without it a date with slashes is read only when a number above 12
    /// settles the order, as in prose "5/10" may be a score.
    public static func find(in text: String, slashOrder: SlashDateOrder? = nil) -> PartialDate? {
        var text = text
        return text.withUTF8 { b -> PartialDate? in
            guard b.count <= maxFindBytes else { return nil }
            var i = 0
            while i < b.count {
                // A no-break space (U+00A0, bytes C2 A0) separates words like a space does:
                // bylines indent their date with "&nbsp;&nbsp;|&nbsp;&nbsp;".
                let afterNBSP = i >= 2 && b[i - 1] == 0xA0 && b[i - 2] == 0xC2
                // Chinese, Japanese and Korean write digits right after a character ("网2016年").
                let afterCJK = i > 0 && b[i - 1] >= 0x80 && isDigit(b[i])
                let startsToken = i == 0 || afterNBSP || afterCJK || !(isASCIILetter(b[i - 1]) || isDigit(b[i - 1]) || b[i - 1] >= 0x80)
                if startsToken, isDigit(b[i]) || isASCIILetter(b[i]),
                   let d = parse(bytes: UnsafeBufferPointer(rebasing: b[i...])), d.month != nil {
                    return d
                }
                if startsToken, let slashOrder, isDigit(b[i]), let d = slashDate(b, i, order: slashOrder) { return d }
                i += 1
            }
            return nil
        }
    }

    public static let maxFindBytes = 300

    /// True for real calendar dates (no February 30, no month 13); years 1000–2999.
    public static func isValid(year: Int, month: Int?, day: Int?) -> Bool {
        guard year >= 1000, year <= 2999 else { return false }
        guard let m = month else { return day == nil }
        guard m >= 1, m <= 12 else { return false }
        guard let d = day else { return true }
        return d >= 1 && d <= daysIn(month: m, year: year)
    }

    static func daysIn(month: Int, year: Int) -> Int { GregorianCalendar.daysIn(month: month, year: year) }

    public static func parse(bytes b: UnsafeBufferPointer<UInt8>) -> PartialDate? {
        var i = 0
        let n = b.count
        while i < n, isSpace(b[i]) || b[i] == 0x22 || b[i] == 0x27 { i += 1 }
        guard i < n else { return nil }
        if isDigit(b[i]) {
            if let d = numericDate(b, i) { return d }
        }
        return wordDate(b, i)
    }

    /// Reads up to `max` digits at `i`; returns value and count.
    private static func digits(_ b: UnsafeBufferPointer<UInt8>, _ i: Int, max: Int = 9) -> (Int, Int) {
        var v = 0, k = 0
        while i + k < b.count, k < max, isDigit(b[i + k]) { v = v * 10 + Int(b[i + k] - 0x30); k += 1 }
        return (v, k)
    }

    private static func endsNumber(_ b: UnsafeBufferPointer<UInt8>, _ i: Int) -> Bool { i >= b.count || !isDigit(b[i]) }

    private static func restIsBlank(_ b: UnsafeBufferPointer<UInt8>, _ i: Int) -> Bool {
        var i = i
        while i < b.count, isSpace(b[i]) || b[i] == 0x22 || b[i] == 0x27 { i += 1 }
        return i >= b.count
    }

    /// Dates starting with digits in all-numeric forms; nil lets word forms ("14 Nov 2023") try.
    private static func numericDate(_ b: UnsafeBufferPointer<UInt8>, _ start: Int) -> PartialDate? {
        let (first, len) = digits(b, start, max: 9)
        var i = start + len
        if len == 4 {
            // YYYY-MM-DD, YYYY/MM/DD, YYYY.MM.DD, YYYY-MM, YYYY
            if i < b.count, b[i] == 0x2D || b[i] == 0x2F || b[i] == 0x2E {
                let sep = b[i]
                let (m, ml) = digits(b, i + 1, max: 2)
                guard ml > 0, endsNumber(b, i + 1 + ml) else { return nil }
                i += 1 + ml
                if i < b.count, b[i] == sep {
                    let (d, dl) = digits(b, i + 1, max: 2)
                    guard dl > 0, endsNumber(b, i + 1 + dl) else { return nil }
                    return PartialDate(year: first, month: m, day: d)
                }
                // "2023-11" alone, or followed by something that is not more of a date.
                if sep == 0x2D && (i >= b.count || !isASCIILetter(b[i])) || restIsBlank(b, i) {
                    return PartialDate(year: first, month: m)
                }
                return nil
            }
            if let d = yearMonthDayMarked(b, first, i) { return d }
            if restIsBlank(b, i) { return PartialDate(year: first) }
            return nil
        }
        if len == 8 {
            // 20231114, 20231114T100000
            if i >= b.count || b[i] == 0x54 || isSpace(b[i]) {
                return PartialDate(year: first / 10000, month: first / 100 % 100, day: first % 100)
            }
            return nil
        }
        if len <= 2, i < b.count, b[i] == 0x2E {
            // 14.11.2023 (day first, as written in Europe); "14. November 2023" falls to words.
            let (m, ml) = digits(b, i + 1, max: 2)
            if ml > 0, i + 1 + ml < b.count, b[i + 1 + ml] == 0x2E {
                let (y, yl) = digits(b, i + 2 + ml, max: 4)
                if yl == 4, endsNumber(b, i + 2 + ml + yl) { return PartialDate(year: y, month: m, day: first) }
            }
        }
        return nil
    }

    /// Chinese and Japanese "2016年10月14日" and Korean "2016년 10월 14일": the year, month and
    /// day each followed by its unit character (ICU's `y年M月d日` and `y년 M월 d일` patterns),
    /// spaces allowed between; "2016年10月" is month-precise. `at` is just after the year.
    private static func yearMonthDayMarked(_ b: UnsafeBufferPointer<UInt8>, _ year: Int, _ at: Int) -> PartialDate? {
        func skipSpaces(_ i: Int) -> Int { var i = i; while i < b.count, isSpace(b[i]) { i += 1 }; return i }
        func marker(_ i: Int, _ units: [[UInt8]]) -> Int? {
            for unit in units where i + unit.count <= b.count && b[i..<(i + unit.count)].elementsEqual(unit) { return i + unit.count }
            return nil
        }
        guard var i = marker(skipSpaces(at), yearUnits) else { return nil }
        let (month, ml) = digits(b, skipSpaces(i), max: 2)
        guard ml > 0, let afterMonth = marker(skipSpaces(i) + ml, monthUnits) else { return nil }
        i = skipSpaces(afterMonth)
        let (day, dl) = digits(b, i, max: 2)
        if dl > 0, marker(i + dl, dayUnits) != nil { return PartialDate(year: year, month: month, day: day) }
        return PartialDate(year: year, month: month)
    }

    private static let yearUnits: [[UInt8]] = [Array("年".utf8), Array("년".utf8)]
    private static let monthUnits: [[UInt8]] = [Array("月".utf8), Array("월".utf8)]
    private static let dayUnits: [[UInt8]] = [Array("日".utf8), Array("일".utf8)]

    /// "05/10/2018" (day or month first as `order` says), "5/10/2018 - Publicado por".
    private static func slashDate(_ b: UnsafeBufferPointer<UInt8>, _ start: Int, order: SlashDateOrder) -> PartialDate? {
        let (first, fl) = digits(b, start, max: 2)
        var i = start + fl
        guard fl > 0, endsNumber(b, i), i < b.count, b[i] == 0x2F else { return nil }
        let (second, sl) = digits(b, i + 1, max: 2)
        i += 1 + sl
        guard sl > 0, endsNumber(b, i), i < b.count, b[i] == 0x2F else { return nil }
        let (year, yl) = digits(b, i + 1, max: 4)
        guard yl == 4, endsNumber(b, i + 1 + yl) else { return nil }
        return order == .dayFirst ? PartialDate(year: year, month: second, day: first) : PartialDate(year: year, month: first, day: second)
    }

    private enum Tok { case num(Int, Int), word(String), punct(UInt8) }

    /// Tokens of the first part of the string: numbers, words (lower-cased), punctuation.
    private static func tokens(_ b: UnsafeBufferPointer<UInt8>, _ start: Int, limit: Int = 14) -> [Tok] {
        var out: [Tok] = []
        var i = start
        while i < b.count, out.count < limit {
            let c = b[i]
            if isSpace(c) { i += 1; continue }
            if isDigit(c) {
                let (v, k) = digits(b, i, max: 9)
                out.append(.num(v, k)); i += k
                // Ordinal suffix: 1st 2nd 3rd 14th
                if i + 1 < b.count {
                    let s = String(decoding: UnsafeBufferPointer(rebasing: b[i..<(i + 2)]), as: UTF8.self).lowercased()
                    if ["st", "nd", "rd", "th", "er"].contains(s), i + 2 >= b.count || !isASCIILetter(b[i + 2]) { i += 2 }
                }
                continue
            }
            if isASCIILetter(c) || c >= 0xC0 {
                var j = i
                while j < b.count, isASCIILetter(b[j]) || b[j] >= 0x80 { j += 1 }
                out.append(.word(String(decoding: UnsafeBufferPointer(rebasing: b[i..<j]), as: UTF8.self).lowercased()))
                i = j
                continue
            }
            out.append(.punct(c)); i += 1
        }
        return out
    }

    private static func wordDate(_ b: UnsafeBufferPointer<UInt8>, _ start: Int) -> PartialDate? {
        var t = tokens(b, start)
        // Leading weekday ("Tue,", "Tuesday").
        if case .word(let w)? = t.first, weekdays[w] != nil {
            t.removeFirst()
            while case .punct(let p)? = t.first, p == 0x2C || p == 0x2E { t.removeFirst() }
        }
        var k = 0
        func skipSeparators() {
            while k < t.count {
                if case .punct(let p) = t[k], p == 0x2C || p == 0x2E || p == 0x2D || p == 0x2F { k += 1; continue }
                if case .word(let w) = t[k], w == "de" || w == "of" || w == "del" { k += 1; continue }
                break
            }
        }
        func year(_ v: Int, _ len: Int, twoDigitOK: Bool) -> Int? {
            if len == 4 { return v }
            if len == 2 && twoDigitOK { return v < 50 ? 2000 + v : 1900 + v }
            return nil
        }
        guard k < t.count else { return nil }
        switch t[k] {
        case .num(let d, let dl) where dl <= 2:
            // 14 November 2023, 14-NOV-1987, Tue, 14 Nov 23
            k += 1; skipSeparators()
            guard k < t.count, case .word(let w) = t[k], let m = months[w] else { return nil }
            k += 1; skipSeparators()
            guard k < t.count, case .num(let y, let yl) = t[k], let yy = year(y, yl, twoDigitOK: true) else { return nil }
            // "14 Nov 10:00" is not a year.
            if k + 1 < t.count, case .punct(0x3A) = t[k + 1] { return nil }
            return PartialDate(year: yy, month: m, day: d)
        case .word(let w):
            guard let m = months[w] else { return nil }
            k += 1; skipSeparators()
            guard k < t.count, case .num(let v, let vl) = t[k] else { return nil }
            if vl == 4 { return PartialDate(year: v, month: m) }           // November 2023
            guard vl <= 2 else { return nil }
            k += 1; skipSeparators()
            // asctime: "Nov 14 10:00:00 2023"; skip a time and a zone before the year.
            if k + 1 < t.count, case .num = t[k], case .punct(0x3A) = t[k + 1] {
                k += 1   // hours
                while k + 1 < t.count, case .punct(let p) = t[k], p == 0x3A || p == 0x2E, case .num = t[k + 1] { k += 2 }
                if k < t.count, case .word(let z) = t[k], zones.contains(z) { k += 1 }
            }
            guard k < t.count, case .num(let y, let yl) = t[k], yl == 4 else { return nil }
            return PartialDate(year: y, month: m, day: v)
        default:
            return nil
        }
    }

    /// Month names of every language `LocaleDateNames` reads (ICU's locale data).
    static var months: [String: Int] { LocaleDateNames.months }

    static var weekdays: [String: Int] { LocaleDateNames.weekdays }

    static let zones: Set<String> = ["utc", "gmt", "z", "est", "edt", "cst", "cdt", "mst", "mdt", "pst", "pdt", "cet", "cest"]
}
