#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Okapi BM25 as Lucene defines it, over passages:
///
///     idf(t)   = ln(1 + (N − df + 0.5) / (df + 0.5))
///     score(t) = idf(t) · f · (k1 + 1) / (f + k1 · (1 − b + b · dl / avgdl))
///
/// N is the number of passages, df the passages containing t, f the occurrences of t in
/// the passage, dl the passage's length in tokens and avgdl the mean over all passages.
/// A phrase scores as one term whose idf is the sum of its words' and whose f is the
/// number of times the phrase occurs.
public struct BM25: Sendable, Equatable {
    public var k1: Double
    public var b: Double

    public init(k1: Double = 1.2, b: Double = 0.75) {
        self.k1 = k1
        self.b = b
    }

    public func validated() throws(JiansuoError) -> BM25 {
        guard k1 >= 0, k1.isFinite else { throw .invalidArgument("BM25 k1 must be a finite number ≥ 0, not \(k1)") }
        guard (0...1).contains(b) else { throw .invalidArgument("BM25 b must lie between 0 and 1, not \(b)") }
        return self
    }

    static func idf(passageCount: Int, passageFrequency: Int) -> Double {
        let n = Double(passageCount), df = Double(passageFrequency)
        return log(1 + (n - df + 0.5) / (df + 0.5))
    }

    func termScore(idf: Double, frequency: Int, length: Int, averageLength: Double) -> Double {
        let f = Double(frequency)
        let norm = averageLength > 0 ? 1 - b + b * Double(length) / averageLength : 1
        return idf * f * (k1 + 1) / (f + k1 * norm)
    }
}
