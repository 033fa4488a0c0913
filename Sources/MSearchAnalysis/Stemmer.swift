import CStemmer

/// Why an analyzer could not be built.
public enum AnalyzerError: Error, Equatable, CustomStringConvertible {
    /// The settings name a Snowball algorithm libstemmer does not have.
    case unknownStemmer(name: String, available: [String])

    public var description: String {
        switch self {
        case let .unknownStemmer(name, available):
            return "unknown stemmer \"\(name)\"; available Snowball algorithms: "
                + available.joined(separator: ", ")
        }
    }
}

/// A Snowball stemmer from libstemmer, working on UTF-8 bytes. Owns its C object.
final class SnowballStemmer {
    private let stemmer: OpaquePointer

    /// The canonical algorithm names libstemmer offers ("english", "french", ...).
    static var algorithms: [String] {
        guard let list = sb_stemmer_list() else { return [] }
        var names: [String] = []
        var i = 0
        while let name = list[i] { names.append(String(cString: name)); i += 1 }
        return names
    }

    /// ISO 639-1 codes of libstemmer's algorithms, as its own `modules.txt` aliases them
    /// (libstemmer accepts the codes but cannot list them); Norwegian Bokmål and Nynorsk, which
    /// CLD2 may name, use its Norwegian.
    private static let languageCodes: [String: String] = [
        "ar": "arabic", "hy": "armenian", "eu": "basque", "ca": "catalan", "da": "danish", "nl": "dutch",
        "en": "english", "fi": "finnish", "fr": "french", "de": "german", "el": "greek", "hi": "hindi",
        "hu": "hungarian", "id": "indonesian", "ga": "irish", "it": "italian", "lt": "lithuanian",
        "ne": "nepali", "no": "norwegian", "nb": "norwegian", "nn": "norwegian", "pt": "portuguese",
        "ro": "romanian", "ru": "russian", "sr": "serbian", "es": "spanish", "sv": "swedish",
        "ta": "tamil", "tr": "turkish", "yi": "yiddish",
    ]

    /// The Snowball algorithm for a language code ("es" → "spanish"), or nil when this
    /// libstemmer has none (Chinese, Japanese, Thai, …: such text is not stemmed).
    static func algorithm(forLanguage code: String) -> String? {
        guard let name = languageCodes[code], available.contains(name) else { return nil }
        return name
    }

    /// `algorithms`, asked of libstemmer once.
    private static let available = Set(algorithms)

    init(algorithm: String) throws {
        guard let stemmer = sb_stemmer_new(algorithm, "UTF_8") else {
            throw AnalyzerError.unknownStemmer(name: algorithm, available: SnowballStemmer.algorithms)
        }
        self.stemmer = stemmer
    }

    deinit { sb_stemmer_delete(stemmer) }

    /// The stem of `word`, valid until the next call; the word itself if libstemmer fails (out of memory).
    @inline(__always)
    func stem(_ word: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        guard let input = word.baseAddress,
              let output = sb_stemmer_stem(stemmer, input, Int32(word.count)) else { return word }
        return UnsafeBufferPointer(start: output, count: Int(sb_stemmer_length(stemmer)))
    }
}
