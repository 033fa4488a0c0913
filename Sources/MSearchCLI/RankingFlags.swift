import ArgumentParser
import MSearchSearch

extension StopWordList: ExpressibleByArgument {}

/// The ranking switches every search command takes (search, repl, batch, eval); defaults are
/// `RankingOptions.default`. Measured in Benchmarks/RELEVANCE.md.
struct RankingFlags: ParsableArguments {
    private static let d = RankingOptions.default

    @Option(name: .long, parsing: .unconditional, help: ArgumentHelp("BM25 k1: how fast repeated words stop adding.", valueName: "x"))
    var k1: Double = d.bm25.k1

    @Option(name: .customLong("b"), parsing: .unconditional, help: ArgumentHelp("BM25 b: how much long articles are penalised (0–1).", valueName: "x"))
    var b: Double = d.bm25.b

    @Option(name: .customLong("title-weight"), parsing: .unconditional, help: ArgumentHelp("A word in the title counts this many times.", valueName: "x"))
    var titleWeight: Double = d.bm25.titleWeight

    @Option(name: .customLong("title-b"), parsing: .unconditional, help: ArgumentHelp("BM25F: the title is length-normalised on its own with this b, the body with --b; none: one field of title + body.", valueName: "x|none"))
    var titleB = OptionalNumber(d.titleB)

    @Option(name: .long, help: "Words that do not score when OR'ed with others: none, lucene (33 words) or english (Snowball's list and single letters or digits). Phrases keep them.")
    var stopwords: StopWordList = d.stopWords

    @Option(name: .long, parsing: .unconditional, help: ArgumentHelp("Weight of the bonus for query words close together (0 = off).", valueName: "x"))
    var proximity: Double = d.proximity

    @Option(name: .customLong("proximity-window"), parsing: .unconditional, help: ArgumentHelp("Largest distance, in words, that earns a proximity bonus.", valueName: "n"))
    var proximityWindow: Int = d.proximityWindow

    @Option(name: .customLong("proximity-depth"), parsing: .unconditional, help: ArgumentHelp("How many of the best hits the proximity bonus re-ranks.", valueName: "n"))
    var proximityDepth: Int = d.rerankDepth

    @Flag(name: .long, inversion: .prefixedNo, help: "Pseudo-relevance feedback (RM3): add the best terms of the top hits to the query.")
    var rm3 = d.feedback != nil

    @Option(name: .customLong("rm3-docs"), parsing: .unconditional, help: ArgumentHelp("RM3: feedback documents.", valueName: "n"))
    var rm3Docs: Int = (d.feedback ?? FeedbackOptions()).documents

    @Option(name: .customLong("rm3-terms"), parsing: .unconditional, help: ArgumentHelp("RM3: feedback terms.", valueName: "n"))
    var rm3Terms: Int = (d.feedback ?? FeedbackOptions()).terms

    @Option(name: .customLong("rm3-weight"), parsing: .unconditional, help: ArgumentHelp("RM3: weight of the original query (0–1).", valueName: "x"))
    var rm3Weight: Double = (d.feedback ?? FeedbackOptions()).originalWeight

    @Option(name: .customLong("rm3-mu"), parsing: .unconditional, help: ArgumentHelp("RM3: Dirichlet μ of the feedback documents' models (0 = tf/length).", valueName: "x"))
    var rm3Mu: Double = (d.feedback ?? FeedbackOptions()).smoothing

    /// Documented ranges (README, Ranking): every value finite, so no score is NaN or infinite.
    static let k1Range = 0.0...10.0, bRange = 0.0...1.0, titleWeightRange = 0.01...100.0
    static let proximityRange = 0.0...100.0, muRange = 0.0...100_000.0
    static let maxProximityWindow = 1_000, maxDocuments = OptionValidation.maxLimit, maxFeedbackTerms = 1_000

    func validate() throws {
        let problems = [
            OptionValidation.number(k1, "--k1", in: RankingFlags.k1Range),
            OptionValidation.number(b, "--b", in: RankingFlags.bRange),
            titleB.value.flatMap { OptionValidation.number($0, "--title-b", in: RankingFlags.bRange) },
            OptionValidation.number(titleWeight, "--title-weight", in: RankingFlags.titleWeightRange),
            OptionValidation.number(proximity, "--proximity", in: RankingFlags.proximityRange),
            OptionValidation.count(proximityWindow, "--proximity-window", in: 1...RankingFlags.maxProximityWindow),
            OptionValidation.count(proximityDepth, "--proximity-depth", in: 1...RankingFlags.maxDocuments),
            OptionValidation.count(rm3Docs, "--rm3-docs", in: 1...RankingFlags.maxDocuments),
            OptionValidation.count(rm3Terms, "--rm3-terms", in: 1...RankingFlags.maxFeedbackTerms),
            OptionValidation.number(rm3Mu, "--rm3-mu", in: RankingFlags.muRange),
            rm3Weight > 0 && rm3Weight <= 1 ? nil : "--rm3-weight must be more than 0 and at most 1, not \(rm3Weight)",
        ]
        if let problem = problems.compactMap({ $0 }).first { throw ValidationError(problem) }
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
