/// How `SnippetBuilder` cuts passages.
public struct SnippetOptions: Equatable, Sendable {
    /// Aimed-for passage length in characters (Unicode scalars, not counting combining marks,
    /// variation selectors or ZWJ-joined scalars), excluding ellipses. Passages never exceed it,
    /// except a word longer than it, which is cut into pieces of at most twice this length.
    /// Clamped to 1...2⁴⁰.
    public var targetLength: Int
    /// How many passages to return at most. Extra passages are only returned if they contain a match.
    public var passages: Int
    /// Inserted where a passage is cut mid-sentence, without a space ("…the minister said…").
    public var ellipsis: String
    public init(targetLength: Int = 220, passages: Int = 1, ellipsis: String = "…") {
        self.targetLength = targetLength; self.passages = passages; self.ellipsis = ellipsis
    }
}

/// Picks the passages of a document that best show why it matched.
///
/// **Candidates.** The text is split into units: whitespace-delimited words (punctuation stays
/// attached, "Díaz-Canel," is one unit), each CJK ideograph/kana on its own, and words longer than
/// `targetLength` chopped into pieces (never inside a UTF-8 sequence, before a combining mark, or
/// — if avoidable — inside a match). A candidate passage starts at any unit and takes as many
/// whole units as fit in `targetLength` characters, counting each run of whitespace as one space.
///
/// **Score.** For each query term present (a match counts if it lies wholly inside the passage):
/// `1000 × termWeights[term]` (e.g. idf; weight 1 if no weights, the term index is out of range or
/// the weight is NaN; negative weights count 0), +1 for every further match, +100 if the passage starts a sentence, and a
/// bonus of 0…20 for early passages. Highest score wins; ties go to the earliest passage.
/// A sentence starts at the beginning of the text, after a line break, or after a word ending in
/// `.`, `!`, `?`, `…` (optionally followed by closing quotes/brackets) and whitespace, when the next
/// word does not start with a lowercase letter ("the U.S. and Cuba" has no sentence break); CJK
/// full stops (`。！？`) need no space.
///
/// **Adjustments.** The winning passage's start is then moved forward, keeping all its matches, to
/// the start of the sentence holding its first match if that lies in the passage; failing that, a
/// passage starting mid-sentence is shifted so its matches sit in the middle. A passage cut short
/// by the end of the text (or by a passage chosen before it) is extended backwards: to a sentence
/// start if that gives at least ¾ of `targetLength`, else as far as it fits.
///
/// **Several passages.** With `options.passages = N > 1`, passages are chosen greedily, each one
/// the best among candidates not overlapping those already chosen (candidates next to a chosen
/// passage are shortened to fit); only passages with at least one match are added after the
/// first. They are returned in document order.
///
/// **Output.** Whitespace runs (including line breaks, control characters, NBSP) collapse to one
/// ASCII space; invalid UTF-8 bytes (only possible with the byte-buffer entry points) become U+FFFD.
/// `options.ellipsis` is added at the front if the passage starts mid-sentence (not at a sentence
/// start as defined above) and at the end if the text goes on mid-sentence after it; a passage
/// starting/ending at a sentence or paragraph boundary gets none.
/// Highlights are byte ranges into the returned `text`, sorted, non-overlapping: every match
/// wholly inside the passage, overlapping or touching matches merged, phrase matches merged
/// (see `TermMatch.phrase`).
///
/// **No matches** (or none valid): the lead passage (start of the text), without highlights.
/// Empty or whitespace-only text, or `passages < 1`: no passages.
///
/// **Robustness.** Match offsets are clamped to the text, snapped outwards to scalar boundaries,
/// trimmed of surrounding whitespace; empty, reversed or whitespace-only matches are ignored,
/// duplicates counted once. Deterministic (integer scores). Cost: O(text length + matches ×
/// log matches) per passage asked for; with no matches only the first ~3×`targetLength`
/// characters are read. About 3 ms for a 100 KB text in a release build.
public enum SnippetBuilder {
    /// The best passages of `text` for the given matches (byte offsets into `text.utf8`),
    /// in document order. See the type documentation for the rules.
    public static func passages(text: String, matches: [TermMatch], termWeights: [Double]? = nil,
                                options: SnippetOptions = .init()) -> [Snippet] {
        if let r = text.utf8.withContiguousStorageIfAvailable({
            passages(utf8: $0, matches: matches, termWeights: termWeights, options: options)
        }) {
            return r
        }
        return passages(utf8: Array(text.utf8), matches: matches, termWeights: termWeights, options: options)
    }

    /// Same, over UTF-8 bytes (invalid sequences tolerated: they show as U+FFFD).
    public static func passages(utf8: [UInt8], matches: [TermMatch], termWeights: [Double]? = nil,
                                options: SnippetOptions = .init()) -> [Snippet] {
        utf8.withUnsafeBufferPointer {
            passages(utf8: $0, matches: matches, termWeights: termWeights, options: options)
        }
    }

    /// Same, over UTF-8 bytes the caller keeps alive for the duration of the call.
    public static func passages(utf8: UnsafeBufferPointer<UInt8>, matches: [TermMatch],
                                termWeights: [Double]? = nil,
                                options: SnippetOptions = .init()) -> [Snippet] {
        if options.passages < 1 || utf8.isEmpty { return [] }
        let target = min(max(1, options.targetLength), 1 << 40)
        var bytes = utf8
        var truncated = false
        if matches.isEmpty {
            // Only the lead passage can be chosen: don't look at the whole text.
            bytes = leadPrefix(utf8, characters: 3 * target + 16)
            truncated = bytes.count < utf8.count
        }
        var engine = PassageEngine(bytes: bytes, matches: matches, termWeights: termWeights, target: target,
                                   truncated: truncated)
        return engine.run(passages: options.passages, ellipsis: options.ellipsis)
    }

    /// The start of `b` holding about `characters` non-whitespace scalars, cut before a scalar.
    static func leadPrefix(_ b: UnsafeBufferPointer<UInt8>, characters: Int) -> UnsafeBufferPointer<UInt8> {
        if characters < 0 || b.count <= characters { return b }
        var count = 0
        for p in b.indices {
            let c = b[p]
            if c & 0xC0 != 0x80 && c > 0x20 {
                count += 1
                if count > characters { return UnsafeBufferPointer(rebasing: b[0..<p]) }
            }
        }
        return b
    }
}
