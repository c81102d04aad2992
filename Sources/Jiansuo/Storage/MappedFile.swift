/// A read-only, memory-mapped index file (`IndexStorage.map`) whose envelope (`IndexFile`)
/// has been validated: header, footer and the footer's checksum, a cost independent of the
/// file's size.
///
/// Reads hand out bounds-checked regions of the body without verifying its chunk checksums:
/// a query touching a long posting list in a new process would otherwise checksum every
/// 64 KiB of it, a quarter of a search's time on 1 GB. The chunks are verified where a
/// flipped bit could spread or be missed — `jiansuo check` (`verifyAll`), every merge
/// before it copies a segment's contents into a new one with fresh checksums, and small
/// files read whole (`verifiedBody`: manifest, deletion files) — as Lucene verifies large
/// files in CheckIndex and merges, not on open. Every count, offset and id read from a body
/// is still checked against the sizes it must fit, so damage a query reads gives a wrong
/// answer or an error naming the file, never a crash or a read out of bounds.
// Unchecked: the pointers are into a mapping that is immutable for the life of the object.
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

    /// The bytes of the body in `range`, bounds-checked, not verified (see the type).
    @inline(__always)
    func region(_ range: Range<Int>) throws(JiansuoError) -> UnsafeRawBufferPointer {
        guard range.lowerBound >= 0, range.upperBound <= bodyLength, let base else {
            throw .corruptIndex(
                file: path, reason: "region \(range.lowerBound)..<\(range.upperBound) lies outside the body of \(bodyLength) bytes")
        }
        return UnsafeRawBufferPointer(start: base + IndexFile.headerSize + range.lowerBound, count: range.count)
    }

    /// The whole body, every chunk verified: for small files read whole.
    func verifiedBody() throws(JiansuoError) -> UnsafeRawBufferPointer {
        try verifyAll()
        return try region(0..<bodyLength)
    }

    /// Verifies every chunk of the body against its checksum.
    func verifyAll() throws(JiansuoError) {
        guard let base else { return }
        let body = base + IndexFile.headerSize
        var start = 0
        for chunk in 0..<chunkChecksums.count / 4 {
            let end = min(bodyLength, start + IndexFile.chunkSize)
            let actual = CRC32C.checksum(UnsafeRawBufferPointer(start: body + start, count: end - start))
            let stored = chunkChecksums.loadUnaligned(fromByteOffset: 4 * chunk, as: UInt32.self).littleEndian
            guard actual == stored else {
                throw .corruptIndex(file: path, reason: "checksum mismatch in bytes \(start)..<\(end) of the body")
            }
            start = end
        }
    }
}
