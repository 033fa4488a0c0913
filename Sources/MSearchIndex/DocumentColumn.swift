import MSearchAnalysis
import MSearchSources

/// The per-document columns a segment writes, declared once each: the name and type the `.cols`
/// file keys it by, and the value a new document gives it. The writer, the merger, the checker
/// and the memory budget go over `all`, and `DocumentColumns` binds each one by name, so adding
/// a column is a `static let` here, its entry in `all`, and the accessor that reads it.
struct DocumentColumn: Sendable {
    /// The column's name in the file's directory; a stable, lower-case identifier.
    let name: String
    /// Where a new document's value comes from, by the column's type.
    let value: Value

    enum Value: Sendable {
        case unsigned(@Sendable (AnalyzedDocument) -> UInt32)
        /// A yyyymmdd `DateKey` (0 when undated).
        case date(@Sendable (AnalyzedDocument) -> Int32)
        case identifier(@Sendable (AnalyzedDocument) -> String)
        case actors(@Sendable (AnalyzedDocument) -> [NamedActor])
        case signature(@Sendable (AnalyzedDocument) -> [UInt16])
    }

    var type: ColumnType {
        switch value {
        case .unsigned: .unsigned
        case .date: .date
        case .identifier: .identifier
        case .actors: .actors
        case .signature: .signature
        }
    }

    /// Token counts for BM25: what the scorer reads for every posting.
    static let titleLength = DocumentColumn(name: "title_length", value: .unsigned { $0.titleLength })
    static let bodyLength = DocumentColumn(name: "body_length", value: .unsigned { $0.bodyLength })
    /// The publication date, for date filters and the year and month facets.
    static let date = DocumentColumn(name: "date", value: .date { DateKey.key($0.source.date) })
    /// The external id, fetched for every hit (a stored-document block would cost more).
    static let externalId = DocumentColumn(name: "id", value: .identifier { $0.source.id })
    /// The actors the document names, for actor facets.
    static let actors = DocumentColumn(name: "actors", value: .actors { $0.source.actors })

    /// The body's near-duplicate signature, from which the clusters are derived.
    static let signature = DocumentColumn(name: "signature", value: .signature { $0.signature })

    /// The document's language code, packed (`LanguageCode.pack`; 0 in an index without
    /// per-document languages), for `--lang`, `lang:` and the language facet.
    static let language = DocumentColumn(name: "language", value: .unsigned { LanguageCode.pack($0.source.language ?? "") })

    /// Every column, in the order the file holds them.
    static let all: [DocumentColumn] = [titleLength, bodyLength, date, externalId, actors, signature, language]
}
