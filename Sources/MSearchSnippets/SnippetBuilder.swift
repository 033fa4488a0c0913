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

// MARK: - Unicode classification (UInt32 scalar values)

enum UText {
    /// Decodes the well-formed UTF-8 sequence at `p`, or nil if the byte at `p` does not start one.
    @inline(__always)
    static func decode(_ b: UnsafeBufferPointer<UInt8>, _ p: Int) -> (value: UInt32, length: Int)? {
        let n = b.count
        let b0 = b[p]
        if b0 < 0x80 { return (UInt32(b0), 1) }
        if b0 < 0xC2 { return nil }
        if b0 < 0xE0 {
            guard p + 1 < n, b[p + 1] & 0xC0 == 0x80 else { return nil }
            return (UInt32(b0 & 0x1F) << 6 | UInt32(b[p + 1] & 0x3F), 2)
        }
        if b0 < 0xF0 {
            guard p + 2 < n else { return nil }
            let b1 = b[p + 1], b2 = b[p + 2]
            let lo: UInt8 = b0 == 0xE0 ? 0xA0 : 0x80
            let hi: UInt8 = b0 == 0xED ? 0x9F : 0xBF
            guard b1 >= lo, b1 <= hi, b2 & 0xC0 == 0x80 else { return nil }
            return (UInt32(b0 & 0x0F) << 12 | UInt32(b1 & 0x3F) << 6 | UInt32(b2 & 0x3F), 3)
        }
        if b0 < 0xF5 {
            guard p + 3 < n else { return nil }
            let b1 = b[p + 1], b2 = b[p + 2], b3 = b[p + 3]
            let lo: UInt8 = b0 == 0xF0 ? 0x90 : 0x80
            let hi: UInt8 = b0 == 0xF4 ? 0x8F : 0xBF
            guard b1 >= lo, b1 <= hi, b2 & 0xC0 == 0x80, b3 & 0xC0 == 0x80 else { return nil }
            return (UInt32(b0 & 0x07) << 18 | UInt32(b1 & 0x3F) << 12 | UInt32(b2 & 0x3F) << 6
                    | UInt32(b3 & 0x3F), 4)
        }
        return nil
    }

    /// Whitespace, plus control characters and BOM, which are rendered as spaces.
    @inline(__always)
    static func isSpace(_ v: UInt32) -> Bool {
        if v < 0x80 { return v <= 0x20 || v == 0x7F }
        switch v {
        case 0x80...0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000, 0xFEFF:
            return true
        default: return false
        }
    }

    static func isNewline(_ v: UInt32) -> Bool {
        (0x0A...0x0D).contains(v) || v == 0x85 || v == 0x2028 || v == 0x2029
    }

    /// Scripts written without spaces where each scalar is its own unit (a valid cut point).
    @inline(__always)
    static func isCJKUnit(_ v: UInt32) -> Bool {
        switch v {
        case 0x3040...0x30FF, 0x31F0...0x31FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xF900...0xFAFF,
             0xFF66...0xFF9F, 0x20000...0x3FFFF:
            return true
        default: return false
        }
    }

    static func isTerminal(_ v: UInt32) -> Bool {
        switch v {
        case 0x2E, 0x21, 0x3F, 0x2026, 0x203C, 0x2047...0x2049, 0x3002, 0xFF01, 0xFF0E, 0xFF1F, 0xFF61:
            return true
        default: return false
        }
    }

    /// Full stops that end a sentence without a following space.
    static func isCJKTerminal(_ v: UInt32) -> Bool {
        v == 0x3002 || v == 0xFF01 || v == 0xFF1F || v == 0xFF61
    }

    /// Closing quotes/brackets that may follow a sentence terminal.
    static func isCloser(_ v: UInt32) -> Bool {
        switch v {
        case 0x22, 0x27, 0x29, 0x5D, 0xBB, 0x2019, 0x201D, 0x203A, 0x3009, 0x300B, 0x300D, 0x300F,
             0x3011, 0xFF09, 0xFF3D:
            return true
        default: return false
        }
    }

    static func isLowercaseStart(_ v: UInt32) -> Bool {
        if v < 0x80 { return v >= 0x61 && v <= 0x7A }
        return Unicode.Scalar(v)?.properties.isLowercase ?? false
    }

    /// 1 if the scalar starts a new user-perceived character, 0 if it extends the previous one
    /// (combining marks, ZWJ and the scalar after it, variation selectors, emoji modifiers, tags).
    @inline(__always)
    static func charWeight(_ v: UInt32, previous: UInt32) -> Int {
        if v < 0x300 { return 1 }
        if previous == 0x200D { return 0 }
        switch v {
        case 0x200D, 0xFE00...0xFE0F, 0x1F3FB...0x1F3FF, 0xE0020...0xE007F, 0xE0100...0xE01EF:
            return 0
        default: break
        }
        guard let s = Unicode.Scalar(v) else { return 1 }
        switch s.properties.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark: return 0
        default: return 1
        }
    }

    static func isPunctuation(_ v: UInt32) -> Bool {
        guard let s = Unicode.Scalar(v) else { return false }
        switch s.properties.generalCategory {
        case .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation,
             .initialPunctuation, .finalPunctuation, .otherPunctuation:
            return true
        default: return false
        }
    }
}

// MARK: - Engine

/// Per-byte classification: where scalars start, which are whitespace, which bytes are invalid.
private enum ByteKind {
    static let continuation: UInt8 = 0  // inside a well-formed multi-byte sequence
    static let word: UInt8 = 1          // starts a non-whitespace scalar
    static let space: UInt8 = 2         // starts a whitespace (or control) scalar
    static let invalid: UInt8 = 3       // a byte that starts no well-formed sequence: shown as U+FFFD
}

private struct Match {
    var start: Int
    var end: Int
    var slot: Int       // compact term index
    var phrase: Int?
}

struct PassageEngine {
    let b: UnsafeBufferPointer<UInt8>
    let n: Int
    let target: Int
    var kind: [UInt8]
    private var ms: [Match] = []         // sanitized, sorted by (start, end, slot, phrase), unique
    private var byEnd: [Int] = []        // indices into ms sorted by end
    private var slotPoints: [Int] = []   // score for a distinct term, per slot

    // Units (words / pieces): byte ranges, character positions in the collapsed text.
    var uStart: [Int] = [], uEnd: [Int] = []
    var cStart: [Int] = [], cEnd: [Int] = []
    var sentStart: [Bool] = []
    var unitCount: Int { uStart.count }

    /// `bytes` is a prefix of the text: it goes on after the last unit.
    let truncated: Bool

    init(bytes: UnsafeBufferPointer<UInt8>, matches: [TermMatch], termWeights: [Double]?, target: Int,
         truncated: Bool = false) {
        b = bytes
        n = bytes.count
        self.target = target
        self.truncated = truncated
        kind = [UInt8](repeating: ByteKind.continuation, count: n)
        classifyBytes()
        sanitize(matches, termWeights)
        buildUnits()
    }

    private mutating func classifyBytes() {
        var p = 0
        kind.withUnsafeMutableBufferPointer { k in
            while p < n {
                let byte = b[p]
                if byte < 0x80 {
                    k[p] = (byte <= 0x20 || byte == 0x7F) ? ByteKind.space : ByteKind.word
                    p += 1
                } else if let (v, len) = UText.decode(b, p) {
                    k[p] = UText.isSpace(v) ? ByteKind.space : ByteKind.word
                    p += len
                } else {
                    k[p] = ByteKind.invalid
                    p += 1
                }
            }
        }
    }

    @inline(__always) private func isBoundary(_ p: Int) -> Bool { p >= n || kind[p] != ByteKind.continuation }

    /// Value and length of the scalar starting at boundary `p` (U+FFFD for an invalid byte).
    @inline(__always) func scalar(at p: Int) -> (value: UInt32, length: Int) {
        UText.decode(b, p) ?? (0xFFFD, 1)
    }

    private mutating func sanitize(_ matches: [TermMatch], _ termWeights: [Double]?) {
        var slotOf: [Int: Int] = [:]
        var out: [Match] = []
        out.reserveCapacity(matches.count)
        for m in matches {
            var s = min(max(m.start, 0), n), e = min(max(m.end, 0), n)
            if s >= e { continue }
            while s > 0 && !isBoundary(s) { s -= 1 }
            while e < n && !isBoundary(e) { e += 1 }
            // Trim whitespace at both ends.
            while s < e && kind[s] == ByteKind.space {
                s += 1
                while s < e && !isBoundary(s) { s += 1 }
            }
            while s < e {
                var q = e - 1
                while q > s && !isBoundary(q) { q -= 1 }
                if kind[q] == ByteKind.space { e = q } else { break }
            }
            if s >= e { continue }
            let slot: Int
            if let known = slotOf[m.term] {
                slot = known
            } else {
                slot = slotPoints.count
                slotOf[m.term] = slot
                var w = 1.0
                if let tw = termWeights, m.term >= 0, m.term < tw.count { w = tw[m.term] }
                slotPoints.append(Self.points(w))
            }
            out.append(Match(start: s, end: e, slot: slot, phrase: m.phrase))
        }
        out.sort { a, b in
            if a.start != b.start { return a.start < b.start }
            if a.end != b.end { return a.end < b.end }
            if a.slot != b.slot { return a.slot < b.slot }
            return (a.phrase ?? Int.min, a.phrase == nil ? 0 : 1) < (b.phrase ?? Int.min, b.phrase == nil ? 0 : 1)
        }
        // Drop exact duplicates (same bytes, same term): they would count as repeats.
        var unique: [Match] = []
        unique.reserveCapacity(out.count)
        for m in out {
            if let last = unique.last, last.start == m.start, last.end == m.end, last.slot == m.slot { continue }
            unique.append(m)
        }
        ms = unique
        byEnd = Array(ms.indices).sorted { (ms[$0].end, $0) < (ms[$1].end, $1) }
    }

    static func points(_ w: Double) -> Int {
        if w.isNaN { return 1000 }
        let x = (w * 1000).rounded()
        if x <= 0 { return 0 }
        return x >= 1e9 ? 1_000_000_000 : Int(x)
    }

    // MARK: Units

    private mutating func buildUnits() {
        // Merged match spans: long words are not chopped inside them if avoidable.
        var spans: [Range<Int>] = []
        for m in ms {
            if let last = spans.last, m.start < last.upperBound {
                if m.end > last.upperBound { spans[spans.count - 1] = last.lowerBound..<m.end }
            } else {
                spans.append(m.start..<m.end)
            }
        }
        var spanIdx = 0

        var chars: [Int] = []
        var gapBefore: [Bool] = [], newlineBefore: [Bool] = [], lowerStart: [Bool] = []
        var endsSentence: [Bool] = [], endsCJK: [Bool] = []
        var gapSpace = false, gapNewline = false

        func emit(_ s: Int, _ e: Int, _ c: Int, lower: Bool, ends: Bool, cjkEnd: Bool) {
            uStart.append(s); uEnd.append(e); chars.append(c)
            gapBefore.append(gapSpace); newlineBefore.append(gapNewline); lowerStart.append(lower)
            endsSentence.append(ends); endsCJK.append(cjkEnd)
            gapSpace = false; gapNewline = false
        }

        let limit = target
        var inToken = false
        var chunkStart = 0, count = 0
        var endState = false, cjkEndState = false, firstLower = false
        var lastAllowed = -1, countAtAllowed = 0, stateAtAllowed = false, cjkStateAtAllowed = false
        var prev: UInt32 = 0x20

        func closeToken(at p: Int) {
            if inToken {
                emit(chunkStart, p, count, lower: firstLower, ends: endState, cjkEnd: cjkEndState)
                inToken = false
            }
        }

        var p = 0
        while p < n {
            let (v, len) = scalar(at: p)
            if kind[p] == ByteKind.space {
                closeToken(at: p)
                gapSpace = true
                if UText.isNewline(v) { gapNewline = true }
            } else if UText.isCJKUnit(v) {
                closeToken(at: p)
                emit(p, p + len, 1, lower: false, ends: false, cjkEnd: false)
            } else if !inToken {
                inToken = true
                chunkStart = p; count = 1
                firstLower = UText.isLowercaseStart(v)
                endState = UText.isTerminal(v); cjkEndState = UText.isCJKTerminal(v)
                lastAllowed = -1
            } else {
                let w = UText.charWeight(v, previous: prev)
                // May the word be cut before this scalar?
                while spanIdx < spans.count && spans[spanIdx].upperBound <= p { spanIdx += 1 }
                let allowed = w == 1 && !(spanIdx < spans.count && spans[spanIdx].lowerBound < p)
                if count >= limit {
                    if allowed {
                        emit(chunkStart, p, count, lower: firstLower, ends: endState, cjkEnd: cjkEndState)
                        chunkStart = p; count = 0; lastAllowed = -1; firstLower = false
                    } else if lastAllowed > chunkStart {
                        emit(chunkStart, lastAllowed, countAtAllowed, lower: firstLower,
                             ends: stateAtAllowed, cjkEnd: cjkStateAtAllowed)
                        chunkStart = lastAllowed; count -= countAtAllowed; lastAllowed = -1
                        firstLower = false
                    } else if count >= 2 * limit {
                        emit(chunkStart, p, count, lower: firstLower, ends: endState, cjkEnd: cjkEndState)
                        chunkStart = p; count = 0; lastAllowed = -1; firstLower = false
                    }
                }
                if allowed && p > chunkStart {
                    lastAllowed = p; countAtAllowed = count
                    stateAtAllowed = endState; cjkStateAtAllowed = cjkEndState
                }
                count += (p == chunkStart) ? 1 : w
                if !UText.isCloser(v) {
                    endState = UText.isTerminal(v); cjkEndState = UText.isCJKTerminal(v)
                }
            }
            prev = v
            p += len
        }
        closeToken(at: n)

        let u = uStart.count
        cStart = [Int](repeating: 0, count: u)
        cEnd = [Int](repeating: 0, count: u)
        sentStart = [Bool](repeating: false, count: u)
        var pos = 0
        for i in 0..<u {
            if i > 0 && gapBefore[i] { pos += 1 }
            cStart[i] = pos
            pos += chars[i]
            cEnd[i] = pos
            sentStart[i] = i == 0 || newlineBefore[i]
                || (endsSentence[i - 1] && (gapBefore[i] || endsCJK[i - 1]) && !lowerStart[i])
        }
    }

    // MARK: Choosing passages

    @inline(__always) private func length(_ s: Int, _ e: Int) -> Int { cEnd[e - 1] - cStart[s] }

    mutating func run(passages wanted: Int, ellipsis: String) -> [Snippet] {
        let u = unitCount
        if u == 0 { return [] }
        // jMax[i]: end (exclusive) of the longest run of whole units from i within `target`.
        var jMax = [Int](repeating: 0, count: u)
        var j = 0
        for i in 0..<u {
            j = max(j, i + 1)
            while j < u && cEnd[j] - cStart[i] <= target { j += 1 }
            jMax[i] = j
        }

        var blocked = [Bool](repeating: false, count: u)
        var nextBlocked = [Int](repeating: u, count: u + 1)
        var prevBlockedEnd = [Int](repeating: 0, count: u)  // first unit of the free run containing i
        var chosen: [Range<Int>] = []  // unit ranges

        var counts = [Int](repeating: 0, count: slotPoints.count)
        var state = [UInt8](repeating: 0, count: ms.count)  // 0 outside, 1 inside, 2 gone

        for round in 0..<min(wanted, u) {
            // Next blocked unit at or after i; start of the free run containing i.
            nextBlocked[u] = u
            for i in stride(from: u - 1, through: 0, by: -1) { nextBlocked[i] = blocked[i] ? i : nextBlocked[i + 1] }
            var runStart = 0
            for i in 0..<u {
                if blocked[i] { runStart = i + 1 }
                prevBlockedEnd[i] = runStart
            }

            // Slide over candidate windows [i, end(i)); both ends only move forward.
            for k in counts.indices { counts[k] = 0 }
            for k in state.indices { state[k] = 0 }
            var distinct = 0, repeats = 0, inside = 0
            var pS = 0, pE = 0
            var best = -1, bestEnd = 0, bestScore = Int.min
            for i in 0..<u where !blocked[i] {
                let e = min(jMax[i], nextBlocked[i])
                let ws = uStart[i], we = uEnd[e - 1]
                while pS < ms.count && ms[pS].start < ws {
                    if state[pS] == 1 {
                        let s = ms[pS].slot
                        counts[s] -= 1
                        if counts[s] == 0 { distinct -= slotPoints[s] } else { repeats -= 1 }
                        inside -= 1
                    }
                    state[pS] = 2
                    pS += 1
                }
                while pE < byEnd.count && ms[byEnd[pE]].end <= we {
                    let k = byEnd[pE]
                    if state[k] == 0 && ms[k].start >= ws {
                        state[k] = 1
                        let s = ms[k].slot
                        counts[s] += 1
                        if counts[s] == 1 { distinct += slotPoints[s] } else { repeats += 1 }
                        inside += 1
                    }
                    pE += 1
                }
                if round > 0 && inside == 0 { continue }
                let score = distinct + repeats + (sentStart[i] ? 100 : 0) + 20 * (n - ws) / n
                if score > bestScore { bestScore = score; best = i; bestEnd = e }
            }
            if best < 0 { break }

            var s = best, e = bestEnd
            let freeEnd = nextBlocked[best]
            let contained = containedMatches(uStart[s], uEnd[e - 1])
            // Slide the start towards the first match, keeping every match inside: to the start
            // of the sentence holding the first match if there is one, else so that the matches
            // sit in the middle.
            if let first = contained.first {
                let firstStart = ms[first].start
                let lastEnd = contained.map { ms[$0].end }.max()!
                let fu = unitIndex(containing: firstStart)
                let lu = unitIndex(containing: lastEnd - 1)
                let baseLength = length(s, e)
                var bestK = s, bestImbalance = Int.max, bestSentence = -1
                var k = s
                while k <= fu {
                    let ek = min(jMax[k], freeEnd)
                    let capped = ek == u || ek == freeEnd
                    // Windows only grow at the end as k moves right, so [F, L) stays inside.
                    if ek > lu && (k == s || !capped || length(k, ek) >= baseLength) {
                        if sentStart[k] { bestSentence = k }
                        let before = cStart[fu] - cStart[k]
                        let after = cEnd[ek - 1] - cEnd[lu]
                        let imbalance = abs(before - after)
                        if imbalance < bestImbalance { bestImbalance = imbalance; bestK = k }
                    }
                    k += 1
                }
                s = bestSentence >= 0 ? bestSentence : bestK
                e = min(jMax[s], freeEnd)
            }
            // Extend backwards a passage cut short by the end of the text (or the next passage).
            if (e == u || e == freeEnd) && length(s, e) < target {
                var kmin = s
                while kmin > prevBlockedEnd[s] && cEnd[e - 1] - cStart[kmin - 1] <= target { kmin -= 1 }
                if kmin < s {
                    var ks = kmin
                    while ks < s && !sentStart[ks] { ks += 1 }
                    s = (sentStart[ks] && length(ks, e) * 4 >= target * 3) ? ks : kmin
                }
            }
            chosen.append(s..<e)
            for x in s..<e { blocked[x] = true }
        }

        chosen.sort { $0.lowerBound < $1.lowerBound }
        let ellipsisBytes = Array(ellipsis.utf8)
        return chosen.map { render(units: $0, ellipsis: ellipsisBytes) }
    }

    /// Indices (into `ms`, ascending) of the matches lying wholly inside bytes [ws, we).
    private func containedMatches(_ ws: Int, _ we: Int) -> [Int] {
        var lo = 0, hi = ms.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if ms[mid].start < ws { lo = mid + 1 } else { hi = mid }
        }
        var out: [Int] = []
        var k = lo
        while k < ms.count && ms[k].start < we {
            if ms[k].end <= we { out.append(k) }
            k += 1
        }
        return out
    }

    /// The first unit ending after byte `p` (the unit containing `p`, or the next one).
    private func unitIndex(containing p: Int) -> Int {
        var lo = 0, hi = unitCount - 1
        while lo < hi {
            let mid = (lo + hi) / 2
            if uEnd[mid] <= p { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }

    // MARK: Output

    /// True if the bytes [a, c) hold only whitespace and punctuation.
    private func isSeparatorOnly(_ a: Int, _ c: Int) -> Bool {
        var p = a
        while p < c {
            let (v, len) = scalar(at: p)
            if kind[p] != ByteKind.space && !UText.isPunctuation(v) { return false }
            p += len
        }
        return true
    }

    private func render(units r: Range<Int>, ellipsis: [UInt8]) -> Snippet {
        let s = r.lowerBound, e = r.upperBound
        let ws = uStart[s], we = uEnd[e - 1]

        // Highlights in source bytes: merge overlapping/touching matches and phrase neighbours.
        var spans: [Range<Int>] = []
        var lastPhrase: Int? = nil
        for k in containedMatches(ws, we) {
            let m = ms[k]
            if let last = spans.last,
               m.start <= last.upperBound
                || (m.phrase != nil && m.phrase == lastPhrase && isSeparatorOnly(last.upperBound, m.start)) {
                if m.end > last.upperBound {
                    spans[spans.count - 1] = last.lowerBound..<m.end
                    lastPhrase = m.phrase
                } else if m.phrase != nil {
                    lastPhrase = m.phrase
                }
            } else {
                spans.append(m.start..<m.end)
                lastPhrase = m.phrase
            }
        }

        let leading = !sentStart[s]
        let trailing = e < unitCount ? !sentStart[e] : truncated
        var out: [UInt8] = []
        out.reserveCapacity(we - ws + 2 * ellipsis.count + 8)
        if leading { out.append(contentsOf: ellipsis) }
        var highlights: [Range<Int>] = []
        highlights.reserveCapacity(spans.count)
        var h = 0
        var openAt = -1
        var pendingSpace = false
        var p = ws
        while p < we {
            if openAt >= 0 && spans[h].upperBound == p {
                highlights.append(openAt..<out.count); openAt = -1; h += 1
            }
            let k = kind[p]
            if k == ByteKind.space {
                pendingSpace = true
                p += 1
                while p < we && kind[p] == ByteKind.continuation { p += 1 }
                continue
            }
            if pendingSpace { out.append(0x20); pendingSpace = false }
            if openAt < 0 && h < spans.count && spans[h].lowerBound == p { openAt = out.count }
            if k == ByteKind.invalid {
                out.append(contentsOf: [0xEF, 0xBF, 0xBD])
                p += 1
            } else {
                out.append(b[p]); p += 1
                while p < we && kind[p] == ByteKind.continuation { out.append(b[p]); p += 1 }
            }
        }
        if openAt >= 0 { highlights.append(openAt..<out.count) }
        if trailing { out.append(contentsOf: ellipsis) }
        return Snippet(text: String(decoding: out, as: UTF8.self), highlights: highlights)
    }
}
