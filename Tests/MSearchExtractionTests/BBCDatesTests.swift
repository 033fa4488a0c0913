import Foundation
import MSearchSources
import MSearchTestSupport
import Testing
@testable import MSearchExtraction

/// BBC News (2004–2005) states almost no dates of its own: every publication date found there
/// must fall in those two years, or the article stays undated. The texts' birthdays ("born
/// 20 February 1951"), history and kick-off times ("Tuesday, 1 March … 2000 GMT") used to be
/// taken for publication dates. Skipped when ../shared is absent.
@Suite struct BBCDatesTests {
    static let root = TestData.corpus("bbc-news/bbc")

    @Test(.enabled(if: FileManager.default.fileExists(atPath: BBCDatesTests.root + "/politics/295.txt")))
    func everyDateIsIn2004Or2005() throws {
        var dated = 0, files = 0
        for section in ["business", "entertainment", "politics", "sport", "tech"] {
            let dir = BBCDatesTests.root + "/" + section
            for name in try FileManager.default.contentsOfDirectory(atPath: dir).sorted() where name.hasSuffix(".txt") {
                files += 1
                let doc = try #require(try SourceReader.read(fileAt: dir + "/" + name).first)
                guard let d = testExtractor.extract(doc).publicationDate?.date else { continue }
                dated += 1
                #expect(d.year == 2004 || d.year == 2005, "\(section)/\(name): \(d) ")
            }
        }
        #expect(files == 2225)
        print("BBC: \(dated) of \(files) articles dated")
    }
}
