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
    public static let lockName = "write.lock"
    /// A segment's tombstones: `seg-000001-00.000007.del` (segment name, then the generation
    /// of the commit that wrote them).
    public static let deletesExtension = "del"
    /// The catalog of source files: `catalog-000007` (generation of the commit that wrote it).
    public static let catalogPrefix = "catalog-"
    /// The store of the segment being built, written as its blocks fill and renamed to the
    /// segment's name at the flush. Named like a segment's files, so a run that dies before
    /// leaves a file that no manifest names: the next writer deletes it.
    static let storeInProgress = "seg-building.store"

    /// The files of one segment, named by the segment's name.
    public enum FileExtension: String, CaseIterable, Sendable {
        case terms = "terms", postings = "post", positions = "pos", store = "store", columns = "cols"
    }
}
