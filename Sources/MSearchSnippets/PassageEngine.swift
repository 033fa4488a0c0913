// The work behind `SnippetBuilder` (whose documentation states the rules): the text classified
// byte by byte and split into units, candidate passages scored from the matches they contain,
// the best chosen, and the chosen units rendered with their highlights.

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
