import Foundation
import MSearchSources

/// Finds a document's publication date, the dates it mentions and the actors it names, by rules.
/// Stateless after construction: one extractor can serve many threads.
public final class Extractor: @unchecked Sendable {
    public let gazetteer: Gazetteer
    /// "Today" for rejecting far-future dates (later than today + 1 year).
    public let today: PartialDate
    /// Problems loading the default resources (gazetteer, common-word lexicon), for the CLI to show.
    public let resourceWarnings: [String]
    /// Word lists, the common-word lexicon and the gazetteer's first words, by word.
    let wordClasses: WordClassTable
    /// The gazetteer's keys as word-id paths, for looking up token spans.
    let gazetteerSpans: GazetteerSpans

    /// Texts longer than this are cut (at a character boundary) before extraction, to bound time.
    public static let maxTextBytes = 2_000_000

    public init(gazetteer: Gazetteer = .default, today: PartialDate? = nil) {
        self.gazetteer = gazetteer
        self.today = today ?? Extractor.currentDate()
        var warnings: [String] = []
        if let w = Gazetteer.defaultLoadWarning, gazetteer.isEmpty { warnings.append(w) }
        if let w = CommonWords.load.warning { warnings.append(w) }
        if let w = FunctionWords.load.warning { warnings.append(w) }
        self.resourceWarnings = warnings
        self.gazetteerSpans = GazetteerSpans(gazetteer)
        self.wordClasses = WordClassTable(commonWords: CommonWords.load.words, gazetteerFirstWords: gazetteer.firstWords,
                                          gazetteerWords: gazetteerSpans.wordIDs)
    }

    static func currentDate() -> PartialDate {
        var cal = Calendar(identifier: .gregorian)
        cal.timeZone = TimeZone(identifier: "UTC")!
        let c = cal.dateComponents([.year, .month, .day], from: Date())
        return PartialDate(year: c.year ?? 2025, month: c.month ?? 1, day: c.day ?? 1)
    }

    public func extract(_ doc: SourceDocument) -> Extraction {
        extract(title: doc.title, body: doc.body, date: doc.date, dateEvidence: doc.dateEvidence, url: doc.url, language: doc.language)
    }

    /// Languages whose spelling capitalises every noun (German, Luxembourgish): there a capital
    /// is no sign of a name ("Frage", "Zeit", "Wasser").
    static let nounCapitalisingLanguages: Set<String> = ["de", "lb"]

    /// Extraction from the parts of a document; `language` is its code when known ("de").
    public func extract(title: String, body: String, date: String? = nil, dateEvidence: String? = nil, url: String? = nil,
                        language: String? = nil) -> Extraction {
        var bytes = [UInt8]()
        let headline = TitleHeadline.headline(of: title)
        bytes.reserveCapacity(headline.utf8.count + body.utf8.count + 2)
        bytes.append(contentsOf: headline.utf8)
        bytes.append(0x0A); bytes.append(0x0A)
        let bodyStart = bytes.count
        bytes.append(contentsOf: body.utf8)
        if bytes.count > Extractor.maxTextBytes {
            var cut = Extractor.maxTextBytes
            while cut > 0, bytes[cut] & 0xC0 == 0x80 { cut -= 1 }
            bytes.removeSubrange(cut...)
        }
        let scanner = TextScanner(bytes: bytes)
        let caseless = Extractor.isCaseless(scanner)
        let dateRules = DateRules(s: scanner, caseless: caseless)
        let mentions = dateRules.mentions()

        let pub = publicationDate(scanner: scanner, mentions: mentions, bodyStart: bodyStart,
                                  metadata: date, evidence: dateEvidence, url: url)
        var mentioned: [PartialDate] = []
        var seen = Set<PartialDate>()
        for m in mentions {
            guard let d = m.date ?? Extractor.placeWeekdayDay(m, near: pub?.date), d.year >= 1900, d.year <= 2100 else { continue }
            if seen.insert(d).inserted { mentioned.append(d) }
        }
        let nounsCapitalised = language.map { Extractor.nounCapitalisingLanguages.contains($0) } ?? false
        let actors = ActorRules(scanner: scanner, gazetteer: gazetteer, spans: gazetteerSpans, wordClasses: wordClasses,
                                caseless: caseless, nounsCapitalised: nounsCapitalised).actors()
        return Extraction(publicationDate: pub, mentionedDates: mentioned, actors: actors)
    }

    /// Hardly any capitals (an all-lower-case text): names can't be told by case.
    static func isCaseless(_ s: TextScanner) -> Bool {
        var words = 0, caps = 0
        for t in s.tokens where t.kind == .word {
            words += 1
            if t.cap { caps += 1 }
        }
        return words >= 8 && caps * 50 < words
    }

    // MARK: publication date

    func isFuture(_ d: PartialDate) -> Bool {
        let limit = (today.year + 1, today.month ?? 12, today.day ?? 31)
        let v = (d.year, d.month ?? 1, d.day ?? 1)
        return v > limit
    }

    /// "2023-11-14", "2023-11", "2023", also with a time after the date ("2023-11-14T10:00Z").
    static func parseISO(_ s: String) -> PartialDate? {
        let b = Array(s.utf8.prefix(32))
        func num(_ from: Int, _ count: Int) -> Int? {
            guard from + count <= b.count else { return nil }
            var v = 0
            for i in from..<(from + count) {
                guard b[i] >= 0x30, b[i] <= 0x39 else { return nil }
                v = v * 10 + Int(b[i] - 0x30)
            }
            return v
        }
        guard let y = num(0, 4) else { return nil }
        if b.count > 4, b[4] != 0x2D { return nil }
        guard b.count >= 7, let m = num(5, 2) else { return b.count == 4 && DateRules.isValid(year: y, month: nil, day: nil) ? PartialDate(year: y) : nil }
        if b.count > 7, b[7] != 0x2D { return nil }
        guard b.count >= 10, let d = num(8, 2) else {
            return b.count == 7 && DateRules.isValid(year: y, month: m, day: nil) ? PartialDate(year: y, month: m) : nil
        }
        if b.count > 10, !(b[10] == 0x54 || b[10] == 0x20 || b[10] == 0x74) { return nil }
        return DateRules.isValid(year: y, month: m, day: d) ? PartialDate(year: y, month: m, day: d) : nil
    }

    /// /YYYY/MM/DD/, /YYYY-MM-DD, /YYYYMMDD/ or /YYYY/MM/ in a URL's path.
    static func dateInURL(_ url: String) -> PartialDate? {
        var path = Substring(url)
        if let scheme = path.range(of: "://") {
            path = path[scheme.upperBound...]
            if let slash = path.firstIndex(of: "/") { path = path[slash...] } else { return nil }
        }
        if let q = path.firstIndex(where: { $0 == "?" || $0 == "#" }) { path = path[..<q] }
        let parts = path.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        for (i, p) in parts.enumerated() {
            if p.count == 4, let y = Int(p), y >= 1900, y <= 2100, i + 1 < parts.count {
                let m = parts[i + 1]
                guard m.count <= 2, let mm = Int(m), mm >= 1, mm <= 12 else { continue }
                if i + 2 < parts.count, parts[i + 2].count <= 2, let dd = Int(parts[i + 2]),
                   DateRules.isValid(year: y, month: mm, day: dd) {
                    return PartialDate(year: y, month: mm, day: dd)
                }
                if i + 2 < parts.count { return PartialDate(year: y, month: mm) }
            }
            // 2023-11-14 at the start of a path segment ("2023-11-14-slug")
            let u = Array(p.utf8)
            if u.count >= 10, u[4] == 0x2D, u[7] == 0x2D, u.count == 10 || !(u[10] >= 0x30 && u[10] <= 0x39),
               let d = parseISO(String(decoding: u[0..<10], as: UTF8.self)), d.year >= 1900, d.year <= 2100 {
                return d
            }
            if u.count == 8, let v = Int(p), let d = Optional(PartialDate(year: v / 10000, month: v / 100 % 100, day: v % 100)),
               d.year >= 1990, d.year <= 2100, DateRules.isValid(year: d.year, month: d.month, day: d.day) {
                return d
            }
        }
        return nil
    }

    func publicationDate(scanner s: TextScanner, mentions: [DateRules.Mention], bodyStart: Int,
                         metadata: String?, evidence: String?, url: String?) -> PublicationDate? {
        var candidates: [PublicationDate] = []
        if let metadata, let d = Extractor.parseISO(metadata.trimmingSpaces), !isFuture(d) {
            candidates.append(PublicationDate(date: d, evidence: evidence ?? "metadata"))
        }
        if let url, let d = Extractor.dateInURL(url), !isFuture(d) {
            candidates.append(PublicationDate(date: d, evidence: "url"))
        }
        if let d = datelineDate(s, mentions: mentions, bodyStart: bodyStart) {
            candidates.append(d)
        }
        // No "latest date in text": a date the text mentions is a birthday, a deadline or history
        // unless something corroborates it as the publication's (above, or the refinement below).
        guard var best = candidates.first else { return nil }
        // A less precise trusted date is refined by a later candidate that agrees with it.
        if best.date.precision < .day {
            for c in candidates.dropFirst() where c.date.precision > best.date.precision {
                let a = best.date, b = c.date
                if a.year == b.year, a.month == nil || a.month == b.month {
                    best = PublicationDate(date: b, evidence: best.evidence + "; " + (b.day != nil ? "day" : "month") + " from " + c.evidence)
                    if b.precision == .day { break }
                }
            }
        }
        if best.date.precision < .day, let day = dayFromText(agreeingWith: best.date, s, mentions: mentions, bodyStart: bodyStart) {
            best = PublicationDate(date: day.date, evidence: best.evidence + "; day from " + day.evidence)
        }
        return best
    }

    /// The day of a month-precise publication date from the text: the one full date in the
    /// text within that month, or near the top a weekday and day ("el martes
    /// 14") that fall in that month. Nil when the text names none or several.
    func dayFromText(agreeingWith d: PartialDate, _ s: TextScanner, mentions: [DateRules.Mention], bodyStart: Int) -> (date: PartialDate, evidence: String)? {
        // A year alone corroborates too little: only a month is narrowed to a day.
        guard let month = d.month else { return nil }
        var days = Set<PartialDate>()
        for m in mentions {
            guard let date = m.date, date.day != nil, date.year == d.year, date.month == month else { continue }
            days.insert(date)
        }
        if days.count == 1, let day = days.first { return (day, "a date in the text") }
        guard days.isEmpty else { return nil }
        for m in mentions where s.tokens[m.firstToken].start < bodyStart + 700 {
            guard m.year == nil, m.month == nil, let day = m.day, let wd = m.weekday,
                  DateRules.isValid(year: d.year, month: month, day: day), DateRules.weekday(year: d.year, month: month, day: day) == wd else { continue }
            return (PartialDate(year: d.year, month: month, day: day), "weekday and day near the top")
        }
        return nil
    }

    /// "el martes 14" placed by the publication date: the 14th of its month, of the month before
    /// or of the month after, whichever one falls on that weekday; nil when none or several do.
    static func placeWeekdayDay(_ m: DateRules.Mention, near pub: PartialDate?) -> PartialDate? {
        guard m.year == nil, m.month == nil, let day = m.day, let wd = m.weekday, let pub, let pm = pub.month else { return nil }
        var fits: [PartialDate] = []
        for shift in -1...1 {
            var y = pub.year, mo = pm + shift
            if mo < 1 { mo += 12; y -= 1 }
            if mo > 12 { mo -= 12; y += 1 }
            if DateRules.isValid(year: y, month: mo, day: day), DateRules.weekday(year: y, month: mo, day: day) == wd {
                fits.append(PartialDate(year: y, month: mo, day: day))
            }
        }
        return fits.count == 1 ? fits[0] : nil
    }

    /// A dateline or a date near the top ("Havana, November 15, 2022", "WASHINGTON, Nov 14
    /// (Reuters) -", "Today, Nov. 14"); a date without a year takes it from the rest of the text.
    func datelineDate(_ s: TextScanner, mentions: [DateRules.Mention], bodyStart: Int) -> PublicationDate? {
        let topEnd = bodyStart + 700
        for m in mentions {
            let t0 = s.tokens[m.firstToken]
            if t0.start >= topEnd { break }
            guard m.day != nil || m.year == nil else { continue }   // day dates only
            let line = s.lines[t0.line]
            let lineLen = line.endByte - line.startByte
            let position = m.firstToken - line.firstToken
            // a dateline: the date opens its line (after a place or a weekday), or has a short line
            // to itself, or the text says it is today.
            // Words before the date on its line: a place ("Havana,"), a weekday, "Published on" —
            // not an event ("Founded February 28, 1998", "Born …").
            var datelinePlace = position <= 6
            var eventBefore = false
            var labelled = false
            for k in line.firstToken..<m.firstToken where s.tokens[k].kind == .word {
                let t = s.tokens[k]
                let w = s.lowerASCII(k)
                if Extractor.datelineWords.contains(w) || DateRules.weekdayNames[w] != nil { continue }
                let lowered = s.text(k).lowercased()
                if Extractor.publicationLabels.contains(lowered) { labelled = true; continue }
                if labelled, Extractor.labelPrepositions.contains(lowered) { continue }
                if !(t.cap || t.allCaps) { datelinePlace = false }
                if wordClasses.classes(of: w).contains(.looseCommon) || w.isEmpty && !(t.cap || t.allCaps) { eventBefore = true }
            }
            if eventBefore && !m.present { continue }
            guard datelinePlace || lineLen <= 80 || m.present else { continue }
            if let y = m.year, let mo = m.month, let d = m.day {
                let date = PartialDate(year: y, month: mo, day: d)
                if y >= 1900, !isFuture(date) { return PublicationDate(date: date, evidence: m.present ? "date near top" : "dateline") }
                continue
            }
            if let mo = m.month, let d = m.day, let y = inferYear(month: mo, day: d, weekday: m.weekday, mentions: mentions) {
                let date = PartialDate(year: y, month: mo, day: d)
                if !isFuture(date) {
                    return PublicationDate(date: date, evidence: (m.present ? "date near top" : "dateline") + ", year from text")
                }
            }
        }
        return nil
    }

    static let datelineWords: Set<String> = Words.set("on of de by at updated published posted date dated last modified issued edition for the")

    /// "Published", "updated", "as of" and "date" as the languages msearch extracts write them
    /// before a publication date ("veröffentlicht: 25.10.2007", "Stand: 08.05.2019", "Publicado
    /// el 3 de marzo", "publié le", "pubblicato il", "gepubliceerd op", Korean news sites'
    /// 기사입력/입력/수정 "entered/modified"): a label, not an event before the date. The page-text
    /// date scan of HTML pages reads the same labels (`DateLabels`).
    static let publicationLabels: Set<String> = DateLabels.words
    /// "On" after such a label ("veröffentlicht am", "publicado el", "publié le"); alone before
    /// a date in prose ("Am 31.8.1990 fand … statt") it opens an event, not a dateline.
    static let labelPrepositions: Set<String> = Words.set("am vom um el en le du il del em op")

    /// The year of "November 14" from the rest of the text: a full date with the same month and
    /// day; else the latest year the text names, when the weekday fits it; else the month of
    /// a "Month YYYY" mention; else the year all the text's full dates share. Nil when unsure.
    func inferYear(month: Int, day: Int, weekday: Int?, mentions: [DateRules.Mention]) -> Int? {
        let full = mentions.compactMap { m -> (Int, Int?, Int?)? in m.year.map { ($0, m.month, m.day) } }.filter { $0.0 >= 1900 }
        let same = Set(full.filter { $0.1 == month && $0.2 == day }.map { $0.0 })
        if same.count == 1 { return same.first }
        let years = Set(full.map { $0.0 })
        if let wd = weekday {
            // Only the latest year the text names, the article's own in news: a weekday fits one
            // year in seven, so the years around it, or history the text recalls, would be
            // guesses ("Saturday 20 November" and "in 2000" is not 1999; "Tuesday, 1 March" and
            // "won in 1996" is not 1996).
            if let latest = years.max() {
                if DateRules.isValid(year: latest, month: month, day: day), DateRules.weekday(year: latest, month: month, day: day) == wd {
                    return latest
                }
                return nil
            }
        }
        let sameMonth = Set(full.filter { $0.1 == month && $0.2 == nil }.map { $0.0 })
        if sameMonth.count == 1 { return sameMonth.first }
        let dayYears = Set(full.filter { $0.2 != nil }.map { $0.0 })
        if dayYears.count == 1, years.count == 1 { return dayYears.first }
        return nil
    }
}
