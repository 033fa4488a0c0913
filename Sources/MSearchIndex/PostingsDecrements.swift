/// The df decrements of a segment's deleted documents read from its postings, for indexes that
/// keep no text to re-analyse (`StoreMode.none`): per term, how many deleted documents its
/// postings list. One pass over the segment's postings (no positions), so a commit with
/// deletions costs about a postings scan of each segment it touches.
enum PostingsDecrements {
    static func count(in reader: SegmentReader, deleted bits: [UInt64]) throws -> [[UInt8]: Int] {
        func isDeleted(_ d: Int32) -> Bool {
            let i = Int(d)
            return i >> 6 < bits.count && bits[i >> 6] & (1 << UInt64(i & 63)) != 0
        }
        var decrements: [[UInt8]: Int] = [:]
        try reader.terms.forEach(from: UnsafeBufferPointer(start: nil, count: 0)) { term, entry in
            let cursor = try reader.postings(entry)
            try cursor.start()
            var deleted = 0
            while cursor.doc != PostingsCursor.exhausted {
                if isDeleted(cursor.doc) { deleted += 1 }
                try cursor.next()
            }
            if deleted > 0 { decrements[Array(term)] = deleted }
            return true
        }
        return decrements
    }
}
