import Foundation
import Testing
import MSearchIndexTestSupport
import MSearchIndex
import MSearchQuery
import MSearchSources
@testable import MSearchSearch

/// Each ranking feature of `RankingOptions`, on small indexes where its effect is computed by hand.
@Suite struct RankingTests {
    func options(_ change: (inout RankingOptions) -> Void) -> RankingOptions {
        var o = RankingOptions.classic
        change(&o)
        return o
    }

    func scores(_ r: SearchResults) -> [Int: Double] {
        Dictionary(uniqueKeysWithValues: r.hits.map { ($0.doc, $0.score) })
    }

    // MARK: stop words

    @Test func stopWordsDoNotScoreWhenOredWithOtherWords() throws {
        let index = try TestIndex(texts: [("", "the cuba talks"), ("", "cuba talks of the day"), ("", "the the the of the"),
                                              ("", "talks")])
        let reader = index.reader
        let s = try Searcher(reader: reader, ranking: options { $0.stopWords = .english })
        let stopped = try s.search(words("the cuba of"), limit: 10)
        let plain = try s.search(words("cuba"), limit: 10)
        #expect(stopped.total == 2)
        #expect(scores(stopped) == scores(plain))
        // Without the option the stop words match and score.
        let all = try Searcher(reader: reader, ranking: .classic).search(words("the cuba of"), limit: 10)
        #expect(all.total == 3)
        // Single letters and digits count as stop words in the English list.
        #expect(scores(try s.search(words("j cuba 3"), limit: 10)) == scores(plain))
        #expect(StopWordList.lucene.words.count == 33)
        let lucene = try Searcher(reader: reader, ranking: options { $0.stopWords = .lucene })
        #expect(try lucene.search(words("the talks"), limit: 10).total == 3)
    }

    @Test func stopWordsStayWhereTheyAreAllThereIsOrExplicit() throws {
        let index = try TestIndex(texts: [("", "war of the worlds"), ("", "war worlds"), ("", "the who live"), ("", "cuba")])
        let reader = index.reader
        let s = try Searcher(reader: reader, ranking: options { $0.stopWords = .english })
        // A query of nothing but stop words is kept whole.
        #expect(try s.search(words("the who"), limit: 10).hits.map(\.doc) == [2, 0])
        // Phrases keep their positions: "war of the worlds" is not "war worlds".
        #expect(try s.search(.phrase("war of the worlds", slop: 0, field: nil), limit: 10).hits.map(\.doc) == [0])
        // A required stop word stays required.
        let required = Query.boolean(must: [.term("the", field: nil)], should: [.term("war", field: nil)], mustNot: [])
        #expect(Set(try s.search(required, limit: 10).hits.map(\.doc)) == [0, 2])
    }

    @Test func stopListsAreThoseOfTheLanguagesOfMostDocuments() {
        let english = Set(StopWordList.english.words)
        // No document with a language (an index built before languages): the default's list.
        #expect(Set(StopWordList.english.words(documents: [], fallback: "en")) == english)
        // Mostly English: exactly the English list, whatever the minority's lists say.
        #expect(Set(StopWordList.english.words(documents: [("en", 90), ("de", 10)], fallback: "en")) == english)
        // Mostly German: German's list, and words both languages list; not English-only ones.
        let german = Set(StopWordList.english.words(documents: [("de", 60), ("en", 40)], fallback: "en"))
        #expect(german.contains("und") && german.contains("die"))
        #expect(!german.contains("the") && german.contains("man"))
        // Evenly mixed: only words the languages of more than half the documents list.
        let mixed = Set(StopWordList.english.words(documents: [("en", 40), ("es", 40), ("de", 20)], fallback: "en"))
        #expect(!mixed.contains("the") && !mixed.contains("de") && !mixed.contains("und"))
        #expect(mixed.contains("a") == true)   // English "a", Spanish "a"
        // The Lucene list is English's only.
        #expect(StopWordList.lucene.words(forLanguage: "de").isEmpty)
        #expect(StopWordList.none.words(documents: [("de", 1)], fallback: "en").isEmpty)
    }

    @Test func aGermanIndexLeavesOutGermanStopWords() throws {
        func german(_ id: String, _ body: String) -> SourceDocument {
            var d = SourceDocument.text(id, body: body)
            d.languageHint = "de"
            return d
        }
        let index = try TestIndex([german("d0", "die Verhandlungen und die Gespräche"), german("d1", "die Regierung und der Kanzler"),
                                   german("d2", "Verhandlungen in Berlin")])
        let s = try Searcher(reader: index.reader, ranking: options { $0.stopWords = .english })
        #expect(s.languages == ["de"])
        let stopped = try s.search(words("und Verhandlungen"), limit: 10)
        #expect(scores(stopped) == scores(try s.search(words("Verhandlungen"), limit: 10)))
        // `--lang en` looks at no document of the index: English's list, so "und" scores (and
        // the English form of "Verhandlungen" finds nothing).
        s.queryLanguages = ["en"]
        #expect(try s.search(words("und Verhandlungen"), limit: 10).total == 2)
    }

    // MARK: BM25F

    @Test func bm25fNormalisesTitleAndBodyByTheirOwnLengths() throws {
        let index = try TestIndex(texts: [("Cuba", "talks in havana"), ("", "cuba cuba visa talks"), ("Visa news", "nothing")])
        let reader = index.reader
        let (k1, b, bt, w) = (1.2, 0.6, 0.9, 2.0)
        let s = try Searcher(reader: reader, ranking: options { $0.bm25 = BM25(k1: k1, b: b, titleWeight: w); $0.titleB = bt })
        let r = scores(try s.search(words("cuba"), limit: 10))
        let idf = log(1 + (3 - 2 + 0.5) / (2 + 0.5))
        let avgTitle = 3.0 / 3, avgBody = 8.0 / 3
        func score(_ titleTf: Double, _ titleLength: Double, _ bodyTf: Double, _ bodyLength: Double) -> Double {
            let x = w * titleTf / (1 - bt + bt * titleLength / avgTitle) + bodyTf / (1 - b + b * bodyLength / avgBody)
            return idf * x * (k1 + 1) / (x + k1)
        }
        #expect(abs(r[0]! - score(1, 1, 0, 3)) < 1e-9)
        #expect(abs(r[1]! - score(0, 0, 2, 4)) < 1e-9)
        // Explain shows the same number.
        let e = try #require(try s.explain(words("cuba"), doc: 0))
        #expect(abs(e.value - r[0]!) < 1e-9)
        #expect(e.rendered().contains("BM25F"))
        // The bound used for pruning is an upper bound.
        let bound = s.bm25.maxScore(weight: idf, maxTf: 2, maxTitleTf: 1, minLength: 0, averageLength: 1)
        #expect(bound >= r[0]! && bound >= r[1]!)
    }

    @Test func titleWeightRaisesTitleMatches() throws {
        let index = try TestIndex(texts: [("", "cuba visa talks"), ("Cuba", "visa talks")])
        let reader = index.reader
        let flat = try Searcher(reader: reader, ranking: .classic).search(words("cuba"), limit: 10)
        #expect(flat.hits.map(\.doc) == [0, 1])  // a tie, in document order
        let weighted = try Searcher(reader: reader, ranking: options { $0.bm25.titleWeight = 2 }).search(words("cuba"), limit: 10)
        #expect(weighted.hits.map(\.doc) == [1, 0])
    }

    // MARK: proximity

    @Test func proximityRanksCloseWordsFirstWithTheHandComputedBonus() throws {
        let index = try TestIndex(texts: [("", "alpha x x x x x x beta"), ("", "alpha beta x x x x x x")])
        let reader = index.reader
        let flat = try Searcher(reader: reader, ranking: .classic).search(words("alpha beta"), limit: 10)
        #expect(flat.hits.map(\.doc) == [0, 1])  // a tie
        let s = try Searcher(reader: reader, ranking: options { $0.proximity = 0.5; $0.proximityWindow = 5 })
        let near = try s.search(words("alpha beta"), limit: 10)
        #expect(near.hits.map(\.doc) == [1, 0])
        // d1: one pair at distance 1, dl = avgdl, so the bonus is 0.5 × idf × 1·(k1 + 1)/(1 + k1).
        let idf = log(1 + (2 - 2 + 0.5) / (2 + 0.5))
        #expect(abs(near.hits[0].score - flat.hits[1].score - 0.5 * idf) < 1e-9)
        // d0: distance 7 is outside the window.
        #expect(abs(near.hits[1].score - flat.hits[0].score) < 1e-12)
        // Explain adds the bonus.
        let e = try #require(try s.explain(words("alpha beta"), doc: 1))
        #expect(abs(e.value - near.hits[0].score) < 1e-9)
        #expect(e.rendered().contains("proximity"))
        // Only the top `rerankDepth` are re-ranked: with 1, d0 keeps the first place.
        let shallow = try Searcher(reader: reader, ranking: options { $0.proximity = 0.5; $0.rerankDepth = 1 })
        #expect(try shallow.search(words("alpha beta"), limit: 10).hits.map(\.doc) == [0, 1])
    }

    @Test func proximityNeedsTwoDifferentWordsAndKeepsTheLimit() throws {
        let index = try TestIndex(texts: (0..<30).map { ("", "cuba cuba talks \($0)") })
        let reader = index.reader
        let s = try Searcher(reader: reader, ranking: options { $0.proximity = 1 })
        let one = try s.search(words("cuba"), limit: 5)
        #expect(one.hits.count == 5)
        #expect(scores(one) == scores(try Searcher(reader: reader, ranking: .classic).search(words("cuba"), limit: 5)))
        #expect(try s.search(words("cuba talks"), limit: 3).hits.count == 3)
    }

    // MARK: RM3

    @Test func feedbackAddsTermsOfTheTopDocuments() throws {
        let docs = [("", "cuba havana embargo"), ("", "cuba havana"), ("", "havana cigars"), ("", "visa talks")]
        let index = try TestIndex(texts: docs)
        let reader = index.reader
        let plain = try Searcher(reader: reader, ranking: .classic).search(words("cuba"), limit: 10)
        #expect(plain.total == 2)
        let fb = FeedbackOptions(documents: 2, terms: 3, originalWeight: 0.5, maxDocumentFraction: 1, smoothing: 0)
        let s = try Searcher(reader: reader, ranking: options { $0.feedback = fb })
        let expanded = try s.search(words("cuba"), limit: 10)
        // havana (in both feedback documents) joins the query and finds d2, which lacks "cuba".
        #expect(expanded.total == 3)
        #expect(expanded.hits.map(\.doc).prefix(2) == [1, 0] || expanded.hits.map(\.doc).prefix(2) == [0, 1])
        #expect(expanded.hits.last?.doc == 2)
        // A required clause still decides what matches: feedback only re-ranks it.
        let required = Query.boolean(must: [.term("cuba", field: nil)], should: [], mustNot: [])
        #expect(try s.search(required, limit: 10).total == 2)
        // Common terms are left out: with a 10 % cut every term here is too common.
        var strict = fb
        strict.maxDocumentFraction = 0.1
        let none = try Searcher(reader: reader, ranking: options { $0.feedback = strict }).search(words("cuba"), limit: 10)
        #expect(scores(none) == scores(plain))
        // Explain agrees with the expanded score.
        let e = try #require(try s.explain(words("cuba"), doc: 2))
        #expect(abs(e.value - expanded.hits.last!.score) < 1e-9)
    }

    @Test func feedbackWeightsFollowTheRM3Interpolation() throws {
        // One feedback document, "cuba havana": P(cuba|D) = P(havana|D) = 1/2, normalised over
        // the chosen terms to 1/2 each. With α = 0.5 and Q = 1, cuba gets 1 + 1/2 and havana 1/2.
        let index = try TestIndex(texts: [("", "cuba havana"), ("", "havana"), ("", "visa")])
        let reader = index.reader
        let fb = FeedbackOptions(documents: 1, terms: 2, originalWeight: 0.5, maxDocumentFraction: 1, smoothing: 0)
        let s = try Searcher(reader: reader, ranking: options { $0.feedback = fb })
        let r = scores(try s.search(words("cuba"), limit: 10))
        let classic = try Searcher(reader: reader, ranking: .classic)
        let cuba = scores(try classic.search(words("cuba"), limit: 10))
        let havana = scores(try classic.search(words("havana"), limit: 10))
        #expect(abs(r[0]! - (1.5 * cuba[0]! + 0.5 * havana[0]!)) < 1e-9)
        #expect(abs(r[1]! - 0.5 * havana[1]!) < 1e-9)
    }

    @Test func possessivesFindTheirWord() throws {
        // Snowball's English stemmer removes 's, so no analysis option is needed for possessives.
        let index = try TestIndex(texts: [("Cuba's talks", "Havana’s envoy")])
        let reader = index.reader
        let s = try Searcher(reader: reader)
        #expect(try s.search(words("cuba"), limit: 10).total == 1)
        #expect(try s.search(words("havana"), limit: 10).total == 1)
    }

    // MARK: plain syntax

    @Test func plainQueriesAreBagsOfWords() throws {
        let index = try TestIndex(texts: [("", "x")])
        let reader = index.reader
        let s = try Searcher(reader: reader)
        let words = ["programmer", "supplied", "1971", "AND", "don't"].map { Query.term($0, field: nil) }
        #expect(try s.plainQuery("programmer-supplied (1971) AND \"don't") == .boolean(must: [], should: words, mustNot: []))
        #expect(try s.plainQuery("  cuba! ") == .term("cuba", field: nil))
    }
}

/// Proximity across per-language forms: a word analysed differently per language is one word.
@Suite struct PerLanguageProximityTests {
    func spanish(_ id: String, _ body: String) -> SourceDocument {
        var d = SourceDocument.text(id, body: body)
        d.languageHint = "es"
        return d
    }

    @Test func aWordsFormsInSeveralLanguagesPairWithTheOtherWords() throws {
        let filler = Array(repeating: "texto", count: 12).joined(separator: " ")
        let index = try TestIndex([
            spanish("d0", "las deportaciones de cubanos siguen"),
            spanish("d1", "las deportaciones \(filler) cubanos"),
            SourceDocument.text("d2", body: "The talks on migration continued in Washington this week"),
            SourceDocument.text("d3", body: "Officials said the migration talks would go on next week"),
        ])
        let s = try Searcher(reader: index.reader, ranking: .default)
        #expect(Set(s.languages) == ["es", "en"])
        let plan = try s.planner.plan(words("deportación cubanos"))
        // "deportación" has a Spanish and an English form: both are forms of one word.
        let terms = s.proximityTerms(plan)
        #expect(terms.count >= 3, "\(terms.map { String(decoding: $0.term, as: UTF8.self) })")
        #expect(Set(terms.map(\.word)).count == 2)
        let bonus = try s.proximityBonuses([0, 1], terms: terms)
        #expect(bonus[0] > 0 && bonus[1] == 0)
        // And the re-ranked scores carry it: the close pair first.
        #expect(try s.search(words("deportación cubanos"), limit: 10).hits.map(\.doc) == [0, 1])
    }
}
