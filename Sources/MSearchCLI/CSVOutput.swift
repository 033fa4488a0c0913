import Foundation

/// Results as CSV for a spreadsheet (RFC 4180): a header row, then one row per hit with the
/// columns of `batch --format tsv` and the passage; CRLF line ends; a field holding a comma,
/// a quote or a line break is quoted, its quotes doubled. Text is written as stored (no
/// terminal escapes: a spreadsheet shows no control sequences, and quoting keeps rows whole).
enum CSVOutput {
    static let hitColumns = ["rank", "id", "score", "date", "title", "snippet"]

    static func header(qid: Bool) -> String { row((qid ? ["qid"] : []) + hitColumns) }

    /// One row per hit of `answer` (none when it has none).
    static func rows(_ answer: SearchAnswer, qid: String? = nil) -> String {
        answer.hits.map { h in
            let fields = [String(h.rank), h.externalId, String(format: "%.6f", h.hit.score), h.document?.date ?? "",
                          h.document?.title ?? "", h.snippets.first?.text ?? ""]
            return row((qid.map { [$0] } ?? []) + fields)
        }.joined()
    }

    static func row(_ fields: [String]) -> String { fields.map(field).joined(separator: ",") + "\r\n" }

    static func field(_ text: String) -> String {
        guard text.utf8.contains(where: { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 0x0A || $0 == 0x0D }) else {
            return text
        }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
