/// Each document's near-duplicate signature (`NearDuplicateSignature`): a fixed number of
/// 16-bit values per document, so document d's are at a known offset and reading one is a
/// copy of 128 bytes. A document without a signature (empty body) has zeros.
///
/// Layout: UInt32 values per document (W), then N × W little-endian UInt16.
final class SignatureColumnWriter: ColumnWriter {
    private let value: (AnalyzedDocument) -> [UInt16]
    private var values: [UInt16] = []
    private var source: SignatureColumn?
    private var scratch = [UInt16](repeating: 0, count: NearDuplicateSignature.bins)

    init(_ value: @escaping (AnalyzedDocument) -> [UInt16]) { self.value = value }

    func add(_ doc: AnalyzedDocument) {
        let signature = value(doc)
        if signature.count == NearDuplicateSignature.bins {
            values.append(contentsOf: signature)
        } else {
            values.append(contentsOf: repeatElement(0, count: NearDuplicateSignature.bins))
        }
    }

    func startCopy(from source: ColumnView) {
        guard case .signature(let column) = source else { preconditionFailure("column types differ") }
        self.source = column
    }

    func copy(_ doc: Int) {
        source?.read(doc, into: &scratch)
        values.append(contentsOf: scratch)
    }

    var memoryFootprint: Int { values.capacity * 2 + scratch.capacity * 2 }

    func encode() -> ByteBuffer {
        var out = ByteBuffer(capacity: values.count * 2 + 4)
        out.appendUInt32(UInt32(NearDuplicateSignature.bins))
        for v in values {
            out.append(UInt8(truncatingIfNeeded: v))
            out.append(UInt8(truncatingIfNeeded: v >> 8))
        }
        return out
    }
}

/// Reads a `SignatureColumnWriter` column from the mapped file.
struct SignatureColumn {
    private let bytes: UnsafeRawBufferPointer
    let count: Int

    init(_ c: inout ByteCursor, count: Int) throws {
        let width = try c.readUInt32()
        guard width == UInt32(NearDuplicateSignature.bins) else {
            throw c.corrupt("signatures of \(width) values, expected \(NearDuplicateSignature.bins)")
        }
        let (size, overflow) = count.multipliedReportingOverflow(by: NearDuplicateSignature.bins * 2)
        guard !overflow else { throw c.corrupt("signature column size out of range") }
        bytes = try c.readBytes(size)
        self.count = count
    }

    /// Copies document `doc`'s signature into `out` (which holds `NearDuplicateSignature.bins`).
    @inline(__always)
    func read(_ doc: Int, into out: inout [UInt16]) {
        guard doc >= 0, doc < count, out.count == NearDuplicateSignature.bins else { return }
        let start = doc * NearDuplicateSignature.bins * 2
        out.withUnsafeMutableBytes { target in
            target.copyMemory(from: UnsafeRawBufferPointer(rebasing: bytes[start ..< start + NearDuplicateSignature.bins * 2]))
        }
        // Stored little-endian; a no-op on the little-endian machines msearch runs on.
        for i in out.indices { out[i] = UInt16(littleEndian: out[i]) }
    }

    /// The key of band `band` of document `doc`'s signature (`NearDuplicateSignature.bandKey`),
    /// read in place: the clusters are built one band at a time over every document.
    @inline(__always)
    func bandKey(_ doc: Int, band: Int) -> UInt64 {
        let rows = NearDuplicateSignature.rowsPerBand
        guard doc >= 0, doc < count, band >= 0, band < NearDuplicateSignature.bands else { return 0 }
        let start = (doc * NearDuplicateSignature.bins + band * rows) * 2
        var key: UInt64 = 0
        for row in 0..<rows {
            key = key << 16 | UInt64(UInt16(littleEndian: bytes.loadUnaligned(fromByteOffset: start + row * 2, as: UInt16.self)))
        }
        return key
    }

    /// A document's signature is all zeros (none) or has no zero value.
    func verify(file: String) throws {
        var scratch = [UInt16](repeating: 0, count: NearDuplicateSignature.bins)
        for doc in 0..<count {
            read(doc, into: &scratch)
            let zeros = scratch.lazy.filter { $0 == 0 }.count
            guard zeros == 0 || zeros == scratch.count else {
                throw IndexError.corrupt(file: file, reason: "document \(doc) has a partly empty near-duplicate signature")
            }
        }
    }
}
