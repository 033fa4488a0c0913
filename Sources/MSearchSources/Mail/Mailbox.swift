/// The messages of a mail file: an mbox (RFC 4155: messages each after a "From " separator
/// line, body lines that began with "From " quoted as ">From ", undone here as mboxrd
/// readers do) or a single message. A separator is a "From " line at the start of the file
/// or after a blank line, so a stray "From " inside a body does not split it.
struct Mailbox {
    struct Entry {
        /// The message's bytes in the file (after its separator line, still quoted).
        let range: Range<Int>
        let id: String
    }

    let entries: [Entry]
    let problems: [SourceProblem]
    let isMbox: Bool

    /// Splits `bytes` into messages and names them: the Message-ID, else the file's stem (a
    /// single message) or "stem#N" (the N-th message of an mbox). A message whose Message-ID
    /// an earlier one of the file has is a copy and is left out with a problem; blank
    /// messages give nothing.
    init(_ bytes: [UInt8], path: String) {
        let stem = SourceFormat.stem(path)
        let isMbox = bytes.starts(with: Mailbox.separator)
        let ranges = isMbox ? Mailbox.messageRanges(bytes) : [0..<bytes.count]
        var entries: [Entry] = [], problems: [SourceProblem] = []
        var firstWithID: [String: Int] = [:]
        for (k, range) in ranges.enumerated() {
            let number = k + 1
            let id: String? = bytes.withUnsafeBufferPointer { buf in
                let message = UnsafeBufferPointer(rebasing: buf[range])
                if message.allSatisfy(isSpace) { return nil }
                return MailMessage.messageID(MailHeaders(message)) ?? (isMbox ? DocumentIdentity.numbered(stem: stem, number) : stem)
            }
            guard let id else { continue }
            if let first = firstWithID[id] {
                problems.append(SourceProblem(path: path, reason: "message \(number): duplicate Message-ID \"\(id)\" (first in message \(first))"))
                continue
            }
            firstWithID[id] = number
            entries.append(Entry(range: range, id: id))
        }
        self.entries = entries
        self.problems = problems
        self.isMbox = isMbox
    }

    static let separator = Array("From ".utf8)

    /// The messages of an mbox: from after each separator line to the next one.
    static func messageRanges(_ bytes: [UInt8]) -> [Range<Int>] {
        var ranges: [Range<Int>] = []
        var messageStart: Int? = nil
        var i = 0, previousBlank = true
        while i < bytes.count {
            var end = i
            while end < bytes.count, bytes[end] != 0x0A { end += 1 }
            let next = min(end + 1, bytes.count)
            if previousBlank, bytes[i..<end].starts(with: separator) {
                if let start = messageStart { ranges.append(start..<i) }
                messageStart = next
            }
            previousBlank = bytes[i..<end].allSatisfy { $0 == 0x0D || $0 == 0x20 || $0 == 0x09 }
            i = next
        }
        if let start = messageStart { ranges.append(start..<bytes.count) }
        return ranges
    }

    /// The message in `range` with mboxrd's quoting undone: one ">" off each line that is
    /// ">From ", ">>From ", ….
    func message(_ bytes: [UInt8], _ entry: Entry) -> [UInt8] {
        let slice = bytes[entry.range]
        guard isMbox else { return Array(slice) }
        var out: [UInt8] = []
        out.reserveCapacity(slice.count)
        var i = slice.startIndex
        while i < slice.endIndex {
            var end = i
            while end < slice.endIndex, slice[end] != 0x0A { end += 1 }
            let next = min(end + 1, slice.endIndex)
            var q = i
            while q < end, slice[q] == UInt8(ascii: ">") { q += 1 }
            let quotedFrom = q > i && slice[q..<end].starts(with: Mailbox.separator)
            out.append(contentsOf: slice[(quotedFrom ? i + 1 : i)..<next])
            i = next
        }
        return out
    }
}

/// The documents of a mail file by ordinal, each message parsed only when asked for, so an
/// index that keeps no text (`--store none`) re-reads one message of a large mbox, not all.
public final class MailboxDocuments: DocumentsByOrdinal {
    private let bytes: [UInt8]
    private let mailbox: Mailbox
    private let path: String

    /// Nil when the file as a whole cannot be read (a full read gives nothing either).
    public init?(bytes raw: [UInt8], path: String) {
        guard let prepared = try? FileBytes.prepare(raw, path: path) else { return nil }
        bytes = prepared.bytes
        mailbox = Mailbox(prepared.bytes, path: path)
        self.path = path
    }

    public var count: Int { mailbox.entries.count }

    public func document(at ordinal: Int) -> SourceDocument? {
        guard ordinal >= 0, ordinal < mailbox.entries.count else { return nil }
        let entry = mailbox.entries[ordinal]
        var (doc, _) = MailMessage.document(mailbox.message(bytes, entry), id: entry.id, path: path, limits: .default)
        doc.ordinal = ordinal
        _ = ReadLimits.default.truncate(&doc, inFileOf: count)   // cut as the full read cuts it
        return doc
    }
}
