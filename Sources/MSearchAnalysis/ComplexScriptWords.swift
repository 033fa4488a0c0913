import CICUWordBreakShim

/// Thai, Lao, Khmer and Myanmar: scripts written without spaces between words, whose words
/// only a dictionary finds. A run of their letters is one raw token (`RawToken.isComplexScript`);
/// ICU's word break iterator (libicuuc, through CICUWordBreakShim) splits it into words, so such
/// text is searchable word by word rather than one giant token (which, longer than
/// `Tokenizer.maxTokenBytes`, would be dropped).
enum ComplexScriptWords {
    /// Thai, Lao, Myanmar (and its extensions), Khmer (and its symbols), Tai Tham, New Tai Lue,
    /// Tai Viet: the scripts ICU's dictionary break engines cover.
    @inline(__always)
    static func isComplexScript(_ v: UInt32) -> Bool {
        switch v {
        case 0x0E00...0x0EFF, 0x1000...0x109F, 0x1780...0x17FF, 0x1980...0x19FF, 0x1A20...0x1AAF,
             0xA9E0...0xA9FF, 0xAA60...0xAADF: return true
        default: return false
        }
    }

    /// One ICU word break iterator, reused for every run (opening one costs far more than a run).
    final class Breaker {
        private let breaker: OpaquePointer

        /// nil when ICU cannot make an iterator (its data missing): runs are then kept whole.
        init?() {
            guard let b = icu_word_breaker_new() else { return nil }
            breaker = b
        }

        deinit { icu_word_breaker_free(breaker) }

        /// Calls `body` with the byte range (relative to `run`) of each word ICU finds in `run`;
        /// the whole run as one word when ICU refuses the text.
        func words(_ run: UnsafeBufferPointer<UInt8>, _ body: (Int, Int) -> Void) {
            guard let base = run.baseAddress, run.count > 0 else { return }
            guard run.count <= Int(Int32.max), icu_word_breaker_set_text(breaker, base, Int32(run.count)) == 0 else {
                body(0, run.count)
                return
            }
            var start = 0
            while true {
                let next = Int(icu_word_breaker_next(breaker))
                // ICU's boundaries are increasing offsets inside the text; anything else ends the run.
                guard next > start, next <= run.count else { break }
                body(start, next)
                start = next
            }
        }
    }
}
