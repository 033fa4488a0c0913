import ArgumentParser
import MSearchSearch

extension StopWordList: ExpressibleByArgument {}

/// The ranking switches every search command takes (search, repl, batch, eval); defaults are
/// `RankingOptions.default`. Measured in Benchmarks/RELEVANCE.md.
struct RankingFlags: ParsableArguments {
    private static let d = RankingOptions.default

    @Option(name: .long, help: ArgumentHelp("BM25 k1: how fast repeated words stop adding.", valueName: "x"))
    var k1: Double = d.bm25.k1

    @Option(name: .customLong("b"), help: ArgumentHelp("BM25 b: how much long articles are penalised (0–1).", valueName: "x"))
    var b: Double = d.bm25.b

    @Option(name: .customLong("title-weight"), help: ArgumentHelp("A word in the title counts this many times.", valueName: "x"))
    var titleWeight: Double = d.bm25.titleWeight

    @Option(name: .customLong("title-b"), help: ArgumentHelp("BM25F: the title is length-normalised on its own with this b, the body with --b; none: one field of title + body.", valueName: "x|none"))
    var titleB = OptionalNumber(d.titleB)

    @Option(name: .long, help: "Words that do not score when OR'ed with others: none, lucene (33 words) or english (Snowball's list and single letters or digits). Phrases keep them.")
    var stopwords: StopWordList = d.stopWords

    @Option(name: .long, help: ArgumentHelp("Weight of the bonus for query words close together (0 = off).", valueName: "x"))
    var proximity: Double = d.proximity

    @Option(name: .customLong("proximity-window"), help: ArgumentHelp("Largest distance, in words, that earns a proximity bonus.", valueName: "n"))
    var proximityWindow: Int = d.proximityWindow

    @Option(name: .customLong("proximity-depth"), help: ArgumentHelp("How many of the best hits the proximity bonus re-ranks.", valueName: "n"))
    var proximityDepth: Int = d.rerankDepth

    @Flag(name: .long, inversion: .prefixedNo, help: "Pseudo-relevance feedback (RM3): add the best terms of the top hits to the query.")
    var rm3 = d.feedback != nil

    @Option(name: .customLong("rm3-docs"), help: ArgumentHelp("RM3: feedback documents.", valueName: "n"))
    var rm3Docs: Int = (d.feedback ?? FeedbackOptions()).documents

    @Option(name: .customLong("rm3-terms"), help: ArgumentHelp("RM3: feedback terms.", valueName: "n"))
    var rm3Terms: Int = (d.feedback ?? FeedbackOptions()).terms

    @Option(name: .customLong("rm3-weight"), help: ArgumentHelp("RM3: weight of the original query (0–1).", valueName: "x"))
    var rm3Weight: Double = (d.feedback ?? FeedbackOptions()).originalWeight

    @Option(name: .customLong("rm3-mu"), help: ArgumentHelp("RM3: Dirichlet μ of the feedback documents' models (0 = tf/length).", valueName: "x"))
    var rm3Mu: Double = (d.feedback ?? FeedbackOptions()).smoothing

    func validate() throws {
        if rm3Mu < 0 { throw ValidationError("--rm3-mu must be 0 or more") }
        if k1 < 0 { throw ValidationError("--k1 must be 0 or more") }
        if !(0...1).contains(b) { throw ValidationError("--b must be between 0 and 1") }
        if let titleB = titleB.value, !(0...1).contains(titleB) { throw ValidationError("--title-b must be between 0 and 1") }
        if titleWeight <= 0 { throw ValidationError("--title-weight must be more than 0") }
        if proximity < 0 { throw ValidationError("--proximity must be 0 or more") }
        if proximityDepth < 1 { throw ValidationError("--proximity-depth must be 1 or more") }
        if proximityWindow < 1 { throw ValidationError("--proximity-window must be 1 or more") }
        if rm3Docs < 1 || rm3Terms < 1 { throw ValidationError("--rm3-docs and --rm3-terms must be 1 or more") }
        if !(rm3Weight > 0 && rm3Weight <= 1) { throw ValidationError("--rm3-weight must be more than 0 and at most 1") }
    }

    var options: RankingOptions {
        var o = RankingOptions.default
        o.bm25 = BM25(k1: k1, b: b, titleWeight: titleWeight)
        o.titleB = titleB.value
        o.stopWords = stopwords
        o.proximity = proximity
        o.proximityWindow = proximityWindow
        o.rerankDepth = proximityDepth
        o.feedback = rm3 ? FeedbackOptions(documents: rm3Docs, terms: rm3Terms, originalWeight: rm3Weight, smoothing: rm3Mu) : nil
        return o
    }
}

/// How a line of text becomes a query.
enum QuerySyntax: String, ExpressibleByArgument, CaseIterable {
    /// The query language (phrases, operators, fields).
    case query
    /// A bag of words: punctuation and operators are just text.
    case plain
}

/// A number, or "none" for no value.
struct OptionalNumber: ExpressibleByArgument {
    var value: Double?
    init(_ value: Double?) { self.value = value }
    init?(argument: String) {
        if argument == "none" || argument == "off" { value = nil; return }
        guard let v = Double(argument) else { return nil }
        value = v
    }
    var defaultValueDescription: String { value.map { String($0) } ?? "none" }
}
