#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Okapi BM25 as Lucene defines it, over passages, with BM25L's shift (Lv and Zhai, "When
/// documents are very long, BM25 fails!", SIGIR 2011):
///
///     idf(t)   = ln(1 + (N − df + 0.5) / (df + 0.5))
///     norm     = 1 − b + b · dl / avgdl
///     score(t) = idf(t) · (f + δ · norm) · (k1 + 1) / (f + (k1 + δ) · norm)    (f > 0; else 0)
///
/// N is the number of passages, df the passages containing t, f the occurrences of t in
/// the passage, dl the passage's length in tokens and avgdl the mean over all passages.
/// A phrase scores as one term whose idf is the sum of its words' and whose f is the
/// number of times the phrase occurs. With δ = 0 this is the textbook formula,
/// idf · f · (k1 + 1) / (f + k1 · norm); δ > 0 adds δ to the length-normalized frequency
/// f / norm of every term present, which lifts long passages holding a term once — what
/// textbook BM25 scores nearly as low as passages without it. The score stays below
/// idf · (k1 + 1), grows with f and falls with dl, as with δ = 0: the bounds pruning uses
/// hold unchanged.
public struct BM25: Sendable, Equatable {
    /// 1.8 since proximity pairs saturate at their own k1 (`QueryPlan.proximityK1`): with
    /// the pairs no longer repeating a topic, words gain from saturating later (Lucene's 1.2
    /// before; docs/QUALITY.md, round five).
    public var k1: Double
    public var b: Double
    /// BM25L's δ; 0 for textbook BM25. 0.5 was measured best on ../shared/eval (docs/QUALITY.md).
    public var delta: Double

    public init(k1: Double = 1.8, b: Double = 0.75, delta: Double = 0.5) {
        self.k1 = k1
        self.b = b
        self.delta = delta
    }

    public func validated() throws(JiansuoError) -> BM25 {
        guard k1 >= 0, k1.isFinite else { throw .invalidArgument("BM25 k1 must be a finite number ≥ 0, not \(k1)") }
        guard (0...1).contains(b) else { throw .invalidArgument("BM25 b must lie between 0 and 1, not \(b)") }
        guard delta >= 0, delta.isFinite else { throw .invalidArgument("BM25 delta must be a finite number ≥ 0, not \(delta)") }
        return self
    }

    static func idf(passageCount: Int, passageFrequency: Int) -> Double {
        let n = Double(passageCount), df = Double(passageFrequency)
        return log(1 + (n - df + 0.5) / (df + 0.5))
    }

    func termScore(idf: Double, frequency: Int, length: Int, averageLength: Double) -> Double {
        guard frequency > 0 else { return 0 }
        let f = Double(frequency)
        let norm = averageLength > 0 ? 1 - b + b * Double(length) / averageLength : 1
        // Written so that δ = 0 computes exactly the textbook expression.
        return idf * (f + delta * norm) * (k1 + 1) / (f + (k1 + delta) * norm)
    }
}
