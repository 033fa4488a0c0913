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
/// One difference: merges here rebuild a segment in memory (see `IndexWriter.merge`), so a
/// merge takes only as many of a level's segments, smallest first, as fit in `maxMergeBytes`
/// of estimated build memory; a segment too large for that is final (Tantivy's
/// `max_docs_before_merge`, in bytes) until `msearch optimize`.
///
/// Each document is rewritten about once per level it climbs, i.e. O(log N) times in all,
/// and a level holds fewer than `minMergeSegments` mergeable segments after a commit.
public struct LogMergePolicy: Sendable, Equatable {
    public var minMergeSegments = 8
    public var minLevelDocuments = 10_000
    public var levelLogSize = 0.75
    public var maxDeletedRatio = 0.5

    public init() {}

    /// Groups of segments to merge, each into one new segment. `size` estimates the memory a
    /// segment's live documents take when rebuilt.
    public func merges(_ segments: [SegmentInfo], maxMergeBytes: Int, size: (SegmentInfo) -> Int) -> [[SegmentInfo]] {
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
        for level in levels {
            var group: [SegmentInfo] = []
            var bytes = 0
            for s in level.reversed() {
                let b = size(s)
                guard b <= maxMergeBytes - bytes else { break }
                bytes += b
                group.append(s)
            }
            if group.count >= minMergeSegments || group.contains(where: { deletedRatio($0) > maxDeletedRatio }) {
                groups.append(group.reversed())
            }
        }
        return groups
    }

    func deletedRatio(_ s: SegmentInfo) -> Double {
        s.documentCount == 0 ? 0 : Double(s.deletes?.documentCount ?? 0) / Double(s.documentCount)
    }
}

import Foundation
