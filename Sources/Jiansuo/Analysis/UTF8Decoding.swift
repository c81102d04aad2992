/// Fast decoding of text already validated as UTF-8.
enum UTF8Decoding {
    /// The scalar starting at `offset` and its width in bytes. `bytes` must be valid UTF-8
    /// and `offset` the start of a scalar; a truncated sequence yields U+FFFD, never a trap.
    @inline(__always)
    static func scalar(in bytes: UnsafeBufferPointer<UInt8>, at offset: Int) -> (UInt32, Int) {
        let lead = UInt32(bytes[offset])
        if lead < 0x80 { return (lead, 1) }
        let width = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2
        guard offset + width <= bytes.count else { return (0xFFFD, bytes.count - offset) }
        var value = lead & (0x7F >> UInt32(width))
        for index in 1..<width {
            value = value << 6 | (UInt32(bytes[offset + index]) & 0x3F)
        }
        return (value, width)
    }
}
