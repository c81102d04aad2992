/// Reads little-endian integers and varints from a region of a mapped index file, checking
/// every read against the region's end. Bad data becomes `JiansuoError.corruptIndex`
/// naming the file, never an out-of-bounds read.
struct ByteReader {
    let bytes: UnsafeRawBufferPointer
    private(set) var offset: Int
    /// The file name for error messages.
    let file: String

    init(_ bytes: UnsafeRawBufferPointer, file: String, offset: Int = 0) {
        self.bytes = bytes
        self.file = file
        self.offset = offset
    }

    var isAtEnd: Bool { offset >= bytes.count }

    func corrupt(_ reason: String) -> JiansuoError {
        .corruptIndex(file: file, reason: reason)
    }

    mutating func seek(to position: Int) throws(JiansuoError) {
        guard position >= 0, position <= bytes.count else {
            throw corrupt("offset \(position) is outside its region of \(bytes.count) bytes")
        }
        offset = position
    }

    @inline(__always)
    mutating func read<Integer: FixedWidthInteger>(_ type: Integer.Type) throws(JiansuoError) -> Integer {
        let size = MemoryLayout<Integer>.size
        guard offset <= bytes.count - size else {
            throw corrupt("unexpected end of data at offset \(offset)")
        }
        let value = Integer(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: Integer.self))
        offset += size
        return value
    }

    @inline(__always)
    mutating func readVarint() throws(JiansuoError) -> UInt64 {
        var value: UInt64 = 0
        var shift: UInt64 = 0
        while offset < bytes.count {
            let byte = bytes[offset]
            offset += 1
            value |= UInt64(byte & 0x7F) << shift
            if byte < 0x80 { return value }
            shift += 7
            if shift > 63 { break }
        }
        throw corrupt("malformed varint at offset \(offset)")
    }

    /// A varint that must fit in an `Int` no larger than `limit`.
    @inline(__always)
    mutating func readVarint(atMost limit: Int) throws(JiansuoError) -> Int {
        let value = try readVarint()
        guard value <= UInt64(limit) else {
            throw corrupt("value \(value) exceeds its limit \(limit) at offset \(offset)")
        }
        return Int(value)
    }

    /// The next `count` bytes, which must lie inside the region.
    mutating func readBytes(_ count: Int) throws(JiansuoError) -> UnsafeRawBufferPointer {
        guard count >= 0, offset <= bytes.count - count else {
            throw corrupt("a \(count)-byte field runs past the end of its region at offset \(offset)")
        }
        let slice = UnsafeRawBufferPointer(rebasing: bytes[offset..<offset + count])
        offset += count
        return slice
    }
}
