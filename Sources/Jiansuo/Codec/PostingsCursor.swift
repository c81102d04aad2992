/// Iterates one term's postings in one segment (format in `PostingsFile`), decoding only
/// the blocks it lands in and the positions it is asked for.
///
/// Two positions move forward independently over the skip data:
/// - the *current posting* (`passage`, `frequency`, `positions()`), moved by `next()` and
///   `advance(to:)`, which decode one block of 128 ids and frequencies at a time;
/// - the *shallow block* (`blockLastPassage`, `blockMaxFrequency`, `blockMinLength`),
///   moved by `advanceShallow(to:)` without decoding anything, so that top-k search
///   (block-max WAND, MaxScore) can bound the scores of a range of passages and skip it.
/// The shallow block is never behind the current posting's block.
///
/// Score bounds for top-k search: BM25 rises with the frequency and falls with the passage
/// length, so `termScore(f: maxFrequency, dl: minLength)` bounds every posting of the term,
/// the best of the shallow block's impacts (`maxOverBlockImpacts`) is exactly the largest
/// score of its postings, and `termScore(f: blockMaxFrequency, dl: blockMinLength)` bounds
/// what a phrase of the key scores there, for any k1 and b. MaxScore uses the first to split essential from non-essential
/// terms; block-max WAND calls `advanceShallow(to: pivot)` on the lists before the pivot,
/// adds their block bounds, and when the sum cannot beat the k-th score skips them all to
/// `min(blockLastPassage) + 1` with `advance(to:)` — no block below it is decoded. Counting
/// must not prune: it iterates with `next()` alone.
///
/// Every value read is checked: a damaged file gives `JiansuoError.corruptIndex` naming it.
/// A cursor is not thread-safe; it keeps its segment's files mapped while it lives.
final class PostingsCursor {
    /// `passage` once the postings are exhausted.
    static let end = Int.max

    /// Passages holding the term in this segment.
    let passageFrequency: Int
    /// Bounds over all the term's postings here: the largest frequency, the fewest tokens
    /// of a passage holding the term, the last passage.
    let maxFrequency: Int
    let minLength: Int
    let lastPassage: Int

    // The mutable state below is the cursor's alone, never passed inout while another
    // access to it is open, and a cursor serves one thread: Swift's dynamic exclusivity
    // check on each access of a class's stored property (`swift_beginAccess`, a tenth of
    // a query's time in the profile) proves nothing here, so it is left out.

    /// The current passage: −1 before the first `next()`, `PostingsCursor.end` after the last.
    @exclusivity(unchecked) private(set) var passage = -1
    /// The current posting's frequency (≥ 1).
    var frequency: Int { Int(frequencies[index]) }

    /// The shallow block: the last passage it covers, its largest frequency, and the fewest
    /// tokens of any passage in it. Every posting after the previous block's last passage
    /// and up to `blockLastPassage` has frequency ≤ `blockMaxFrequency` and a passage of
    /// ≥ `blockMinLength` tokens.
    var blockLastPassage: Int { shallow.lastPassage }
    var blockMaxFrequency: Int { shallow.maxFrequency }
    var blockMinLength: Int { shallow.minLength }
    /// The shallow block's index, from 0, and the number of blocks.
    var shallowBlock: Int { shallow.block }
    let blockCount: Int

    private let postingsFile: MappedFile
    private let positionsFile: MappedFile
    private let positionsRange: Range<Int>
    /// The term's positions, mapped on the first `positions()` call.
    @exclusivity(unchecked) private var positionsBytes: UnsafeRawBufferPointer?
    private let bytes: UnsafeRawBufferPointer
    private let passageCount: Int
    /// Where the blocks start in `bytes` (after the skip data).
    private let blocksStart: Int

    @exclusivity(unchecked) private var shallow: SkipPosition
    /// The skip entry of the decoded block.
    @exclusivity(unchecked) private var deep: SkipPosition
    /// The decoded block: `count` passages and frequencies; `index` is the current posting.
    private let passages: UnsafeMutablePointer<UInt32>
    private let frequencies: UnsafeMutablePointer<UInt32>
    @exclusivity(unchecked) private var count = 0
    @exclusivity(unchecked) private var index = 0
    /// The posting whose positions start at `positionsOffset` in the term's positions.
    @exclusivity(unchecked) private var positionsIndex = 0
    @exclusivity(unchecked) private var positionsOffset = 0

    /// One block's skip entry, and where the next entry is read.
    private struct SkipPosition {
        /// −1 before the first block.
        var block = -1
        var lastPassage = -1
        var previousLastPassage = -1
        var maxFrequency = 0
        var minLength = 0
        var dataStart = 0
        var dataLength = 0
        var positionsStart = 0
        var positionsLength = 0
        /// Where the block's impacts start in the term's postings, and how many there are
        /// (0 for a single-block term: its one impact is `maxFrequency`, `minLength`).
        var impactsStart = 0
        var impactCount = 0
        /// Offset of the next skip entry in the term's postings.
        var nextEntry = 0
    }

    init(
        entry: TermEntry, postings postingsFile: MappedFile, positions positionsFile: MappedFile, passageCount: Int
    ) throws(JiansuoError) {
        self.postingsFile = postingsFile
        self.positionsFile = positionsFile
        self.positionsRange = entry.positions
        self.passageCount = passageCount
        self.passageFrequency = entry.passageFrequency
        self.maxFrequency = entry.maxFrequency
        self.minLength = entry.minLength
        self.lastPassage = entry.lastPassage
        self.bytes = try postingsFile.region(entry.postings)
        self.blockCount = (entry.passageFrequency + PostingsFile.blockSize - 1) / PostingsFile.blockSize
        var start = SkipPosition()
        if blockCount > 1 {
            var reader = ByteReader(bytes, file: postingsFile.path)
            let skipLength = try reader.readVarint(atMost: bytes.count)
            guard skipLength <= bytes.count - reader.offset else {
                throw reader.corrupt("skip data of \(skipLength) bytes runs past its term's postings")
            }
            start.nextEntry = reader.offset
            blocksStart = reader.offset + skipLength
        } else {
            blocksStart = 0
        }
        start.dataStart = blocksStart
        shallow = start
        deep = start
        passages = .allocate(capacity: PostingsFile.blockSize)
        passages.initialize(repeating: 0, count: PostingsFile.blockSize)
        frequencies = .allocate(capacity: PostingsFile.blockSize)
        frequencies.initialize(repeating: 0, count: PostingsFile.blockSize)
        try moveToNextBlock(&shallow)
    }

    deinit {
        passages.deallocate()
        frequencies.deallocate()
    }

    private func corrupt(_ reason: String) -> JiansuoError {
        .corruptIndex(file: postingsFile.path, reason: reason)
    }

    // MARK: Skip data

    /// Reads the skip entry of the block after `position`'s, checking it against the term's
    /// bounds and the sizes of both files.
    private func moveToNextBlock(_ position: inout SkipPosition) throws(JiansuoError) {
        let block = position.block + 1
        guard block < blockCount else { throw corrupt("read past the last block") }
        var next = position
        next.block = block
        next.previousLastPassage = position.lastPassage
        next.dataStart = position.dataStart + position.dataLength
        next.positionsStart = position.positionsStart + position.positionsLength
        if blockCount == 1 {
            next.lastPassage = lastPassage
            next.dataLength = bytes.count
            next.positionsLength = positionsRange.count
            next.maxFrequency = maxFrequency
            next.minLength = minLength
        } else {
            var reader = ByteReader(UnsafeRawBufferPointer(rebasing: bytes[..<blocksStart]), file: postingsFile.path)
            try reader.seek(to: position.nextEntry)
            let gap = try reader.readVarint(atMost: passageCount)
            next.lastPassage = block == 0 ? gap : position.lastPassage + gap
            next.dataLength = try reader.readVarint(atMost: bytes.count)
            next.positionsLength = try reader.readVarint(atMost: positionsRange.count)
            next.impactCount = try reader.readVarint(atMost: PostingsFile.blockSize)
            next.impactsStart = reader.offset
            var frequency = 0, length = 0
            for impact in 0..<next.impactCount {
                let frequencyStep = try reader.readVarint(atMost: maxFrequency)
                let lengthStep = try reader.readVarint(atMost: Int(UInt32.max))
                guard impact == 0 || (frequencyStep > 0 && lengthStep > 0) else {
                    throw corrupt("skip entry \(block) has impacts out of order")
                }
                frequency += frequencyStep
                length += lengthStep
                if impact == 0 { next.minLength = length }
            }
            next.maxFrequency = frequency
            next.nextEntry = reader.offset
            guard block == 0 || gap > 0, next.lastPassage <= lastPassage, next.impactCount >= 1,
                  next.maxFrequency >= 1, next.maxFrequency <= maxFrequency, next.minLength >= minLength
            else {
                throw corrupt("skip entry \(block) contradicts its term's bounds")
            }
            if block == blockCount - 1 {
                guard reader.isAtEnd, next.lastPassage == lastPassage else {
                    throw corrupt("the skip data's length or last passage disagrees with the term's")
                }
            }
        }
        guard next.dataLength <= bytes.count - next.dataStart,
              next.positionsLength <= positionsRange.count - next.positionsStart
        else {
            throw corrupt("block \(block) lies outside its term's postings or positions")
        }
        if block == blockCount - 1 {
            guard next.dataStart + next.dataLength == bytes.count,
                  next.positionsStart + next.positionsLength == positionsRange.count
            else {
                throw corrupt("the blocks' lengths do not add up to the term's postings and positions")
            }
        }
        position = next
    }

    /// Moves the shallow block to the first block that can hold a passage ≥ `target`,
    /// reading skip entries only. Returns false if every posting is below `target` (the
    /// shallow block then stays on the last block).
    @discardableResult
    func advanceShallow(to target: Int) throws(JiansuoError) -> Bool {
        while shallow.lastPassage < target {
            guard shallow.block + 1 < blockCount else { return false }
            try moveToNextBlock(&shallow)
        }
        return true
    }

    /// The largest `score` of the shallow block's impacts (`PostingsFile`): with BM25 as
    /// `score`, the block's largest score, exactly. Nothing is decoded but the skip entry.
    func maxOverBlockImpacts(_ score: (_ frequency: Int, _ length: Int) -> Double) throws(JiansuoError) -> Double {
        guard shallow.impactCount > 0 else { return score(shallow.maxFrequency, shallow.minLength) }
        // Checked when the entry was read (`moveToNextBlock`); read again within bounds.
        var reader = ByteReader(UnsafeRawBufferPointer(rebasing: bytes[..<blocksStart]), file: postingsFile.path)
        try reader.seek(to: shallow.impactsStart)
        var best = -Double.infinity, frequency = 0, length = 0
        for _ in 0..<shallow.impactCount {
            frequency += try reader.readVarint(atMost: maxFrequency)
            length += try reader.readVarint(atMost: Int(UInt32.max))
            best = max(best, score(frequency, length))
        }
        return best
    }

    // MARK: Postings

    /// Moves to the next posting and returns its passage, or `PostingsCursor.end`.
    @discardableResult
    func next() throws(JiansuoError) -> Int {
        guard passage != Self.end else { return Self.end }
        if deep.block >= 0 && index + 1 < count {
            index += 1
            passage = Int(passages[index])
            return passage
        }
        guard deep.block + 1 < blockCount else {
            passage = Self.end
            return passage
        }
        try moveToNextBlock(&deep)
        try decodeBlock()
        return passage
    }

    /// Moves to the first posting whose passage is ≥ `target` and returns its passage, or
    /// `PostingsCursor.end`. Never moves backwards: if the current passage is already
    /// ≥ `target`, stays. Blocks wholly below `target` are skipped undecoded.
    @discardableResult
    func advance(to target: Int) throws(JiansuoError) -> Int {
        if passage >= target { return passage }
        if deep.block < 0 || deep.lastPassage < target {
            // Skip to the block that holds target; the shallow block may already know it.
            if shallow.block > deep.block && shallow.lastPassage >= target && shallow.previousLastPassage < target {
                deep = shallow
            } else {
                while deep.block < 0 || deep.lastPassage < target {
                    guard deep.block + 1 < blockCount else {
                        passage = Self.end
                        return passage
                    }
                    try moveToNextBlock(&deep)
                }
            }
            try decodeBlock()
        }
        while passages[index] < target { index += 1 }
        passage = Int(passages[index])
        return passage
    }

    /// Decodes the `deep` block's passages and frequencies and moves to its first posting.
    private func decodeBlock() throws(JiansuoError) {
        let blockSize = PostingsFile.blockSize
        let count = deep.block < blockCount - 1 ? blockSize : passageFrequency - blockSize * (blockCount - 1)
        let data = UnsafeRawBufferPointer(rebasing: bytes[deep.dataStart..<deep.dataStart + deep.dataLength])
        var reader = ByteReader(data, file: postingsFile.path)
        let passageBuffer = UnsafeMutableBufferPointer(start: passages, count: count)
        let frequencyBuffer = UnsafeMutableBufferPointer(start: frequencies, count: count)
        if count == blockSize {
            try unpack(&reader, into: passageBuffer)
            try unpack(&reader, into: frequencyBuffer)
        } else {
            for index in 0..<count {
                let gapAndOnce = try reader.readVarint(atMost: Int(UInt32.max) << 1 | 1)
                passageBuffer[index] = UInt32(gapAndOnce >> 1)
                frequencyBuffer[index] = gapAndOnce & 1 == 1 ? 0 : UInt32(try reader.readVarint(atMost: Int(UInt32.max) - 2)) + 1
            }
        }
        guard reader.isAtEnd else { throw corrupt("block \(deep.block) is longer than its entries") }
        // Gaps to passage ids. Each gap adds at least one, so the ids increase, and ending on
        // the skip entry's last passage bounds them all: the loops check nothing per posting.
        var previous = deep.previousLastPassage
        var largestFrequency: UInt32 = 0
        for index in 0..<count {
            previous += Int(passageBuffer[index]) + 1
            passageBuffer[index] = UInt32(truncatingIfNeeded: previous)
            largestFrequency = max(largestFrequency, frequencyBuffer[index])
        }
        guard previous == deep.lastPassage, previous < passageCount else {
            throw corrupt("block \(deep.block) ends at passage \(previous), not \(deep.lastPassage)")
        }
        guard Int(largestFrequency) < deep.maxFrequency else {
            throw corrupt("block \(deep.block) holds a frequency beyond its skip entry's bound")
        }
        for index in 0..<count { frequencyBuffer[index] += 1 }
        self.count = count
        index = 0
        passage = Int(passages[0])
        positionsIndex = 0
        positionsOffset = deep.positionsStart
        if shallow.block < deep.block { shallow = deep }
    }

    /// Reads a run in patched frame of reference: width, exception count, the low bits
    /// packed, then each exception's index and high bits.
    private func unpack(_ reader: inout ByteReader, into output: UnsafeMutableBufferPointer<UInt32>) throws(JiansuoError) {
        let width = Int(try reader.read(UInt8.self))
        guard width <= BitPacking.maximumWidth else { throw corrupt("bit width \(width) exceeds 32") }
        let exceptions = Int(try reader.read(UInt8.self))
        let packed = try reader.readBytes(BitPacking.byteCount(count: output.count, width: width))
        BitPacking.unpack(packed, width: width, into: output)
        for _ in 0..<exceptions {
            let index = Int(try reader.read(UInt8.self))
            let high = try reader.readVarint()
            guard index < output.count, width < 32, high > 0, high <= UInt64(UInt32.max) >> UInt64(width) else {
                throw corrupt("block \(deep.block) has an exception out of range")
            }
            output[index] |= UInt32(high) << UInt32(width)
        }
    }

    // MARK: Positions

    /// The current posting's positions, in increasing order.
    func positions() throws(JiansuoError) -> [UInt32] {
        var result: [UInt32] = []
        try positions(into: &result)
        return result
    }

    /// Replaces `output` with the current posting's positions, in increasing order.
    /// Decodes only this posting's positions (skipping over earlier ones in its block).
    func positions(into output: inout [UInt32]) throws(JiansuoError) {
        guard passage >= 0, passage != Self.end else { throw .internalError("positions asked of a cursor with no current posting") }
        guard !positionsRange.isEmpty else { throw .internalError("positions asked of a term stored without them") }
        let all: UnsafeRawBufferPointer
        if let positionsBytes {
            all = positionsBytes
        } else {
            all = try positionsFile.region(positionsRange)
            positionsBytes = all
        }
        let blockEnd = deep.positionsStart + deep.positionsLength
        var offset = positionsOffset
        func readVarint() throws(JiansuoError) -> UInt64 {
            var value: UInt64 = 0, shift: UInt64 = 0
            while offset < blockEnd {
                let byte = all[offset]
                offset += 1
                value |= UInt64(byte & 0x7F) << shift
                if byte < 0x80 { return value }
                shift += 7
                if shift > 63 { break }
            }
            throw .corruptIndex(file: positionsFile.path, reason: "positions run past their block at offset \(offset)")
        }
        // Step over the positions of the postings between the last one read and this one:
        // as many varints as their frequencies add up to, each ending in a byte below 0x80.
        // Eight bytes at a time while the varints ending in them are fewer than those left
        // (a common character's earlier postings in its block were most of `count`'s time).
        var remaining = 0
        for skipped in positionsIndex..<index { remaining += Int(frequencies[skipped]) }
        while remaining > 0 && offset + 8 <= blockEnd {
            let word = UInt64(littleEndian: all.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
            let ends = (~word & 0x8080_8080_8080_8080).nonzeroBitCount
            if ends >= remaining { break }
            remaining -= ends
            offset += 8
        }
        while remaining > 0 {
            guard offset < blockEnd else {
                throw .corruptIndex(file: positionsFile.path, reason: "positions run past their block at offset \(offset)")
            }
            if all[offset] < 0x80 { remaining -= 1 }
            offset += 1
        }
        positionsIndex = index
        positionsOffset = offset
        output.removeAll(keepingCapacity: true)
        var position: UInt64 = 0
        for occurrence in 0..<Int(frequencies[index]) {
            let gap = try readVarint()
            guard occurrence == 0 || gap > 0 else {
                throw .corruptIndex(file: positionsFile.path, reason: "positions out of order at offset \(offset)")
            }
            guard gap <= UInt64(UInt32.max) - position else {
                throw .corruptIndex(file: positionsFile.path, reason: "a position exceeds 2³² − 1 at offset \(offset)")
            }
            position += gap
            output.append(UInt32(position))
        }
    }
}
