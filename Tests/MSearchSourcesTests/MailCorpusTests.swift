import Foundation
import MSearchTestSupport
import Testing
@testable import MSearchSources

/// 20 Newsgroups (../shared/corpora/20newsgroups): a sample of the posts, unpacked from the
/// archive, recognised by content under their own extension-less names and read as mail. The
/// whole corpus, indexed by the release binary, is `Benchmarks/mail.sh`.
@Suite struct MailCorpusTests {
    static let archive = "20newsgroups/20news-bydate.tar.gz"

    /// Every 20th post (943 of 18,846): titles are their Subject lines, the body holds no
    /// header, the author is a person actor, and the posts without a Date header are undated.
    @Test(.enabled(if: Corpora.exists(archive), "needs ../shared/corpora/20newsgroups"))
    func aSampleOf20NewsgroupsReadsAsPosts() throws {
        let dir = TemporaryDirectory("20ng")
        let tar = Process()
        tar.executableURL = URL(fileURLWithPath: "/bin/tar")
        tar.arguments = ["xzf", Corpora.path(MailCorpusTests.archive), "-C", dir.path]
        try tar.run()
        tar.waitUntilExit()
        try #require(tar.terminationStatus == 0, "tar failed")
        let files = try #require(FileManager.default.enumerator(atPath: dir.path)).compactMap { $0 as? String }
            .filter { !$0.hasSuffix("/") && FileManager.default.fileExists(atPath: dir.sub($0) + "/") == false }
            .sorted()
        #expect(files.count == 18_846)
        let headerNames = ["From", "Subject", "Organization", "Lines", "NNTP-Posting-Host", "Expires", "Reply-To",
                           "Distribution", "Keywords", "Summary", "Newsgroups", "Message-ID", "Date", "Sender"]
        var read = 0, withSubject = 0, titleIsSubject = 0, undatedWithoutDate = 0, withoutDate = 0
        for (k, file) in files.enumerated() where k % 20 == 0 {
            let path = dir.sub(file)
            let raw = try FileBytes.read(path: path)
            #expect(SourceFormatRegistry.standard.detect(path: path, prefix: Array(raw.prefix(512))) == .mail, "\(file)")
            let doc = try #require(SourceReader.read(bytes: raw, path: path, format: .mail).first, "\(file)")
            read += 1
            // The header block, folded lines joined (RFC 5322 §2.2.3).
            let text = String(decoding: raw, as: UTF8.self)
            var lines: [String] = []
            for line in text.components(separatedBy: "\n\n")[0].split(separator: "\n") {
                if line.first == " " || line.first == "\t", !lines.isEmpty { lines[lines.count - 1] += line } else { lines.append(String(line)) }
            }
            if let subject = lines.first(where: { $0.hasPrefix("Subject:") }), subject.utf8.allSatisfy({ $0 < 0x80 }) {
                withSubject += 1
                if doc.title == collapseWhitespace(String(subject.dropFirst("Subject:".count))) { titleIsSubject += 1 }
            }
            if !lines.contains(where: { $0.hasPrefix("Date:") }) {
                withoutDate += 1
                if doc.date == nil && !doc.textMayDate { undatedWithoutDate += 1 }
            }
            for name in headerNames {
                #expect(!doc.title.hasPrefix(name + ":"), "\(file): title \(doc.title)")
                #expect(!doc.actors.contains { $0.name.caseInsensitiveCompare(name) == .orderedSame }, "\(file)")
            }
            for needle in ["Lines:", "NNTP-Posting-Host", "Organization:", "Expires:"] {
                #expect(!doc.body.contains(needle), "\(file): \(needle) in the body")
            }
            if lines.contains(where: { $0.hasPrefix("From:") && $0.contains("@") }) {
                #expect(doc.actors.first?.kind == .person, "\(file): no author")
            }
        }
        #expect(read == 943)
        #expect(titleIsSubject == withSubject, "\(withSubject - titleIsSubject) titles differ from their Subject")
        #expect(undatedWithoutDate == withoutDate)
    }
}
