import Testing
@testable import MSearchAnalysis
import MSearchTestSupport

/// A slow, obviously-written tokenizer over the standard library's UTF-8 parser and scalar
/// properties, to check the table-driven byte scanner against. Returns (start, end) byte ranges.
func referenceTokens(_ bytes: [UInt8]) -> [(Int, Int)] {
    enum Kind { case letter, digit, mark, apostrophe, other }
    var chars: [(kind: Kind, start: Int, end: Int)] = []
    var parser = Unicode.UTF8.ForwardParser()
    var iterator = bytes.makeIterator()
    var offset = 0
    while true {
        switch parser.parseScalar(from: &iterator) {
        case .valid(let encoded):
            let scalar = Unicode.UTF8.decode(encoded)
            let p = scalar.properties
            let kind: Kind
            if scalar == "'" || scalar == "\u{2019}" { kind = .apostrophe }
            else if p.generalCategory == .nonspacingMark || p.generalCategory == .spacingMark { kind = .mark }
            else if p.isAlphabetic { kind = .letter }
            else if p.numericType != nil { kind = .digit }
            else { kind = .other }
            chars.append((kind, offset, offset + encoded.count))
            offset += encoded.count
        case .error(let length):
            chars.append((.other, offset, offset + length))
            offset += length
        case .emptyInput:
            var tokens: [(Int, Int)] = []
            var i = 0
            while i < chars.count {
                guard chars[i].kind == .letter || chars[i].kind == .digit else { i += 1; continue }
                let start = i
                var afterLetter = chars[i].kind == .letter
                i += 1
                while i < chars.count {
                    switch chars[i].kind {
                    case .letter: afterLetter = true
                    case .digit: afterLetter = false
                    case .mark: break
                    case .apostrophe:
                        guard afterLetter, i + 1 < chars.count, chars[i + 1].kind == .letter else { break }
                        afterLetter = false
                        i += 1
                        continue
                    case .other: break
                    }
                    if chars[i].kind == .other || chars[i].kind == .apostrophe { break }
                    i += 1
                }
                let range = (chars[start].start, chars[i - 1].end)
                if range.1 - range.0 <= Analyzer.maxTokenBytes { tokens.append(range) }
            }
            return tokens
        }
    }
}

/// Pieces that exercise every branch of the tokenizer: ASCII classes, apostrophes, multi-byte
/// letters, combining marks, emoji, Devanagari, and malformed or truncated UTF-8. Not CJK: the
/// reference tokenizer has no bigrams, whose overlapping offsets CJKBigramTests checks.
private let pieces: [[UInt8]] = [
    "a", "Z", "q", "7", "0", " ", "\n", "-", ",", ".", "'", "’", "‘", "é", "E\u{301}", "\u{301}", "ß", "Æ",
    "ø", "😀", "👍🏽", "ि", "क", "σ", "Ω", "²", "½", "\u{200D}", "\u{0345}", "ﬁ", "İ",
    "cuba's", "don’t", "Díaz-Canel", "42,084", String(repeating: "x", count: 30),
].map { Array($0.utf8) } + [
    [0xFF], [0xC3], [0xE2, 0x80], [0xED, 0xA0, 0x80], [0xC0, 0xAF], [0xF4, 0x90, 0x80, 0x80],
    [0x80], [0xF0, 0x9F, 0x98], [0xE0, 0x80, 0x80],
]

private func randomInput(_ rng: inout SplitMix64) -> [UInt8] {
    var bytes: [UInt8] = []
    let parts = Int.random(in: 0...24, using: &rng)
    for _ in 0..<parts {
        if Int.random(in: 0..<8, using: &rng) == 0 {
            for _ in 0..<Int.random(in: 1...6, using: &rng) { bytes.append(UInt8.random(in: 0...255, using: &rng)) }
        } else {
            bytes += pieces[Int.random(in: 0..<pieces.count, using: &rng)]
        }
    }
    return bytes
}

private func analyzeBytes(_ analyzer: Analyzer, _ bytes: [UInt8]) -> [(term: [UInt8], token: Token)] {
    var out: [(term: [UInt8], token: Token)] = []
    bytes.withUnsafeBufferPointer { buffer in
        analyzer.analyze(buffer) { term, token in out.append((Array(term), token)) }
    }
    return out
}

@Test func fuzzOffsetsMatchReferenceTokenizer() throws {
    let analyzers = [
        try Analyzer(AnalyzerSettings(lowercase: true, foldAccents: true, stemmer: nil)),
        try Analyzer(AnalyzerSettings(lowercase: true, foldAccents: true, stemmer: "english")),
        try Analyzer(AnalyzerSettings(lowercase: false, foldAccents: false, stemmer: nil)),
    ]
    var rng = SplitMix64(seed: 20_231_114)
    var failures = 0
    for iteration in 0..<20_000 {
        let bytes = randomInput(&rng)
        // Random bytes can spell Han, kana or Hangul, which become bigrams the reference lacks,
        // or Thai, Lao, Khmer, Myanmar or Tai letters, which ICU splits by dictionary
        // (ComplexScriptTests checks those).
        if String(decoding: bytes, as: UTF8.self).unicodeScalars.contains(where: { v in
            [0x3040...0x30FF, 0x31F0...0x31FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xAC00...0xD7AF, 0xF900...0xFAFF,
             0xFF66...0xFF9F, 0x20000...0x3134F].contains { $0.contains(v.value) } || ComplexScriptWords.isComplexScript(v.value)
        }) { continue }
        let expected = referenceTokens(bytes)
        for analyzer in analyzers {
            let got = analyzeBytes(analyzer, bytes)
            // Same token boundaries as the reference (a term may only vanish if folding emptied it).
            let ranges = got.map { ($0.token.start, $0.token.end) }
            let matches = ranges.count == expected.count && zip(ranges, expected).allSatisfy { $0 == $1 }
            if !matches && failures < 5 {
                failures += 1
                Issue.record("iteration \(iteration) \(analyzer.settings): bytes \(bytes) got \(ranges) expected \(expected)")
            }
            var previousEnd = 0
            for (index, (term, token)) in got.enumerated() {
                #expect(token.position == index)
                #expect(token.start >= previousEnd && token.start < token.end && token.end <= bytes.count)
                #expect(!term.isEmpty && term.count <= Analyzer.maxTokenBytes)
                previousEnd = token.end
                // The slice alone analyses to exactly the same term.
                let alone = analyzeBytes(analyzer, Array(bytes[token.start..<token.end]))
                if alone.count != 1 || alone[0].term != term || alone[0].token != Token(position: 0, start: 0, end: token.end - token.start) {
                    if failures < 5 {
                        failures += 1
                        Issue.record("iteration \(iteration): slice \(Array(bytes[token.start..<token.end])) re-analyses to \(alone)")
                    }
                }
            }
        }
    }
    #expect(failures == 0)
}

@Test func fuzzUniformRandomBytesStayInRange() throws {
    let analyzer = try Analyzer(.default)
    var rng = SplitMix64(seed: 42)
    for _ in 0..<5_000 {
        let bytes = (0..<Int.random(in: 0...200, using: &rng)).map { _ in UInt8.random(in: 0...255, using: &rng) }
        var previousStart = -1
        var position = 0
        bytes.withUnsafeBufferPointer { buffer in
            analyzer.analyze(buffer) { term, token in
                // CJK bigrams overlap by one character: each token starts after the previous one's start.
                #expect(token.position == position && token.start > previousStart && token.end <= bytes.count)
                #expect(token.start < token.end && !term.isEmpty)
                previousStart = token.start
                position += 1
            }
        }
    }
}
