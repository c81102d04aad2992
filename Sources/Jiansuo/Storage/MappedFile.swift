import Synchronization

/// A read-only, memory-mapped index file (`IndexStorage.map`) whose envelope (`IndexFile`)
/// has been validated.
/// Hands out regions of the body, verifying each 64 KiB chunk's checksum on first use.
// Unchecked: the mapping is immutable for the life of the object and the only mutable state,
// the verified-chunk bits, is behind a Mutex.
final class MappedFile: @unchecked Sendable {
    let path: String
    let kind: IndexFile.Kind
    let bodyLength: Int
    /// Keeps the bytes mapped while this file lives.
    private let mapping: FileMapping
    private let base: UnsafeRawPointer?
    /// The size of the whole file, envelope included.
    let fileLength: Int
    private let chunkChecksums: UnsafeRawBufferPointer
    /// One bit per chunk: set once its checksum has matched.
    private let verifiedChunks: Mutex<[UInt64]>

    init(path: String, kind: IndexFile.Kind, storage: any IndexStorage) throws(JiansuoError) {
        guard let mapping = try storage.map(path) else {
            throw .corruptIndex(file: path, reason: "the file is missing")
        }
        let file = mapping.bytes
        guard file.count >= IndexFile.headerSize + IndexFile.trailerSize else {
            throw .corruptIndex(file: path, reason: "truncated: \(file.count) bytes is shorter than an empty index file")
        }
        let layout = try Self.validateEnvelope(file, path: path, kind: kind)
        self.path = path
        self.kind = kind
        self.mapping = mapping
        self.base = file.baseAddress
        self.fileLength = file.count
        self.bodyLength = layout.bodyLength
        self.chunkChecksums = layout.chunkChecksums
        self.verifiedChunks = Mutex([UInt64](repeating: 0, count: (layout.chunkCount + 63) / 64))
    }

    private static func validateEnvelope(
        _ file: UnsafeRawBufferPointer, path: String, kind: IndexFile.Kind
    ) throws(JiansuoError) -> (bodyLength: Int, chunkCount: Int, chunkChecksums: UnsafeRawBufferPointer) {
        func corrupt(_ reason: String) -> JiansuoError { .corruptIndex(file: path, reason: reason) }
        guard Array(file[0..<4]) == IndexFile.magic else {
            throw corrupt("not a Jiansuo index file (bad magic number)")
        }
        guard Array(file[4..<8]) == Array(kind.rawValue.utf8) else {
            let found = String(decoding: file[4..<8], as: UTF8.self)
            throw corrupt("expected a \(kind.rawValue) file, found kind \(found)")
        }
        let version = file.loadUnaligned(fromByteOffset: 8, as: UInt32.self).littleEndian
        guard version == IndexFile.formatVersion else {
            throw .unsupportedFormatVersion(file: path, found: version, supported: IndexFile.formatVersion)
        }
        guard Array(file[(file.count - 4)...]) == IndexFile.footerMagic else {
            throw corrupt("truncated or overwritten: the footer is missing")
        }
        let trailerStart = file.count - IndexFile.trailerSize
        let bodyLength = file.loadUnaligned(fromByteOffset: trailerStart, as: UInt64.self).littleEndian
        let chunkCount = Int(file.loadUnaligned(fromByteOffset: trailerStart + 8, as: UInt32.self).littleEndian)
        let storedChecksum = file.loadUnaligned(fromByteOffset: trailerStart + 12, as: UInt32.self).littleEndian
        let expectedChunks = (bodyLength + UInt64(IndexFile.chunkSize) - 1) / UInt64(IndexFile.chunkSize)
        guard bodyLength <= UInt64(file.count), UInt64(chunkCount) == expectedChunks,
              IndexFile.headerSize + Int(bodyLength) + 4 * chunkCount + IndexFile.trailerSize == file.count
        else {
            throw corrupt("the footer's lengths do not match the file size of \(file.count) bytes (truncated?)")
        }
        let footerStart = IndexFile.headerSize + Int(bodyLength)
        let covered = Array(file[0..<IndexFile.headerSize]) + Array(file[footerStart..<trailerStart + 12])
        guard CRC32C.checksum(covered) == storedChecksum else {
            throw corrupt("footer checksum mismatch")
        }
        let checksums = UnsafeRawBufferPointer(rebasing: file[footerStart..<footerStart + 4 * chunkCount])
        return (Int(bodyLength), chunkCount, checksums)
    }

    /// The bytes of the body in `range`, after verifying the checksums of the chunks it spans.
    func region(_ range: Range<Int>) throws(JiansuoError) -> UnsafeRawBufferPointer {
        guard range.lowerBound >= 0, range.upperBound <= bodyLength, let base else {
            throw .corruptIndex(
                file: path, reason: "region \(range.lowerBound)..<\(range.upperBound) lies outside the body of \(bodyLength) bytes")
        }
        guard !range.isEmpty else { return UnsafeRawBufferPointer(start: base, count: 0) }
        let body = base + IndexFile.headerSize
        let firstChunk = range.lowerBound / IndexFile.chunkSize
        let lastChunk = (range.upperBound - 1) / IndexFile.chunkSize
        try verifiedChunks.withLock { (bits: inout [UInt64]) throws(JiansuoError) in
            for chunk in firstChunk...lastChunk where bits[chunk >> 6] & (1 << (chunk & 63)) == 0 {
                let start = chunk * IndexFile.chunkSize
                let end = min(bodyLength, start + IndexFile.chunkSize)
                let actual = CRC32C.checksum(UnsafeRawBufferPointer(start: body + start, count: end - start))
                let stored = chunkChecksums.loadUnaligned(fromByteOffset: 4 * chunk, as: UInt32.self).littleEndian
                guard actual == stored else {
                    throw JiansuoError.corruptIndex(
                        file: path, reason: "checksum mismatch in bytes \(start)..<\(end) of the body")
                }
                bits[chunk >> 6] |= 1 << (chunk & 63)
            }
        }
        return UnsafeRawBufferPointer(start: body + range.lowerBound, count: range.count)
    }

    /// The whole body, verified.
    func body() throws(JiansuoError) -> UnsafeRawBufferPointer {
        try region(0..<bodyLength)
    }

    /// Verifies every chunk, for `jiansuo check`.
    func verifyAll() throws(JiansuoError) {
        _ = try body()
    }
}
