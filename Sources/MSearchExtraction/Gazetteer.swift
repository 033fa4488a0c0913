import Foundation
import MSearchAnalysis
import MSearchSources

/// Canonical names of known actors and the variants that mean them, from a TSV file:
///
///     # comment
///     canonical name<TAB>kind<TAB>alias|alias|…
///
/// Kinds: `person`, `organisation` (or `organization`, `org`), `place` (or `location`,
/// `government`, `gpe`). Matching is case- and accent-insensitive ("Carlos Fernandez de Cossio"
/// finds "Carlos Fernández de Cossío"), except that an alias written as an acronym ("ICE", "U.S.")
/// only matches text in capitals, so "Ice" or "us" do not.
public struct Gazetteer: Sendable {
    public struct Entry: Sendable, Equatable {
        public var name: String
        public var kind: ActorKind
        public var aliases: [String]
        public init(name: String, kind: ActorKind, aliases: [String] = []) {
            self.name = name; self.kind = kind; self.aliases = aliases
        }
    }

    /// Entries in file order; a later entry's aliases take precedence over an earlier one's.
    public private(set) var entries: [Entry] = []
    /// folded key → entry index
    private var index: [String: Int] = [:]
    /// Keys that only match text without lower-case letters (all their spellings are acronyms).
    private var capsOnly: Set<String> = []
    /// The most words any key has.
    private(set) var maxWords = 0
    /// Folded first words of all keys (a sentence-initial word that starts a known name is a name).
    private(set) var firstWords: Set<String> = []

    public init() {}

    public init(entries: [Entry]) {
        for e in entries { add(e) }
    }

    /// Parses a gazetteer file. Blank lines and lines starting with `#` are skipped; a line
    /// without a name, with an unknown kind, or with too few columns is an error naming the line.
    public init(tsv: String) throws {
        // Lines and columns are found on the UTF-8 bytes: splitting the 170 KB of the default
        // files by Characters was most of an indexing run's start-up (0.3 G instructions).
        var text = tsv
        let lines: [(number: Int, columns: [String])] = text.withUTF8 { bytes in
            var lines: [(number: Int, columns: [String])] = []
            for (number, var range) in Gazetteer.lineRanges(bytes).enumerated() {
                while range.count >= 3, bytes[range.lowerBound] == 0xEF, bytes[range.lowerBound + 1] == 0xBB,
                      bytes[range.lowerBound + 2] == 0xBF { range = range.lowerBound + 3 ..< range.upperBound }
                func text(_ r: Range<Int>) -> String { String(decoding: UnsafeBufferPointer(rebasing: bytes[r]), as: UTF8.self) }
                let trimmed = text(range).trimmingSpaces
                if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
                var columns: [String] = []
                var start = range.lowerBound
                for i in range where bytes[i] == 0x09 {
                    columns.append(text(start..<i))
                    start = i + 1
                }
                columns.append(text(start..<range.upperBound))
                lines.append((number + 1, columns))
            }
            return lines
        }
        for (lineNo, cols) in lines {
            guard cols.count >= 2 else {
                throw GazetteerError(line: lineNo, reason: "expected name<TAB>kind<TAB>aliases, found no tab")
            }
            let name = cols[0].trimmingSpaces
            guard !name.isEmpty, !Fold.key(name).isEmpty else {
                throw GazetteerError(line: lineNo, reason: "empty canonical name")
            }
            let kindText = cols[1].trimmingSpaces
            guard let kind = Gazetteer.kind(named: kindText) else {
                throw GazetteerError(line: lineNo, reason: "unknown kind '\(kindText)' (person, organisation or place)")
            }
            var aliases: [String] = []
            for column in cols.dropFirst(2) {
                for a in column.utf8.split(separator: 0x7C) {
                    let t = Substring(a).trimmingSpaces
                    if !t.isEmpty, !Fold.key(t).isEmpty { aliases.append(t) }
                }
            }
            add(Entry(name: name, kind: kind, aliases: aliases))
        }
    }

    /// The byte ranges of the lines of UTF-8 text, split where Swift's `Character.isNewline`
    /// splits: LF, VT, FF, CR, CR LF (one break), NEL, LINE and PARAGRAPH SEPARATOR.
    static func lineRanges(_ bytes: UnsafeBufferPointer<UInt8>) -> [Range<Int>] {
        var ranges: [Range<Int>] = []
        var start = 0, i = 0
        let n = bytes.count
        while i < n {
            let c = bytes[i]
            var width = 0
            switch c {
            case 0x0A, 0x0B, 0x0C: width = 1
            case 0x0D: width = i + 1 < n && bytes[i + 1] == 0x0A ? 2 : 1
            case 0xC2 where i + 1 < n && bytes[i + 1] == 0x85: width = 2
            case 0xE2 where i + 2 < n && bytes[i + 1] == 0x80 && (bytes[i + 2] == 0xA8 || bytes[i + 2] == 0xA9): width = 3
            default: break
            }
            if width > 0 {
                ranges.append(start..<i)
                i += width
                start = i
            } else {
                i += 1
            }
        }
        ranges.append(start..<n)
        return ranges
    }

    /// Reads a gazetteer file from disk.
    public init(contentsOfFile path: String) throws {
        let text: String
        do { text = try String(contentsOfFile: path, encoding: .utf8) } catch {
            throw GazetteerError(line: 0, reason: "cannot read \(path): \(error.localizedDescription)")
        }
        do { try self.init(tsv: text) } catch var e as GazetteerError {
            e.file = path
            throw e
        }
    }

    static func kind(named s: String) -> ActorKind? {
        switch s.lowercased() {
        case "person", "people", "per": return .person
        case "organisation", "organization", "org", "orgs": return .organisation
        case "place", "location", "loc", "government", "gpe", "country": return .place
        default: return nil
        }
    }

    /// Adds `other`'s entries; where both name the same canonical actor the aliases are united
    /// and `other`'s kind wins, and an alias `other` gives to another actor now means that actor.
    public mutating func merge(_ other: Gazetteer) {
        for e in other.entries { add(e) }
    }

    /// The canonical name and kind `name` is a variant of, or nil when the gazetteer doesn't know it.
    public func canonical(for name: String) -> (name: String, kind: ActorKind)? {
        let k = Fold.key(name)
        guard let i = index[k] else { return nil }
        if capsOnly.contains(k), name.unicodeScalars.contains(where: { $0.properties.isLowercase }) { return nil }
        return (entries[i].name, entries[i].kind)
    }

    /// Lookup by an already folded key; `hasLower` tells whether the text had lower-case letters.
    func lookup(key: String, hasLower: Bool) -> Entry? {
        guard let i = index[key] else { return nil }
        if hasLower, capsOnly.contains(key) { return nil }
        return entries[i]
    }

    public var isEmpty: Bool { entries.isEmpty }

    /// Every folded key with its entry's index and whether it is an acronym-only key (for
    /// `GazetteerSpans`).
    func forEachKey(_ body: (_ key: String, _ entry: Int, _ capsOnly: Bool) -> Void) {
        for (k, i) in index { body(k, i, capsOnly.contains(k)) }
    }

    private mutating func add(_ e: Entry) {
        let nameKey = Fold.key(e.name)
        var entryIndex: Int
        if let i = index[nameKey], Fold.key(entries[i].name) == nameKey {
            entryIndex = i
            entries[i].kind = e.kind
            for a in e.aliases where !entries[i].aliases.contains(a) { entries[i].aliases.append(a) }
        } else {
            entryIndex = entries.count
            entries.append(e)
        }
        for (n, spelling) in ([e.name] + e.aliases).enumerated() {
            let k = n == 0 ? nameKey : Fold.key(spelling)
            if k.isEmpty { continue }
            let acronym = Gazetteer.isAcronymSpelling(spelling)
            if let old = index[k], old == entryIndex {
                if !acronym { capsOnly.remove(k) }
            } else {
                index[k] = entryIndex
                if acronym { capsOnly.insert(k) } else { capsOnly.remove(k) }
            }
            // a key is folded: words of letters and digits, one space between them
            let spaces = k.utf8.reduce(0) { $1 == 0x20 ? $0 + 1 : $0 }
            maxWords = max(maxWords, spaces + 1)
            firstWords.insert(String(decoding: k.utf8.prefix { $0 != 0x20 }, as: UTF8.self))
        }
    }

    /// "ICE", "U.S.", "CBP": capitals (and periods/&), at least two letters, no lower case.
    static func isAcronymSpelling(_ s: String) -> Bool {
        var upper = 0
        for sc in s.unicodeScalars {
            // ASCII answered without Unicode's property tables (most spellings)
            let lower = sc.isASCII ? (0x61...0x7A).contains(sc.value) : sc.properties.isLowercase
            if lower { return false }
            if sc.isASCII ? (0x41...0x5A).contains(sc.value) : sc.properties.isUppercase { upper += 1 }
        }
        return upper >= 2 && s.unicodeScalars.count <= 12
    }

    // MARK: the default gazetteer

    /// The gazetteer shipped as the package resources: the generated places (`places.tsv`, see
    /// scripts/make-places.py) with the hand-made `actors.tsv` merged over them, or an empty one
    /// (see `defaultLoadWarning`) when `actors.tsv` can't be found or read.
    public static var `default`: Gazetteer { defaultLoad.gazetteer }

    /// Why the default gazetteer is empty or incomplete, for the CLI to show; nil when it loaded.
    public static var defaultLoadWarning: String? { defaultLoad.warning }

    private static let defaultLoad = loadDefault(searching: ExtractionResources.searchedDirectories())

    /// `places.tsv` and `actors.tsv` from the first of `directories` that has each, merged, and
    /// the warning to show when one is missing or broken.
    static func loadDefault(searching directories: [String]) -> (gazetteer: Gazetteer, warning: String?) {
        guard let path = ExtractionResources.path(of: "actors.tsv", in: directories) else {
            return (Gazetteer(), "msearch: actor gazetteer actors.tsv not found (looked in "
                    + directories.joined(separator: ", ") + "); actors are found by rules only")
        }
        let hand: Gazetteer
        do { hand = try Gazetteer(contentsOfFile: path) } catch {
            return (Gazetteer(), "msearch: actor gazetteer \(path) not loaded: \(error); actors are found by rules only")
        }
        guard let placesPath = ExtractionResources.path(of: "places.tsv", in: directories) else {
            return (hand, "msearch: place gazetteer places.tsv not found; places are found by actors.tsv and rules only")
        }
        do {
            var g = try Gazetteer(contentsOfFile: placesPath)
            g.merge(hand)
            return (g, nil)
        } catch {
            return (hand, "msearch: place gazetteer \(placesPath) not loaded: \(error); places are found by actors.tsv and rules only")
        }
    }
}

/// A gazetteer file line that could not be read.
public struct GazetteerError: Error, Equatable, CustomStringConvertible {
    public var file: String?
    /// 1-based line number (0: the file itself).
    public var line: Int
    public var reason: String
    public init(file: String? = nil, line: Int, reason: String) { self.file = file; self.line = line; self.reason = reason }
    public var description: String {
        (file.map { "\($0):" } ?? "") + (line > 0 ? "\(line): " : " ") + reason
    }
}

/// This module's data files, found as `ModuleResources` finds them (the bundle
/// `msearch_MSearchExtraction.resources` next to the executable, `$MSEARCH_RESOURCES`,
/// `../share/msearch`, the source tree).
public enum ExtractionResources {
    static let resources = ModuleResources(bundleName: "msearch_MSearchExtraction.resources",
                                           sourceDirectory: (#filePath as NSString).deletingLastPathComponent + "/Resources")

    public static func searchedDirectories() -> [String] { resources.searchedDirectories() }

    /// The path of the resource file `name`, or nil when none of the directories has it.
    public static func path(of name: String) -> String? { resources.path(of: name) }

    static func path(of name: String, in directories: [String]) -> String? { ModuleResources.path(of: name, in: directories) }
}
