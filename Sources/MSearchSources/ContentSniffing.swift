import CLibXML2

/// What a file whose name names no format holds, judged from its first bytes alone (a walk
/// reads `prefixBytes` of such a file, never the whole): a format of the registry (its sniffing,
/// then the fallback) or binary content, which is skipped without being read. The tests are the
/// ones `file(1)` and htmldate's fetchers make before parsing: a known binary signature, NUL
/// bytes, mostly control bytes, mostly invalid UTF-8 with no word breaks; gzip is looked
/// through (a bounded inflate of the prefix) because readers decompress it themselves.
public enum ContentSniffing {
    /// Enough for every format's signature and for the byte statistics to mean something.
    public static let prefixBytes = 4096

    public enum Verdict: Equatable, Sendable {
        case format(SourceFormat)
        /// Not text; the words say what it looks like ("PDF document", "NUL bytes").
        case binary(String)
        /// Text, but no format recognises it and the registry has no fallback.
        case unrecognised
    }

    /// Judges `prefix`, the first bytes of the file at `path`, by `registry`'s formats.
    public static func judge(path: String, prefix: [UInt8], registry: SourceFormatRegistry) -> Verdict {
        if let name = signature(prefix) { return .binary("binary content (\(name))") }
        var text = prefix
        if prefix.starts(with: [0x1F, 0x8B]) {
            guard let inflated = inflatePrefix(prefix), !inflated.isEmpty else { return .binary("binary content (gzip data that does not inflate)") }
            if let name = signature(inflated) { return .binary("binary content (gzip-compressed \(name))") }
            text = inflated
        }
        if let (encoding, bomLength) = WideText.encoding(of: text) {
            // Whole code units only: the prefix may end inside one (or inside a surrogate pair).
            let unit = encoding == .utf16LittleEndian || encoding == .utf16BigEndian ? 2 : 4
            var cut = text.count - (text.count - bomLength) % unit
            if unit == 2 && cut - bomLength >= 2 { cut -= 2 }
            guard let converted = try? WideText.utf8(Array(text[..<cut]), encoding: encoding, bomLength: bomLength, path: path) else {
                return .binary("binary content (not \(encoding.rawValue) text despite its byte-order mark)")
            }
            text = converted
        }
        if let reason = binaryStatistics(text) { return .binary(reason) }
        if let format = registry.detect(path: "", prefix: text) { return .format(format) }
        return registry.fallback.map(Verdict.format) ?? .unrecognised
    }

    /// Signatures of common binary files an archive folder holds beside its articles.
    static let signatures: [(magic: [UInt8], name: String)] = [
        (Array("%PDF-".utf8), "PDF document"),
        ([0x50, 0x4B, 0x03, 0x04], "ZIP archive (or an Office document)"),
        ([0x50, 0x4B, 0x05, 0x06], "empty ZIP archive"),
        ([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A], "PNG image"),
        ([0xFF, 0xD8, 0xFF], "JPEG image"),
        (Array("GIF87a".utf8), "GIF image"), (Array("GIF89a".utf8), "GIF image"),
        ([0x7F, 0x45, 0x4C, 0x46], "ELF executable"),
        ([0x28, 0xB5, 0x2F, 0xFD], "zstd-compressed data"),
        ([0xFD, 0x37, 0x7A, 0x58, 0x5A, 0x00], "xz-compressed data"),
        ([0x42, 0x5A, 0x68], "bzip2-compressed data"),
        ([0x37, 0x7A, 0xBC, 0xAF, 0x27, 0x1C], "7-Zip archive"),
        (Array("Rar!".utf8) + [0x1A, 0x07], "RAR archive"),
        ([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1], "Microsoft Office (OLE) document"),
        (Array("SQLite format 3".utf8) + [0], "SQLite database"),
        (Array("OggS".utf8), "Ogg media"), (Array("ID3".utf8), "MP3 audio"), (Array("fLaC".utf8), "FLAC audio"),
        (Array("RIFF".utf8), "RIFF media (WAV, AVI, WebP)"),
        ([0x1A, 0x45, 0xDF, 0xA3], "Matroska/WebM media"),
        (Array("wOFF".utf8), "web font"), (Array("wOF2".utf8), "web font"),
        ([0x49, 0x49, 0x2A, 0x00], "TIFF image"), ([0x4D, 0x4D, 0x00, 0x2A], "TIFF image"),
        ([0xCA, 0xFE, 0xBA, 0xBE], "Java class or Mach-O binary"),
    ]

    /// The name of the binary format `bytes` start with, if one of `signatures` (ISO media, whose
    /// box type sits at offset 4, too).
    static func signature(_ bytes: [UInt8]) -> String? {
        if let hit = signatures.first(where: { bytes.starts(with: $0.magic) }) { return hit.name }
        if bytes.count >= 12, bytes[4..<8].elementsEqual("ftyp".utf8) { return "MP4/ISO media" }
        return nil
    }

    /// Why `bytes` are not text, or nil when they may be: a NUL byte; more than a tenth control
    /// bytes (the test `FileBytes` makes of a whole file); or more than a third of the bytes in
    /// invalid UTF-8 sequences with hardly any whitespace, which text in a legacy 8-bit charset
    /// (Latin-1 news, KOI8-R) still has between its words.
    static func binaryStatistics(_ bytes: [UInt8]) -> String? {
        if bytes.contains(0) { return "binary content (NUL bytes)" }
        guard !bytes.isEmpty else { return nil }
        var controls = 0, spaces = 0
        for b in bytes {
            if (b < 0x20 && b != 0x09 && b != 0x0A && b != 0x0D && b != 0x0C && b != 0x0B && b != 0x1B) || b == 0x7F { controls += 1 }
            if b == 0x20 || b == 0x0A || b == 0x09 || b == 0x0D { spaces += 1 }
        }
        if controls * 10 > bytes.count { return "binary content (control bytes)" }
        // The last 3 bytes may be a sequence the prefix cut.
        let invalid = bytes.withUnsafeBufferPointer { invalidUTF8Bytes(UnsafeBufferPointer(rebasing: $0.dropLast(3))) }
        if invalid * 3 > bytes.count && spaces * 20 < bytes.count { return "binary content (not UTF-8 or any text)" }
        return nil
    }

    /// How many bytes of `buf` are not part of a valid UTF-8 sequence.
    static func invalidUTF8Bytes(_ buf: UnsafeBufferPointer<UInt8>) -> Int {
        var invalid = 0
        var rest = buf
        while let bad = firstInvalidUTF8(rest) {
            invalid += 1
            rest = UnsafeBufferPointer(rebasing: rest[(rest.startIndex + bad + 1)...])
        }
        return invalid
    }

    /// Up to `prefixBytes` of what the gzip data starting `compressed` inflates to (the data
    /// goes on past the prefix, so an unfinished stream is expected); nil when it is not gzip.
    static func inflatePrefix(_ compressed: [UInt8]) -> [UInt8]? {
        var stream = z_stream()
        guard inflateInit2_(&stream, 15 + 32, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else { return nil }
        defer { inflateEnd(&stream) }
        var out = [UInt8](repeating: 0, count: prefixBytes)
        var status: Int32 = Z_OK
        compressed.withUnsafeBufferPointer { input in
            out.withUnsafeMutableBufferPointer { output in
                stream.next_in = UnsafeMutablePointer(mutating: input.baseAddress)
                stream.avail_in = uInt(input.count)
                stream.next_out = output.baseAddress
                stream.avail_out = uInt(output.count)
                status = inflate(&stream, Z_SYNC_FLUSH)
            }
        }
        guard status == Z_OK || status == Z_STREAM_END || status == Z_BUF_ERROR else { return nil }
        return Array(out[0..<(out.count - Int(stream.avail_out))])
    }
}
