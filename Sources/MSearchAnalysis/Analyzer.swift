/// How text becomes terms. Recorded in the index so a query is analysed the way the index was.
public struct AnalyzerSettings: Codable, Equatable, Sendable {
    public var lowercase: Bool
    /// "Cossío" and "Cossio" give the same term.
    public var foldAccents: Bool
    /// A Snowball algorithm name ("english"), or nil for no stemming.
    public var stemmer: String?
    public init(lowercase: Bool = true, foldAccents: Bool = true, stemmer: String? = "english") {
        self.lowercase = lowercase; self.foldAccents = foldAccents; self.stemmer = stemmer
    }
    public static let `default` = AnalyzerSettings()
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
/// hyphens and invalid UTF-8. Tokens longer than `maxTokenBytes` are dropped and take no position.
public final class Analyzer {
    public let settings: AnalyzerSettings
    /// Longest token (original bytes) and longest term that is emitted; longer ones are dropped.
    public static let maxTokenBytes = Tokenizer.maxTokenBytes

    private let stemmer: SnowballStemmer?
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
        self.scratch = .allocate(capacity: Tokenizer.maxTokenBytes)
    }

    deinit { scratch.deallocate() }

    /// Calls `body` with each token's term bytes (valid only during the call) and its token.
    public func analyze(_ text: UnsafeBufferPointer<UInt8>, _ body: (UnsafeBufferPointer<UInt8>, Token) -> Void) {
        var tokenizer = Tokenizer(text)
        var position = 0
        let lowercase = settings.lowercase
        while let raw = tokenizer.next() {
            let original = UnsafeBufferPointer(rebasing: text[raw.start..<raw.end])
            if raw.isASCII {
                var word = original
                if lowercase {
                    let out = scratch
                    for (k, b) in original.enumerated() { out[k] = b &- 65 < 26 ? b | 0x20 : b }
                    word = UnsafeBufferPointer(start: out, count: original.count)
                }
                emit(word, raw, &position, body)
            } else {
                let hash = ByteStringCache.hash(original)
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
        }
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
