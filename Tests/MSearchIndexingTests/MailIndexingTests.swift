import Foundation
import Testing
import MSearchExtraction
import MSearchIndex
import MSearchIndexing
import MSearchSources
import MSearchTestSupport

/// Mail through the indexing run with extraction: the author a reader states stays the first
/// actor, a post without a Date header stays undated whatever its text says, and `--store none`
/// finds each message of an mbox again.
@Suite struct MailIndexingTests {
    static let mbox = """
        From alice@example.org Mon Apr  5 10:00:00 1993
        From: Alice Walker <alice@example.org>
        Subject: Harbour news
        Message-ID: <one@example.org>
        Date: Mon, 5 Apr 1993 23:30:00 -0500

        Havana, 1 March 1990 - The harbour of Havana reopened to cargo ships, Fidel Castro said.

        From bob@example.org Tue Apr  6 10:00:00 1993
        From: bob.builder@example.org
        Subject: Re: Harbour news

        HAVANA, April 2, 1993 - Bob writes that the harbour closed again on 2 April 1993.
        """

    @Test func authorsComeFirstAndAPostWithoutDateStaysUndated() throws {
        let sources = TemporaryDirectory("mail-sources"), index = TemporaryDirectory("mail-index")
        try sources.write("archive.mbox", MailIndexingTests.mbox)
        var run = IndexingRun(directory: index.path, paths: [sources.path], replace: true, extractor: Extractor())
        run.store = .text
        let report = try run.run()
        #expect(report.problems.isEmpty, "\(report.problems)")
        #expect(report.documents == 2)
        let reader = try IndexReader(directory: index.path, sourceText: SourceText())
        var byId: [String: SourceDocument] = [:]
        for doc in 0..<reader.documentCount { let d = try reader.document(doc); byId[d.id] = d }
        let first = try #require(byId["one@example.org"])
        #expect(first.actors.first == NamedActor(name: "Alice Walker", kind: .person))
        #expect(first.actors.contains { $0.name.contains("Castro") }, "extraction still adds the actors of the text")
        #expect(first.date == "1993-04-05", "the header's day, not the dateline's or UTC's")
        let second = try #require(byId["archive#2"])
        #expect(second.actors.first == NamedActor(name: "Bob Builder", kind: .person))
        #expect(second.date == nil, "no Date header: undated, though the text has a dateline")

        // --store none re-reads each message from the mbox alone.
        run.store = StoreMode.none
        _ = try run.run()
        let unstored = try IndexReader(directory: index.path, sourceText: SourceText())
        for doc in 0..<unstored.documentCount {
            let found = try unstored.documentText(doc)
            #expect(found.textAvailable)
            #expect(found.document.title == byId[found.document.id]?.title)
            #expect(found.document.body == byId[found.document.id]?.body)
        }
    }
}
