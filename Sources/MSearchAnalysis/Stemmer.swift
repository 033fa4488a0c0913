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
