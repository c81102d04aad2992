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
///               varint impactCount        I ≥ 1, then I × { varint frequency − previous
///                                         impact's, varint length − previous impact's }
///                                         (the first: frequency, length) }
///         the block's impacts: its postings' (frequency, passage length in tokens) pairs
///         that no other posting of the block beats on both (more often in a passage no
///         longer), by increasing frequency and so increasing length, both strictly
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
/// passage and bounds (one impact: its largest frequency and fewest tokens). Block offsets
/// are the sums of the lengths before them, for ids as for positions. BM25 rises with the
/// frequency and falls with the length, so every posting's score is at most its dominating
/// impact's, and the best impact's score is the block's largest — exactly, for any k1, b
/// and average length (Lucene's impacts); that is what lets top-k search skip blocks
/// (`PostingsCursor`). The first impact's length is the block's fewest tokens and the last
/// one's frequency its largest frequency. Before format 8 a block kept only those two, from
/// different postings as often as not, and its bound was that of a passage that rarely
/// exists: a common word's blocks almost always held a short heading and a long paragraph
/// full of it, and none was ever skipped.
///
/// `NAME.positions` (kind POSI) — per term, per posting in order, `frequency` varints:
/// position − previous position (the first: the position itself). A block's positions are
/// contiguous, so they are read only for postings that need them. A single character's
/// term has none (`CharacterTerms`): its blocks' `positionsLength` is 0.
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
    private var impacts: [(frequency: UInt32, length: UInt32)] = []

    /// Encodes one term. `stream` is well formed (the builder wrote it), so it is read
    /// without checks; `passageLengths` gives each passage's length in tokens.
    mutating func encode(stream: [UInt8], hasPositions: Bool, passageLengths: [UInt32]) -> Summary {
        parse(stream, hasPositions: hasPositions)
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
            impacts.removeAll(keepingCapacity: true)
            for index in range { impacts.append((frequencies[index], passageLengths[Int(passages[index])])) }
            Self.keepDominant(&impacts)
            let maxFrequency = impacts[impacts.count - 1].frequency, minLength = impacts[0].length
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
            skip.appendVarint(UInt64(impacts.count))
            var previousImpact: (frequency: UInt32, length: UInt32) = (0, 0)
            for impact in impacts {
                skip.appendVarint(UInt64(impact.frequency - previousImpact.frequency))
                skip.appendVarint(UInt64(impact.length - previousImpact.length))
                previousImpact = impact
            }
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

    /// The most impacts a block keeps: a few bytes each in every skip entry, where the index
    /// folder has little room under its size target.
    static let maximumImpacts = 4

    /// Reduces a block's (frequency, length) pairs to those no other pair beats on both — a
    /// higher frequency at a length no greater, or the same frequency at a smaller length —
    /// by increasing frequency (and so strictly increasing length). Beyond
    /// `maximumImpacts`, consecutive ones are merged, each group into its largest frequency
    /// and smallest length: a pair that beats the whole group, so still a bound, if looser.
    static func keepDominant(_ pairs: inout [(frequency: UInt32, length: UInt32)]) {
        // By decreasing frequency, shortest first within a frequency: a pair is kept when it
        // is shorter than every pair of a higher frequency. Sorted as integers, that order in
        // one key: a tuple sort through a closure was 4 % of indexing.
        var keys = pairs.map { UInt64(UInt32.max - $0.frequency) << 32 | UInt64($0.length) }
        keys.sort()
        pairs.removeAll(keepingCapacity: true)
        var shortest = UInt32.max
        for key in keys where UInt32(truncatingIfNeeded: key) < shortest {
            shortest = UInt32(truncatingIfNeeded: key)
            pairs.append((frequency: UInt32.max - UInt32(key >> 32), length: shortest))
        }
        pairs.reverse()
        guard pairs.count > maximumImpacts else { return }
        let count = pairs.count
        pairs = (0..<maximumImpacts).map { group in
            (pairs[(group + 1) * count / maximumImpacts - 1].frequency, pairs[group * count / maximumImpacts].length)
        }
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

    /// Splits the builder's stream into passages, frequencies and position gaps (none for
    /// a term without positions).
    private mutating func parse(_ stream: [UInt8], hasPositions: Bool) {
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
                var remaining = hasPositions ? frequency : 0
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
