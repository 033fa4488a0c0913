/// A document's near-duplicate signature: a one-permutation MinHash (Li, Owen & Zhang 2012)
/// of the shingles of three consecutive analysed body terms, densified by rotation
/// (Shrivastava & Li 2014) so that every bin holds a value even for a short body. Two
/// documents' signatures agree in a bin with probability equal to the Jaccard similarity of
/// their shingle sets, which is what near-duplicates (wire copies, reposts, crossposts) share.
///
/// Each shingle is hashed once and lands in one of `bins` bins (not once per hash function,
/// as classic MinHash does), so the cost is one multiply-and-mix per body token. Values are
/// kept as 16 bits (b-bit MinHash): two different minima collide only once in 65,536, and the
/// column costs 128 bytes a document. 0 is reserved for "no signature" (an empty body).
public enum NearDuplicateSignature {
    /// Bins per signature, and bins per LSH band (`NearDuplicateClusters`).
    public static let bins = 64
    public static let rowsPerBand = 4
    public static var bands: Int { bins / rowsPerBand }

    /// A shingle holding a number (an amount, a rate, a date) counts this many times: the
    /// numbers are the facts of a wire story, and a template repeated with other figures ("to
    /// arrange 1.5 billion dlrs" another day, another week's price table) is another story, while
    /// copies of one story repeat its figures. Weighted Jaccard by replication (a shingle and
    /// salted copies of it), so the signature's size and comparison do not change.
    public static let numberWeight = 4
    /// Bodies shorter than this many terms are shingled with their title: a notice of a line or
    /// two (a dividend, a payout) is a template whose headline names whom it is about ("BIC CORP
    /// SETS QUARTERLY" / "VARLEN CORP DECLARES QTLY DIVIDEND" over the same "Qtly div 15 cts").
    /// In a longer article the headline is left out, as copies of one story are often retitled.
    public static let shortBodyTerms = 40

    /// Hashes terms as the analyser gives them, title terms (`addTitle`) and body terms (`add`),
    /// one at a time, in text order.
    public struct Builder {
        private var minima = [UInt64](repeating: .max, count: NearDuplicateSignature.bins)
        private var titleMinima = [UInt64](repeating: .max, count: NearDuplicateSignature.bins)
        private var previous = Context()
        private var titlePrevious = Context()
        private var terms = 0

        /// The two terms before the next one: their hashes, and whether each holds a digit.
        private struct Context {
            var hashes: (UInt64, UInt64) = (0, 0)
            var numbers: (Bool, Bool) = (false, false)
        }

        public init() {}

        /// Adds one body term (its analysed bytes).
        public mutating func add(_ term: UnsafeBufferPointer<UInt8>) {
            terms &+= 1
            Self.shingle(term, after: &previous, into: &minima, weighted: false)
        }

        /// Adds one title term; the title counts only for a short body (`shortBodyTerms`), and
        /// then as much as its figures (`numberWeight`): whom a notice is about is one of its facts.
        public mutating func addTitle(_ term: UnsafeBufferPointer<UInt8>) {
            Self.shingle(term, after: &titlePrevious, into: &titleMinima, weighted: true)
        }

        /// A shingle is the term with its two predecessors; the first two terms form shingles
        /// with the zero hash, so a text of one or two words still has one. A text without
        /// digits hashes exactly as before numbers were weighted (old and new signatures agree).
        private static func shingle(_ term: UnsafeBufferPointer<UInt8>, after context: inout Context,
                                    into minima: inout [UInt64], weighted: Bool) {
            let h = NearDuplicateSignature.hash(term)
            let mix = NearDuplicateSignature.mix, rotate = NearDuplicateSignature.rotate
            let shingle = mix(context.hashes.0 &* 0x9E37_79B9_7F4A_7C15 ^ rotate(context.hashes.1, 21) ^ rotate(h, 42))
            let isNumber = term.contains { $0 >= 0x30 && $0 <= 0x39 }
            let heavy = weighted || isNumber || context.numbers.0 || context.numbers.1
            context.hashes = (context.hashes.1, h)
            context.numbers = (context.numbers.1, isNumber)
            insert(shingle, into: &minima)
            guard heavy else { return }
            for copy in 1 ..< UInt64(NearDuplicateSignature.numberWeight) {
                insert(mix(shingle &+ copy &* 0xD1B5_4A32_D192_ED03), into: &minima)
            }
        }

        @inline(__always)
        private static func insert(_ shingle: UInt64, into minima: inout [UInt64]) {
            let bin = Int(truncatingIfNeeded: shingle >> 58)
            if shingle < minima[bin] { minima[bin] = shingle }
        }

        /// The signature, or an empty array when no term was added.
        public func finish() -> [UInt16] {
            guard terms > 0 else { return [] }
            var minima = minima
            if terms < NearDuplicateSignature.shortBodyTerms {
                // The union of the title's and the body's shingles: per bin, the smaller minimum.
                for bin in 0..<NearDuplicateSignature.bins where titleMinima[bin] < minima[bin] { minima[bin] = titleMinima[bin] }
            }
            var out = [UInt16](repeating: 0, count: NearDuplicateSignature.bins)
            for bin in 0..<NearDuplicateSignature.bins {
                var source = bin, distance: UInt64 = 0
                // Densification: an empty bin takes the next filled bin's minimum (circularly),
                // re-hashed with the distance, so equal sets still give equal bins.
                while minima[source] == .max {
                    source = (source + 1) % NearDuplicateSignature.bins
                    distance &+= 1
                }
                let value = distance == 0 ? minima[source] : NearDuplicateSignature.mix(minima[source] &+ distance &* 0xD6E8_FEB8_6659_FD93)
                let folded = UInt16(truncatingIfNeeded: value ^ (value >> 16) ^ (value >> 32))
                out[bin] = folded == 0 ? 1 : folded
            }
            return out
        }
    }

    /// The fraction of bins on which two signatures agree: an estimate of the Jaccard
    /// similarity of the documents' shingle sets (0 when either has no signature).
    public static func similarity(_ a: UnsafeBufferPointer<UInt16>, _ b: UnsafeBufferPointer<UInt16>) -> Double {
        guard a.count == bins, b.count == bins, a[0] != 0, b[0] != 0 else { return 0 }
        var equal = 0
        for i in 0..<bins where a[i] == b[i] { equal += 1 }
        return Double(equal) / Double(bins)
    }

    /// The key of band `band` of a signature: its rows packed into 64 bits.
    @inline(__always)
    static func bandKey(_ signature: UnsafeBufferPointer<UInt16>, band: Int) -> UInt64 {
        var key: UInt64 = 0
        for row in 0..<rowsPerBand { key = key << 16 | UInt64(signature[band * rowsPerBand + row]) }
        return key
    }

    /// FNV-1a over the term's bytes, then mixed: terms are short, so this is a few cycles.
    @inline(__always)
    static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var h: UInt64 = 0xCBF2_9CE4_8422_2325
        for b in bytes { h = (h ^ UInt64(b)) &* 0x0000_0100_0000_01B3 }
        return mix(h)
    }

    /// The 64-bit finaliser of MurmurHash3: every input bit affects every output bit.
    @inline(__always)
    static func mix(_ x: UInt64) -> UInt64 {
        var z = x
        z = (z ^ (z >> 33)) &* 0xFF51_AFD7_ED55_8CCD
        z = (z ^ (z >> 33)) &* 0xC4CE_B9FE_1A85_EC53
        return z ^ (z >> 33)
    }

    @inline(__always)
    static func rotate(_ x: UInt64, _ by: UInt64) -> UInt64 { x << by | x >> (64 - by) }
}
