import Testing
@testable import MSearchAnalysis

/// Thai, Lao, Khmer and Myanmar, written without spaces between words: split into words by
/// ICU's word break iterator, not kept as one giant token.
struct ComplexScriptTests {
    /// "The Thai government announced a new policy on migration" (hand-written).
    static let thai = "รัฐบาลไทยประกาศนโยบายใหม่เกี่ยวกับการย้ายถิ่นฐาน"

    @Test func aThaiSentenceBecomesItsWords() throws {
        let analyzer = try Analyzer()
        let tokens = analyzer.tokens(ComplexScriptTests.thai)
        let terms = tokens.map(\.term)
        #expect(terms.count >= 8, "\(terms)")
        for word in ["รัฐบาล", "ไทย", "ประกาศ", "นโยบาย", "ใหม่"] { #expect(terms.contains(word), "\(word) in \(terms)") }
        // The words tile the sentence: in order, no byte lost or repeated, positions one apart.
        let bytes = Array(ComplexScriptTests.thai.utf8)
        #expect(tokens.first?.token.start == 0 && tokens.last?.token.end == bytes.count)
        for (a, b) in zip(tokens, tokens.dropFirst()) { #expect(a.token.end == b.token.start) }
        #expect(tokens.map(\.token.position) == Array(0..<tokens.count))
        #expect(terms.joined() == ComplexScriptTests.thai)
    }

    @Test func thaiBesideOtherScriptsAndPunctuation() throws {
        let analyzer = try Analyzer()
        let terms = analyzer.terms("Bangkok: รัฐบาลไทย, 2023 ประกาศ.")
        #expect(terms == ["bangkok", "รัฐบาล", "ไทย", "2023", "ประกาศ"])
    }

    /// "Lao language", "I like reading books" (Khmer), "I read a book" (Myanmar).
    @Test(arguments: ["ພາສາລາວ", "ខ្ញុំចូលចិត្តអានសៀវភៅ", "ကျွန်တော်စာအုပ်ဖတ်တယ်"])
    func laoKhmerAndMyanmarAreSplitToo(_ text: String) throws {
        let terms = try Analyzer().terms(text)
        #expect(terms.count >= 2, "\(terms)")
        #expect(terms.joined() == text)
    }

    @Test func aRunLongerThanTheLongestTokenIsNotDropped() throws {
        let long = String(repeating: ComplexScriptTests.thai, count: 20)
        #expect(long.utf8.count > Analyzer.maxTokenBytes * 20)
        let terms = try Analyzer().terms(long)
        #expect(terms.count >= 20 * 8)
        #expect(terms.allSatisfy { $0.utf8.count <= Analyzer.maxTokenBytes })
    }
}
