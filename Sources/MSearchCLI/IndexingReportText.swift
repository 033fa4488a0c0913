import Foundation
import MSearchIndexing
import MSearchSources

/// How a run's report reads at the end of `msearch index` (and of the default index's build).
extension IndexingRun.Report {
    /// One line: documents, files, time taken and how many problems.
    var summary: String {
        let skipped = problems.isEmpty ? "" : ", \(problems.count) problem\(problems.count == 1 ? "" : "s")"
        return "indexed \(documents) document\(documents == 1 ? "" : "s") from \(files) file\(files == 1 ? "" : "s") in \(String(format: "%.2f", seconds)) s\(skipped)"
    }

    /// The files' fate and the resulting index, for the end of `msearch index`.
    var details: String {
        "files: \(added) added, \(updated) updated, \(unchanged) unchanged, \(removed) removed"
            + (removedDocuments > 0 ? " (\(removedDocuments) old document\(removedDocuments == 1 ? "" : "s") deleted)" : "")
            + "; index: \(indexDocuments) document\(indexDocuments == 1 ? "" : "s") in \(segments) segment\(segments == 1 ? "" : "s")"
    }

    /// The files skipped for a reason other than being unchanged, counted by reason ("skipped:
    /// 3 binary, 1 malformed"), or nil when there were none. Unchanged files are in `details`.
    var skipSummary: String? {
        let counts = skipCounts
        let parts = SkipReason.allCases.filter(\.losesContent).compactMap { reason in
            counts[reason].map { "\($0) \(reason.label)" }
        }
        return parts.isEmpty ? nil : "skipped: " + parts.joined(separator: ", ")
    }
}
