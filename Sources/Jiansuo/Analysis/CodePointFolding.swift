#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CICU

/// Maps every code point to its search form: ICU's NFKC_Casefold (full-width → ASCII,
/// case folded, compatibility forms unfolded, default-ignorables such as U+200B dropped),
/// then Traditional → Simplified Han through `HanSimplification`.
///
/// The mapping is applied one code point at a time so that each output unit can point back
/// at the exact bytes it came from. That equals whole-string NFKC_Casefold except that
/// combining sequences are not recomposed — irrelevant for Chinese and identical at index
/// and query time, which is what matching needs.
///
/// Each BMP code point's form is asked of ICU the first time it is folded and kept. Building
/// the whole table up front (every BMP code point through ICU, 1 MB of buffers) was a tenth of
/// a command-line search (docs/BENCHMARKS.md), for the few hundred characters a query and
/// its hits hold. The cache makes a folding object mutable: one per thread, like the
/// `Analyzer` that owns it.
final class CodePointFolding {
    /// Per BMP code point: `unknown` (not yet asked), `identity`, or the folded form as
    /// `known | offset << 5 | count` in `pool`. Zeroed memory is all `unknown`, so only the
    /// pages of the scripts a text uses are ever touched.
    private let basicPlane: UnsafeMutablePointer<UInt32>
    // The cache is this object's alone and filled by one call at a time (one thread): not
    // checked for exclusive access on every character.
    @exclusivity(unchecked) private var pool: [UInt16] = []
    @exclusivity(unchecked) private var scratch = [UInt16](repeating: 0, count: 32)
    private static let unknown: UInt32 = 0
    private static let identity = UInt32.max
    private static let known: UInt32 = 1 << 31

    init() throws(JiansuoError) {
        guard let table = calloc(0x10000, MemoryLayout<UInt32>.stride) else {
            throw .icu(operation: "loading NFKC_Casefold data", detail: "out of memory")
        }
        basicPlane = table.bindMemory(to: UInt32.self, capacity: 0x10000)
        // One code point through ICU now, so that missing normalization data is an error
        // here rather than silently unfolded text later.
        guard normalize([0xFF21]) == [0x61] else {  // Ａ → a
            free(basicPlane)
            throw .icu(operation: "loading NFKC_Casefold data", detail: "normalization failed")
        }
    }

    deinit {
        free(basicPlane)
    }

    /// Appends the folded form of `scalar` to `output`.
    @inline(__always)
    func fold(_ scalar: UInt32, into output: inout [UInt16]) {
        if scalar < 0x80 {
            let isUpper = scalar >= 0x41 && scalar <= 0x5A
            output.append(UInt16(isUpper ? scalar + 0x20 : scalar))
        } else if scalar < 0x10000 {
            var entry = basicPlane[Int(scalar)]
            if entry == Self.unknown { entry = learn(scalar) }
            if entry == Self.identity {
                output.append(UInt16(scalar))
            } else {
                let start = Int((entry & ~Self.known) >> 5)
                output.append(contentsOf: pool[start..<start + Int(entry & 31)])
            }
        } else {
            foldSupplementary(scalar, into: &output)
        }
    }

    /// Asks ICU for the form of the BMP code point `scalar`, simplified, and records it.
    @inline(never)
    private func learn(_ scalar: UInt32) -> UInt32 {
        let simplified = HanSimplification.table
        var entry = Self.identity
        // A surrogate code point is no character; it stays itself (as do forms ICU fails on).
        if !(0xD800...0xDFFF).contains(scalar), let folded = normalize([UInt16(scalar)]) {
            let isIdentity = folded.count == 1 && simplified[Int(folded[0])] == UInt16(scalar)
            if !isIdentity && folded.count < 32 {
                entry = Self.known | UInt32(pool.count) << 5 | UInt32(folded.count)
                for unit in folded { pool.append(simplified[Int(unit)]) }
            }
        }
        basicPlane[Int(scalar)] = entry
        return entry
    }

    /// NFKC_Casefold of `units` by ICU, or `nil` if ICU fails or the form exceeds 32 units.
    private func normalize(_ units: [UInt16]) -> [UInt16]? {
        let length = units.withUnsafeBufferPointer { input in
            scratch.withUnsafeMutableBufferPointer { output in
                cicu_nfkc_casefold(input.baseAddress, Int32(input.count), output.baseAddress, Int32(output.count))
            }
        }
        guard length >= 0, Int(length) <= scratch.count else { return nil }
        return Array(scratch[0..<Int(length)])
    }

    /// Rare (CJK extensions, emoji): asks ICU each time instead of keeping a table.
    private func foldSupplementary(_ scalar: UInt32, into output: inout [UInt16]) {
        let value = scalar - 0x10000
        let pair: [UInt16] = [UInt16(0xD800 + (value >> 10)), UInt16(0xDC00 + (value & 0x3FF))]
        output.append(contentsOf: normalize(pair) ?? pair)
    }
}
