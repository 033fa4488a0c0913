import Testing
import MSearchAnalysis

/// The original text of each token, by slicing the input at the reported byte offsets.
private func originals(_ text: String, _ analyzer: Analyzer) -> [String] {
    let bytes = Array(text.utf8)
    return analyzer.tokens(text).map { String(decoding: bytes[$0.token.start..<$0.token.end], as: UTF8.self) }
}

private func plainAnalyzer() -> Analyzer { try! Analyzer(AnalyzerSettings(lowercase: true, foldAccents: true, stemmer: nil)) }
private func englishAnalyzer() -> Analyzer { try! Analyzer(.default) }

@Test func splitsOnSpacesAndPunctuation() {
    #expect(plainAnalyzer().terms("Hello, world! (test) a.b;c") == ["hello", "world", "test", "a", "b", "c"])
}

@Test func byteOffsetsSliceTheOriginalWords() {
    let plain = plainAnalyzer()
    let text = "  Cossío met Díaz-Canel in Guantánamo, 日本 ok Müller’s"
    #expect(originals(text, plain) == ["Cossío", "met", "Díaz", "Canel", "in", "Guantánamo", "日本", "ok", "Müller’s"])
    let tokens = plain.tokens(text)
    #expect(tokens.map(\.token.position) == Array(0..<tokens.count))
    #expect(tokens[0].token.start == 2 && tokens[0].token.end == 2 + "Cossío".utf8.count)
}

@Test func positionsAreConsecutiveAndSkipDroppedTokens() {
    let long = String(repeating: "x", count: 65)
    let tokens = plainAnalyzer().tokens("one \(long) two -- three")
    #expect(tokens.map(\.term) == ["one", "two", "three"])
    #expect(tokens.map(\.token.position) == [0, 1, 2])
}

@Test func longTokensAreDroppedAt65Bytes() {
    let plain = plainAnalyzer()
    let ok = String(repeating: "a", count: 64)
    #expect(plain.terms(ok) == [ok])
    #expect(plain.terms(ok + "a").isEmpty)
    // 33 two-byte letters = 66 bytes: dropped even though only 33 characters.
    #expect(plain.terms(String(repeating: "é", count: 33)).isEmpty)
    #expect(plain.terms(String(repeating: "é", count: 32)) == [String(repeating: "e", count: 32)])
}

@Test func lowercases() throws {
    #expect(plainAnalyzer().terms("The QUICK Brown ÉLAN ΣΟΦΙΑ") == ["the", "quick", "brown", "elan", "σοφια"])
    let keepCase = try Analyzer(AnalyzerSettings(lowercase: false, foldAccents: false, stemmer: nil))
    #expect(keepCase.terms("The QUICK Élan") == ["The", "QUICK", "Élan"])
}

@Test func foldsAccentsOnlyWhenAsked() throws {
    let plain = plainAnalyzer()
    #expect(plain.terms("Cossío Fernández Guantánamo Müller") == ["cossio", "fernandez", "guantanamo", "muller"])
    #expect(plain.terms("Cossío") == plain.terms("Cossio"))
    #expect(plain.terms("straße Æsir Øresund Łódź Đorđe Œuvre Þór") == ["strasse", "aesir", "oresund", "lodz", "dorde", "oeuvre", "thor"])
    let noFold = try Analyzer(AnalyzerSettings(lowercase: true, foldAccents: false, stemmer: nil))
    #expect(noFold.terms("Cossío") == ["cossío"])
    #expect(noFold.terms("Cossío") != noFold.terms("Cossio"))
}

@Test func decomposedAndPrecomposedAccentsGiveTheSameTerm() throws {
    let plain = plainAnalyzer()
    let decomposed = "Cossi\u{301}o"   // i + combining acute
    #expect(originals(decomposed, plain) == [decomposed])
    #expect(plain.terms(decomposed) == ["cossio"])
    let noFold = try Analyzer(AnalyzerSettings(lowercase: true, foldAccents: false, stemmer: nil))
    #expect(noFold.terms(decomposed) == noFold.terms("Cossío"))
}

@Test func stems() {
    let english = englishAnalyzer()
    #expect(english.terms("deportations") == english.terms("deportation"))
    #expect(english.terms("flights") == ["flight"])
    #expect(english.terms("cuba's") == ["cuba"])
    #expect(english.terms("Cuba’s") == ["cuba"])
    #expect(english.terms("running runs") == ["run", "run"])
    // Repeated words come from the stem cache and must agree with the first time.
    let text = String(repeating: "deportations flights ", count: 100)
    #expect(Set(english.terms(text)) == ["deport", "flight"])
}

@Test func stemmerOff() {
    #expect(plainAnalyzer().terms("deportations flights cuba's") == ["deportations", "flights", "cuba's"])
}

@Test func otherStemmers() throws {
    let french = try Analyzer(AnalyzerSettings(stemmer: "french"))
    #expect(french.terms("continuellement") == ["continuel"])
    #expect(Analyzer.availableStemmers.contains("english"))
}

@Test func unknownStemmerThrowsListingAlgorithms() {
    #expect(throws: AnalyzerError.self) { try Analyzer(AnalyzerSettings(stemmer: "klingon")) }
    do {
        _ = try Analyzer(AnalyzerSettings(stemmer: "klingon"))
    } catch {
        let message = String(describing: error)
        #expect(message.contains("klingon") && message.contains("english") && message.contains("french"))
    }
}

@Test func apostrophes() {
    let plain = plainAnalyzer()
    #expect(plain.terms("don't Cuba's") == ["don't", "cuba's"])
    #expect(plain.terms("don’t Cuba’s") == ["don't", "cuba's"])      // U+2019 becomes '
    #expect(originals("don’t", plain) == ["don’t"])                  // offsets still cover the original
    #expect(plain.terms("'quoted' ‘single’ ’tis") == ["quoted", "single", "tis"])
    #expect(plain.terms("dogs' bones") == ["dogs", "bones"])
    #expect(plain.terms("it''s 80's x'") == ["it", "s", "80", "s", "x"])
    #expect(plain.terms("l'été") == ["l'ete"])
    let english = englishAnalyzer()
    #expect(english.terms("don’t") == english.terms("don't"))
}

@Test func hyphensSplit() {
    let plain = plainAnalyzer()
    #expect(plain.terms("Díaz-Canel") == ["diaz", "canel"])
    #expect(plain.terms("state-of-the-art — well–known") == ["state", "of", "the", "art", "well", "known"])
}

@Test func numbers() {
    let plain = plainAnalyzer()
    #expect(plain.terms("In 2023 there were 42,084 arrivals (3.5%)") == ["in", "2023", "there", "were", "42", "084", "arrivals", "3", "5"])
    #expect(englishAnalyzer().terms("2023 1990s") == ["2023", "1990s"])
    #expect(plain.terms("B52 x86_64") == ["b52", "x86", "64"])
}

@Test func emptyAndWhitespaceInput() {
    let plain = plainAnalyzer()
    #expect(plain.terms("").isEmpty)
    #expect(plain.terms("   \n\t  \r\n").isEmpty)
    #expect(plain.terms("... --- !!! ’’ ''").isEmpty)
    var called = false
    plain.analyze(UnsafeBufferPointer<UInt8>(start: nil, count: 0)) { _, _ in called = true }
    #expect(!called)
}

@Test func invalidUTF8SeparatesWithoutCrashing() {
    let plain = plainAnalyzer()
    let bytes: [UInt8] = [0x61, 0x62, 0xFF, 0x63, 0xC3, 0x64, 0xE2, 0x80, 0x65, 0xED, 0xA0, 0x80, 0x66,
                          0xC0, 0xAF, 0x67, 0xF4, 0x90, 0x80, 0x80, 0x68, 0xC3]
    var results: [(String, Int, Int)] = []
    bytes.withUnsafeBufferPointer { buffer in
        plain.analyze(buffer) { term, token in results.append((String(decoding: term, as: UTF8.self), token.start, token.end)) }
    }
    #expect(results.map(\.0) == ["ab", "c", "d", "e", "f", "g", "h"])
    #expect(results.map(\.1) == [0, 3, 5, 8, 12, 15, 20])
    // A truncated multi-byte letter at the end of the buffer ends the word before it.
    let truncated: [UInt8] = Array("café".utf8.dropLast())
    var terms: [String] = []
    truncated.withUnsafeBufferPointer { plain.analyze($0) { term, _ in terms.append(String(decoding: term, as: UTF8.self)) } }
    #expect(terms == ["caf"])
    // Overlong encodings of "a" are not letters.
    let overlong: [UInt8] = [0xC1, 0xA1, 0x20, 0xE0, 0x81, 0xA1, 0x20, 0xF0, 0x80, 0x81, 0xA1, 0x20, 0x62]
    var overlongTerms: [String] = []
    overlong.withUnsafeBufferPointer { plain.analyze($0) { term, _ in overlongTerms.append(String(decoding: term, as: UTF8.self)) } }
    #expect(overlongTerms == ["b"])
}

@Test func emojiAndCJK() {
    let plain = plainAnalyzer()
    #expect(plain.terms("I ❤️ NY 🇺🇸 👍🏽 ok") == ["i", "ny", "ok"])
    // Han, kana and Hangul runs become overlapping bigrams (CJKBigrams), as Lucene's CJKAnalyzer.
    #expect(plain.terms("東京タワー 北京 한국어") == ["東京", "京タ", "タワ", "ワー", "北京", "한국", "국어"])
    #expect(originals("é😀日本語😀x", plain) == ["é", "日本", "本語", "x"])
}

@Test func combiningMarksStayInsideButDoNotStartWords() {
    let plain = plainAnalyzer()
    #expect(originals("e\u{301}tude \u{301}x", plain) == ["e\u{301}tude", "x"])
    #expect(plain.terms("हिन्दी भाषा") == ["हिन्दी", "भाषा"])   // Devanagari vowel signs and virama
}

@Test func singleQueryWordHelpers() {
    let english = englishAnalyzer()
    #expect(english.term("Deportations") == "deport")
    #expect(english.term("Cuba’s") == "cuba")
    #expect(english.term("Díaz-Canel") == nil)
    #expect(english.term("  ") == nil)
    #expect(english.normalize("Guantánamo") == "guantanamo")
    #expect(english.normalize("Deport") == "deport")
}

@Test func stringAndBufferEntryPointsAgree() {
    let english = englishAnalyzer()
    let text = "Cossío’s deportation flights, 42,084 — Müller"
    var fromBuffer: [String] = []
    Array(text.utf8).withUnsafeBufferPointer { buffer in
        english.analyze(buffer) { term, _ in fromBuffer.append(String(decoding: term, as: UTF8.self)) }
    }
    #expect(fromBuffer == english.terms(text))
}

/// More distinct words than the caches hold, so they grow, fill and restart; cached answers
/// must still equal what a fresh analyzer says about each word.
@Test func cachesSurviveGrowthAndEviction() throws {
    let suffixes = ["ing", "s", "ations", "és", "’s", ""]
    var words: [String] = []
    for n in 0..<150_000 {
        var word = "", k = n
        repeat { word.append(Character(Unicode.Scalar(UInt8(97 + k % 26)))); k /= 26 } while k > 0
        words.append((n % 3 == 0 ? "Ü" : "") + word + suffixes[n % suffixes.count])
    }
    let analyzer = try Analyzer(.default)
    let text = words.joined(separator: " ")
    let first = analyzer.terms(text)
    #expect(first.count == words.count)
    #expect(analyzer.terms(text) == first)   // second pass: mostly from (restarted) caches
    let fresh = try Analyzer(.default)
    for i in stride(from: 0, to: words.count, by: 997) {
        #expect(fresh.term(words[i]) == first[i])
    }
}
