/// `NAME.postings` (kind POST) — per term, its passages in increasing order with their
/// frequencies, in blocks of `PostingsFile.blockSize` (128) postings (the last block holds
/// the remaining 1…128); the term's dictionary entry (`TermsFile`) gives its byte range.
/// With B blocks:
///
///     if B > 1, the skip data:
///         varint skipLength (bytes of the entries that follow)
///         B × { varint lastPassage − previous entry's lastPassage (the first: lastPassage),
///               varint blockLength        bytes of the block below
///               varint positionsLength    bytes of the block's positions in NAME.positions
///               varint maxFrequency       the largest frequency in the block
///               varint minLength }        the fewest tokens of a passage in the block
///     B blocks, back to back:
///         full (128 postings):  the 128 values (passage − previous passage − 1), then the
///                               128 values (frequency − 1), each run in patched frame of
///                               reference: width u8 (≤ 32), exceptionCount u8, 128 × the
///                               value's low `width` bits (`BitPacking`), then per exception
///                               index u8 (< 128) and varint (value >> width) (> 0)
///         partial (< 128):      per posting varint ((passage − previous passage − 1) << 1
///                               | 1 if frequency is 1), then, if frequency > 1, varint
///                               (frequency − 2)
///     where "previous passage" runs across blocks and is −1 before the first posting.
///
/// A single-block term has no skip data: its dictionary entry gives the block's last
/// passage and bounds. Block offsets are the sums of the lengths before them, for ids as
/// for positions. maxFrequency and minLength bound any BM25 score in the block from above
/// (the score rises with frequency and falls with length) for any k1 and b, which is what
/// lets top-k search skip blocks (`PostingsCursor`).
///
/// `NAME.positions` (kind POSI) — per term, per posting in order, `frequency` varints:
/// position − previous position (the first: the position itself). A block's positions are
/// contiguous, so they are read only for postings that need them.
///
/// Written by `PostingsEncoder` (below), read by `PostingsCursor`.
enum PostingsFile {
    static let blockSize = 128
}

/// Turns a term's in-memory postings (the `SegmentBuilder` stream of varints) into the
/// blocks of `NAME.postings` and `NAME.positions` (`PostingsFile`). One encoder serves
/// every term of a segment, reusing its scratch arrays.
struct PostingsEncoder {
    static let blockSize = PostingsFile.blockSize

    /// Where one term's encoded postings went, and the bounds the dictionary records.
    struct Summary {
        var postings: Range<Int>
        var positions: Range<Int>
        var passageFrequency: Int
        var lastPassage: UInt32
        var maxFrequency: UInt32
        var minLength: UInt32
    }

    private(set) var postings = ByteWriter()
    private(set) var positions = ByteWriter()
    private var passages: [UInt32] = []
    private var frequencies: [UInt32] = []
    /// The term's position gaps, gathered from the builder's stream as it is parsed (the
    /// positions file keeps the builder's varint encoding), and per posting where its gaps
    /// end in them: a block's positions are then copied in one piece.
    private var termPositions: [UInt8] = []
    private var positionEnds: [Int] = []
    private var skip = ByteWriter()
    private var blocks = ByteWriter()
    private var packed: [UInt32] = []

    /// Encodes one term. `stream` is well formed (the builder wrote it), so it is read
    /// without checks; `passageLengths` gives each passage's length in tokens.
    mutating func encode(stream: [UInt8], passageLengths: [UInt32]) -> Summary {
        parse(stream)
        let postingsStart = postings.count, positionsStart = positions.count
        let count = passages.count
        let blockCount = (count + Self.blockSize - 1) / Self.blockSize
        skip.removeAll()
        blocks.removeAll()
        var previous: Int64 = -1
        var previousBlockLast: UInt32 = 0
        var termMaxFrequency: UInt32 = 0, termMinLength = UInt32.max
        for block in 0..<blockCount {
            let range = block * Self.blockSize..<min(count, (block + 1) * Self.blockSize)
            let blockStart = blocks.count, blockPositionsStart = positions.count
            var maxFrequency: UInt32 = 0, minLength = UInt32.max
            for index in range {
                maxFrequency = max(maxFrequency, frequencies[index])
                minLength = min(minLength, passageLengths[Int(passages[index])])
            }
            let positionsFrom = range.lowerBound == 0 ? 0 : positionEnds[range.lowerBound - 1]
            positions.append(contentsOf: termPositions[positionsFrom..<positionEnds[range.upperBound - 1]])
            if range.count == Self.blockSize {
                packed.removeAll(keepingCapacity: true)
                for index in range {
                    packed.append(UInt32(Int64(passages[index]) - previous - 1))
                    previous = Int64(passages[index])
                }
                appendPacked()
                packed.removeAll(keepingCapacity: true)
                for index in range { packed.append(frequencies[index] - 1) }
                appendPacked()
            } else {
                // Most postings occur once: that fits in the gap's low bit.
                for index in range {
                    let gap = UInt64(Int64(passages[index]) - previous - 1)
                    let once = frequencies[index] == 1
                    blocks.appendVarint(gap << 1 | (once ? 1 : 0))
                    if !once { blocks.appendVarint(UInt64(frequencies[index] - 2)) }
                    previous = Int64(passages[index])
                }
            }
            let last = passages[range.upperBound - 1]
            skip.appendVarint(UInt64(block == 0 ? last : last - previousBlockLast))
            skip.appendVarint(UInt64(blocks.count - blockStart))
            skip.appendVarint(UInt64(positions.count - blockPositionsStart))
            skip.appendVarint(UInt64(maxFrequency))
            skip.appendVarint(UInt64(minLength))
            previousBlockLast = last
            termMaxFrequency = max(termMaxFrequency, maxFrequency)
            termMinLength = min(termMinLength, minLength)
        }
        // A single block needs no skip data: the dictionary entry holds its bounds.
        if blockCount > 1 {
            postings.appendVarint(UInt64(skip.count))
            postings.append(contentsOf: skip.bytes)
        }
        postings.append(contentsOf: blocks.bytes)
        return Summary(
            postings: postingsStart..<postings.count, positions: positionsStart..<positions.count,
            passageFrequency: count, lastPassage: passages.last ?? 0,
            maxFrequency: termMaxFrequency, minLength: termMinLength == .max ? 0 : termMinLength)
    }

    /// Appends `packed` as patched frame of reference: a width byte, an exception count
    /// byte, every value's low `width` bits packed, then per exception its index byte and
    /// varint (value >> width). The width minimizes the bytes: one large gap or frequency
    /// no longer widens all 128 values.
    private mutating func appendPacked() {
        var valuesOfWidth = [Int](repeating: 0, count: 33)
        for value in packed { valuesOfWidth[UInt32.bitWidth - value.leadingZeroBitCount] += 1 }
        let widest = valuesOfWidth.lastIndex { $0 > 0 } ?? 0
        var best = (width: widest, bytes: BitPacking.byteCount(count: packed.count, width: widest))
        for width in 0..<widest {
            var bytes = BitPacking.byteCount(count: packed.count, width: width), exceptions = 0
            for wider in width + 1...widest where valuesOfWidth[wider] > 0 {
                exceptions += valuesOfWidth[wider]
                bytes += valuesOfWidth[wider] * (1 + (wider - width + 6) / 7)
            }
            if exceptions <= Int(UInt8.max) && bytes < best.bytes { best = (width, bytes) }
        }
        let width = best.width
        let mask: UInt32 = width == 32 ? .max : (1 << UInt32(width)) - 1
        blocks.append(UInt8(width))
        let exceptionCount = packed.count { $0 & ~mask != 0 }
        blocks.append(UInt8(exceptionCount))
        let low = packed.map { $0 & mask }
        low.withUnsafeBufferPointer { BitPacking.pack($0, width: width, into: &blocks) }
        for (index, value) in packed.enumerated() where value & ~mask != 0 {
            blocks.append(UInt8(index))
            blocks.appendVarint(UInt64(value >> UInt32(width)))
        }
    }

    /// Splits the builder's stream into passages, frequencies and position gaps.
    private mutating func parse(_ stream: [UInt8]) {
        passages.removeAll(keepingCapacity: true)
        frequencies.removeAll(keepingCapacity: true)
        termPositions.removeAll(keepingCapacity: true)
        positionEnds.removeAll(keepingCapacity: true)
        stream.withUnsafeBufferPointer { bytes in
            var offset = 0
            func varint() -> UInt64 {
                var value: UInt64 = 0, shift: UInt64 = 0
                while true {
                    let byte = bytes[offset]
                    offset += 1
                    value |= UInt64(byte & 0x7F) << shift
                    if byte < 0x80 { return value }
                    shift += 7
                }
            }
            var passage: UInt64 = 0
            while offset < bytes.count {
                passage = passages.isEmpty ? varint() : passage + varint()
                let frequency = varint()
                var remaining = frequency
                while remaining > 0 {
                    let byte = bytes[offset]
                    termPositions.append(byte)
                    if byte < 0x80 { remaining -= 1 }
                    offset += 1
                }
                passages.append(UInt32(passage))
                frequencies.append(UInt32(frequency))
                positionEnds.append(termPositions.count)
            }
        }
    }
}
