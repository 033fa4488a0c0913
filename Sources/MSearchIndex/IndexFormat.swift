#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The constants that define the on-disk format. Bump `version` on any incompatible change:
/// an older index then gets a clear "rebuild" message instead of wrong answers.
public enum IndexFormat {
    public static let version = 2
    /// Documents per postings block: the unit of compression and of skipping.
    public static let blockSize = 128
    /// Terms per term-dictionary block: the unit of prefix compression and binary search.
    public static let termBlockSize = 32
    /// Raw bytes of stored documents per compressed store block.
    public static let storeBlockBytes = 16 * 1024
    /// Positions the body starts after the title, so a phrase never spans title and body.
    public static let titleBodyGap = 8
    public static let manifestName = "manifest.json"
    /// Why a `manifest.json` that is not msearch's JSON at all is refused.
    static let notAManifest = "not a valid manifest"
    public static let lockName = "write.lock"
    /// Written (with the index's identity) when a writer creates an index in an empty folder,
    /// before any other file: a folder with neither it nor a manifest is not an index, and no
    /// writer touches it (see `IndexOwnership`).
    public static let markerName = "msearch-index"
    /// The user's gazetteer kept with the index: `actors-000007.tsv` (generation of the commit
    /// that wrote it), named and checksummed in the manifest like every other index file.
    public static let gazetteerPrefix = "actors-"
    public static let gazetteerSuffix = ".tsv"
    /// What msearch before this version kept the gazetteer as, outside the commit: still read
    /// when the manifest names none, and removed by the first commit that names one.
    public static let legacyGazetteerName = "actors.tsv"
    /// A segment's tombstones: `seg-000001-00.000007.del` (segment name, then the generation
    /// of the commit that wrote them).
    public static let deletesExtension = "del"
    /// The catalog of source files: `catalog-000007` (generation of the commit that wrote it).
    public static let catalogPrefix = "catalog-"
    /// The near-duplicate clusters: `clusters-000007` (generation of the commit that wrote them).
    public static let clustersPrefix = "clusters-"
    /// The store of the segment being built, written as its blocks fill and renamed to the
    /// segment's name at the flush. Named like a segment's files, so a run that dies before
    /// leaves a file that no manifest names: the next writer deletes it. The PID keeps two
    /// processes (one of them a writer that lost its lock) from ever sharing the file.
    static let storeInProgress = "\(storeInProgressPrefix)\(getpid()).store"
    static let storeInProgressPrefix = "seg-building-"

    /// The files of one segment, named by the segment's name.
    public enum FileExtension: String, CaseIterable, Sendable {
        case terms = "terms", postings = "post", positions = "pos", store = "store", columns = "cols"
    }
}
