import MSearchAnalysis
import MSearchSources

/// A document after analysis, ready for the segment builder: its terms in one flat byte array.
/// Analysis is the expensive, parallelisable part of indexing; building postings is not, so
/// the two meet at this plain value.
public struct AnalyzedDocument: Sendable {
    public var source: SourceDocument
    /// All term bytes, concatenated; token i is termBytes[termEnds[i-1] ..< termEnds[i]].
    public var termBytes: [UInt8] = []
    public var termEnds: [UInt32] = []
    public var positions: [UInt32] = []
    /// Tokens before this index come from the title.
    public var titleTokenCount = 0
    public var titleLength: UInt32 = 0
    public var bodyLength: UInt32 = 0
    /// The near-duplicate signature of the body (with the title when the body is short:
    /// `NearDuplicateSignature`; empty for an empty body), hashed from the same terms as the
    /// postings, in the same pass.
    public var signature: [UInt16] = []

    /// The document's language from its hint and its text (the body, or the title with it when
    /// the body is too short to tell), as analysis and extraction use it.
    public static func language(of source: SourceDocument, analyzer base: Analyzer) -> String {
        var text = source.body.utf8.count >= LanguageIdentifier.minimumTextBytes ? source.body : source.title + "\n" + source.body
        return text.withUTF8 { base.documentLanguage(hint: source.languageHint, text: $0) }
    }

    /// Analyses title then body, with the analyzer of the document's language (`source.language`
    /// when already known, e.g. re-analysed from the store; else decided here from its hint and
    /// text); body positions start after a gap so no phrase spans both.
    public init(_ source: SourceDocument, analyzer base: Analyzer) {
        var source = source
        if source.language == nil { source.language = AnalyzedDocument.language(of: source, analyzer: base) }
        let analyzer = base.forLanguage(source.language ?? "")
        self.source = source
        // Sized once from the text (terms are at most about as long as the words they come
        // from, and a word is rarely shorter than four bytes with its space), not grown by doubling.
        let textBytes = source.title.utf8.count + source.body.utf8.count
        termBytes.reserveCapacity(textBytes)
        termEnds.reserveCapacity(textBytes / 4 + 8)
        positions.reserveCapacity(textBytes / 4 + 8)
        var title = source.title
        var lastTitlePosition: UInt32 = 0
        var signature = NearDuplicateSignature.Builder()
        title.withUTF8 { utf8 in
            analyzer.analyze(utf8) { term, token in
                signature.addTitle(term)
                termBytes.append(contentsOf: term)
                termEnds.append(UInt32(termBytes.count))
                positions.append(UInt32(token.position))
                lastTitlePosition = UInt32(token.position)
            }
        }
        titleTokenCount = positions.count
        titleLength = UInt32(positions.count)
        let bodyBase = titleTokenCount == 0 ? 0 : lastTitlePosition + 1 + UInt32(IndexFormat.titleBodyGap)
        var body = source.body
        body.withUTF8 { utf8 in
            analyzer.analyze(utf8) { term, token in
                signature.add(term)
                termBytes.append(contentsOf: term)
                termEnds.append(UInt32(termBytes.count))
                positions.append(bodyBase + UInt32(token.position))
            }
        }
        bodyLength = UInt32(positions.count - titleTokenCount)
        self.signature = signature.finish()
        // Actors become terms of their own, outside the text's positions and lengths, so an
        // `actor:` filter is a postings lookup like any word.
        for actor in Set(source.actors.map { ActorTerms.term(for: $0.name, analyzer: base) }).sorted(by: { $0.lexicographicallyPrecedes($1) }) {
            termBytes.append(contentsOf: actor)
            termEnds.append(UInt32(termBytes.count))
            positions.append(0)
        }
    }

    public var length: UInt32 { titleLength + bodyLength }
}

/// The reserved terms that index a document's actors: a 0x01 byte (never produced by the
/// analyzer) + "actor:" + the canonical name lower-cased and folded as the index folds text.
public enum ActorTerms {
    public static let prefix: [UInt8] = [0x01] + Array("actor:".utf8)

    public static func term(for name: String, analyzer: Analyzer) -> [UInt8] {
        prefix + Array(analyzer.normalize(name).utf8)
    }

    /// The folded name in an actor term, or nil for an ordinary term.
    public static func name(of term: UnsafeBufferPointer<UInt8>) -> String? {
        guard term.count > prefix.count, term.starts(with: prefix) else { return nil }
        return String(decoding: term[prefix.count...], as: UTF8.self)
    }
}
