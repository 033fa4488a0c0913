#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads a JSON Lines file a piece of complete lines at a time, so indexing a file of any size
/// holds only a few pieces in memory rather than the whole file and all its documents.
///
/// Pieces are read on one thread (`next`), parsed on any (`parse`), and their documents checked
/// for duplicate ids in file order (`duplicate`). A line longer than `maxLineBytes` is skipped
/// with a problem, so a file without newlines cannot exhaust memory either. Gzip, UTF-16 and UTF-32 files
/// are not streamed (`open` returns nil): they are read whole, as small files are.
public final class JSONLinesStream {
    /// Complete lines of the file, numbered from `firstLine`.
    public struct Piece: Sendable {
        public let bytes: [UInt8]
        public let firstLine: Int
        /// Problems found while reading (overlong lines, binary content).
        public let problems: [SourceProblem]
    }

    public let path: String
    private let fd: Int32
    private let maxLineBytes: Int
    private var buffer: [UInt8] = []
    private var nextLine = 1
    private var atEnd = false
    private var started = false
    /// Skipping the rest of an overlong line.
    private var skipping = false
    private var dedup: JSONLinesReader.Deduplicator
    /// Documents accepted so far (the next one's ordinal).
    private var accepted = 0
    private static let readSize = 256 << 10

    /// Opens `path` for streaming; nil when its content needs whole-file preparation (gzip, UTF-16).
    public static func open(path: String, maxLineBytes: Int) throws -> JSONLinesStream? {
        let fd = Glibc.open(PathNames.system(path), O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw SourceProblem(path: path, reason: "cannot open: \(FileBytes.errnoText())", kind: .unreadable) }
        return stream(fd, path: path, maxLineBytes: maxLineBytes)
    }

    /// Streams a file already opened and checked (`SourceFile`), through a duplicate of its
    /// descriptor: the bytes streamed are those of the file that was checked.
    public static func open(_ file: SourceFile, maxLineBytes: Int) throws -> JSONLinesStream? {
        let fd = dup(file.descriptor)
        guard fd >= 0 else { throw SourceProblem(path: file.path, reason: "cannot open: \(FileBytes.errnoText())", kind: .unreadable) }
        return stream(fd, path: file.path, maxLineBytes: maxLineBytes)
    }

    /// A stream on `fd` (which it then owns), or nil (closing `fd`) for gzip and UTF-16/32 files.
    private static func stream(_ fd: Int32, path: String, maxLineBytes: Int) -> JSONLinesStream? {
        var head = [UInt8](repeating: 0, count: 4)
        let n = head.withUnsafeMutableBytes { pread(fd, $0.baseAddress!, 4, 0) }
        if n >= 2, (head[0] == 0x1F && head[1] == 0x8B) || (head[0] == 0xFF && head[1] == 0xFE) || (head[0] == 0xFE && head[1] == 0xFF)
            || (n == 4 && head[0] == 0 && head[1] == 0 && head[2] == 0xFE && head[3] == 0xFF) {
            close(fd)
            return nil
        }
        return JSONLinesStream(path: path, fd: fd, maxLineBytes: maxLineBytes)
    }

    private init(path: String, fd: Int32, maxLineBytes: Int) {
        self.path = path
        self.fd = fd
        self.maxLineBytes = max(1, maxLineBytes)
        dedup = JSONLinesReader.Deduplicator(path: path)
    }

    deinit { close(fd) }

    /// The next run of complete lines, at least `targetBytes` long unless the file ends first;
    /// nil after the last one. Stops at binary content (a NUL byte) with a problem.
    public func next(targetBytes: Int) throws -> Piece? {
        var problems: [SourceProblem] = []
        while true {
            if let cut = cutPoint(targetBytes: targetBytes) {
                let bytes = Array(buffer[0..<cut])
                buffer.removeSubrange(0..<cut)
                let piece = Piece(bytes: bytes, firstLine: nextLine, problems: problems)
                nextLine += JSONLinesStream.countLines(bytes)
                return piece
            }
            if atEnd {
                return problems.isEmpty ? nil : Piece(bytes: [], firstLine: nextLine, problems: problems)
            }
            let before = buffer.count
            do { try readMore() } catch let p as SourceProblem {
                // A read error ends the file; what was read before it stays indexed.
                problems.append(p); stop(); continue
            }
            if !started {
                started = true
                if buffer.starts(with: [0xEF, 0xBB, 0xBF]) { buffer.removeFirst(3) }
                do { try FileBytes.checkText(Array(buffer.prefix(8192)), path: path) } catch let p as SourceProblem {
                    problems.append(p); stop(); continue
                }
            }
            let firstNUL = buffer.withUnsafeBufferPointer { b -> Int? in
                guard before < b.count, let hit = memchr(b.baseAddress! + before, 0, b.count - before) else { return nil }
                return UnsafeRawPointer(hit) - UnsafeRawPointer(b.baseAddress!)
            }
            if let nul = firstNUL {
                // Keep the complete lines before the NUL; stop there.
                let cut = buffer[0..<nul].lastIndex(of: 0x0A).map { $0 + 1 } ?? 0
                buffer.removeSubrange(cut...)
                let line = nextLine + JSONLinesStream.countLines(buffer)
                problems.append(SourceProblem(path: path, reason: "line \(line): binary content (NUL bytes); the rest of the file is skipped"))
                atEnd = true
                continue
            }
            if skipping { skipOverlongLine() }
            if !skipping, buffer.count > maxLineBytes, !buffer.contains(0x0A) {
                problems.append(SourceProblem(path: path, reason: "line \(nextLine): longer than \(maxLineBytes >> 20) MB, skipped"))
                buffer.removeAll(keepingCapacity: false)
                skipping = true
            }
        }
    }

    /// Where the next piece ends: after the last newline once enough bytes are buffered, or
    /// the end of the file.
    private func cutPoint(targetBytes: Int) -> Int? {
        if atEnd { return buffer.isEmpty ? nil : buffer.count }
        guard buffer.count >= targetBytes, let last = buffer.lastIndex(of: 0x0A) else { return nil }
        return last + 1
    }

    private func readMore() throws {
        let start = buffer.count, size = JSONLinesStream.readSize
        buffer.append(contentsOf: repeatElement(0, count: size))
        var got = 0, failure: Int32 = 0
        buffer.withUnsafeMutableBytes { raw in
            while true {
                let r = read(fd, raw.baseAddress! + start, size)
                if r < 0 && errno == EINTR { continue }
                if r < 0 { failure = errno } else { got = r }
                break
            }
        }
        buffer.removeSubrange((start + got)...)
        if failure != 0 { throw SourceProblem(path: path, reason: "read error: \(String(cString: strerror(failure)))", kind: .unreadable) }
        if got == 0 { atEnd = true }
    }

    /// Drops the rest of an overlong line up to its newline.
    private func skipOverlongLine() {
        if let nl = buffer.firstIndex(of: 0x0A) {
            buffer.removeSubrange(0...nl)
            nextLine += 1
            skipping = false
        } else {
            buffer.removeAll(keepingCapacity: true)
            if atEnd { skipping = false }
        }
    }

    private func stop() {
        buffer.removeAll()
        atEnd = true
    }

    static func countLines(_ bytes: [UInt8]) -> Int {
        bytes.withUnsafeBufferPointer { b in
            guard var p = b.baseAddress.map(UnsafeRawPointer.init) else { return 0 }
            let end = p + b.count
            var n = 0
            while p < end, let hit = memchr(p, 0x0A, end - p) {
                n += 1
                p = UnsafeRawPointer(hit) + 1
            }
            return n
        }
    }

    /// A piece's documents (with their line numbers) and its bad lines; any thread.
    public static func parse(_ piece: Piece, path: String) -> (documents: [SourceDocument], lines: [Int], problems: [SourceProblem]) {
        var documents: [SourceDocument] = [], lines: [Int] = [], problems = piece.problems
        let parsed = piece.bytes.withUnsafeBufferPointer { JSONLinesReader.parse($0, firstLine: piece.firstLine, path: path) }
        for line in parsed {
            switch line {
            case .document(let n, let doc): documents.append(doc); lines.append(n)
            case .problem(let n, let reason): problems.append(SourceProblem(path: path, reason: "line \(n): \(reason)"))
            }
        }
        return (documents, lines, problems)
    }

    /// Takes the next document of the file, in file order (pieces are parsed apart): the problem
    /// when its id was already used on an earlier line, else nil and the document gets its
    /// ordinal among the file's kept documents, as a whole read gives it.
    public func accept(_ document: inout SourceDocument, line: Int) -> SourceProblem? {
        if let reason = dedup.check(id: document.id, line: line) {
            return SourceProblem(path: path, reason: "line \(line): \(reason)")
        }
        document.ordinal = accepted
        accepted += 1
        return nil
    }
}
