import MSearchIndex
import MSearchSources

/// Values a document gets from the index beside its stored fields: its language column and
/// its near-duplicate cluster; a field without a value is left out of the document (the
/// mapping declares both).
struct DocumentLabels {
    var language: String?
    var cluster: String?

    /// The labels of global document `doc`: its language column ("" → none) and the id of
    /// its near-duplicate cluster (none when it has no near-duplicate).
    static func of(_ doc: Int, in reader: IndexReader) -> DocumentLabels {
        let (segment, local) = reader.locate(doc)
        let language = reader.segments[segment].columns.language(local)
        return DocumentLabels(language: language.isEmpty ? nil : language, cluster: reader.clusterId(doc))
    }
}

/// One document as OpenSearch indexes it: the fields of `OpenSearchMapping`, from the stored
/// document and what extraction found. Absent values are left out, never written as null.
enum OpenSearchDocument {
    static func source(_ d: SourceDocument, labels: DocumentLabels) -> JSONValue {
        var fields: [(String, JSONValue)] = [("id", .string(d.id)), ("title", .string(d.title)), ("body", .string(d.body)),
                                             ("source_path", .string(d.path))]
        if let url = d.url { fields.append(("url", .string(url))) }
        if let published = OpenSearchDates.published(d.date) {
            fields.append(("published", .string(published.date)))
            fields.append(("published_precision", .string(published.precision.rawValue)))
        }
        if let evidence = d.dateEvidence { fields.append(("published_evidence", .string(evidence))) }
        if !d.mentionedDates.isEmpty { fields.append(("dates_mentioned", .array(d.mentionedDates.map { .string($0) }))) }
        if !d.actors.isEmpty {
            fields.append(("actors", .array(d.actors.map {
                .object([("name", .string($0.name)), ("kind", .string($0.kind.rawValue))])
            })))
        }
        if let language = labels.language { fields.append(("language", .string(language))) }
        if let cluster = labels.cluster { fields.append(("cluster", .string(cluster))) }
        return .object(fields)
    }

    /// The bulk action line that precedes the document: index it under its msearch id.
    static func action(_ d: SourceDocument) -> JSONValue {
        .object([("index", .object([("_id", .string(d.id))]))])
    }
}
