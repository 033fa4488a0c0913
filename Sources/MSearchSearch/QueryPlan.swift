import MSearchAnalysis
import MSearchIndex
import MSearchQuery

/// A query after analysis, with index-wide weights resolved once: what each segment turns into
/// a scorer tree. Words become analysed terms, prefixes become the terms they expand to, and a
/// word that analyses to several terms ("U.S.", "Díaz-Canel") becomes a phrase.
indirect enum QueryPlan {
    case term(PlannedTerm)
    /// `entries`: each term's dictionary entry per segment (see `PlannedTerm.entries`).
    case phrase(terms: [[UInt8]], offsets: [Int], slop: Int, field: Field?, weight: Double, entries: [[TermInfo?]])
    case any([QueryPlan])
    case boolean(must: [QueryPlan], should: [QueryPlan], mustNot: [QueryPlan])
    case dateRange(ClosedRange<Int32>)
    /// Documents whose `language` column holds this packed code (`LanguageCode.pack`).
    case language(UInt32)
    case all
    case nothing
}

extension QueryPlan {
    /// The terms of a plan that is only an OR of unscoped terms (what MaxScore handles), else nil.
    static func plainTermDisjunction(_ plan: QueryPlan) -> [PlannedTerm]? {
        func terms(_ ps: [QueryPlan]) -> [PlannedTerm]? {
            var out: [PlannedTerm] = []
            for p in ps {
                guard case .term(let t) = p, t.field == nil, t.weight > 0 else { return nil }
                out.append(t)
            }
            return out.isEmpty ? nil : out
        }
        switch plan {
        case .term: return terms([plan])
        case .any(let ps): return terms(ps)
        case .boolean(let must, let should, let mustNot) where must.isEmpty && mustNot.isEmpty: return terms(should)
        default: return nil
        }
    }
}

struct PlannedTerm {
    var term: [UInt8]
    var field: Field?
    var idf: Double
    /// How often the query repeats the term among its optional clauses.
    var count = 1.0
    /// The term's dictionary entry in each segment, found while planning, so scorers do not
    /// look it up again (empty for terms added later, which scorers look up).
    var entries: [TermInfo?] = []
    /// One of the terms a prefix expands to, or an actor filter's: not a word of the query
    /// itself (proximity leaves them out).
    var isExpansion = false
    var weight: Double { idf * count }
    var label: String { (field.map { $0.rawValue + ":" } ?? "") + String(decoding: term, as: UTF8.self) }
}

/// Builds plans: the one place query words meet the index's analyzer and statistics.
struct QueryPlanner {
    let reader: IndexReader
    /// The analyzer of the index's default language: prefixes, actor names, normalisation.
    let analyzer: Analyzer
    /// One analyzer per distinct analysis of the languages a query looks in (the index's
    /// languages, or `--lang`'s): a word is looked up in each form they give it. The default
    /// language's comes first; an English-only index has just `analyzer`.
    var analyzers: [Analyzer] = []
    let bm25: BM25
    /// Normalised words a bag-of-words query does not score (StopWords.swift).
    var stopWords: Set<String> = []
    /// How many terms a prefix may expand to (the most frequent are kept).
    var maxPrefixExpansions = 256
    var actorAlias: ((String) -> String?)?
    /// The index's actor names by word (built once per searcher, on the first actor clause).
    let actors: ActorDirectory

    func analyze(_ text: String, with analyzer: Analyzer) -> (terms: [[UInt8]], positions: [Int]) {
        var terms: [[UInt8]] = []
        var positions: [Int] = []
        analyzer.analyze(text) { term, token in
            terms.append(Array(term))
            positions.append(token.position)
        }
        return (terms, positions)
    }

    /// The distinct term sequences `text` analyses to in the languages the query looks in
    /// (the default language's first).
    func analyses(_ text: String) -> [(terms: [[UInt8]], positions: [Int])] {
        var out: [(terms: [[UInt8]], positions: [Int])] = []
        for a in analyzers.isEmpty ? [analyzer] : analyzers {
            let analysis = analyze(text, with: a)
            if !out.contains(where: { $0.terms == analysis.terms }) { out.append(analysis) }
        }
        return out
    }

    /// The term's idf over live documents, and its entry in each segment's dictionary.
    func resolve(_ term: [UInt8]) throws -> (idf: Double, entries: [TermInfo?]) {
        var df = 0
        var entries: [TermInfo?] = []
        entries.reserveCapacity(reader.segments.count)
        try term.withUnsafeBufferPointer { key in
            for s in reader.segments {
                let info = try s.terms.lookup(key)
                if let info { df += try s.liveDocumentFrequency(key, info) }
                entries.append(info)
            }
        }
        return (bm25.idf(documentFrequency: df, documentCount: reader.documentCount), entries)
    }

    /// A planned term with its idf and entries resolved.
    func plannedTerm(_ term: [UInt8], field: Field?) throws -> PlannedTerm {
        let (idf, entries) = try resolve(term)
        return PlannedTerm(term: term, field: field, idf: idf, entries: entries)
    }

    func plan(_ query: Query) throws -> QueryPlan {
        switch query {
        case .term(let word, let field):
            return try plan(phrase: word, slop: 0, field: field)
        case .phrase(let text, let slop, let field):
            return try plan(phrase: text, slop: slop, field: field)
        case .prefix(let word, let field):
            let expansions = try expand(prefix: word)
            if expansions.isEmpty { return .nothing }
            return .any(try expansions.map { term in
                var planned = try plannedTerm(term, field: field)
                planned.isExpansion = true
                return .term(planned)
            })
        case .boolean(let must, var should, let mustNot):
            // `cuba date:2023` means cuba, published in 2023: a filter beside scoring clauses
            // restricts them rather than being one more alternative. Only filters OR'ed with
            // each other (`date:2022 OR date:2024`) stay alternatives.
            var required = must
            should = withoutStopWords(should, hasRequired: !must.isEmpty)
            let filters = should.filter(\.isFilter)
            if !filters.isEmpty && filters.count < should.count {
                should.removeAll(where: \.isFilter)
                if required.isEmpty {
                    // Without a must clause at least one should clause has to match: keep that
                    // rule by making the should clauses one required alternative.
                    let alternatives = try mergeRepeatedTerms(should.map(plan))
                    return .boolean(must: [.any(alternatives)] + (try filters.map(plan)),
                                    should: [], mustNot: try mustNot.map(plan))
                }
                required += filters
            }
            let m = try required.map(plan), n = try mustNot.map(plan)
            let s = try mergeRepeatedTerms(should.map(plan))
            return .boolean(must: m, should: s, mustNot: n)
        case .date(let from, let to):
            // A range that ends before it starts (`--from 2006 --to 2004`) matches nothing;
            // the command line and the REPL refuse it with a message before it gets here.
            guard let range = DateBounds.range(from: from, to: to) else { return .nothing }
            return .dateRange(range)
        case .language(let code):
            return .language(LanguageCode.pack(code))
        case .actor(let name):
            // A filter: documents naming any actor the name designates, scoring nothing.
            let terms = try actorTerms(matching: name)
            if terms.isEmpty { return .nothing }
            return .any(terms.map { .term(PlannedTerm(term: $0, field: nil, idf: 0, isExpansion: true)) })
        case .all:
            return .all
        }
    }

    /// A word or phrase analysed once per language the query looks in: one plan when every
    /// language gives the same terms (an English-only index plans exactly as it always did),
    /// else any of the distinct analyses (`deportación` → `deport` in Spanish, `deportacion`
    /// unstemmed elsewhere), each with its own exact statistics.
    private func plan(phrase text: String, slop: Int, field: Field?) throws -> QueryPlan {
        let plans = try analyses(text).map { try plan(terms: $0.terms, positions: $0.positions, slop: slop, field: field) }
        let found = plans.filter { if case .nothing = $0 { return false } else { return true } }
        if found.count <= 1 { return found.first ?? .nothing }
        return .any(found)
    }

    private func plan(terms: [[UInt8]], positions: [Int], slop: Int, field: Field?) throws -> QueryPlan {
        if terms.isEmpty { return .nothing }
        if terms.count == 1 { return .term(try plannedTerm(terms[0], field: field)) }
        let resolved = try terms.map(resolve)
        let weight = resolved.reduce(0) { $0 + $1.idf }
        let first = positions[0]
        return .phrase(terms: terms, offsets: positions.map { $0 - first }, slop: slop, field: field, weight: weight,
                       entries: resolved.map(\.entries))
    }

    /// A term repeated among the optional clauses counts once per repeat (as in Lucene):
    /// on long natural-language queries this is worth several points of nDCG.
    private func mergeRepeatedTerms(_ plans: [QueryPlan]) -> [QueryPlan] {
        var out: [QueryPlan] = []
        var seen: [TermKey: Int] = [:]
        for p in plans {
            if case .term(let t) = p {
                let key = TermKey(term: t.term, field: t.field)
                if let i = seen[key], case .term(var existing) = out[i] {
                    existing.count += t.count
                    out[i] = .term(existing)
                    continue
                }
                seen[key] = out.count
            }
            out.append(p)
        }
        return out
    }

    private struct TermKey: Hashable { var term: [UInt8]; var field: Field? }

    /// The actors of the index a name designates: every canonical name containing all the
    /// words of `name`, folded as the index folds ("de Cossío" → "Carlos Fernández de Cossío",
    /// "Trump" → "Donald Trump").
    func actorTerms(matching name: String) throws -> [[UInt8]] {
        var wanted = [Set(QueryPlanner.words(analyzer.normalize(name)).map(String.init))]
        if let canonical = actorAlias?(name) {
            wanted.append(Set(QueryPlanner.words(analyzer.normalize(canonical)).map(String.init)))
        }
        wanted.removeAll { $0.isEmpty }
        guard !wanted.isEmpty else { return [] }
        return try actors.terms(containingAllOf: wanted)
    }

    /// The alphanumeric words of an already folded name.
    static func words(_ s: String) -> [Substring] {
        s.split(whereSeparator: { !$0.isLetter && !$0.isNumber })
    }

    /// The index's terms starting with the analysed (lower-cased, folded, unstemmed) prefix.
    func expand(prefix word: String) throws -> [[UInt8]] {
        let key = Array(analyzer.normalize(word).utf8)
        guard !key.isEmpty else { return [] }
        var found: [[UInt8]: Int] = [:]
        for segment in reader.segments {
            try key.withUnsafeBufferPointer { k in
                try segment.terms.forEach(from: k) { term, info in
                    guard term.count >= k.count, term.starts(with: k) else { return false }
                    let df = try segment.liveDocumentFrequency(term, info)
                    if df > 0 { found[Array(term), default: 0] += df }
                    return true
                }
            }
        }
        return found.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key.lexicographicallyPrecedes($1.key) }
            .prefix(maxPrefixExpansions).map(\.key)
    }
}

extension Query {
    /// Date and actor clauses select documents without scoring them.
    public var isFilter: Bool {
        switch self {
        case .date, .actor, .language: return true
        default: return false
        }
    }
}

/// Date filter bounds as yyyymmdd numbers: a bound given as "2023" or "2023-11" covers the whole
/// year or month (a lower bound starts at its first day, an upper bound ends at its last).
/// Bounds come from users (options, REPL commands, queries), so anything that is not
/// `yyyy[-mm[-dd]]` is refused rather than computed with: no digit count can overflow.
public enum DateBounds {
    /// The yyyymmdd range from `from` to `to` (nil: open), or nil when a bound is not a date
    /// or the range ends before it starts.
    public static func range(from: String?, to: String?) -> ClosedRange<Int32>? {
        guard let lower = lower(from), let upper = upper(to), lower <= upper else { return nil }
        return lower...upper
    }

    static func lower(_ s: String?) -> Int32? {
        guard let s else { return 1 }
        return DateKey.lowerBound(s)
    }

    static func upper(_ s: String?) -> Int32? {
        guard let s else { return Int32.max }
        return DateKey.upperBound(s)
    }
}
