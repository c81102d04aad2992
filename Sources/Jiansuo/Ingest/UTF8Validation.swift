/// Strict UTF-8 validation (no overlongs, surrogates or code points past U+10FFFF), so a
/// file in another encoding is refused instead of indexed as garbage.
public enum UTF8Validation {
    /// The offset of the first byte that is not part of valid UTF-8, or `nil` if all is valid.
    public static func firstInvalidOffset(in bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        var index = 0
        let count = bytes.count
        while index < count {
            let lead = bytes[index]
            if lead < 0x80 {
                index += 1
                continue
            }
            let width: Int
            var lowest: UInt8 = 0x80, highest: UInt8 = 0xBF  // allowed range of the second byte
            switch lead {
            case 0xC2...0xDF: width = 2
            case 0xE0: width = 3; lowest = 0xA0
            case 0xE1...0xEC, 0xEE...0xEF: width = 3
            case 0xED: width = 3; highest = 0x9F
            case 0xF0: width = 4; lowest = 0x90
            case 0xF1...0xF3: width = 4
            case 0xF4: width = 4; highest = 0x8F
            default: return index
            }
            guard index + width <= count else { return index }
            guard bytes[index + 1] >= lowest, bytes[index + 1] <= highest else { return index }
            for continuation in 2..<width where bytes[index + continuation] & 0xC0 != 0x80 {
                return index
            }
            index += width
        }
        return nil
    }
}
