/// The gazetteer's keys as paths of word ids, built once per extractor. The rules ask for many
/// token spans whether they name a gazetteer entry ("Bank of England", every shorter span of a
/// run); walking the tokens' word ids answers that without joining the words into a key String
/// and hashing it. `Gazetteer` (and its TSV) stays the source of truth.
struct GazetteerSpans: Sendable {
    /// A token's place in the spans: a word id, or one of these.
    static let noWord: Int32 = -1       // empty key, or a word no gazetteer key has
    static let manyWords: Int32 = -2    // a key of several words ("rolls royce"): look it up as a String

    /// Every word of every key → its id.
    private(set) var wordIDs: [String: Int32] = [:]
    /// (node << 32 | word id) → child node; node 0 is the root (the empty key).
    private var children: [UInt64: Int32] = [:]
    /// Per node: the index in `gazetteer.entries` of the key ending there (-1: none), and whether
    /// that key is only an acronym (no match when the text has lower case).
    private var entryAt: [Int32] = [-1]
    private var capsOnlyAt: [Bool] = [false]

    init(_ gazetteer: Gazetteer) {
        gazetteer.forEachKey { key, entry, capsOnly in
            var node: Int32 = 0
            // a folded key's words are split by single spaces (bytes, not Characters: cheaper)
            for w in key.utf8.split(separator: 0x20) {
                let word = String(Substring(w))
                let id = wordIDs[word] ?? Int32(wordIDs.count)
                wordIDs[word] = id
                let edge = UInt64(UInt32(node)) << 32 | UInt64(UInt32(id))
                if let child = children[edge] { node = child; continue }
                let child = Int32(entryAt.count)
                entryAt.append(-1); capsOnlyAt.append(false)
                children[edge] = child
                node = child
            }
            entryAt[Int(node)] = Int32(entry)
            capsOnlyAt[Int(node)] = capsOnly
        }
    }

    /// The place of a folded token key that is no word of the gazetteer: `manyWords` when it has
    /// several words (they may be), else `noWord`.
    static func place(ofUnknown key: String) -> Int32 {
        key.utf8.contains(0x20) ? manyWords : noWord
    }

    /// The node after `word` from `node`, or nil.
    func child(_ node: Int32, _ word: Int32) -> Int32? {
        children[UInt64(UInt32(node)) << 32 | UInt64(UInt32(word))]
    }

    /// The entry index of the key ending at `node`, or nil (also for an acronym-only key when
    /// the text had lower case: `Gazetteer.lookup`'s rule).
    func entry(at node: Int32, hasLower: Bool) -> Int? {
        let e = entryAt[Int(node)]
        if e < 0 || hasLower && capsOnlyAt[Int(node)] { return nil }
        return Int(e)
    }
}
