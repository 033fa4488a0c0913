import Testing
@testable import MSearchAnalysis

/// CLD2 through the shim, the choice of a document's language, and analysis per language.
struct LanguageIdentifierTests {
    /// A news-like sentence or two per language, long enough for CLD2 to be sure.
    static let samples: [(code: String, text: String)] = [
        ("en", "The government said on Tuesday that the talks on migration would continue next week in Washington, despite objections from several members of Congress."),
        ("es", "El gobierno dijo el martes que las conversaciones sobre migración continuarán la próxima semana en La Habana, a pesar de las objeciones de varios legisladores."),
        ("de", "Die Regierung sagte am Dienstag, dass die Verhandlungen über Migration nächste Woche in Berlin fortgesetzt werden, trotz der Einwände mehrerer Abgeordneter."),
        ("fr", "Le gouvernement a déclaré mardi que les négociations sur la migration se poursuivraient la semaine prochaine à Paris, malgré les objections de plusieurs députés."),
        ("pt", "O governo disse na terça-feira que as negociações sobre migração continuarão na próxima semana em Lisboa, apesar das objeções de vários deputados."),
        ("it", "Il governo ha dichiarato martedì che i negoziati sulla migrazione continueranno la prossima settimana a Roma, nonostante le obiezioni di diversi parlamentari."),
        ("ru", "Правительство заявило во вторник, что переговоры о миграции продолжатся на следующей неделе в Москве, несмотря на возражения нескольких депутатов."),
        ("ja", "政府は火曜日、移民に関する協議を来週東京で続けると発表した。複数の議員が反対しているにもかかわらず、交渉は続けられる見通しだ。"),
        ("zh", "政府星期二表示，尽管有几名议员反对，关于移民问题的谈判将于下周在北京继续进行。双方都表示希望尽快达成协议。"),
        ("ar", "قالت الحكومة يوم الثلاثاء إن المحادثات بشأن الهجرة ستستمر الأسبوع المقبل في القاهرة على الرغم من اعتراضات عدد من النواب في البرلمان."),
    ]

    @Test(arguments: samples)
    func knownSentencesAreDetected(_ sample: (code: String, text: String)) {
        #expect(LanguageIdentifier.detect(sample.text) == sample.code)
    }

    @Test func tooShortOrEmptyTextIsUndecided() {
        #expect(LanguageIdentifier.detect("") == nil)
        #expect(LanguageIdentifier.detect("Hola") == nil)
        #expect(LanguageIdentifier.detect("12345 67890 ---- 2023-11-14") == nil)
    }

    @Test func invalidUTF8AndALongTextAreSafe() {
        var bytes: [UInt8] = Array(Self.samples[1].text.utf8) + [0xFF, 0xC3, 0x28]
        bytes += [UInt8](repeating: 0x61, count: 3 * LanguageIdentifier.prefixBytes)
        let found = bytes.withUnsafeBufferPointer { LanguageIdentifier.detect($0) }
        #expect(found == nil || found == "es")
        // A cut inside a multi-byte character is moved back to its start.
        // Spaces in front put a two-byte character's first byte last in the prefix.
        let repeated = Array(String(repeating: Self.samples[1].text + " ", count: 40).utf8)
        let lead = (0..<LanguageIdentifier.prefixBytes).last { repeated[$0] >= 0xC2 }!
        let spanish = [UInt8](repeating: 0x20, count: LanguageIdentifier.prefixBytes - 1 - lead) + repeated
        #expect(spanish[LanguageIdentifier.prefixBytes - 1] >= 0xC2)
        #expect(spanish.withUnsafeBufferPointer { LanguageIdentifier.detect($0) } == "es")
    }

    /// Only the opening kilobyte is read: German filling the first `prefixBytes` decides, however
    /// much Spanish follows (CLD2's cost is per letter it is given).
    @Test func onlyTheOpeningPrefixIsRead() {
        var german = ""
        while german.utf8.count < LanguageIdentifier.prefixBytes { german += Self.samples[2].text + " " }
        let spanish = String(repeating: Self.samples[1].text + " ", count: 30)
        #expect(LanguageIdentifier.detect(spanish) == "es")
        #expect(LanguageIdentifier.detect(german + spanish) == "de")
    }

    @Test func aDeclaredLanguageWinsUnlessTheTextClearlySaysOtherwise() {
        let spanish = Array(String(repeating: Self.samples[1].text + " ", count: 6).utf8)
        let short = Array("Noticias del día".utf8)
        spanish.withUnsafeBufferPointer { text in
            // A template's lang="en" over a long Spanish article: the text wins.
            #expect(LanguageIdentifier.documentLanguage(hint: "en", text: text, fallback: "en") == "es")
            #expect(LanguageIdentifier.documentLanguage(hint: "es-MX", text: text, fallback: "en") == "es")
            // Not a language code: ignored.
            #expect(LanguageIdentifier.documentLanguage(hint: "spanish", text: text, fallback: "de") == "es")
        }
        short.withUnsafeBufferPointer { text in
            #expect(LanguageIdentifier.documentLanguage(hint: "pt-BR", text: text, fallback: "en") == "pt")
            #expect(LanguageIdentifier.documentLanguage(hint: nil, text: text, fallback: "de") == "de")
        }
    }

    @Test func codesArePrimarySubtagsAndPackLosslessly() {
        #expect(LanguageCode.primary("pt-BR") == "pt")
        #expect(LanguageCode.primary("EN_us") == "en")
        #expect(LanguageCode.primary(" de ") == "de")
        #expect(LanguageCode.primary("haw") == "haw")
        for bad in ["", "x", "english", "und", "e1", "x-klingon"] { #expect(LanguageCode.primary(bad) == nil, "\(bad)") }
        for code in ["en", "es", "zh", "haw", "zz", "aa"] { #expect(LanguageCode.unpack(LanguageCode.pack(code)) == code) }
        #expect(LanguageCode.pack("") == 0 && LanguageCode.unpack(0) == "")
    }
}

struct PerLanguageAnalysisTests {
    @Test func eachLanguageHasItsOwnStemmer() throws {
        let analyzer = try Analyzer(.perDocumentLanguage(default: "en"))
        #expect(analyzer.forLanguage("es").terms("deportación deportaciones") == ["deport", "deport"])
        #expect(analyzer.forLanguage("de").terms("Verhandlung Verhandlungen") == ["verhandl", "verhandl"])
        #expect(analyzer.terms("deportation deportations") == ["deport", "deport"])
        // The default language is the analyzer itself; a language without a stemmer is not stemmed.
        #expect(analyzer.forLanguage("en") === analyzer)
        #expect(analyzer.forLanguage("ja").settings.stemmer == nil)
        #expect(analyzer.forLanguage("ja").terms("Running dogs") == ["running", "dogs"])
    }

    @Test func theDefaultSettingsStemEnglishAsBefore() throws {
        let old = try Analyzer(AnalyzerSettings(stemmer: "english"))
        let new = try Analyzer(.default)
        let text = "The deportations of Cuban migrants resumed; officials' statements differed. Café Fernández-Cossío"
        #expect(old.terms(text) == new.terms(text))
        #expect(AnalyzerSettings.default.stemmer == "english" && AnalyzerSettings.default.defaultLanguage == "en")
        // An index from before languages has one analysis for every document.
        #expect(old.forLanguage("es") === old)
    }
}

struct CJKBigramTests {
    @Test func hanAndKanaRunsBecomeOverlappingBigrams() throws {
        let analyzer = try Analyzer(.default)
        #expect(analyzer.terms("移民問題") == ["移民", "民問", "問題"])
        #expect(analyzer.terms("日本 ok 東京タワー") == ["日本", "ok", "東京", "京タ", "タワ", "ワー"])
        // A lone character is itself; Latin letters glued to Han are their own token.
        #expect(analyzer.terms("中 abc中国") == ["中", "abc", "中国"])
        // A long run is never one giant (dropped) token, and offsets slice the two characters.
        let text = String(repeating: "政府表示谈判将继续进行", count: 10)
        let tokens = analyzer.tokens(text)
        #expect(tokens.count == text.count - 1)
        let bytes = Array(text.utf8)
        #expect(String(decoding: bytes[tokens[0].token.start..<tokens[0].token.end], as: UTF8.self) == "政府")
        #expect(tokens.map(\.token.position) == Array(0..<tokens.count))
    }
}
