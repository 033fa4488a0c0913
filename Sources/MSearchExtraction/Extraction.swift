import MSearchSources

/// How precisely a date is known.
public enum DatePrecision: String, Codable, Sendable, Comparable {
    case year, month, day
    public static func < (a: DatePrecision, b: DatePrecision) -> Bool {
        let order: [DatePrecision] = [.year, .month, .day]
        return order.firstIndex(of: a)! < order.firstIndex(of: b)!
    }
}

/// A calendar date at some precision ("2023", "2023-11", "2023-11-14").
public struct PartialDate: Hashable, Codable, Sendable, CustomStringConvertible {
    public var year: Int
    public var month: Int?
    public var day: Int?
    public init(year: Int, month: Int? = nil, day: Int? = nil) { self.year = year; self.month = month; self.day = day }
    public var precision: DatePrecision { day != nil ? .day : (month != nil ? .month : .year) }
    /// ISO-8601 at its precision.
    public var description: String {
        var s = String(format: "%04d", year)
        if let month { s += String(format: "-%02d", month) }
        if let day { s += String(format: "-%02d", day) }
        return s
    }
}

/// The publication date and where it came from, so `msearch show` can explain it.
public struct PublicationDate: Equatable, Codable, Sendable {
    public var date: PartialDate
    /// e.g. "meta article:published_time", "dateline", "latest date in text".
    public var evidence: String
    public init(date: PartialDate, evidence: String) { self.date = date; self.evidence = evidence }
}

/// A person, organisation or government named in an article, under its canonical name.
public struct Actor: Hashable, Codable, Sendable {
    public var name: String
    public var kind: ActorKind
    public init(name: String, kind: ActorKind) { self.name = name; self.kind = kind }
}

/// What extraction finds in one document.
public struct Extraction: Equatable, Sendable {
    public var publicationDate: PublicationDate?
    /// Every date the text mentions, normalised, without duplicates, in order of appearance.
    public var mentionedDates: [PartialDate]
    /// Actors named in the document, most mentioned first.
    public var actors: [Actor]
    public init(publicationDate: PublicationDate?, mentionedDates: [PartialDate], actors: [Actor]) {
        self.publicationDate = publicationDate; self.mentionedDates = mentionedDates; self.actors = actors
    }
}
