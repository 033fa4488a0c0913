import MSearchAnalysis
import MSearchIndex
import MSearchSources

/// Exact counts over the whole result set (not only the top k): by day, year and month of
/// publication, and by actor. Undated documents count under a nil value (key 0 in `dates`).
public struct FacetCounts: Equatable, Sendable {
    public struct Value: Equatable, Sendable {
        /// "2023", "2023-11", an actor's canonical name; nil for undated documents.
        public var value: String?
        public var count: Int
        /// For actors: what the actor is.
        public var kind: ActorKind?
    }

    /// How many matches carry one date-column value: the finest count, from which a timeline
    /// picks its own periods (weeks need days; years and months alone cannot give them).
    public struct DateCount: Equatable, Sendable {
        /// The date column's yyyymmdd key (`DateKey`): 00 for an unknown month or day, 0 undated.
        public var key: Int32
        public var count: Int
        public init(key: Int32, count: Int) { self.key = key; self.count = count }
    }

    /// Chronological by key, undated (key 0) last.
    public var dates: [DateCount] = []
    /// Chronological, undated last.
    public var years: [Value] = []
    /// Chronological, then documents without a known month (undated or year-only) as nil.
    public var months: [Value] = []
    /// Most named first, then by name.
    public var actors: [Value] = []
    /// By language code, most documents first, then by code; documents of no language (an
    /// index without per-document languages) as nil.
    public var languages: [Value] = []
}

/// Counts facets of every matching document as the searcher walks them; the per-segment actor
/// ordinals are merged by name at the end. Needs every match, so it rules out pruning.
struct FacetCollector: Collector {
    /// How many actors `finish` reports (the most named).
    let actorLimit: Int
    /// Matches per date-column key; years and months are summed from it in `finish`, so a
    /// match costs one dictionary update however many date facets are reported.
    private var dates: [Int32: Int] = [:]
    private var actorCounts: [[Int]] = []
    /// Matches per packed language code (`LanguageCode.pack`).
    private var languages: [UInt32: Int] = [:]
    private var segments: [SegmentReader] = []

    init(actorLimit: Int) { self.actorLimit = actorLimit }

    mutating func startSegment(_ segment: SegmentReader, base: Int) {
        segments.append(segment)
        actorCounts.append([Int](repeating: 0, count: segment.columns.actorCount))
    }

    @inline(__always)
    mutating func collect(_ doc: Int32, score: Double) {
        let segment = segments.count - 1
        let columns = segments[segment].columns
        dates[columns.date(Int(doc)), default: 0] += 1
        languages[columns.languageValue(Int(doc)), default: 0] += 1
        actorCounts[segment].withUnsafeMutableBufferPointer { counts in
            columns.forEachActor(Int(doc)) { counts[$0] += 1 }
        }
    }

    var acceptsPruning: Bool { false }
    var threshold: Double { -.infinity }

    func finish() -> FacetCounts {
        var out = FacetCounts()
        var years: [Int32: Int] = [:], months: [Int32: Int] = [:]
        for (date, count) in dates {
            years[date / 10000, default: 0] += count
            months[date % 10000 / 100 == 0 ? 0 : date / 100, default: 0] += count
        }
        out.dates = dates.sorted { ($0.key == 0 ? Int32.max : $0.key) < ($1.key == 0 ? Int32.max : $1.key) }
            .map { .init(key: $0.key, count: $0.value) }
        out.years = years.sorted { ($0.key == 0 ? Int32.max : $0.key) < ($1.key == 0 ? Int32.max : $1.key) }
            .map { .init(value: $0.key == 0 ? nil : String(format: "%04d", $0.key), count: $0.value) }
        out.months = months.sorted { ($0.key == 0 ? Int32.max : $0.key) < ($1.key == 0 ? Int32.max : $1.key) }
            .map { .init(value: $0.key == 0 ? nil : String(format: "%04d-%02d", $0.key / 100, $0.key % 100), count: $0.value) }
        struct Key: Hashable { var name: String; var kind: ActorKind }
        var merged: [Key: Int] = [:]
        for (s, counts) in actorCounts.enumerated() {
            for (ordinal, c) in counts.enumerated() where c > 0 {
                let a = segments[s].columns.actor(ordinal)
                merged[Key(name: a.name, kind: a.kind), default: 0] += c
            }
        }
        out.languages = languages.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
            .map { .init(value: $0.key == 0 ? nil : LanguageCode.unpack($0.key), count: $0.value) }
        out.actors = merged.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key.name < $1.key.name }
            .prefix(actorLimit).map { .init(value: $0.key.name, count: $0.value, kind: $0.key.kind) }
        return out
    }
}

import Foundation
