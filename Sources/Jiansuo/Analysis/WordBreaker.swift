import CICU

/// ICU's dictionary-based word breaker for Chinese. Owns an ICU iterator, so it is not
/// thread-safe: each thread (each `Analyzer`) has its own.
final class WordBreaker {
    private let breaker: OpaquePointer
    /// Start and end offsets of each word, in UTF-16 units; reused between calls.
    private var bounds: [Int32] = []

    init() throws(JiansuoError) {
        self.breaker = try Self.openICUBreaker()
    }

    /// A new ICU word break iterator for Chinese; the caller closes it.
    static func openICUBreaker() throws(JiansuoError) -> OpaquePointer {
        var error = [CChar](repeating: 0, count: 64)
        guard let breaker = cicu_word_breaker_open(&error, Int32(error.count)) else {
            let detail = String(decoding: error.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
            throw .icu(operation: "opening the Chinese word breaker", detail: detail)
        }
        return breaker
    }

    deinit {
        cicu_word_breaker_close(breaker)
    }

    /// Calls `body` with the start and end (UTF-16 offsets) of each word of `text`,
    /// leaving out spaces and punctuation.
    func forEachWord(in text: [UInt16], _ body: (Int, Int) -> Void) throws(JiansuoError) {
        guard !text.isEmpty else { return }
        if bounds.count < 2 * text.count {
            bounds = [Int32](repeating: 0, count: 2 * text.count)
        }
        let count = text.withUnsafeBufferPointer { units in
            self.bounds.withUnsafeMutableBufferPointer { output in
                cicu_word_breaker_words(breaker, units.baseAddress, Int32(units.count), output.baseAddress)
            }
        }
        guard count >= 0 else {
            throw .icu(operation: "breaking text into words", detail: "ubrk_setText failed")
        }
        // A local copy (a retain, not a copy of the storage): reading the property inside
        // the loop would cost a dynamic exclusivity check per word.
        let words = self.bounds
        for index in 0..<Int(count) {
            body(Int(words[2 * index]), Int(words[2 * index + 1]))
        }
    }

    /// Every piece ICU finds in `text` — words, spaces and punctuation — in order, covering it.
    func pieces(of text: UnsafeBufferPointer<UInt16>) throws(JiansuoError) -> [Range<Int>] {
        if bounds.count < text.count + 1 {
            bounds = [Int32](repeating: 0, count: 2 * text.count + 1)
        }
        let count = bounds.withUnsafeMutableBufferPointer { output in
            cicu_word_breaker_boundaries(breaker, text.baseAddress, Int32(text.count), output.baseAddress)
        }
        guard count >= 0 else {
            throw .icu(operation: "breaking text into words", detail: "ubrk_setText failed")
        }
        let boundaries = self.bounds
        return (0..<max(0, Int(count) - 1)).map { Int(boundaries[$0])..<Int(boundaries[$0 + 1]) }
    }
}
