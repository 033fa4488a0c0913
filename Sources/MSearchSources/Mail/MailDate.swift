/// A `Date:` header (RFC 5322 §3.3, with the obsolete forms of §4.3 and the variants old
/// Usenet software wrote) as the calendar day and time the sender wrote, with its zone.
/// The day is the local day as written ("Mon, 5 Apr 1993 23:30 -0500" is the 5th), never
/// moved to UTC: it is the day the writer lived.
///
/// Accepted: an optional weekday (with or without its comma, whatever it says), "5 Apr 1993"
/// or "5-Apr-93" (RFC 850) or asctime's "Apr 5 12:00:00 1993"; two-digit years (< 50 are
/// 20xx, RFC 5322 §4.3) and three-digit ones (+1900); seconds optional; zones as ±hhmm, UT,
/// GMT, Z, the US zones (EST … PDT) and military letters (which mean no known zone, §4.3);
/// comments in parentheses anywhere. Numbers are read digit by digit with a length cap, so
/// no input traps.
struct MailDate: Equatable {
    var year: Int, month: Int, day: Int
    var hour: Int, minute: Int, second: Int
    /// Minutes east of UTC; nil when the header names no zone or one that says "unknown"
    /// (-0000, military letters).
    var offsetMinutes: Int?

    /// "1993-04-05": the day as written.
    var isoDay: String { pad(year, 4) + "-" + pad(month, 2) + "-" + pad(day, 2) }

    /// "1993-04-05T23:30:00-05:00" (RFC 3339); an unknown zone is "-00:00", as RFC 3339 §4.3 says.
    var isoDateTime: String {
        var s = isoDay + "T" + pad(hour, 2) + ":" + pad(minute, 2) + ":" + pad(second, 2)
        if let offset = offsetMinutes {
            s += (offset < 0 ? "-" : "+") + pad(abs(offset) / 60, 2) + ":" + pad(abs(offset) % 60, 2)
        } else {
            s += "-00:00"
        }
        return s
    }

    private func pad(_ v: Int, _ width: Int) -> String {
        let s = String(v)
        return String(repeating: "0", count: max(0, width - s.count)) + s
    }

    static let months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
    static let weekdays = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
    /// RFC 5322 §4.3's named zones, in minutes east of UTC.
    static let namedZones: [String: Int] = [
        "ut": 0, "utc": 0, "gmt": 0, "z": 0,
        "est": -300, "edt": -240, "cst": -360, "cdt": -300, "mst": -420, "mdt": -360, "pst": -480, "pdt": -420,
    ]

    /// Parses a header value (raw bytes); nil when it does not hold a valid day.
    init?(_ value: [UInt8]) {
        let tokens = MailDate.tokens(value)
        var year: Int?, month: Int?, day: Int?
        var time: (Int, Int, Int)?
        var offset: Int?, zoneSeen = false
        for token in tokens {
            let lower = String(decoding: token.map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }, as: UTF8.self)
            if token.contains(UInt8(ascii: ":")) {
                guard time == nil, let t = MailDate.time(token) else { return nil }
                time = t
            } else if (token[0] == UInt8(ascii: "+") || token[0] == UInt8(ascii: "-")), time != nil, !zoneSeen {
                guard token.count == 5, let hh = MailDate.number(token[1..<3]), let mm = MailDate.number(token[3..<5]),
                      hh <= 23, mm <= 59 else { return nil }
                let minutes = hh * 60 + mm
                // "-0000": the time is UTC, the local zone unknown (RFC 5322 §3.3).
                offset = token[0] == UInt8(ascii: "-") ? (minutes == 0 ? nil : -minutes) : minutes
                zoneSeen = true
            } else if let n = MailDate.number(token[...]) {
                if day == nil, token.count <= 2, year == nil || month != nil || time != nil { day = n }
                else if year == nil, token.count <= 4 { year = n < 50 && token.count <= 2 ? 2000 + n : n < 1000 ? 1900 + n : n }
                else { return nil }
            } else if month == nil, lower.count >= 3, let m = MailDate.months.firstIndex(of: String(lower.prefix(3))),
                      lower.count == 3 || MailDate.isMonthName(lower, m) {
                month = m + 1
            } else if MailDate.weekdays.contains(String(lower.prefix(3))), month == nil, day == nil {
                continue
            } else if time != nil, token.allSatisfy(isLetter) {
                // A named zone; after a numeric one it only repeats it ("-0500 EST").
                if !zoneSeen { offset = MailDate.namedZones[lower] }   // military or unknown: no known zone
                zoneSeen = true
            } else {
                return nil
            }
        }
        guard let year, let month, let day, year >= 1000, year <= 9999, (1...12).contains(month),
              day >= 1, day <= GregorianCalendar.daysIn(month: month, year: year) else { return nil }
        self.year = year; self.month = month; self.day = day
        (hour, minute, second) = time ?? (0, 0, 0)
        offsetMinutes = offset
    }

    /// Whether `lower` is the full English name of month `m` ("april"), as some software writes.
    private static func isMonthName(_ lower: String, _ m: Int) -> Bool {
        let names = ["january", "february", "march", "april", "may", "june", "july", "august", "september",
                     "october", "november", "december"]
        return lower == names[m] || (m == 8 && lower == "sept")
    }

    /// The value without comments (nested parentheses, backslash escapes), split at white
    /// space and commas, and "5-Apr-93" split at its hyphens (a zone's sign is kept).
    static func tokens(_ value: [UInt8]) -> [[UInt8]] {
        var out: [[UInt8]] = []
        var current: [UInt8] = []
        var depth = 0, escaped = false
        func flush() {
            guard !current.isEmpty else { return }
            if current.count > 1, current[0] != UInt8(ascii: "+"), current[0] != UInt8(ascii: "-"),
               current.contains(UInt8(ascii: "-")), !current.contains(UInt8(ascii: ":")) {
                out += current.split(separator: UInt8(ascii: "-")).map(Array.init)
            } else {
                out.append(current)
            }
            current.removeAll()
        }
        for b in value.prefix(512) {
            if depth > 0 {
                if escaped { escaped = false } else if b == UInt8(ascii: "\\") { escaped = true }
                else if b == UInt8(ascii: "(") { depth &+= 1 } else if b == UInt8(ascii: ")") { depth -= 1 }
                continue
            }
            switch b {
            case UInt8(ascii: "("): flush(); depth = 1
            case 0x20, 0x09, 0x0D, 0x0A, UInt8(ascii: ","): flush()
            default: current.append(b)
            }
        }
        flush()
        return out
    }

    /// "12:34" or "12:34:56" (a leap second 60 allowed).
    static func time(_ token: [UInt8]) -> (Int, Int, Int)? {
        let parts = token.split(separator: UInt8(ascii: ":"), omittingEmptySubsequences: false)
        guard parts.count == 2 || parts.count == 3, parts.allSatisfy({ $0.count == 2 || $0.count == 1 }),
              let h = number(parts[0]), let m = number(parts[1]), h <= 23, m <= 59 else { return nil }
        let s = parts.count == 3 ? number(parts[2]) : 0
        guard let s, s <= 60 else { return nil }
        return (h, m, s)
    }

    /// A run of at most 4 ASCII digits as a number; nil otherwise (so nothing overflows).
    static func number(_ digits: ArraySlice<UInt8>) -> Int? {
        guard !digits.isEmpty, digits.count <= 4 else { return nil }
        var v = 0
        for d in digits {
            guard d >= 0x30, d <= 0x39 else { return nil }
            v = v * 10 + Int(d - 0x30)
        }
        return v
    }
}

private func isLetter(_ b: UInt8) -> Bool { (b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A }
