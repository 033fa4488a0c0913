import Foundation
import MSearchIndex
import MSearchSources

/// One indexing run: walk the paths, read every file, add its documents, commit once.
/// A file that cannot be read is reported and skipped; the run goes on.
struct IndexingRun {
    var directory: String
    var paths: [String]
    var replace: Bool

    struct Report {
        var files = 0
        var documents = 0
        var problems: [SourceProblem] = []
        var seconds = 0.0

        var summary: String {
            let skipped = problems.isEmpty ? "" : ", \(problems.count) problem\(problems.count == 1 ? "" : "s")"
            return "indexed \(documents) document\(documents == 1 ? "" : "s") from \(files) file\(files == 1 ? "" : "s") in \(String(format: "%.2f", seconds)) s\(skipped)"
        }
    }

    func run(progress: ((Report) -> Void)? = nil) throws -> Report {
        let started = Date()
        var report = Report()
        let writer = try IndexWriter(directory: directory, replace: replace)
        defer { writer.close() }
        for entry in SourceWalker(paths: paths).entries() {
            switch entry {
            case .skipped(let problem):
                report.problems.append(problem)
            case .file(let path, _):
                let (documents, problems) = SourceReader.readAll(fileAt: path)
                report.problems.append(contentsOf: problems)
                if !documents.isEmpty { report.files += 1 }
                for doc in documents {
                    try writer.add(doc)
                    report.documents += 1
                }
                progress?(report)
            }
        }
        try writer.commit()
        report.seconds = Date().timeIntervalSince(started)
        return report
    }
}
