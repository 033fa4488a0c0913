import MSearchAnalysis
import Testing
@testable import MSearchExtraction

/// Name keys (`Fold`) and index terms (`AccentFolding`) share one accent folder: a name found
/// in a text and the same name typed as a query word fold to the same letters.
@Suite struct FoldingTests {
    /// Every letter of Latin-1 Supplement and Latin Extended-A, inside a word, folds in a name
    /// key exactly as the index folds it as a one-letter word.
    @Test func nameKeysFoldLatinLettersAsTheIndexDoes() {
        var letters = 0
        for value in UInt32(0xC0)...0x17F {
            guard let scalar = Unicode.Scalar(value), scalar.properties.isAlphabetic else { continue }
            letters += 1
            let bytes = Array(String(scalar).utf8)
            let indexed = String(decoding: bytes.withUnsafeBufferPointer {
                AccentFolding.normalize($0, lowercase: true, fold: true)
            }, as: UTF8.self)
            #expect(Fold.key("x" + String(scalar) + "y") == "x" + indexed + "y", "U+\(String(value, radix: 16))")
        }
        #expect(letters == 190)   // 192 code points less × and ÷
    }

    /// The name-key rules around the letters: case, periods and apostrophes, separators.
    @Test func nameKeys() {
        #expect(Fold.key("Fernández de Cossío") == "fernandez de cossio")
        #expect(Fold.key("FERNANDEZ DE COSSIO") == "fernandez de cossio")
        #expect(Fold.key("Œuvre Straße, Łódź") == "oeuvre strasse lodz")
        #expect(Fold.key("U.S.") == "us")
        #expect(Fold.key("O’Brien-Smith") == "obrien smith")
        #expect(Fold.key("a×b") == "a b")
        // the letters the extraction's own table folded otherwise before it used the index's
        // folding (a name key of "Ĳssel" was "ĳssel"); no document text in ../shared holds them
        // (one html-article-extraction-benchmark page, in a script; its export is unchanged)
        #expect(Fold.key("Ĳssel") == "ijssel")
        #expect(Fold.key("ſtraße") == "strasse")
        // outside Latin-1 and Extended-A, letters are only lower-cased, as before
        #expect(Fold.key("Nguyễn") == "nguyễn")
    }
}
