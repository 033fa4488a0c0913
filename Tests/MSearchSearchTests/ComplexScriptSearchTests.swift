import Testing
import MSearchIndexTestSupport
import MSearchQuery
@testable import MSearchSearch

/// A Thai query word finds a Thai document: both are split into words by ICU the same way.
@Suite struct ComplexScriptSearchTests {
    @Test func aThaiWordAndAThaiPhraseFindTheThaiDocument() throws {
        // "The Thai government announced a new policy on migration" / "Rain fell in Bangkok".
        let index = try TestIndex(texts: [("", "รัฐบาลไทยประกาศนโยบายใหม่เกี่ยวกับการย้ายถิ่นฐาน"), ("", "ฝนตกที่กรุงเทพ"),
                                          ("", "The government announced a new policy")])
        let s = try Searcher(reader: index.reader)
        #expect(try s.search(words("นโยบาย"), limit: 10).hits.map(\.doc) == [0])
        #expect(try s.search(words("กรุงเทพ"), limit: 10).hits.map(\.doc) == [1])
        // One query word of several Thai words is a phrase of them, as in the document.
        #expect(try s.search(words("นโยบายใหม่"), limit: 10).hits.map(\.doc) == [0])
        #expect(try s.search(words("ใหม่นโยบาย"), limit: 10).total == 0)
    }
}
