import CICU

/// Maps every code point to its search form: ICU's NFKC_Casefold (full-width → ASCII,
/// case folded, compatibility forms unfolded, default-ignorables such as U+200B dropped),
/// then Traditional → Simplified Han through `HanSimplification`.
///
/// The mapping is applied one code point at a time so that each output unit can point back
/// at the exact bytes it came from. That equals whole-string NFKC_Casefold except that
/// combining sequences are not recomposed — irrelevant for Chinese and identical at index
/// and query time, which is what matching needs.
struct CodePointFolding: Sendable {
    /// Per BMP code point: `identity`, or the folded form as `offset << 5 | count` in `pool`.
    private let basicPlane: [UInt32]
    private let pool: [UInt16]
    private static let identity = UInt32.max

    static let shared: Result<CodePointFolding, JiansuoError> = Result { () throws(JiansuoError) in try CodePointFolding() }

    private init() throws(JiansuoError) {
        // Normalize every BMP code point in one ICU call, each followed by U+0000, which
        // neither composes with its neighbours nor appears in any normalized output.
        var source: [UInt16] = []
        source.reserveCapacity(2 * 0x10000)
        for unit in 1...0xFFFF where !(0xD800...0xDFFF).contains(unit) {
            source.append(UInt16(unit))
            source.append(0)
        }
        var folded = [UInt16](repeating: 0, count: 3 * source.count)
        let length = source.withUnsafeBufferPointer { input in
            folded.withUnsafeMutableBufferPointer { output in
                cicu_nfkc_casefold(input.baseAddress, Int32(input.count), output.baseAddress, Int32(output.count))
            }
        }
        guard length >= 0, Int(length) <= folded.count else {
            throw .icu(operation: "loading NFKC_Casefold data", detail: "normalization failed")
        }
        // Walk the output in place: splitting it into 63,000 arrays cost three quarters of
        // every process's start-up (70 M instructions), which `jiansuo search` pays each run.
        var table = [UInt32](repeating: Self.identity, count: 0x10000)
        var pool: [UInt16] = []
        var position = 0
        let end = Int(length)
        for unit in 1...0xFFFF where !(0xD800...0xDFFF).contains(unit) {
            let start = position
            while position < end && folded[position] != 0 { position += 1 }
            guard position < end else {
                throw .icu(operation: "loading NFKC_Casefold data", detail: "unexpected output length")
            }
            let count = position - start
            position += 1  // the U+0000 separator
            if count == 1 && HanSimplification.simplified(folded[start]) == UInt16(unit) { continue }
            table[unit] = UInt32(pool.count) << 5 | UInt32(count)
            for index in start..<start + count {
                pool.append(HanSimplification.simplified(folded[index]))
            }
        }
        self.basicPlane = table
        self.pool = pool
    }

    /// Appends the folded form of `scalar` to `output`.
    @inline(__always)
    func fold(_ scalar: UInt32, into output: inout [UInt16]) {
        if scalar < 0x80 {
            let isUpper = scalar >= 0x41 && scalar <= 0x5A
            output.append(UInt16(isUpper ? scalar + 0x20 : scalar))
        } else if scalar < 0x10000 {
            let entry = basicPlane[Int(scalar)]
            if entry == Self.identity {
                output.append(UInt16(scalar))
            } else {
                let start = Int(entry >> 5)
                output.append(contentsOf: pool[start..<start + Int(entry & 31)])
            }
        } else {
            foldSupplementary(scalar, into: &output)
        }
    }

    /// Rare (CJK extensions, emoji): asks ICU each time instead of keeping a table.
    private func foldSupplementary(_ scalar: UInt32, into output: inout [UInt16]) {
        let value = scalar - 0x10000
        let pair: [UInt16] = [UInt16(0xD800 + (value >> 10)), UInt16(0xDC00 + (value & 0x3FF))]
        var result = [UInt16](repeating: 0, count: 32)
        let length = pair.withUnsafeBufferPointer { input in
            result.withUnsafeMutableBufferPointer { buffer in
                cicu_nfkc_casefold(input.baseAddress, 2, buffer.baseAddress, Int32(buffer.count))
            }
        }
        if length >= 0 && Int(length) <= result.count {
            output.append(contentsOf: result[0..<Int(length)])
        } else {
            output.append(contentsOf: pair)
        }
    }
}
