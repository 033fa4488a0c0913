/// A segment's term dictionary, postings and positions files, fed one term at a time in sorted
/// order. Postings and positions go to disk a megabyte at a time (`FileSink`), so writing needs
/// memory for one term only, whatever the segment's size: the builder's flush and the merger
/// both write through it.
struct TermFilesWriter {
    private var postingsFile: FileSink
    private var positionsFile: FileSink
    private var postings = ByteBuffer()
    private var positions = ByteBuffer()
    private var dictionary = TermDictionaryWriter()
    private var writer = PostingsWriter()
    private let termsPath: String

    init(_ info: SegmentInfo, directory: String) throws {
        postingsFile = try FileSink(path: info.filePath(.postings, in: directory))
        do {
            positionsFile = try FileSink(path: info.filePath(.positions, in: directory))
        } catch {
            postingsFile.abandon()
            throw error
        }
        termsPath = info.filePath(.terms, in: directory)
    }

    /// Postings and positions bytes produced so far, for callers that pace other work by it.
    var bytesWritten: Int { postingsFile.offset + positions.count + positionsFile.offset + postings.count }

    /// Writes `term`'s `df` postings (see `PostingsWriter.write`) and its dictionary entry.
    mutating func add(_ term: UnsafeBufferPointer<UInt8>, df: Int,
                      postings next: (inout UInt32, inout UInt32, inout UInt32) throws -> Void,
                      positionDelta: () throws -> UInt32,
                      documentLength: (UInt32) -> UInt32) throws {
        let info = TermInfo(documentFrequency: df, postingsOffset: postingsFile.offset + postings.count,
                            positionsOffset: positionsFile.offset + positions.count)
        try writer.write(df: df, postings: next, positionDelta: positionDelta, documentLength: documentLength,
                         into: &postings, positions: &positions)
        dictionary.add(term, info)
        if postings.count >= FileSink.chunk { try postingsFile.take(&postings) }
        if positions.count >= FileSink.chunk { try positionsFile.take(&positions) }
    }

    /// Completes the three files (footers, fsync).
    mutating func finish() throws {
        // Padding lets block decoding read whole words near the end without a bounds check.
        postings.append(contentsOf: [UInt8](repeating: 0, count: 8))
        try postingsFile.take(&postings)
        try positionsFile.take(&positions)
        try postingsFile.finish(kind: .postings)
        try positionsFile.finish(kind: .positions)
        try DurableFile.create(dictionary.finish(), at: termsPath)
    }

    /// Closes the files after a failure (a no-op after `finish`); the caller's cleanup removes them.
    mutating func abandon() {
        postingsFile.abandon()
        positionsFile.abandon()
    }
}
