import CICU

/// ICU word breaking alone — no folding, no terms, no postings — over UTF-8 text: the speed
/// limit of an ICU-based indexer, which the benchmark program measures over the same text
/// it indexes. Two routes, because DESIGN.md asks us to keep the faster: converting to
/// UTF-16 first (what `Analyzer` does) or breaking UTF-8 in place through ICU's UText.
///
/// Not thread-safe: it owns an ICU iterator. Use one per thread.
public final class WordBreakingProbe {
    public enum Route: String, Sendable, CaseIterable {
        case utf16
        case utf8
    }

    private let breaker: OpaquePointer
    private var units: [UInt16] = []
    private var bounds: [Int32] = []

    public init() throws(JiansuoError) {
        self.breaker = try WordBreaker.openICUBreaker()
    }

    deinit {
        cicu_word_breaker_close(breaker)
    }

    /// Breaks `utf8` (valid UTF-8, under 2 GiB) into words by `route` and returns how many.
    public func countWords(in utf8: UnsafeBufferPointer<UInt8>, route: Route) throws(JiansuoError) -> Int {
        guard !utf8.isEmpty else { return 0 }
        let count: Int32
        switch route {
        case .utf16:
            units.removeAll(keepingCapacity: true)
            var offset = 0
            while offset < utf8.count {
                let (scalar, width) = UTF8Decoding.scalar(in: utf8, at: offset)
                if scalar < 0x10000 {
                    units.append(UInt16(scalar))
                } else {
                    units.append(UInt16(0xD800 + ((scalar - 0x10000) >> 10)))
                    units.append(UInt16(0xDC00 + ((scalar - 0x10000) & 0x3FF)))
                }
                offset += width
            }
            reserveBounds(units.count)
            count = units.withUnsafeBufferPointer { text in
                bounds.withUnsafeMutableBufferPointer { output in
                    cicu_word_breaker_words(breaker, text.baseAddress, Int32(text.count), output.baseAddress)
                }
            }
        case .utf8:
            reserveBounds(utf8.count)
            count = utf8.withMemoryRebound(to: CChar.self) { text in
                bounds.withUnsafeMutableBufferPointer { output in
                    cicu_word_breaker_words_utf8(breaker, text.baseAddress, Int32(text.count), output.baseAddress)
                }
            }
        }
        guard count >= 0 else { throw .icu(operation: "breaking text into words", detail: "setting the text failed") }
        return Int(count)
    }

    private func reserveBounds(_ length: Int) {
        if bounds.count < 2 * length { bounds = [Int32](repeating: 0, count: 2 * length) }
    }
}
