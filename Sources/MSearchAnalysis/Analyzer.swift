/// How text becomes terms. Recorded in the index so a query is analysed the way the index was.
public struct AnalyzerSettings: Codable, Equatable, Sendable {
    public var lowercase: Bool
    /// "Cossío" and "Cossio" give the same term.
    public var foldAccents: Bool
    /// A Snowball algorithm name ("english"), or nil for no stemming: the stemmer of the default
    /// language (and of every document when `defaultLanguage` is nil).
    public var stemmer: String?
    /// Per-document language: each document is analysed with the Snowball stemmer of its own
    /// language (`LanguageIdentifier`), and this language (a code, "en") is the one of documents
    /// whose language is neither declared nor reliably detected. nil in indexes built before
    /// languages: every document then has `stemmer`.
    public var defaultLanguage: String?
    /// The Snowball algorithms this libstemmer offered when the index was built (documents in
    /// other languages are not stemmed); recorded so an index says how it was analysed.
    public var stemmers: [String]?

    public init(lowercase: Bool = true, foldAccents: Bool = true, stemmer: String? = "english") {
        self.lowercase = lowercase; self.foldAccents = foldAccents; self.stemmer = stemmer
    }

    /// Per-document languages with `language` (a code such as "en") as the default: its Snowball
    /// stemmer, or none when libstemmer has none for it.
    public static func perDocumentLanguage(default language: String = "en") -> AnalyzerSettings {
        var s = AnalyzerSettings(stemmer: SnowballStemmer.algorithm(forLanguage: language))
        s.defaultLanguage = language
        s.stemmers = SnowballStemmer.algorithms
        return s
    }

    /// What a new index gets: per-document language, English by default.
    public static let `default` = AnalyzerSettings.perDocumentLanguage()

    /// The settings a document in `language` is analysed with: these, with its language's
    /// stemmer (none when libstemmer has none). Without per-document languages, these.
    public func forLanguage(_ language: String) -> AnalyzerSettings {
        guard let defaultLanguage, language != defaultLanguage else { return self }
        var s = self
        s.stemmer = SnowballStemmer.algorithm(forLanguage: language)
        return s
    }
}

/// Where a token stands: its ordinal among the tokens of the text, and its bytes in the input.
public struct Token: Equatable, Sendable {
    public var position: Int
    /// UTF-8 byte offsets of the original (unfolded, unstemmed) token in the input, end exclusive.
    public var start: Int
    public var end: Int
    public init(position: Int, start: Int, end: Int) { self.position = position; self.start = start; self.end = end }
}

/// Tokenises UTF-8, lower-cases, folds accents and stems. Not thread-safe: one per thread.
///
/// A token is a maximal run of letters, digits and combining marks; an apostrophe (' or ’)
/// between two letters stays inside ("don't", "cuba's"), everything else separates, including
/// hyphens and invalid UTF-8. Han, kana and Hangul become overlapping bigrams (`CJKBigrams`);
/// Thai, Lao, Khmer and Myanmar are split into words by ICU (`ComplexScriptWords`). Tokens
/// longer than `maxTokenBytes` are dropped and take no position.
public final class Analyzer {
    public let settings: AnalyzerSettings
    /// Longest token (original bytes) and longest term that is emitted; longer ones are dropped.
    public static let maxTokenBytes = Tokenizer.maxTokenBytes

    private let stemmer: SnowballStemmer?
    /// Whether words are stemmed before their accents are folded. Snowball's stemmers other than
    /// English (and Porter) are written with their language's accented letters ("-ación",
    /// "-ähnlich"): folded first, "deportación" would keep its suffix. English's knows only
    /// unaccented letters, so it keeps today's order (fold, then stem) and its terms.
    private let stemsAccentedWords: Bool
    /// Original bytes of non-ASCII tokens → final terms, when `stemsAccentedWords`.
    private let termCache = ByteStringCache()
    /// Original bytes of non-ASCII tokens → lower-cased/folded bytes (the slow path runs once per word).
    private let normalizedCache = ByteStringCache()
    /// Normalised term → stem; Snowball costs far more than a hash lookup.
    private let stemCache = ByteStringCache()
    /// Lower-cased ASCII token, reused so the steady state does not allocate. Allocated last in
    /// `init`: when an initializer throws, `deinit` does not run, so nothing may throw after it.
    private let scratch: UnsafeMutablePointer<UInt8>

    /// The Snowball algorithm names that `AnalyzerSettings.stemmer` accepts.
    public static var availableStemmers: [String] { SnowballStemmer.algorithms }

    /// Throws `AnalyzerError.unknownStemmer` (listing the available algorithms) for an unknown name.
    public init(_ settings: AnalyzerSettings = .default) throws {
        self.settings = settings
        self.stemmer = try settings.stemmer.map { try SnowballStemmer(algorithm: $0) }
        self.stemsAccentedWords = settings.foldAccents && settings.stemmer.map { !Analyzer.unaccentedStemmers.contains($0) } ?? false
        self.scratch = .allocate(capacity: Tokenizer.maxTokenBytes)
    }

    deinit { scratch.deallocate() }

    /// Snowball algorithms defined on unaccented letters only.
    static let unaccentedStemmers: Set<String> = ["english", "porter"]

    /// Splits Thai, Lao, Khmer and Myanmar runs into words; made on the first such run.
    private lazy var wordBreaker: ComplexScriptWords.Breaker? = ComplexScriptWords.Breaker()

    /// Analyzers of other languages made by `forLanguage`, kept for reuse.
    private var variants: [String: Analyzer] = [:]

    /// The analyzer for text in `language` (a code): itself for the default language or when
    /// the index has no per-document languages, else one with that language's stemmer, made
    /// once. Same thread rules as this analyzer.
    public func forLanguage(_ language: String) -> Analyzer {
        guard let defaultLanguage = settings.defaultLanguage, language != defaultLanguage, !language.isEmpty else { return self }
        if let known = variants[language] { return known }
        // The settings name a stemmer libstemmer just said it has, or none: this cannot throw.
        let made = (try? Analyzer(settings.forLanguage(language))) ?? self
        variants[language] = made
        return made
    }

    /// The language of a document with this declared language and text: the declared one
    /// when it is a language code, else CLD2's reliable answer, else the default language
    /// ("" when the index has no per-document languages, which then never detects anything).
    public func documentLanguage(hint: String?, text: UnsafeBufferPointer<UInt8>) -> String {
        guard let defaultLanguage = settings.defaultLanguage else { return "" }
        return LanguageIdentifier.documentLanguage(hint: hint, text: text, fallback: defaultLanguage)
    }

    /// Calls `body` with each token's term bytes (valid only during the call) and its token.
    public func analyze(_ text: UnsafeBufferPointer<UInt8>, _ body: (UnsafeBufferPointer<UInt8>, Token) -> Void) {
        var tokenizer = Tokenizer(text)
        var position = 0
        let lowercase = settings.lowercase
        // Han, kana and Hangul come one character at a time and leave as bigrams.
        var joiner = CJKBigrams.Joiner()
        var inCJK = false
        func emitNonASCII(_ raw: RawToken) {
            let original = UnsafeBufferPointer(rebasing: text[raw.start..<raw.end])
            let hash = ByteStringCache.hash(original)
            if stemsAccentedWords, let stemmer {
                if let term = termCache.lookup(original, hash: hash) {
                    emitTerm(term, raw, &position, body)
                    return
                }
                var lowered = AccentFolding.normalize(original, lowercase: lowercase, fold: false)
                let term = lowered.withUnsafeMutableBufferPointer { word -> [UInt8] in
                    let stem = stemmer.stem(UnsafeBufferPointer(word))
                    return AccentFolding.normalize(stem, lowercase: false, fold: true)
                }
                term.withUnsafeBufferPointer { term in
                    termCache.insert(original, hash: hash, value: term)
                    emitTerm(term, raw, &position, body)
                }
                return
            }
            if let word = normalizedCache.lookup(original, hash: hash) {
                emit(word, raw, &position, body)
            } else {
                let normalized = AccentFolding.normalize(original, lowercase: lowercase, fold: settings.foldAccents)
                normalized.withUnsafeBufferPointer { word in
                    normalizedCache.insert(original, hash: hash, value: word)
                    emit(word, raw, &position, body)
                }
            }
        }
        while let raw = tokenizer.next() {
            if raw.isCJK {
                joiner.add(raw, emitNonASCII)
                inCJK = true
                continue
            }
            if inCJK { joiner.flush(emitNonASCII); inCJK = false }
            if raw.isComplexScript {
                guard let breaker = wordBreaker else { emitNonASCII(raw); continue }
                breaker.words(UnsafeBufferPointer(rebasing: text[raw.start..<raw.end])) { start, end in
                    emitNonASCII(RawToken(start: raw.start &+ start, end: raw.start &+ end, isASCII: false))
                }
                continue
            }
            if raw.isASCII {
                let original = UnsafeBufferPointer(rebasing: text[raw.start..<raw.end])
                var word = original
                if lowercase {
                    let out = scratch
                    for (k, b) in original.enumerated() { out[k] = b &- 65 < 26 ? b | 0x20 : b }
                    word = UnsafeBufferPointer(start: out, count: original.count)
                }
                emit(word, raw, &position, body)
            } else {
                emitNonASCII(raw)
            }
        }
        if inCJK { joiner.flush(emitNonASCII) }
    }

    /// Stems a normalised word and hands it to `body`, unless it came out empty or too long.
    @inline(__always)
    private func emit(_ word: UnsafeBufferPointer<UInt8>, _ raw: RawToken, _ position: inout Int,
                      _ body: (UnsafeBufferPointer<UInt8>, Token) -> Void) {
        var term = word
        if let stemmer, word.count > 0 {
            let hash = ByteStringCache.hash(word)
            if let cached = stemCache.lookup(word, hash: hash) {
                term = cached
            } else {
                term = stemmer.stem(word)
                stemCache.insert(word, hash: hash, value: term)
            }
        }
        emitTerm(term, raw, &position, body)
    }

    /// Hands a finished term to `body`, unless it is empty or too long.
    @inline(__always)
    private func emitTerm(_ term: UnsafeBufferPointer<UInt8>, _ raw: RawToken, _ position: inout Int,
                          _ body: (UnsafeBufferPointer<UInt8>, Token) -> Void) {
        guard term.count > 0 && term.count <= Tokenizer.maxTokenBytes else { return }
        body(term, Token(position: position, start: raw.start, end: raw.end))
        position += 1
    }

    /// `analyze` for a String; offsets are UTF-8 byte offsets into `text`.
    public func analyze(_ text: String, _ body: (UnsafeBufferPointer<UInt8>, Token) -> Void) {
        var text = text
        text.withUTF8 { analyze($0, body) }
    }

    /// Each token's term with its token, e.g. for highlighting or tests.
    public func tokens(_ text: String) -> [(term: String, token: Token)] {
        var result: [(term: String, token: Token)] = []
        analyze(text) { term, token in result.append((String(decoding: term, as: UTF8.self), token)) }
        return result
    }

    /// The terms of a text in order, e.g. for a query string.
    public func terms(_ text: String) -> [String] {
        var result: [String] = []
        analyze(text) { term, _ in result.append(String(decoding: term, as: UTF8.self)) }
        return result
    }

    /// The term for one query word, or nil when `word` is not exactly one token
    /// (empty, punctuation only, too long, or several words such as "Díaz-Canel": use `terms`).
    public func term(_ word: String) -> String? {
        let all = tokens(word)
        guard all.count == 1 else { return nil }
        return all[0].term
    }

    /// Lower-cases and folds `word` as the analyzer would, without tokenising or stemming;
    /// for prefix and wildcard queries, which must match the start of unstemmed-looking terms.
    public func normalize(_ word: String) -> String {
        var word = word
        return word.withUTF8 { bytes in
            if bytes.allSatisfy({ $0 < 0x80 }) {
                return settings.lowercase ? String(decoding: bytes.map { $0 &- 65 < 26 ? $0 | 0x20 : $0 }, as: UTF8.self)
                                          : String(decoding: bytes, as: UTF8.self)
            }
            return String(decoding: AccentFolding.normalize(bytes, lowercase: settings.lowercase,
                                                            fold: settings.foldAccents), as: UTF8.self)
        }
    }
}
