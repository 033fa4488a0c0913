/// `OUT/README.txt` of an OpenSearch export: what the files are and the exact commands that
/// create the index, load it and send it msearch's queries. No machine-dependent text (no
/// date, no absolute path but the index's as given), so the same index gives the same file.
enum OpenSearchReadme {
    static func text(index: String, summary: OpenSearchExport.Summary, indexName: String) -> String {
        let files = summary.files.isEmpty ? "(none: the index is empty)" : "\(summary.files.first!) … \(summary.files.last!)"
        return """
        msearch export for OpenSearch (or Elasticsearch)
        ================================================

        Exported from the msearch index \(index): \(summary.documents) documents.

          index.json          the create-index request body: analysers equivalent to msearch's
                              (tokens, lowercase, asciifolding, Snowball stemmer; stop words in
                              the search analysers), BM25 with msearch's k1 and b, the mapping
          \(files)
                              \(summary.files.count) bulk request bodies (an "index" action line, then the
                              document; _id is the msearch id)

        Load it (set OPENSEARCH to your cluster's address, with credentials if it needs them):

          OPENSEARCH=http://localhost:9200
          curl -sS -X PUT "$OPENSEARCH/\(indexName)" -H 'Content-Type: application/json' --data-binary @index.json
          for f in bulk-*.ndjson; do
            curl -sS -X POST "$OPENSEARCH/\(indexName)/_bulk" -H 'Content-Type: application/x-ndjson' --data-binary @"$f" \\
              | grep -q '"errors":false' || echo "$f: some documents were refused (see the response)"
          done
          curl -sS -X POST "$OPENSEARCH/\(indexName)/_refresh"
          curl -sS "$OPENSEARCH/\(indexName)/_count"     # should say "count":\(summary.documents)

        Query it with msearch's query language: translate prints the search request body
        (warnings about what has no exact equivalent go to stderr):

          msearch translate --index \(index) 'deportation flights date:2023' \\
            | curl -sS -X POST "$OPENSEARCH/\(indexName)/_search" -H 'Content-Type: application/json' --data-binary @-

        Many queries (one per line, or qid<TAB>query) give one {"qid", "query", "request"} line each:

          msearch batch --index \(index) --translate opensearch queries.txt > requests.jsonl

        Unscoped words search the field "text" (title then body, as msearch's one text field);
        title: and body: search "title" and "body"; actor: filters on the nested "actors.name".

        """
    }
}
