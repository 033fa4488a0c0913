/// Decides at each commit which segments to merge, so that adding a few files every day does not
/// grow the segment count (and the per-segment cost of every query) without bound.
///
/// This is Tantivy's `LogMergePolicy`: segments are sorted by live document count, largest
/// first, and cut into levels on a log₂ scale — a segment joins the current level when its
/// log₂ size is within `levelLogSize` of the level's largest, otherwise it starts a new level;
/// sizes below `minLevelDocuments` count as that size, so all small segments share the lowest
/// level. A level with `minMergeSegments` or more segments is merged into one. A level holding a
/// segment with more than `maxDeletedRatio` of its documents deleted is merged too, which
/// purges the tombstones.
///
/// Merges stream the segments' postings (`SegmentMerger`) in memory bounded by one term's
/// postings, not by segment size, so no segment is too large to merge: a merge's cost is
/// reading and writing its segments' files once. `IndexWriter` also applies the policy to the
/// segments it flushes during a long run, so a bulk index ends with O(log N) segments.
///
/// Each document is rewritten about once per level it climbs, i.e. O(log N) times in all,
/// and a level holds fewer than `minMergeSegments` mergeable segments after a commit.
public struct LogMergePolicy: Sendable, Equatable {
    public var minMergeSegments = 8
    public var minLevelDocuments = 10_000
    public var levelLogSize = 0.75
    public var maxDeletedRatio = 0.5

    public init() {}

    /// Groups of segments to merge, each into one new segment.
    public func merges(_ segments: [SegmentInfo]) -> [[SegmentInfo]] {
        let sorted = segments.sorted {
            $0.liveDocumentCount != $1.liveDocumentCount ? $0.liveDocumentCount > $1.liveDocumentCount : $0.name < $1.name
        }
        var levels: [[SegmentInfo]] = []
        var levelMax = Double.greatestFiniteMagnitude
        for s in sorted {
            let logSize = log2(Double(max(s.liveDocumentCount, minLevelDocuments, 1)))
            if levels.isEmpty || logSize < levelMax - levelLogSize {
                levelMax = logSize
                levels.append([])
            }
            levels[levels.count - 1].append(s)
        }
        var groups: [[SegmentInfo]] = []
        for level in levels
        where level.count >= minMergeSegments || level.contains(where: { deletedRatio($0) > maxDeletedRatio }) {
            groups.append(level)
        }
        return groups
    }

    func deletedRatio(_ s: SegmentInfo) -> Double {
        s.documentCount == 0 ? 0 : Double(s.deletes?.documentCount ?? 0) / Double(s.documentCount)
    }
}

import Foundation
