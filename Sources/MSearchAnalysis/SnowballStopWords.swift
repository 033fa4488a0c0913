import Foundation

/// The Snowball project's stop lists for languages other than English (data files
/// `Resources/stop-CODE.txt`, source and licence in `Resources/STOPWORDS.md`), read once.
/// English's list lives with the query-time stop-word options (MSearchSearch, StopWords.swift).
public enum SnowballStopWords {
    static let resources = ModuleResources(bundleName: "msearch_MSearchAnalysis.resources",
                                           sourceDirectory: (#filePath as NSString).deletingLastPathComponent + "/Resources")

    /// Language codes with a list here; Norwegian Bokmål and Nynorsk use the Norwegian one,
    /// as they use its stemmer.
    public static let languages = ["da", "de", "es", "fi", "fr", "hu", "it", "ne", "nl", "no", "pt", "ru", "sv", "tr"]
    private static let aliases = ["nb": "no", "nn": "no"]

    /// The words of `language`'s list as written (accented, lower case), nil when there is no
    /// list for it, or when its file is missing or unreadable (`problems` says which).
    public static func words(forLanguage language: String) -> [String]? {
        loaded.lists[aliases[language] ?? language]
    }

    /// What went wrong reading the lists ("stop-de.txt: not found in …"); empty when all were read.
    public static var problems: [String] { loaded.problems }

    private static let loaded: (lists: [String: [String]], problems: [String]) = {
        var lists: [String: [String]] = [:]
        var problems: [String] = []
        let directories = resources.searchedDirectories()
        for code in languages {
            let name = "stop-\(code).txt"
            guard let path = ModuleResources.path(of: name, in: directories) else {
                problems.append("\(name): not found in \(directories.joined(separator: ", "))")
                continue
            }
            guard let data = FileManager.default.contents(atPath: path),
                  let text = String(data: data, encoding: .utf8) else {
                problems.append("\(path): unreadable or not UTF-8")
                continue
            }
            lists[code] = text.split(whereSeparator: \.isNewline)
                .map { $0.trimmingCharacters(in: .whitespaces) }
                .filter { !$0.isEmpty && !$0.hasPrefix("|") }
        }
        return (lists, problems)
    }()
}
