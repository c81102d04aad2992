/// Frame-of-reference bit packing: a run of unsigned values stored with one bit width for
/// the whole run, value `i` occupying bits `i·width ..< (i+1)·width` of the packed bytes,
/// least significant bit first. A run of `count` values takes `(count·width + 7) / 8` bytes.
enum BitPacking {
    /// The widest value a run may hold: positions and passage ids are 32-bit.
    static let maximumWidth = 32

    /// Bits needed for the largest of `values` (0 when all are 0).
    static func width(of values: UnsafeBufferPointer<UInt32>) -> Int {
        var combined: UInt32 = 0
        for value in values { combined |= value }
        return UInt32.bitWidth - combined.leadingZeroBitCount
    }

    static func byteCount(count: Int, width: Int) -> Int {
        (count * width + 7) / 8
    }

    /// Appends `values`, each of which must fit in `width` bits.
    static func pack(_ values: UnsafeBufferPointer<UInt32>, width: Int, into writer: inout ByteWriter) {
        guard width > 0 else { return }
        var buffer: UInt64 = 0
        var filled = 0
        for value in values {
            buffer |= UInt64(value) << UInt64(filled)
            filled += width
            while filled >= 8 {
                writer.append(UInt8(truncatingIfNeeded: buffer))
                buffer >>= 8
                filled -= 8
            }
        }
        if filled > 0 { writer.append(UInt8(truncatingIfNeeded: buffer)) }
    }

    /// Reads `output.count` values of `width` bits from `bytes`, which the caller has checked
    /// holds at least `byteCount(count: output.count, width: width)` bytes.
    @inline(__always)
    static func unpack(_ bytes: UnsafeRawBufferPointer, width: Int, into output: UnsafeMutableBufferPointer<UInt32>) {
        guard width > 0, let base = bytes.baseAddress, let out = output.baseAddress else {
            output.update(repeating: 0)
            return
        }
        // Whole 8-byte loads for the values whose load stays inside the packed bytes (value i
        // starts in byte i·width / 8); for the last few, only the bytes their bits are in, so
        // nothing past the run is ever read.
        let fast = bytes.count < 8 ? 0 : min(output.count, (8 * (bytes.count - 8) + 7) / width + 1)
        // One loop per width, each with its width a constant: the shifts and the mask fold
        // into the loop (unpacking was a sixth of a phrase's time with the width a variable).
        switch width {
        case 1: unpackWords(base, width: 1, count: fast, into: out)
        case 2: unpackWords(base, width: 2, count: fast, into: out)
        case 3: unpackWords(base, width: 3, count: fast, into: out)
        case 4: unpackWords(base, width: 4, count: fast, into: out)
        case 5: unpackWords(base, width: 5, count: fast, into: out)
        case 6: unpackWords(base, width: 6, count: fast, into: out)
        case 7: unpackWords(base, width: 7, count: fast, into: out)
        case 8: unpackWords(base, width: 8, count: fast, into: out)
        case 9: unpackWords(base, width: 9, count: fast, into: out)
        case 10: unpackWords(base, width: 10, count: fast, into: out)
        case 11: unpackWords(base, width: 11, count: fast, into: out)
        case 12: unpackWords(base, width: 12, count: fast, into: out)
        case 13: unpackWords(base, width: 13, count: fast, into: out)
        case 14: unpackWords(base, width: 14, count: fast, into: out)
        case 15: unpackWords(base, width: 15, count: fast, into: out)
        case 16: unpackWords(base, width: 16, count: fast, into: out)
        case 17: unpackWords(base, width: 17, count: fast, into: out)
        case 18: unpackWords(base, width: 18, count: fast, into: out)
        case 19: unpackWords(base, width: 19, count: fast, into: out)
        case 20: unpackWords(base, width: 20, count: fast, into: out)
        case 21: unpackWords(base, width: 21, count: fast, into: out)
        case 22: unpackWords(base, width: 22, count: fast, into: out)
        case 23: unpackWords(base, width: 23, count: fast, into: out)
        case 24: unpackWords(base, width: 24, count: fast, into: out)
        case 25: unpackWords(base, width: 25, count: fast, into: out)
        case 26: unpackWords(base, width: 26, count: fast, into: out)
        case 27: unpackWords(base, width: 27, count: fast, into: out)
        case 28: unpackWords(base, width: 28, count: fast, into: out)
        case 29: unpackWords(base, width: 29, count: fast, into: out)
        case 30: unpackWords(base, width: 30, count: fast, into: out)
        case 31: unpackWords(base, width: 31, count: fast, into: out)
        case 32: unpackWords(base, width: 32, count: fast, into: out)
        default: preconditionFailure("bit width \(width) is not in 1…32")
        }
        var bit = fast * width
        for index in fast..<output.count {
            let byte = bit >> 3
            var word: UInt64 = 0
            for offset in 0..<((bit & 7) + width + 7) / 8 {
                word |= UInt64(bytes[byte + offset]) << UInt64(8 * offset)
            }
            output[index] = UInt32(truncatingIfNeeded: (word >> UInt64(bit & 7)) & mask(width))
            bit += width
        }
    }

    @inline(__always)
    private static func mask(_ width: Int) -> UInt64 {
        width == 32 ? UInt64(UInt32.max) : (UInt64(1) << UInt64(width)) - 1
    }

    /// The first `count` values, each read with one 8-byte load (the caller has checked that
    /// each load stays inside the packed bytes).
    @inline(__always)
    private static func unpackWords(
        _ base: UnsafeRawPointer, width: Int, count: Int, into output: UnsafeMutablePointer<UInt32>
    ) {
        var bit = 0
        for index in 0..<count {
            let word = UInt64(littleEndian: base.loadUnaligned(fromByteOffset: bit >> 3, as: UInt64.self))
            output[index] = UInt32(truncatingIfNeeded: (word >> UInt64(bit & 7)) & mask(width))
            bit += width
        }
    }
}
