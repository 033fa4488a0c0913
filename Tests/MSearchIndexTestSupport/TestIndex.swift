import Foundation
import MSearchAnalysis
import MSearchIndex
import MSearchSources
import MSearchTestSupport

/// An index of the given documents, built in-process in a temporary directory that is removed
/// with the value: for tests that need "an index of these documents" rather than a test of the
/// writer itself (those keep their own `IndexWriter`). Deterministic: the same documents in the
/// same order give the same files.
///
/// This lives in its own target rather than in `MSearchTestSupport` so that test targets that
/// do not need an index (queries, analysis, sources) do not build `MSearchIndex` for it.
public final class TestIndex {
    /// How the documents are committed, which decides how many segments the index has.
    public enum Commits {
        /// One commit at the end: one segment unless the memory budget forces more.
        case once
        /// A writer and a commit per document: one segment per document.
        case perDocument
    }

    /// The index directory (inside `directory`, which is removed when this value is dropped).
    public let path: String
    /// The index as committed, opened once.
    public let reader: IndexReader
    private let directory: TemporaryDirectory

    /// Indexes `documents` in order with the given writer options (the writer's defaults when
    /// not given).
    public init(_ documents: [SourceDocument], label: String = "index", settings: AnalyzerSettings = .default,
                memoryBudget: Int = 256 << 20, store: StoreMode? = nil, commits: Commits = .once) throws {
        directory = TemporaryDirectory(label)
        path = directory.path
        switch commits {
        case .once:
            let writer = try IndexWriter(directory: path, settings: settings, memoryBudget: memoryBudget, store: store)
            for document in documents { try writer.add(document) }
            try writer.commit()
            writer.close()
        case .perDocument:
            for document in documents {
                let writer = try IndexWriter(directory: path, settings: settings, memoryBudget: memoryBudget, store: store)
                try writer.add(document)
                try writer.commit()
                writer.close()
            }
        }
        reader = try IndexReader(directory: path)
    }

    /// Plain-text documents with ids "d0", "d1", … in order, from (title, body) pairs.
    public convenience init(texts: [(String, String)], label: String = "index",
                            settings: AnalyzerSettings = .default, memoryBudget: Int = 256 << 20) throws {
        try self.init(texts.enumerated().map { SourceDocument.text("d\($0.offset)", title: $0.element.0, body: $0.element.1) },
                      label: label, settings: settings, memoryBudget: memoryBudget)
    }

    /// A fresh reader of the directory (after a test changed it).
    public func reopen() throws -> IndexReader { try IndexReader(directory: path) }
}

extension SourceDocument {
    /// A plain-text document as a test writes one: `id`, its file `ID.txt`, and only the fields
    /// the test names.
    public static func text(_ id: String, title: String = "", body: String, date: String? = nil,
                            actors: [NamedActor] = []) -> SourceDocument {
        var document = SourceDocument(id: id, path: "\(id).txt", title: title, body: body, date: date, format: .text)
        document.actors = actors
        return document
    }
}
