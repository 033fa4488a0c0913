import MSearchSources

/// Dates in text and the publication date, by rules.
struct DateRules {
    /// A date expression found in the text. `year` is nil for "November 14" / "Today, Nov. 14".
    struct Mention {
        var year: Int?
        var month: Int?
        var day: Int?
        var firstToken: Int
        var endToken: Int
        /// 1 = Monday … 7 = Sunday, when a weekday is written with the date ("Tuesday, November 14").
        var weekday: Int?
        /// "today, Nov. 14", "this Tuesday, November 14": the text says the date is the present.
        var present = false
        var date: PartialDate? { year.map { PartialDate(year: $0, month: month, day: day) } }
    }

    /// English month names and abbreviations (ICU's, through `LocaleDateNames`): the word
    /// classes of actor rules use them.
    static let monthNames: [String: Int] = {
        var m: [String: Int] = [:]
        for name in LocaleDateNames.monthNames where name.english { m[String(decoding: name.spelling, as: UTF8.self)] = name.month }
        return m
    }()

    /// The first bytes month names start with (lower case): a cheap test before the table.
    private static let monthFirstBytes: [Bool] = {
        var t = [Bool](repeating: false, count: 256)
        for m in LocaleDateNames.monthNames { t[Int(m.spelling[0])] = true }
        return t
    }()

    /// Month names of every language, by byte length and first letter, for `monthName(_:_:_:)`.
    private static let monthTable: [Int: [LocaleDateNames.MonthName]] = {
        var t: [Int: [LocaleDateNames.MonthName]] = [:]
        for m in LocaleDateNames.monthNames { t[m.spelling.count << 8 | Int(m.spelling[0]), default: []].append(m) }
        return t
    }()

    /// The month `bytes[start..<end]` names in any language and case of its first letters
    /// ("Nov", "SEPT", "März", "marzo"), compared on bytes: this runs on every word of 3–12 bytes.
    static func monthName(_ bytes: [UInt8], _ start: Int, _ end: Int) -> LocaleDateNames.MonthName? {
        let n = end - start
        guard n >= 3, n <= 12, let list = monthTable[n << 8 | Int(bytes[start] | 0x20)] else { return nil }
        for m in list {
            var same = true
            // ASCII letters: c | 0x20 is c in lower case, and never a letter for other ASCII bytes;
            // bytes of non-ASCII letters compare as they are.
            for k in 0..<n {
                let c = bytes[start + k]
                if (c < 0x80 ? c | 0x20 : c) != m.spelling[k] { same = false; break }
            }
            if same { return m }
        }
        return nil
    }

    static func month(_ bytes: [UInt8], _ start: Int, _ end: Int) -> Int? { monthName(bytes, start, end)?.month }

    /// Weekday names of every language (1 = Monday … 7 = Sunday).
    static var weekdayNames: [String: Int] { LocaleDateNames.weekdays }

    /// The first bytes weekday names start with (lower case): a cheap test before a lookup.
    static let weekdayFirstBytes: [Bool] = {
        var t = [Bool](repeating: false, count: 256)
        for name in LocaleDateNames.weekdays.keys { t[Int(name.utf8.first!)] = true }
        return t
    }()

    /// Zone names after a four-digit number: "1945 GMT" is a time, not a year.
    static let zones: Set<String> = Words.set("gmt utc bst cet cest est edt cst cdt mst mdt pst pdt z")

    /// Words before a bare 4-digit number that make it a year ("in 2018", "since 1990").
    static let yearContext: Set<String> = Words.set("""
    in since by during until till through from to before after around circa early late mid year years fiscal of
    between and spring summer autumn fall winter end beginning start half quarter as c ca season class
    """)

    /// Words after a 4-digit number that make it a quantity, not a year.
    static let units: Set<String> = Words.set("""
    pct percent per people persons tonnes tons tonne ton mln million billion bln trillion dlrs dollars dollar usd
    barrels barrel bpd shares share points point kilos kilograms kg km kilometres kilometers miles mile metres meters
    feet acres hectares units cars vehicles jobs workers employees members troops soldiers cases votes seats
    times deaths cubans migrants visas yen marks francs pounds euros rupees pesos ounces lbs bushels bales bags
    calories degrees hours minutes days weeks months years hp mw kw mhz ghz
    """)

    static func isValid(year: Int, month: Int?, day: Int?) -> Bool {
        DateNormalizer.isValid(year: year, month: month, day: day)
    }

    static func daysIn(month: Int, year: Int?) -> Int {
        // Without a year, February may have 29 days.
        guard let year else { return month == 2 ? 29 : GregorianCalendar.daysIn(month: month, year: 1) }
        return GregorianCalendar.daysIn(month: month, year: year)
    }

    /// 1 = Monday … 7 = Sunday.
    static func weekday(year: Int, month: Int, day: Int) -> Int {
        GregorianCalendar.weekday(year: year, month: month, day: day)
    }

    // MARK: finding dates in text

    let s: TextScanner
    /// Text without capitals: month names are accepted in lower case too.
    let caseless: Bool

    /// All date expressions, in text order.
    func mentions() -> [Mention] {
        var out: [Mention] = []
        let toks = s.tokens
        var i = 0
        let n = toks.count
        while i < n {
            if let m = dateAt(i) {
                out.append(m)
                i = m.endToken
            } else {
                i += 1
            }
        }
        // A written weekday that the date does not fall on: not that date ("Tuesday, 1 March,
        // 1945 GMT" is a kick-off time; 1 March 1945 was a Thursday). The day and month stay,
        // without the year.
        for k in out.indices {
            guard let wd = out[k].weekday, let y = out[k].year, y >= 1000, let mo = out[k].month, let d = out[k].day else { continue }
            if DateRules.weekday(year: y, month: mo, day: d) != wd { out[k].year = nil }
        }
        // Two-digit years ('23) only when a four-digit year in the text fixes the century.
        let fullYears = Set(out.compactMap { $0.year }.filter { $0 >= 100 })
        out = out.compactMap { m in
            guard let y = m.year, y < 100 else { return m }
            let candidates = fullYears.filter { $0 % 100 == y }
            guard candidates.count == 1, let full = candidates.first else { return nil }
            var m = m
            m.year = full
            return DateRules.isValid(year: full, month: m.month, day: m.day) ? m : nil
        }
        return out
    }

    private func monthAt(_ i: Int) -> Int? { monthNameAt(i)?.month }

    /// The month named at token i: capitalised ("Nov.", "März"), or in lower case when its
    /// language writes months so ("marzo", "mars") or the whole text is lower case.
    private func monthNameAt(_ i: Int) -> LocaleDateNames.MonthName? {
        let t = s.tokens[i]
        guard t.kind == .word, t.end - t.start <= 13, t.end - t.start >= 3,
              DateRules.monthFirstBytes[Int(s.bytes[t.start] | 0x20)] else { return nil }
        if !(t.cap || caseless) {
            // This runs on every word: a lower-case one is looked up only in a date's shape, before
            // a number or a short word ("marzo 3", "noviembre de 2023", "5 mars 2020").
            guard i + 1 < s.tokens.count else { return nil }
            let next = s.tokens[i + 1]
            guard next.kind == .number || next.kind == .word && next.end - next.start <= 3 else { return nil }
        }
        var end = t.end
        if s.bytes[end - 1] == 0x2E { end -= 1 }   // "Nov."
        guard let m = DateRules.monthName(s.bytes, t.start, end) else { return nil }
        // "May" and "March" must be capitalised and not a verb at the start of a sentence: the
        // caller requires a number right after, which is enough.
        guard t.cap || caseless || m.lowerCaseInText else { return nil }
        return m
    }

    /// Day number at token i ("14", "14th"), 1–31.
    private func dayAt(_ i: Int) -> Int? {
        guard i < s.tokens.count, s.tokens[i].kind == .number else { return nil }
        let t = s.tokens[i]
        var v = 0, digits = 0, j = t.start
        // At most three digits are read: a day has two, and a longer run ("5555…5", 20+ digits
        // in real posts) would overflow `v`.
        while j < t.end, digits <= 2, s.bytes[j] >= 0x30, s.bytes[j] <= 0x39 { v = v * 10 + Int(s.bytes[j] - 0x30); digits += 1; j += 1 }
        guard digits >= 1, digits <= 2 else { return nil }
        if j < t.end {
            let suffix = String(decoding: s.bytes[j..<t.end], as: UTF8.self).lowercased()
            guard ["st", "nd", "rd", "th"].contains(suffix) else { return nil }
        }
        return v >= 1 && v <= 31 ? v : nil
    }

    /// A four-digit year at token i (1000–2999), or a two-digit one after an apostrophe ('23 → 23).
    private func yearAt(_ i: Int) -> (year: Int, end: Int)? {
        guard i < s.tokens.count else { return nil }
        if s.isPunct(i, 0x27), i + 1 < s.tokens.count, s.adjacent(i), let v = s.intValue(i + 1), s.digitCount(i + 1) == 2 {
            return (v, i + 2)
        }
        guard let v = s.intValue(i), s.digitCount(i) == 4, v >= 1000, v <= 2999 else { return nil }
        // "1945 GMT" is a time of day
        if i + 1 < s.tokens.count, s.tokens[i + 1].kind == .word, DateRules.zones.contains(s.lowerASCII(i + 1, maxLength: 5)) { return nil }
        // not "2023.5" or "2023-24"
        if i + 2 < s.tokens.count, s.adjacent(i), s.isPunct(i + 1, 0x2D), s.tokens[i + 2].kind == .number, s.adjacent(i + 1) { return nil }
        return (v, i + 1)
    }

    private func skip(_ i: Int, _ chars: [UInt32]) -> Int {
        var j = i
        while j < s.tokens.count, s.tokens[j].kind == .punct, chars.contains(s.tokens[j].punct) { j += 1 }
        return j
    }

    private func dateAt(_ i: Int) -> Mention? {
        let toks = s.tokens
        let t = toks[i]
        if t.kind == .word {
            if let name = monthNameAt(i) {
                let month = name.month
                // Month [.] day[th] [,] [year]  |  Month [of|,] year
                var j = skip(i + 1, [0x2E])
                if j < toks.count, let d = dayAt(j), !(s.adjacent(j) && s.isPunct(j + 1, 0x3A)) {
                    j += 1
                    // "November 14 2023", "November 14, 2023"
                    let k = skip(j, [0x2C])
                    if let (y, end) = yearAt(k), !(end < toks.count && s.adjacent(end - 1) && s.isPunct(end, 0x3A)) {
                        guard DateRules.isValid(year: y < 100 ? 2000 : y, month: month, day: d) || y < 100 else { return nil }
                        if y >= 100, !DateRules.isValid(year: y, month: month, day: d) { return nil }
                        return annotate(Mention(year: y, month: month, day: d, firstToken: i, endToken: end))
                    }
                    guard d <= DateRules.daysIn(month: month, year: nil) else { return nil }
                    return annotate(Mention(year: nil, month: month, day: d, firstToken: i, endToken: j))
                }
                guard name.namesMonthAlone else { return nil }
                var k = i + 1
                if k < toks.count, toks[k].kind == .word, ["of", "de", "del"].contains(s.lowerASCII(k)) { k += 1 }
                k = skip(k, [0x2C])
                if let (y, end) = yearAt(k), y >= 1000, !isQuantity(end) {
                    return Mention(year: y, month: month, day: nil, firstToken: i, endToken: end)
                }
                return nil
            }
            if let m = weekdayAndDay(i) { return m }
            // mid-2023, early-2020 (checked on bytes first: a dash and four digits at the end)
            let len = t.end - t.start
            if len >= 8, len <= 10, s.bytes[t.end - 5] == 0x2D, (t.end - 4..<t.end).allSatisfy({ s.bytes[$0] >= 0x30 && s.bytes[$0] <= 0x39 }) {
                let text = s.text(i)
                if let dash = text.lastIndex(of: "-") {
                    let tail = text[text.index(after: dash)...]
                    let head = text[..<dash].lowercased()
                    if tail.count == 4, let y = Int(tail), y >= 1900, y <= 2100, ["mid", "early", "late", "pre", "post"].contains(head) {
                        return Mention(year: y, month: nil, day: nil, firstToken: i, endToken: i + 1)
                    }
                }
            }
            return nil
        }
        guard t.kind == .number else { return nil }
        // day [of] Month [,] [year]
        if let d = dayAt(i) {
            var j = i + 1
            if j + 1 < toks.count, s.adjacent(i), s.isPunct(j, 0x2E) { j += 1 }   // "5. Februar"
            if j < toks.count, toks[j].kind == .word, ["of", "de"].contains(s.lowerASCII(j)) { j += 1 }   // "3 de marzo"
            if j < toks.count, let month = monthAt(j) {
                var k = skip(j + 1, [0x2E])
                k = skip(k, [0x2C])
                if k < toks.count, toks[k].kind == .word, ["de", "del"].contains(s.lowerASCII(k)) { k += 1 }   // "de 2005"
                if let (y, end) = yearAt(k) {
                    if y >= 100, !DateRules.isValid(year: y, month: month, day: d) { return nil }
                    return annotate(Mention(year: y, month: month, day: d, firstToken: i, endToken: end))
                }
                guard d <= DateRules.daysIn(month: month, year: nil) else { return nil }
                return annotate(Mention(year: nil, month: month, day: d, firstToken: i, endToken: skip(j + 1, [0x2E]) ))
            }
            // M/D/YYYY or D/M/YYYY when unambiguous; D.M.YYYY is a grouped number (below)
            if i + 4 < toks.count, s.adjacent(i), s.isPunct(i + 1, 0x2F), s.adjacent(i + 1), let b = dayAt(i + 2),
               s.adjacent(i + 2), s.isPunct(i + 3, 0x2F), s.adjacent(i + 3), let (y, end) = yearAt(i + 4), y >= 1000 {
                let a = d
                var month: Int?, day: Int?
                if a <= 12 && b > 12 { month = a; day = b } else if b <= 12 && a > 12 { month = b; day = a } else if a == b { month = a; day = b }
                if let month, let day, DateRules.isValid(year: y, month: month, day: day) {
                    return Mention(year: y, month: month, day: day, firstToken: i, endToken: end)
                }
                return nil
            }
        }
        // YYYY-MM-DD, YYYY/MM/DD
        if s.digitCount(i) == 4, let y = s.intValue(i), i + 4 < toks.count, s.adjacent(i),
           toks[i + 1].kind == .punct, toks[i + 1].punct == 0x2D || toks[i + 1].punct == 0x2F,
           s.adjacent(i + 1), s.digitCount(i + 2) <= 2, let m = s.intValue(i + 2), s.adjacent(i + 2),
           s.isPunct(i + 3, toks[i + 1].punct), s.adjacent(i + 3), let d = leadingDay(i + 4) {
            guard DateRules.isValid(year: y, month: m, day: d) else { return nil }
            return Mention(year: y, month: m, day: d, firstToken: i, endToken: i + 5)
        }
        // 14.11.2023 (one grouped number token)
        if t.grouped {
            let len = t.end - t.start
            guard len >= 8, len <= 10, s.bytes[t.end - 5] == 0x2E else { return nil }
            let text = s.text(i)
            let parts = text.split(separator: ".", omittingEmptySubsequences: false)
            if parts.count == 3, parts[2].count == 4, parts[0].count <= 2, parts[1].count <= 2,
               let d = Int(parts[0]), let m = Int(parts[1]), let y = Int(parts[2]) {
                return DateRules.isValid(year: y, month: m, day: d) ? Mention(year: y, month: m, day: d, firstToken: i, endToken: i + 1) : nil
            }
            return nil
        }
        // a bare year in a date-like context
        if s.digitCount(i) == 4, let y = s.intValue(i), y >= 1900, y <= 2100 {
            if i + 1 < toks.count, s.adjacent(i), toks[i + 1].kind == .punct, toks[i + 1].punct == 0x25 || toks[i + 1].punct == 0x2C && i + 2 < toks.count && s.adjacent(i + 1) && toks[i + 2].kind == .number { return nil }
            if i > 0, toks[i - 1].kind == .punct, s.adjacent(i - 1), [0x24, 0xA3, 0x20AC, 0xA5, 0x23, 0x2B].contains(toks[i - 1].punct) { return nil }
            if isQuantity(i + 1) { return nil }
            var ok = false
            if i > 0, toks[i - 1].kind == .word {
                let w = s.lowerASCII(i - 1)
                if DateRules.yearContext.contains(w) {
                    ok = true
                    if w == "and" { ok = i >= 3 && s.digitCount(i - 2) == 4 && s.intValue(i - 2) != nil }
                    if w == "to" || w == "through" { ok = i >= 3 && (s.digitCount(i - 2) == 4 && s.intValue(i - 2) != nil || yearContextWord(i - 2)) || w == "to" && precededByFrom(i) }
                }
            }
            if !ok, i > 0, s.isPunct(i - 1, 0x28), s.isPunct(i + 1, 0x29) { ok = true }          // (2019)
            if !ok, i > 1, s.isPunct(i - 1, 0x2D), s.digitCount(i - 2) == 4, s.intValue(i - 2) != nil, !s.adjacent(i - 1) { ok = true }
            if ok { return Mention(year: y, month: nil, day: nil, firstToken: i, endToken: i + 1) }
        }
        return nil
    }

    /// The day of an ISO date at token i: "14", or "08" of a timestamp's "08T20:09:00-05:00"
    /// (the calendar day as written, in the timestamp's own zone).
    private func leadingDay(_ i: Int) -> Int? {
        let t = s.tokens[i]
        guard t.kind == .number else { return nil }
        let n = t.end - t.start
        if !t.grouped { return n <= 2 ? s.intValue(i) : nil }
        guard n >= 3, s.bytes[t.start + 2] | 0x20 == 0x74 else { return nil }   // "08T20"
        let a = s.bytes[t.start], b = s.bytes[t.start + 1]
        guard a >= 0x30, a <= 0x39, b >= 0x30, b <= 0x39 else { return nil }
        return Int(a - 0x30) * 10 + Int(b - 0x30)
    }

    /// "el martes 14", "on Tuesday 14": a weekday and a day of the month without the month,
    /// which only a known month (the publication's) can place.
    private func weekdayAndDay(_ i: Int) -> Mention? {
        let toks = s.tokens
        // the cheap test first: this runs on every word
        guard i + 1 < toks.count, toks[i + 1].kind == .number, toks[i].end - toks[i].start >= 3,
              DateRules.weekdayFirstBytes[Int(s.bytes[toks[i].start] | 0x20)], let d = dayAt(i + 1),
              let wd = DateRules.weekdayNames[s.lowerASCII(i, maxLength: 12)] else { return nil }
        // not "Tuesday 14 March" (a full date, read from the day) nor "Tuesday 14:30"
        if dateAt(i + 1) != nil { return nil }
        if i + 2 < toks.count {
            if s.adjacent(i + 1), s.isPunct(i + 2, 0x3A) { return nil }
            if toks[i + 2].kind == .word, monthAt(i + 2) != nil || isQuantity(i + 2) { return nil }
        }
        return Mention(year: nil, month: nil, day: d, firstToken: i, endToken: i + 2, weekday: wd)
    }

    private func yearContextWord(_ i: Int) -> Bool {
        i >= 0 && i < s.tokens.count && s.tokens[i].kind == .word && DateRules.monthNames[s.lowerASCII(i)] != nil
    }

    private func precededByFrom(_ i: Int) -> Bool {
        // "from 1985 to 1987": the token before "to" is a year after "from"
        guard i >= 3, s.digitCount(i - 2) == 4, s.intValue(i - 2) != nil, s.tokens[i - 3].kind == .word else { return false }
        return ["from", "between"].contains(s.lowerASCII(i - 3))
    }

    /// The token at `i` is a unit or a counted noun ("2000 tonnes", "1987 pct").
    private func isQuantity(_ i: Int) -> Bool {
        guard i < s.tokens.count else { return false }
        let t = s.tokens[i]
        if t.kind == .punct { return t.punct == 0x25 }
        guard t.kind == .word, !t.cap || caseless || t.allCaps else { return false }
        return DateRules.units.contains(s.lowerASCII(i, maxLength: 14))
    }

    /// Weekday and "today"/"this" cues before a date ("this Tuesday, November 14", "Today, Nov. 14").
    private func annotate(_ m: Mention) -> Mention {
        var m = m
        var j = m.firstToken - 1
        while j >= 0, s.tokens[j].kind == .punct, s.tokens[j].punct == 0x2C || s.tokens[j].punct == 0x28 { j -= 1 }
        guard j >= 0, s.tokens[j].kind == .word else { return m }
        var w = s.lowerASCII(j)
        if let wd = DateRules.weekdayNames[w] {
            m.weekday = wd
            var k = j - 1
            while k >= 0, s.tokens[k].kind == .punct, s.tokens[k].punct == 0x2C { k -= 1 }
            if k >= 0, s.tokens[k].kind == .word {
                w = s.lowerASCII(k)
                if w == "this" || w == "today" || w == "on" || w == "last" { m.present = true }
            }
            if k < 0 || s.tokens[k].line != s.tokens[m.firstToken].line { m.present = true }
        } else if w == "today" || w == "tonight" {
            m.present = true
        }
        return m
    }
}
