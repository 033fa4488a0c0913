/// Words of nationality alone: "British", "Australians", "Englishman". An adjective or noun of
/// nationality describes people of a country, it names no one, so a "person" made of such
/// words alone ("the British Government" read as "British" + "Government") is no actor.
extension ActorRules {
    /// `key` is a nationality word: a demonym of `Words.demonyms` ("british"), its plural
    /// ("australians") or a compound with -man/-men/-woman/-women ("englishman", "frenchwomen").
    func isNationalityWord(_ key: String) -> Bool {
        if wordClasses.classes(of: key).contains(.demonym) { return true }
        for suffix in ["s", "man", "men", "woman", "women"] where key.utf8.count > suffix.utf8.count + 3 && key.hasSuffix(suffix) {
            if Words.demonyms.contains(String(key.dropLast(suffix.utf8.count))) { return true }
        }
        return false
    }

    /// A person's name made only of nationality words ("British", "Former Australian" less its
    /// title) names no one.
    func isOnlyNationality(_ words: [String]) -> Bool {
        !words.isEmpty && words.allSatisfy { isNationalityWord($0) }
    }
}
