/// Decides at each commit which segments to merge, so that adding a few files every day does not
/// grow the segment count (and the per-segment cost of every query) without bound.
///
/// This is Tantivy's `LogMergePolicy`: segments are sorted by live document count, largest
/// first, and cut into levels on a log₂ scale — a segment joins the current level when its
/// log₂ size is within `levelLogSize` of the level's largest, otherwise it starts a new level;
/// sizes below `minLevelDocuments` count as that size, so all small segments share the lowest
/// level. A level with `minMergeSegments` or more segments is merged into one. Segments over
/// `maxMergeDocuments` are never merged again. A level holding a segment with more than
/// `maxDeletedRatio` of its documents deleted is merged too, which purges the tombstones.
///
/// Each document is rewritten about once per level it climbs, i.e. O(log N) times in all,
/// and the number of segments stays below `minMergeSegments` per level.
public struct LogMergePolicy: Sendable, Equatable {
    public var minMergeSegments = 8
    public var minLevelDocuments = 10_000
    public var levelLogSize = 0.75
    public var maxMergeDocuments = 10_000_000
    public var maxDeletedRatio = 0.5

    public init() {}

    /// Groups of segments to merge, each into one new segment.
    public func merges(_ segments: [SegmentInfo]) -> [[SegmentInfo]] {
        let candidates = segments.filter { $0.liveDocumentCount <= maxMergeDocuments }
            .sorted { $0.liveDocumentCount != $1.liveDocumentCount ? $0.liveDocumentCount > $1.liveDocumentCount : $0.name < $1.name }
        var levels: [[SegmentInfo]] = []
        var levelMax = Double.greatestFiniteMagnitude
        for s in candidates {
            let size = log2(Double(max(s.liveDocumentCount, minLevelDocuments, 1)))
            if size < levelMax - levelLogSize || levels.isEmpty {
                levelMax = size
                levels.append([])
            }
            levels[levels.count - 1].append(s)
        }
        return levels.filter { level in
            level.count >= minMergeSegments || level.contains { deletedRatio($0) > maxDeletedRatio }
        }
    }

    func deletedRatio(_ s: SegmentInfo) -> Double {
        s.documentCount == 0 ? 0 : Double(s.deletes?.documentCount ?? 0) / Double(s.documentCount)
    }
}

import Foundation
