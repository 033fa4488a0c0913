import Foundation
import MSearchExtraction
import MSearchIndex
import MSearchSources

/// One indexing run: walk the paths, read every file, add its documents, commit once.
/// A file that cannot be read is reported and skipped; the run goes on.
struct IndexingRun {
    var directory: String
    var paths: [String]
    var replace: Bool
    /// Dates and actors are extracted with this (nil: text only).
    var extractor: Extractor? = Extractor()

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

    /// A one-document file's id is its file stem; inside a folder walk it is qualified with
    /// the folder path below the walked root ("mozilla-1/source"), so files with the same name
    /// in different folders keep distinct ids that do not depend on the walk order.
    func qualifiedId(_ id: String, path: String) -> String {
        let stem = SourceFormat.stem(path)
        guard id == stem else { return id }
        for root in paths {
            let prefix = root.hasSuffix("/") ? root : root + "/"
            if path.hasPrefix(prefix) {
                let relative = path.dropFirst(prefix.count)
                guard let slash = relative.lastIndex(of: "/") else { return id }
                return String(relative[..<slash]) + "/" + stem
            }
        }
        return id
    }

    func run(progress: ((Report) -> Void)? = nil) throws -> Report {
        let started = Date()
        var report = Report()
        let writer = try IndexWriter(directory: directory, replace: replace)
        defer { writer.close() }
        var files: [String] = []
        for entry in SourceWalker(paths: paths).entries() {
            switch entry {
            case .skipped(let problem): report.problems.append(problem)
            case .file(let path, _): files.append(path)
            }
        }
        let pipeline = DocumentPipeline(settings: writer.manifest.analyzer, extractor: extractor)
        try pipeline.run(files: files, read: { path in
            var (documents, problems) = SourceReader.readAll(fileAt: path)
            for i in documents.indices { documents[i].id = qualifiedId(documents[i].id, path: path) }
            return .init(path: path, documents: documents, problems: problems)
        }, consume: { doc in
            try writer.add(doc)
            report.documents += 1
        }, fileDone: { file in
            report.problems.append(contentsOf: file.problems)
            if !file.documents.isEmpty { report.files += 1 }
            progress?(report)
        })
        try writer.commit()
        report.seconds = Date().timeIntervalSince(started)
        return report
    }
}
