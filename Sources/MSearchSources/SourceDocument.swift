/// One article as read from a source, before analysis: what the index stores and shows.
public struct SourceDocument: Sendable, Equatable {
    /// Stable and unique within a corpus: the file stem for one-document files, the item's
    /// guid/link, NEWID or line id inside multi-document files.
    public var id: String
    /// The file the document came from, as given to the reader.
    public var path: String
    public var title: String
    /// Plain text with paragraphs separated by "\n"; no markup.
    public var body: String
    /// Publication date from explicit metadata, ISO-8601 ("2023-11-14", or "2023-11" / "2023"
    /// when only that precision is known); nil when the source states none.
    public var date: String?
    /// Where `date` came from, e.g. "rss pubDate", "meta article:published_time".
    public var dateEvidence: String?
    /// The article's URL when the source names one (canonical link, og:url, RSS link).
    public var url: String?
    public var format: SourceFormat
    /// People, organisations and places the article names, under canonical names (found by
    /// extraction at index time, after those a reader states: a mail's author from `From:`).
    public var actors: [NamedActor] = []
    /// Dates the text mentions, ISO-8601 at their precision (filled by extraction).
    public var mentionedDates: [String] = []
    /// Where the document is among those its file yields (0 for one-document files), so an
    /// index that keeps no text can find it again in the file (see `SourceText`).
    public var ordinal: Int = 0
    /// Whether extraction may date the document from its text when the source states no date:
    /// false where the source's own field is the only trustworthy date (a mail or news post
    /// without a `Date:` header is undated; dates in its text are quotes and signatures).
    public var textMayDate = true
    /// Fields a format keeps beside title and body, by name: a mail's "newsgroups", "to",
    /// "thread" (the subject without "Re:"/"Fwd:" chains, for grouping) and "date-time"
    /// (the `Date:` header in RFC 3339, with its zone). Not indexed.
    public var metadata: [String: String] = [:]
    /// The language the source declares (HTML `lang`/`xml:lang`, `Content-Language`, RSS
    /// `<language>`, JSON Lines `lang`), as written; readers fill it, nil when none.
    public var languageHint: String?
    /// The document's language code ("en", "es"), decided at analysis from the hint and the text
    /// (and read back from the index's `language` column); nil until then, "" in an index
    /// without per-document languages.
    public var language: String?

    public init(id: String, path: String, title: String, body: String, date: String? = nil,
                dateEvidence: String? = nil, url: String? = nil, format: SourceFormat) {
        self.id = id; self.path = path; self.title = title; self.body = body
        self.date = date; self.dateEvidence = dateEvidence; self.url = url; self.format = format
    }
}

/// An actor as a document carries it: a canonical name and its kind.
public struct NamedActor: Hashable, Sendable {
    public var name: String
    public var kind: ActorKind
    public init(name: String, kind: ActorKind) { self.name = name; self.kind = kind }
}

/// Why a file (or part of one) could not be read. Indexing reports it and goes on.
public struct SourceProblem: Error, Sendable, Equatable, CustomStringConvertible {
    public var path: String
    public var reason: String
    /// The file was indexed, but not all of it (text cut at a budget): a note, not a skip.
    public var partial: Bool
    /// The category a run counts the file under when this problem leaves it without documents.
    /// A reader's problem is `.malformed` unless it says otherwise.
    public var kind: SkipReason
    public init(path: String, reason: String, partial: Bool = false, kind: SkipReason = .malformed) {
        self.path = path; self.reason = reason; self.partial = partial; self.kind = kind
    }
    public var description: String { "\(path): \(reason)" }
}
