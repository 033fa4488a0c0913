import Testing
@testable import MSearchSources

/// The plain-text builder every reader goes through: whitespace collapses, invisible characters
/// vanish, and the result does not depend on how the text arrived in pieces (a run of ordinary
/// bytes, spaces included, is copied at once; a piece of one character takes the slow path).
@Suite struct TextBuilderTests {
    static func built(_ pieces: [String], breakBefore: Set<Int> = []) -> String {
        var builder = TextBuilder()
        for (index, piece) in pieces.enumerated() {
            if breakBefore.contains(index) { builder.breakParagraph() }
            builder.append(piece)
        }
        return builder.string()
    }

    @Test(arguments: [
        ("one two  three\tfour\n five", "one two three four five"),
        ("  leading and trailing  ", "leading and trailing"),
        ("no\u{00A0}break and thin\u{2009}space, ideographic\u{3000}space", "no break and thin space, ideographic space"),
        ("zero\u{200B}width, soft\u{00AD}hyphen, \u{FEFF}bom, bell\u{07}", "zerowidth, softhyphen, bom, bell"),
        ("a \u{200B}b", "a b"),
        ("line\u{2028}separator", "line\nseparator"),
        ("é è ü 中 文", "é è ü 中 文"),
    ])
    func collapsesAndDrops(_ input: String, _ expected: String) {
        #expect(Self.built([input]) == expected)
    }

    @Test func aBreakEndsTheParagraphAndSwallowsTheSpaceAfterIt() {
        #expect(Self.built(["first words ", " second words"], breakBefore: [1]) == "first words\nsecond words")
    }

    /// Text appended whole and the same text appended one character at a time give the same
    /// string, over seeded random mixes of words, spaces and invisible characters.
    @Test func piecesGiveWhatTheWholeGives() {
        let alphabet = ["a", "bc", "é", "中", " ", "  ", "\t", "\n", "\u{00A0}", "\u{2009}", "\u{200B}",
                        "\u{2028}", "\u{3000}", "\u{FEFF}", "\u{00AD}", "\u{07}", "\u{85}", ".", "\u{20AC}", "\u{FF21}"]
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        for _ in 0..<500 {
            var pieces: [String] = []
            for _ in 0..<(1 + Int(state % 40)) {
                state = state &* 6364136223846793005 &+ 1442695040888963407
                pieces.append(alphabet[Int(state >> 33) % alphabet.count])
            }
            let whole = pieces.joined()
            let oneByOne = whole.unicodeScalars.map { String($0) }
            #expect(Self.built([whole]) == Self.built(oneByOne), "\(Array(whole.unicodeScalars))")
        }
    }
}
