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
public final class Analyzer {
    public let settings: AnalyzerSettings
    public init(_ settings: AnalyzerSettings = .default) throws { fatalError("unimplemented") }

    /// Calls `body` with each token's term bytes (valid only during the call) and its token.
    public func analyze(_ text: UnsafeBufferPointer<UInt8>, _ body: (UnsafeBufferPointer<UInt8>, Token) -> Void) {
        fatalError("unimplemented")
    }
}
