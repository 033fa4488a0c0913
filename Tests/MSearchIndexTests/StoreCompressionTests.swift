import Testing
@testable import MSearchIndex

/// The store's dictionary is trained once, with one segment size, not by zstd's optimiser (a
/// training and an evaluation per candidate), and still gives a dictionary that every block
/// compresses and decompresses with.
@Suite struct StoreCompressionTests {
    @Test func theTrainerRunsOnceWithZstdsDefaultsAndOneSegmentSize() {
        let params = StoreCompression.trainingParameters()
        #expect(params.k == StoreCompression.segmentBytes)
        #expect(params.d == 8 && params.f == 20 && params.accel == 1)
        #expect(params.zParams.compressionLevel == StoreCompression.level)
    }

    @Test func aTrainedDictionaryRoundTrips() throws {
        var samples: [UInt8] = []
        var sizes: [Int] = []
        var state: UInt64 = 7
        for i in 0..<3000 {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            let record = Array("{\"id\":\"doc-\(i)\",\"title\":\"Company \(state >> 50) reports quarterly results\",\"body\":\"Net profit rose \(state >> 54) pct to \(state >> 44) dlrs, the company said.\"}".utf8)
            samples += record
            sizes.append(record.count)
        }
        let dictionary = try #require(StoreCompression.train(samples: samples, sizes: sizes))
        #expect(!dictionary.isEmpty && dictionary.count <= StoreCompression.maxDictionaryBytes)
        let block = Array(samples[0..<16_384])
        let compressed = StoreCompression.Compressor(dictionary: dictionary).compress(block)
        #expect(compressed.count < block.count / 2)
        var out = [UInt8](repeating: 0, count: block.count)
        let n = dictionary.withUnsafeBytes { dict in
            compressed.withUnsafeBytes { src in
                out.withUnsafeMutableBytes { StoreCompression.Decompressor(dictionary: dict).decompress(src, into: $0) }
            }
        }
        #expect(n == block.count && out == block)
    }
}
