import CZstd

/// zstd for the document store, with a dictionary trained per segment (ZDICT) on its first
/// documents. Stored records are short (a Reuters one is ≈ 1 KB) and blocks are kept small
/// (16 KB) so that fetching one document decompresses little; a dictionary gives every block
/// the vocabulary and record structure that a lone 16 KB block cannot learn, which made the
/// Reuters store 15 % smaller at the same level and block size (Benchmarks/PERFORMANCE.md).
enum StoreCompression {
    /// zstd level: 3 is zstd's default; higher levels cost the serial indexing path 2–5× the
    /// compression time for 1–4 % (measured, PERFORMANCE.md).
    static let level: Int32 = 3
    /// Raw bytes of records sampled to train the dictionary; blocks wait uncompressed until then.
    static let trainingBytes = 2 << 20
    /// Below this many raw bytes a segment gets no dictionary (it would not pay for itself).
    static let minimumTrainingBytes = 256 << 10
    /// zstd's default dictionary size, at most; smaller samples get a 1/20 as large one.
    static let maxDictionaryBytes = 112_640

    /// zstd's fastCover trainer as `ZDICT_trainFromBuffer` runs it (d = 8, f = 20, accel = 1, the
    /// default level) with one segment size, k = 50, the small end of its optimiser's range.
    /// `ZDICT_trainFromBuffer` optimises k: it trains and finalises a dictionary per candidate on
    /// 75 % of the samples and compresses the rest with each to choose, and that was the largest
    /// single cost of a default build (1.18 G of 7.67 G instructions on 5,000 Reuters documents
    /// with five candidates, 0.48 G of 6.50 G with the two ends of the range). Small segments
    /// suit what a store holds, many short records that repeat the same fields and phrases; one
    /// training on all the samples made indexes of Reuters (with text and `--store none`), BBC
    /// News, 20 Newsgroups and the HTML sets between 0.24 % smaller and 0.13 % larger than the
    /// optimiser's, about the spread between two runs of the same binary (PERFORMANCE.md).
    static let segmentBytes: UInt32 = 50

    static func trainingParameters() -> ZDICT_fastCover_params_t {
        var params = ZDICT_fastCover_params_t()
        params.k = segmentBytes
        params.d = 8
        params.f = 20
        params.accel = 1
        params.zParams.compressionLevel = level
        return params
    }

    /// A dictionary trained on `samples` (records laid end to end, `sizes` each), or nil when
    /// there is too little to learn from or training fails.
    static func train(samples: [UInt8], sizes: [Int]) -> [UInt8]? {
        guard samples.count >= minimumTrainingBytes, sizes.count >= 16 else { return nil }
        let capacity = min(maxDictionaryBytes, samples.count / 20)
        var dictionary = [UInt8](repeating: 0, count: capacity)
        let sampleSizes = sizes.map { Int($0) }
        let n = dictionary.withUnsafeMutableBytes { dst in
            samples.withUnsafeBytes { src in
                sampleSizes.withUnsafeBufferPointer { s in
                    ZDICT_trainFromBuffer_fastCover(dst.baseAddress, capacity, src.baseAddress, s.baseAddress, UInt32(s.count), trainingParameters())
                }
            }
        }
        guard ZDICT_isError(n) == 0, n > 0 else { return nil }
        return Array(dictionary[0..<n])
    }

    /// Compresses blocks, with the segment's dictionary when it has one.
    final class Compressor {
        private let context: OpaquePointer
        private let dictionary: OpaquePointer?

        init(dictionary: [UInt8]) {
            context = ZSTD_createCCtx()
            self.dictionary = dictionary.isEmpty ? nil : dictionary.withUnsafeBytes {
                ZSTD_createCDict($0.baseAddress, $0.count, StoreCompression.level)
            }
        }

        deinit {
            ZSTD_freeCCtx(context)
            if let dictionary { ZSTD_freeCDict(dictionary) }
        }

        func compress(_ raw: [UInt8]) -> [UInt8] {
            let bound = ZSTD_compressBound(raw.count)
            var out = [UInt8](repeating: 0, count: bound)
            let n = raw.withUnsafeBytes { src in
                out.withUnsafeMutableBytes { dst in
                    if let dictionary {
                        return ZSTD_compress_usingCDict(context, dst.baseAddress, bound, src.baseAddress, src.count, dictionary)
                    }
                    return ZSTD_compressCCtx(context, dst.baseAddress, bound, src.baseAddress, src.count, StoreCompression.level)
                }
            }
            precondition(ZSTD_isError(n) == 0, "zstd compression failed")
            out.removeSubrange(n...)
            return out
        }
    }

    /// Decompresses blocks of one store; the dictionary is digested once, at open.
    final class Decompressor {
        private let context: OpaquePointer
        private let dictionary: OpaquePointer?

        init(dictionary: UnsafeRawBufferPointer) {
            context = ZSTD_createDCtx()
            self.dictionary = dictionary.count == 0 ? nil : ZSTD_createDDict(dictionary.baseAddress, dictionary.count)
        }

        deinit {
            ZSTD_freeDCtx(context)
            if let dictionary { ZSTD_freeDDict(dictionary) }
        }

        /// Decompresses into `dst`; returns the byte count or nil on a zstd error.
        func decompress(_ src: UnsafeRawBufferPointer, into dst: UnsafeMutableRawBufferPointer) -> Int? {
            let n = dictionary.map { ZSTD_decompress_usingDDict(context, dst.baseAddress, dst.count, src.baseAddress, src.count, $0) }
                ?? ZSTD_decompressDCtx(context, dst.baseAddress, dst.count, src.baseAddress, src.count)
            return ZSTD_isError(n) == 0 ? n : nil
        }
    }
}
