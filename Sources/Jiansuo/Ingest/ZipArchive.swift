import CSystemZlib

/// Reads named entries of a ZIP archive held in memory: just what opening a .docx takes
/// (stored and deflated entries, no ZIP64, no encryption). Every offset and size read from
/// the archive is checked, and unpacked sizes are capped, so a damaged or hostile file is an
/// error, never a crash or an exhausted memory.
struct ZipArchive {
    struct Entry {
        var method: UInt16
        var crc: UInt32
        var compressedSize: Int
        var uncompressedSize: Int
        var localHeaderOffset: Int
    }

    enum Failure: Error, CustomStringConvertible {
        case notAnArchive(String)
        case unsupported(String)
        case damaged(String)

        var description: String {
            switch self {
            case .notAnArchive(let reason), .unsupported(let reason), .damaged(let reason): reason
            }
        }
    }

    private let bytes: [UInt8]
    private(set) var entries: [String: Entry] = [:]

    init(_ bytes: [UInt8]) throws(Failure) {
        self.bytes = bytes
        let end = try Self.endOfCentralDirectory(in: bytes)
        let count = Int(Self.uint16(bytes, end + 10))
        var offset = Int(Self.uint32(bytes, end + 16))
        for _ in 0..<count {
            guard offset + 46 <= bytes.count, Self.uint32(bytes, offset) == 0x0201_4B50 else {
                throw .damaged("its central directory is damaged")
            }
            let nameLength = Int(Self.uint16(bytes, offset + 28))
            let extraLength = Int(Self.uint16(bytes, offset + 30)), commentLength = Int(Self.uint16(bytes, offset + 32))
            guard offset + 46 + nameLength <= bytes.count else { throw .damaged("an entry name runs past the end") }
            let name = String(decoding: bytes[offset + 46..<offset + 46 + nameLength], as: UTF8.self)
            let entry = Entry(
                method: Self.uint16(bytes, offset + 10), crc: Self.uint32(bytes, offset + 16),
                compressedSize: Int(Self.uint32(bytes, offset + 20)), uncompressedSize: Int(Self.uint32(bytes, offset + 24)),
                localHeaderOffset: Int(Self.uint32(bytes, offset + 42)))
            if entry.compressedSize == 0xFFFF_FFFF || entry.localHeaderOffset == 0xFFFF_FFFF {
                throw .unsupported("ZIP64 archives are not supported")
            }
            entries[name] = entry
            offset += 46 + nameLength + extraLength + commentLength
        }
    }

    /// The unpacked bytes of entry `name`, `nil` if there is none.
    func contents(of name: String, limit: Int) throws(Failure) -> [UInt8]? {
        guard let entry = entries[name] else { return nil }
        guard entry.uncompressedSize <= limit else {
            throw .unsupported("\(name) would unpack to \(entry.uncompressedSize) bytes, over the limit of \(limit)")
        }
        let header = entry.localHeaderOffset
        guard header + 30 <= bytes.count, Self.uint32(bytes, header) == 0x0403_4B50 else {
            throw .damaged("the local header of \(name) is damaged")
        }
        let start = header + 30 + Int(Self.uint16(bytes, header + 26)) + Int(Self.uint16(bytes, header + 28))
        guard start <= bytes.count, entry.compressedSize <= bytes.count - start else {
            throw .damaged("the data of \(name) runs past the end of the archive")
        }
        let data = Array(bytes[start..<start + entry.compressedSize])
        let unpacked: [UInt8]
        switch entry.method {
        case 0: unpacked = data
        case 8: unpacked = try Self.inflate(data, expected: entry.uncompressedSize, name: name)
        default: throw .unsupported("\(name) uses compression method \(entry.method), which is not supported")
        }
        guard unpacked.count == entry.uncompressedSize, Self.crc32(unpacked) == entry.crc else {
            throw .damaged("\(name) fails its checksum")
        }
        return unpacked
    }

    private static func endOfCentralDirectory(in bytes: [UInt8]) throws(Failure) -> Int {
        guard bytes.count >= 22 else { throw .notAnArchive("it is too short to be a ZIP archive") }
        // The record is 22 bytes plus a comment of at most 65,535.
        let lowest = max(0, bytes.count - 22 - 0xFFFF)
        var offset = bytes.count - 22
        while offset >= lowest {
            if uint32(bytes, offset) == 0x0605_4B50 { return offset }
            offset -= 1
        }
        throw .notAnArchive("it is not a ZIP archive (no end-of-central-directory record)")
    }

    private static func inflate(_ data: [UInt8], expected: Int, name: String) throws(Failure) -> [UInt8] {
        var output = [UInt8](repeating: 0, count: expected)
        var stream = z_stream()
        guard czlib_inflate_init_raw(&stream) == Z_OK else { throw .damaged("zlib could not start") }
        defer { inflateEnd(&stream) }
        var input = data
        let status: Int32 = input.withUnsafeMutableBufferPointer { source in
            output.withUnsafeMutableBufferPointer { target in
                stream.next_in = source.baseAddress
                stream.avail_in = UInt32(source.count)
                stream.next_out = target.baseAddress
                stream.avail_out = UInt32(target.count)
                return CSystemZlib.inflate(&stream, Z_FINISH)
            }
        }
        // Z_BUF_ERROR here means the data would unpack to more than the header declared.
        guard status == Z_STREAM_END, Int(stream.total_out) == expected else {
            throw .damaged("\(name) does not unpack to its declared size")
        }
        return output
    }

    private static func crc32(_ bytes: [UInt8]) -> UInt32 {
        bytes.withUnsafeBufferPointer { buffer in
            UInt32(CSystemZlib.crc32(0, buffer.baseAddress, UInt32(buffer.count)))
        }
    }

    private static func uint16(_ bytes: [UInt8], _ offset: Int) -> UInt16 {
        guard offset >= 0, offset + 2 <= bytes.count else { return 0 }
        return UInt16(bytes[offset]) | UInt16(bytes[offset + 1]) << 8
    }

    private static func uint32(_ bytes: [UInt8], _ offset: Int) -> UInt32 {
        guard offset >= 0, offset + 4 <= bytes.count else { return 0 }
        return UInt32(uint16(bytes, offset)) | UInt32(uint16(bytes, offset + 2)) << 16
    }
}
