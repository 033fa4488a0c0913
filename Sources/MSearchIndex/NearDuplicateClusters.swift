/// The index's near-duplicate clusters: the connected components of the graph whose edges
/// join two live documents that share an LSH band of their signatures (`NearDuplicateSignature`,
/// 16 bands of 4 bins) and agree on at least `threshold` of all bins (estimated Jaccard
/// similarity of their body shingles).
///
/// The clusters are derived from the live documents' signature columns of one snapshot: a
/// function of the set of live documents and their signatures
/// alone, so an index updated by additions, deletions and merges has exactly the clusters of an
/// index rebuilt from the same documents (the signatures are copied by merges, and the
/// components do not depend on the order documents are visited in). Building them is a pass
/// over the columns and a sort of the documents' keys per band. Each commit writes them to a
/// `clusters-GEN` file (`encoded()`, named with its size and CRC-32 in the manifest), so a
/// one-shot query reads them instead of recomputing them; an index without one computes them.
///
/// A cluster's members are listed in external-id order; the first is its representative, and
/// its external id is the cluster's id (stable while that document stays).
public final class NearDuplicateClusters {
    /// The fraction of signature bins two documents must share to be near-duplicates.
    public static let threshold = 0.75
    /// Bodies shorter than this many terms are never clustered: a few shared words ("No
    /// comment. Reuter") say nothing about the articles being the same.
    public static let minimumBodyLength: UInt32 = 8

    /// Per index-wide document number, its cluster's index, or -1.
    private let clusterOfDocument: [Int32]
    /// Per cluster, its members' index-wide numbers in external-id order.
    private let memberLists: [[Int]]

    /// How many clusters (of two or more documents) the index has.
    public var count: Int { memberLists.count }

    /// The cluster of index-wide document `doc`, or nil when it has no near-duplicate.
    public func cluster(of doc: Int) -> Int? {
        guard doc >= 0, doc < clusterOfDocument.count else { return nil }
        let c = clusterOfDocument[doc]
        return c < 0 ? nil : Int(c)
    }

    /// The members of cluster `cluster` (index-wide numbers, external-id order).
    public func members(_ cluster: Int) -> [Int] {
        guard cluster >= 0, cluster < memberLists.count else { return [] }
        return memberLists[cluster]
    }

    /// Every cluster's members, in the order of their representatives' external ids.
    public var all: [[Int]] { memberLists }

    /// The clusters of the live documents of `segments`, numbered in that order.
    init(segments: [SegmentReader]) {
        let reader = SegmentSpan(segments)
        let total = segments.reduce(0) { $0 + $1.documentCount }
        // The documents that take part: live, long enough, with a signature.
        var candidates: [Int] = []
        var scratch = [UInt16](repeating: 0, count: NearDuplicateSignature.bins)
        for (s, segment) in reader.segments.enumerated() {
            for d in 0..<segment.documentCount where !segment.isDeleted(d) {
                guard segment.columns.bodyLength(d) >= NearDuplicateClusters.minimumBodyLength else { continue }
                segment.columns.signature(d, into: &scratch)
                if scratch[0] != 0 { candidates.append(reader.segmentBases[s] + d) }
            }
        }
        func read(_ doc: Int, into out: inout [UInt16]) {
            let (s, local) = reader.locate(doc)
            reader.segments[s].columns.signature(local, into: &out)
        }

        var parent = Array(0..<total)
        func root(_ x: Int) -> Int {
            var x = x
            while parent[x] != x { parent[x] = parent[parent[x]]; x = parent[x] }
            return x
        }
        var other = scratch
        // One band at a time, so memory is 8 bytes a document whatever the number of bands:
        // the band key hashed to its top 40 bits above the candidate's ordinal (24 bits), sorted
        // as plain integers. A hash collision only adds a candidate pair, which the similarity
        // check below judges like any other; past 2^24 candidates the ordinal needs more bits.
        let ordinalBits = max(24, Int.bitWidth - (UInt64(max(candidates.count, 1)).leadingZeroBitCount))
        let ordinalMask: UInt64 = (1 << UInt64(ordinalBits)) - 1
        var entries: [UInt64] = []
        entries.reserveCapacity(candidates.count)
        for band in 0..<NearDuplicateSignature.bands {
            entries.removeAll(keepingCapacity: true)
            for (ordinal, doc) in candidates.enumerated() {
                let (s, local) = reader.locate(doc)
                let key = reader.segments[s].columns.signatureBandKey(local, band: band)
                let hashed = (key &* 0x9E37_79B9_7F4A_7C15) >> UInt64(ordinalBits)
                entries.append(hashed << UInt64(ordinalBits) | UInt64(ordinal))
            }
            entries.sort()
            var start = 0
            while start < entries.count {
                var end = start + 1
                while end < entries.count && entries[end] >> UInt64(ordinalBits) == entries[start] >> UInt64(ordinalBits) { end += 1 }
                // Every pair of the bucket not yet in one component is compared, so the
                // components do not depend on the order of the bucket.
                for i in start ..< end where end - start > 1 {
                    let a = candidates[Int(entries[i] & ordinalMask)]
                    read(a, into: &scratch)
                    for j in (i + 1) ..< end {
                        let b = candidates[Int(entries[j] & ordinalMask)]
                        let ra = root(a), rb = root(b)
                        guard ra != rb else { continue }
                        read(b, into: &other)
                        let similar = scratch.withUnsafeBufferPointer { x in
                            other.withUnsafeBufferPointer { y in NearDuplicateSignature.similarity(x, y) }
                        }
                        if similar >= NearDuplicateClusters.threshold { parent[max(ra, rb)] = min(ra, rb) }
                    }
                }
                start = end
            }
        }

        var groups: [Int: [Int]] = [:]
        for doc in candidates where parent[doc] != doc {
            let r = root(doc)
            groups[r, default: [r]].append(doc)
        }
        var lists: [[Int]] = []
        for var members in groups.values {
            members.sort(by: reader.externalIdPrecedes)
            lists.append(members)
        }
        lists.sort { reader.externalIdPrecedes($0[0], $1[0]) }
        var clusterOf = [Int32](repeating: -1, count: total)
        for (c, members) in lists.enumerated() {
            for doc in members { clusterOf[doc] = Int32(c) }
        }
        clusterOfDocument = clusterOf
        memberLists = lists
    }

    private init(clusterOfDocument: [Int32], memberLists: [[Int]]) {
        self.clusterOfDocument = clusterOfDocument
        self.memberLists = memberLists
    }

    /// The file a commit keeps: magic, document total, cluster count, then per cluster its
    /// member count and members (index-wide numbers, external-id order), all little-endian
    /// UInt32. The manifest's size and CRC-32 prove it is this commit's.
    func encoded() -> [UInt8] {
        var out = ByteBuffer()
        out.append(contentsOf: NearDuplicateClusters.magic)
        out.appendUInt32(UInt32(clamping: clusterOfDocument.count))
        out.appendUInt32(UInt32(clamping: memberLists.count))
        for members in memberLists {
            out.appendUInt32(UInt32(clamping: members.count))
            for doc in members { out.appendUInt32(UInt32(clamping: doc)) }
        }
        return out.bytes
    }

    static let magic: [UInt8] = Array("MSCL0001".utf8)

    /// Decodes `encoded()` for an index of `total` documents; throws naming `file` when the
    /// bytes do not describe disjoint clusters of two or more of its documents.
    static func decode(_ bytes: [UInt8], total: Int, file: String) throws -> NearDuplicateClusters {
        func bad(_ why: String) -> IndexError { .corrupt(file: file, reason: why) }
        var offset = 0
        func next() throws -> Int {
            guard offset <= bytes.count - 4 else { throw bad("truncated") }
            var v: UInt32 = 0
            for i in 0..<4 { v |= UInt32(bytes[offset + i]) << (8 * UInt32(i)) }
            offset += 4
            return Int(v)
        }
        guard bytes.count >= magic.count + 8, Array(bytes[0..<magic.count]) == magic else { throw bad("not a clusters file") }
        offset = magic.count
        guard try next() == total else { throw bad("written for another number of documents") }
        let count = try next()
        guard count <= total / 2 else { throw bad("more clusters than documents allow") }
        var clusterOf = [Int32](repeating: -1, count: total)
        var lists: [[Int]] = []
        lists.reserveCapacity(count)
        for c in 0..<count {
            let size = try next()
            guard size >= 2, size <= total else { throw bad("cluster \(c) has \(size) members") }
            var members: [Int] = []
            members.reserveCapacity(size)
            for _ in 0..<size {
                let doc = try next()
                guard doc < total, clusterOf[doc] < 0 else { throw bad("document \(doc) out of range or in two clusters") }
                clusterOf[doc] = Int32(c)
                members.append(doc)
            }
            lists.append(members)
        }
        guard offset == bytes.count else { throw bad("trailing bytes") }
        return NearDuplicateClusters(clusterOfDocument: clusterOf, memberLists: lists)
    }

    /// Whether both hold the same clusters (what `check` compares with a recomputation).
    func sameClusters(as other: NearDuplicateClusters) -> Bool {
        memberLists == other.memberLists
    }
}

/// Segments numbered index-wide, as a reader numbers them: what the clusters are computed over
/// at commit, before any reader of the new snapshot exists.
private struct SegmentSpan {
    let segments: [SegmentReader]
    let segmentBases: [Int]

    init(_ segments: [SegmentReader]) {
        self.segments = segments
        var bases: [Int] = []
        var b = 0
        for s in segments { bases.append(b); b += s.documentCount }
        segmentBases = bases
    }

    func locate(_ globalDoc: Int) -> (segment: Int, local: Int) {
        var s = segments.count - 1
        while s > 0 && segmentBases[s] > globalDoc { s -= 1 }
        return (s, globalDoc - segmentBases[s])
    }

    func externalIdPrecedes(_ a: Int, _ b: Int) -> Bool {
        let (sa, la) = locate(a), (sb, lb) = locate(b)
        let c = DocumentColumns.compareExternalIds(segments[sa].columns, la, segments[sb].columns, lb)
        return c != 0 ? c < 0 : a < b
    }
}
