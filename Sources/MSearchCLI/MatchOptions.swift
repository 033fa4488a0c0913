import ArgumentParser
import MSearchSearch

/// The options that decide which articles match a query, apart from how they are ranked or
/// shown: what `msearch actors` needs (it counts every match, so ranking, paging and snippet
/// options would be accepted and ignored there), and the part of `SearchOptions` every way of
/// searching shares.
struct MatchOptions: ParsableArguments {
    @Flag(name: .customLong("and"), help: "Require every word (default: any word, more is better).")
    var requireAll = false

    @Option(name: .long, help: "Only articles published on or after this date (2023, 2023-11 or 2023-11-14).")
    var from: String?

    @Option(name: .long, help: "Only articles published on or before this date (2023, 2023-11 or 2023-11-14).")
    var to: String?

    @Option(name: .long, help: "Only articles naming this actor (repeatable; canonical names and aliases, any accents or case).")
    var actor: [String] = []

    @Option(name: .long, help: ArgumentHelp("Only articles in this language (a code: en, es, de); query words are then analysed in it alone.", valueName: "code"))
    var lang: String?

    @Option(name: .long, help: "Whether undated articles pass --from/--to and date: filters: exclude (default) or include.")
    var undated: UndatedPolicy = .exclude

    @Option(name: .long, help: "query: the query language; plain: every word OR'ed, punctuation ignored (pasted text).")
    var syntax: QuerySyntax = .query

    func validate() throws {
        if let problem = OptionValidation.dateRange(from: from, to: to) { throw ValidationError(problem) }
        if let lang, OptionValidation.languageCode(lang) == nil {
            throw ValidationError("--lang takes a language code of 2 or 3 letters (en, es, de), not \"\(lang)\"")
        }
    }

    /// Opens the index and a session that matches as these options say (ranking as given).
    func makeSession(_ indexOption: IndexOption, ranking: RankingOptions = .default,
                     verifyInBackground: Bool = false) throws -> SearchSession {
        let session = try SearchSession(reader: try indexOption.open(verifyInBackground: verifyInBackground),
                                        defaultOperator: requireAll ? .and : .or, ranking: ranking)
        session.plainSyntax = syntax == .plain
        session.filters.from = from
        session.filters.to = to
        session.filters.actors = actor
        session.filters.language = lang.flatMap(OptionValidation.languageCode)
        session.searcher.includeUndated = undated == .include
        return session
    }
}

enum UndatedPolicy: String, ExpressibleByArgument, CaseIterable { case exclude, include }
