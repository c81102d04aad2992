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
        guard width > 0 else {
            output.update(repeating: 0)
            return
        }
        let mask = width == 32 ? UInt64(UInt32.max) : (UInt64(1) << UInt64(width)) - 1
        // Whole 8-byte loads while they stay inside the packed bytes; bytes one at a time
        // for the last few values, so nothing past the run is ever read.
        let safeEnd = bytes.count - 8
        var bit = 0
        for index in 0..<output.count {
            let byte = bit >> 3
            let word: UInt64
            if byte <= safeEnd {
                word = UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: byte, as: UInt64.self))
            } else {
                var assembled: UInt64 = 0
                for offset in 0..<min(8, bytes.count - byte) {
                    assembled |= UInt64(bytes[byte + offset]) << UInt64(8 * offset)
                }
                word = assembled
            }
            output[index] = UInt32(truncatingIfNeeded: (word >> UInt64(bit & 7)) & mask)
            bit += width
        }
    }
}
