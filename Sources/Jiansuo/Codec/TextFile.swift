import Dispatch
import Synchronization

/// `NAME.text` (kind TEXT) — the documents' UTF-8 text, back to back in document order, cut
/// into blocks of `blockSize` bytes (the last may be shorter) each compressed alone with
/// zstd; each document's entry (`DocumentsFile`) gives its range in the uncompressed text:
///
///     textLength u64                   bytes of uncompressed text
///     blockSize u32                    uncompressed bytes per block
///     blockCount u32                   ⌈textLength / blockSize⌉
///     (blockCount + 1) × u64           where each compressed block starts in the data, and
///                                      the data's length last (increasing)
///     data                             the blocks, each a zstd frame
///
/// A passage, snippet or document view decompresses only the blocks its range touches; the
/// reader keeps the blocks it read last (`BlockCache`), since reads cluster: a document's
/// passages, a merge, the checker, and a server's hits, pages and views of the same few
/// documents. Format 7 compressed the text (before: raw bytes).
enum TextFile {
    /// 64 KiB: a third of the text's size on the reports (16 KiB: a half), and one block
    /// decompresses in a few tens of microseconds.
    static let blockSize = 1 << 16
    /// textLength, blockSize, blockCount.
    static let headerSize = 16

    /// The file's body for `text`, its blocks compressed on `threads` threads: compression
    /// is most of the work of writing a segment.
    static func encode(_ text: [UInt8], threads: Int) -> [UInt8] {
        let blockCount = (text.count + blockSize - 1) / blockSize
        let next = Atomic<Int>(0)
        let compressed = Mutex([[UInt8]](repeating: [], count: blockCount))
        DispatchQueue.concurrentPerform(iterations: max(1, min(threads, blockCount))) { _ in
            while case let block = next.wrappingAdd(1, ordering: .relaxed).oldValue, block < blockCount {
                let bytes = text.withUnsafeBytes { raw in
                    Zstd.compress(UnsafeRawBufferPointer(rebasing: raw[block * blockSize..<min(raw.count, (block + 1) * blockSize)]))
                }
                compressed.withLock { $0[block] = bytes }
            }
        }
        var blocks = compressed.withLock { (blocks: inout [[UInt8]]) in
            defer { blocks = [] }
            return blocks
        }
        var body = ByteWriter()
        body.reserveCapacity(headerSize + 8 * (blockCount + 1) + blocks.reduce(0) { $0 + $1.count })
        body.append(UInt64(text.count))
        body.append(UInt32(blockSize))
        body.append(UInt32(blockCount))
        var offset: UInt64 = 0
        for block in blocks {
            body.append(offset)
            offset += UInt64(block.count)
        }
        body.append(offset)
        // Each block is released once copied, so the compressed text is held once, not twice.
        for index in blocks.indices {
            body.append(contentsOf: blocks[index])
            blocks[index] = []
        }
        return body.bytes
    }

    // Unchecked: the cache is behind a Mutex; the rest is immutable.
    final class Reader: @unchecked Sendable {
        let file: MappedFile
        /// Bytes of uncompressed text.
        let length: Int
        private let blockSize: Int
        private let blockCount: Int
        private let offsets: UnsafeRawBufferPointer
        private let data: UnsafeRawBufferPointer
        private let cache = Mutex(BlockCache())

        /// Checks the header and that the offset table fits; each block's offsets are checked
        /// when it is read.
        init(file: MappedFile) throws(JiansuoError) {
            var reader = ByteReader(try file.region(0..<min(headerSize, file.bodyLength)), file: file.path)
            let length = try reader.read(UInt64.self)
            let blockSize = Int(try reader.read(UInt32.self)), blockCount = Int(try reader.read(UInt32.self))
            guard blockSize > 0, length <= UInt64(blockCount) * UInt64(blockSize),
                  blockCount == 0 || length > UInt64(blockCount - 1) * UInt64(blockSize),
                  headerSize + 8 * (blockCount + 1) <= file.bodyLength
            else {
                throw reader.corrupt("a text of \(length) bytes cannot be \(blockCount) blocks of \(blockSize) in \(file.bodyLength) bytes")
            }
            let tableEnd = headerSize + 8 * (blockCount + 1)
            self.file = file
            self.length = Int(length)
            self.blockSize = blockSize
            self.blockCount = blockCount
            self.offsets = try file.region(headerSize..<tableEnd)
            self.data = try file.region(tableEnd..<file.bodyLength)
        }

        /// The UTF-8 bytes of `range` within a document's text.
        func bytes(of document: StoredDocument, range: Range<Int>) throws(JiansuoError) -> [UInt8] {
            guard range.lowerBound >= 0, range.upperBound <= document.text.count else {
                throw .corruptIndex(
                    file: file.path, reason: "byte range \(range) lies outside a document of \(document.text.count) bytes")
            }
            let start = document.text.lowerBound + range.lowerBound, end = document.text.lowerBound + range.upperBound
            guard end <= length else {
                throw .corruptIndex(file: file.path, reason: "byte range \(start)..<\(end) lies outside a text of \(length) bytes")
            }
            guard start < end else { return [] }
            var result: [UInt8] = []
            result.reserveCapacity(end - start)
            for block in start / blockSize...(end - 1) / blockSize {
                let blockStart = block * blockSize
                let bytes = try self.block(block)
                result.append(contentsOf: bytes[max(start, blockStart) - blockStart..<min(end, blockStart + bytes.count) - blockStart])
            }
            return result
        }

        /// Block `index`, decompressed (or the cached copy).
        private func block(_ index: Int) throws(JiansuoError) -> [UInt8] {
            if let cached = cache.withLock({ $0.bytes(of: index) }) { return cached }
            let from = UInt64(littleEndian: offsets.loadUnaligned(fromByteOffset: 8 * index, as: UInt64.self))
            let to = UInt64(littleEndian: offsets.loadUnaligned(fromByteOffset: 8 * (index + 1), as: UInt64.self))
            guard from <= to, to <= UInt64(data.count) else {
                throw .corruptIndex(file: file.path, reason: "text block \(index) lies outside the data (\(from)..<\(to) of \(data.count) bytes)")
            }
            let count = min(blockSize, length - index * blockSize)
            var bytes = [UInt8](repeating: 0, count: count)
            // The closure cannot throw a typed error through `withUnsafeMutableBytes`.
            let failure = bytes.withUnsafeMutableBytes { out in
                Zstd.decompress(UnsafeRawBufferPointer(rebasing: data[Int(from)..<Int(to)]), into: out)
            }
            if let failure {
                throw .corruptIndex(file: file.path, reason: "text block \(index) does not decompress: \(failure)")
            }
            cache.withLock { $0.keep(bytes, of: index) }
            return bytes
        }
    }

    /// The last `capacity` blocks read, least recently used first out: 16 blocks of 64 KiB,
    /// 1 MiB a segment at most. Decompressing a block costs tens of microseconds, which
    /// was a third of an uncached server's CPU (docs/BENCHMARKS.md).
    struct BlockCache {
        static let capacity = 16
        /// Most recently used last; a few entries, so a linear search.
        private var entries: [(block: Int, bytes: [UInt8])] = []

        mutating func bytes(of block: Int) -> [UInt8]? {
            guard let index = entries.lastIndex(where: { $0.block == block }) else { return nil }
            let entry = entries.remove(at: index)
            entries.append(entry)
            return entry.bytes
        }

        mutating func keep(_ bytes: [UInt8], of block: Int) {
            entries.removeAll { $0.block == block }
            if entries.count == Self.capacity { entries.removeFirst() }
            entries.append((block, bytes))
        }
    }
}
