import Testing
@testable import MSearchAnalysis

/// The Snowball stop lists shipped as data files (Resources/stop-CODE.txt).
struct SnowballStopWordsTests {
    @Test func everyListIsReadFromItsFile() {
        #expect(SnowballStopWords.problems.isEmpty, "\(SnowballStopWords.problems)")
        for code in SnowballStopWords.languages {
            let words = SnowballStopWords.words(forLanguage: code) ?? []
            #expect(words.count > 40, "\(code): \(words.count) words")
            #expect(words.allSatisfy { !$0.contains(" ") && !$0.isEmpty }, "\(code)")
        }
    }

    @Test func listsHoldTheirLanguagesFunctionWords() {
        #expect(SnowballStopWords.words(forLanguage: "de")?.contains("und") == true)
        #expect(SnowballStopWords.words(forLanguage: "de")?.contains("für") == true)
        #expect(SnowballStopWords.words(forLanguage: "es")?.contains("de") == true)
        #expect(SnowballStopWords.words(forLanguage: "es")?.contains("deportación") == false)
        #expect(SnowballStopWords.words(forLanguage: "fr")?.contains("nous") == true)
        #expect(SnowballStopWords.words(forLanguage: "ru")?.contains("и") == true)
        // Bokmål and Nynorsk use the Norwegian list, as they use its stemmer.
        #expect(SnowballStopWords.words(forLanguage: "nb") == SnowballStopWords.words(forLanguage: "no"))
        #expect(SnowballStopWords.words(forLanguage: "th") == nil)
        #expect(SnowballStopWords.words(forLanguage: "en") == nil)
    }
}
