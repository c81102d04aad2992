/// `NAME.terms` (kind TERM) — the term dictionary, sorted by the terms' UTF-8 bytes. It holds
/// three kinds of term (`CharacterTerms`): words, whose positions count words; pairs (a
/// U+0002 byte, then two consecutive characters of the passage's phrase text), whose
/// positions count characters; and single characters (a U+0001 byte, then one), which have
/// no positions (`positionsLength` 0). Passage lengths (`tokenCount`) count words only.
///
/// Pairs make terms number millions, most in a passage or two, so entries are varints in
/// blocks of `blockSize` (32) terms, each term stored as what it shares with the one before
/// (front coding, Lucene's block tree in one level), found by a binary search over the
/// blocks' first terms and a scan of one block:
///
///     termCount u32, blockCount u32              blockCount = ⌈termCount / 32⌉
///     blockCount × { termsOffset u32,            (into the block area)
///                    postingsOffset u64,         the block's first term's, into NAME.postings' body
///                    positionsOffset u64 }       likewise into NAME.positions' body
///                                                20 bytes each
///     block area: per block, per term:
///         varint shared                          bytes shared with the term before in the
///                                                block (0 for the first, stored whole)
///         varint suffixLength, suffix bytes
///         varint postingsLength, varint positionsLength   (a term's postings and positions
///                                                follow the block's previous term's)
///         varint passageFrequency                (≥ 1)
///         varint lastPassage                     the term's largest passage id
///         varint maxFrequency                    its largest frequency in any passage
///         varint minLength                       the fewest tokens of any passage holding it
///
/// The postings and positions the entries point to are described in `PostingsFile.swift`.
enum TermsFile {
    static let blockSize = 32
    static let headerSize = 8
    /// The fixed entry of a block in the block index.
    static let blockEntrySize = 20

    /// The bodies of a segment's terms, postings and positions files.
    /// - Parameters:
    ///   - postings: each term's in-memory postings (`SegmentBuilder.postings`), by term id;
    ///     each is freed once encoded, so the encoded bodies grow as the input shrinks.
    ///   - passageLengths: each passage's `tokenCount`.
    static func encode(
        terms: TermInterner, postings: consuming [ByteWriter], passageLengths: [UInt32]
    ) -> (terms: [UInt8], postings: [UInt8], positions: [UInt8]) {
        let utf8Terms = (0..<terms.count).map { utf8(terms.term($0)) }
        let order = (0..<terms.count).sorted { utf8Terms[$0].lexicographicallyPrecedes(utf8Terms[$1]) }
        var dictionary = Writer(termCount: order.count)
        var encoder = PostingsEncoder()
        for id in order {
            let summary = encoder.encode(
                stream: postings[id].bytes, hasPositions: CharacterTerms.hasPositions(first: utf8Terms[id].first),
                passageLengths: passageLengths)
            postings[id] = ByteWriter()
            dictionary.append(utf8Terms[id], TermEntry(
                postings: summary.postings, positions: summary.positions, passageFrequency: summary.passageFrequency,
                lastPassage: Int(summary.lastPassage), maxFrequency: Int(summary.maxFrequency),
                minLength: Int(summary.minLength)))
        }
        return (dictionary.body, encoder.postings.bytes, encoder.positions.bytes)
    }

    /// Writes the dictionary: terms in order, each term's postings and positions following
    /// the one before's in their files (only a block's first offsets are stored).
    struct Writer {
        private var index = ByteWriter(), area = ByteWriter()
        private var previous: [UInt8] = []
        private var appended = 0

        init(termCount: Int) {
            index.append(UInt32(termCount))
            index.append(UInt32((termCount + blockSize - 1) / blockSize))
        }

        mutating func append(_ term: [UInt8], _ entry: TermEntry) {
            var shared = 0
            if appended % blockSize == 0 {
                index.append(UInt32(area.count))
                index.append(UInt64(entry.postings.lowerBound))
                index.append(UInt64(entry.positions.lowerBound))
            } else {
                let limit = min(previous.count, term.count)
                while shared < limit && previous[shared] == term[shared] { shared += 1 }
            }
            area.appendVarint(UInt64(shared))
            area.appendVarint(UInt64(term.count - shared))
            area.append(contentsOf: term[shared...])
            area.appendVarint(UInt64(entry.postings.count))
            area.appendVarint(UInt64(entry.positions.count))
            area.appendVarint(UInt64(entry.passageFrequency))
            area.appendVarint(UInt64(entry.lastPassage))
            area.appendVarint(UInt64(entry.maxFrequency))
            area.appendVarint(UInt64(entry.minLength))
            previous = term
            appended += 1
        }

        /// The file's body, once every term is appended.
        var body: [UInt8] { index.bytes + area.bytes }
    }

    /// A term's UTF-8 bytes. Transcoded directly: going through `String` cost more than
    /// encoding the term's postings. Terms come from valid UTF-8, so surrogates are paired.
    private static func utf8(_ units: ArraySlice<UInt16>) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(units.count * 3)
        var index = units.startIndex
        while index < units.endIndex {
            var scalar = UInt32(units[index])
            index += 1
            if scalar & 0xFC00 == 0xD800, index < units.endIndex, units[index] & 0xFC00 == 0xDC00 {
                scalar = 0x10000 + ((scalar - 0xD800) << 10) + (UInt32(units[index]) - 0xDC00)
                index += 1
            }
            if scalar < 0x80 {
                bytes.append(UInt8(scalar))
            } else if scalar < 0x800 {
                bytes.append(UInt8(0xC0 | scalar >> 6))
                bytes.append(UInt8(0x80 | scalar & 0x3F))
            } else if scalar < 0x10000 {
                bytes.append(UInt8(0xE0 | scalar >> 12))
                bytes.append(UInt8(0x80 | (scalar >> 6) & 0x3F))
                bytes.append(UInt8(0x80 | scalar & 0x3F))
            } else {
                bytes.append(UInt8(0xF0 | scalar >> 18))
                bytes.append(UInt8(0x80 | (scalar >> 12) & 0x3F))
                bytes.append(UInt8(0x80 | (scalar >> 6) & 0x3F))
                bytes.append(UInt8(0x80 | scalar & 0x3F))
            }
        }
        return bytes
    }

    /// Reads the dictionary in place. Every entry is checked against the sizes of the
    /// postings and positions files and the segment's passage count.
    struct Reader: Sendable {
        let file: MappedFile
        let count: Int
        let blockCount: Int
        let postingsLength: Int
        let positionsLength: Int
        let passageCount: Int

        /// Reads the counts and checks that the block index fits in the body.
        init(_ file: MappedFile, postingsLength: Int, positionsLength: Int, passageCount: Int) throws(JiansuoError) {
            var reader = ByteReader(try file.region(0..<min(headerSize, file.bodyLength)), file: file.path)
            let count = Int(try reader.read(UInt32.self)), blockCount = Int(try reader.read(UInt32.self))
            guard blockCount == (count + blockSize - 1) / blockSize,
                  headerSize + blockCount * blockEntrySize <= file.bodyLength else {
                throw reader.corrupt("\(count) terms in \(blockCount) blocks do not fit in \(file.bodyLength) bytes")
            }
            self.file = file
            self.count = count
            self.blockCount = blockCount
            self.postingsLength = postingsLength
            self.positionsLength = positionsLength
            self.passageCount = passageCount
        }

        /// The UTF-8 bytes of the term at `index` in dictionary order.
        func termBytes(at index: Int) throws(JiansuoError) -> [UInt8] {
            guard index >= 0, index < count else { throw .internalError("term \(index) of \(count) asked for") }
            var cursor = try BlockCursor(self, block: index / blockSize)
            for _ in 0..<index % blockSize { try cursor.skipEntry() }
            try cursor.readTerm()
            return cursor.term
        }

        func entry(at index: Int) throws(JiansuoError) -> TermEntry {
            guard index >= 0, index < count else { throw .internalError("term \(index) of \(count) asked for") }
            var cursor = try BlockCursor(self, block: index / blockSize)
            for _ in 0..<index % blockSize { try cursor.skipEntry() }
            try cursor.readTerm()
            return try cursor.readEntry(index)
        }

        /// Every term in dictionary order with its entry: one pass over the blocks (asking
        /// for each index in turn would scan each block once per term).
        func forEach(_ body: (_ index: Int, _ term: [UInt8], _ entry: TermEntry) throws(JiansuoError) -> Void) throws(JiansuoError) {
            for block in 0..<blockCount {
                var cursor = try BlockCursor(self, block: block)
                for index in block * blockSize..<min(count, (block + 1) * blockSize) {
                    try cursor.readTerm()
                    try body(index, cursor.term, try cursor.readEntry(index))
                }
            }
        }

        /// The index of `term` (UTF-8) in dictionary order, or `nil` when it is absent.
        func index(of term: [UInt8]) throws(JiansuoError) -> Int? {
            let index = try firstIndex(notBefore: term)
            guard index < count, try termBytes(at: index).elementsEqual(term) else { return nil }
            return index
        }

        /// The index of the first term not ordered before `term` (`count` if none): a binary
        /// search over the blocks' first terms, then a scan of one block.
        func firstIndex(notBefore term: [UInt8]) throws(JiansuoError) -> Int {
            var low = 0, high = blockCount
            while low < high {
                let middle = (low + high) / 2
                var cursor = try BlockCursor(self, block: middle)
                if try cursor.firstTerm().lexicographicallyPrecedes(term) { low = middle + 1 } else { high = middle }
            }
            // Blocks before `low` start before the term: it lies in block `low − 1` or starts `low`.
            guard low > 0 else { return 0 }
            var cursor = try BlockCursor(self, block: low - 1)
            var index = (low - 1) * blockSize
            while index < min(count, low * blockSize) {
                try cursor.readTerm()
                if !cursor.term.lexicographicallyPrecedes(term) { return index }
                try cursor.skipRest()
                index += 1
            }
            return index
        }

        /// Reads one block's entries in order, rebuilding each term from the one before.
        private struct BlockCursor {
            private var reader: ByteReader
            private(set) var term: [UInt8] = []
            private var postingsOffset: Int
            private var positionsOffset: Int
            private let dictionary: Reader

            init(_ dictionary: Reader, block: Int) throws(JiansuoError) {
                let file = dictionary.file
                var index = ByteReader(
                    try file.region(headerSize + block * blockEntrySize..<headerSize + (block + 1) * blockEntrySize),
                    file: file.path)
                let area = headerSize + dictionary.blockCount * blockEntrySize
                let termsOffset = Int(try index.read(UInt32.self))
                let postings = try index.read(UInt64.self), positions = try index.read(UInt64.self)
                guard termsOffset <= file.bodyLength - area, postings <= UInt64(dictionary.postingsLength),
                      positions <= UInt64(dictionary.positionsLength) else {
                    throw index.corrupt("block \(block) of the dictionary points outside its files")
                }
                self.reader = ByteReader(try file.region(area + termsOffset..<file.bodyLength), file: file.path)
                self.postingsOffset = Int(postings)
                self.positionsOffset = Int(positions)
                self.dictionary = dictionary
            }

            /// The block's first term, stored whole, read in place (no copy: a lookup reads
            /// one per step of its binary search). Only right before any other read.
            mutating func firstTerm() throws(JiansuoError) -> UnsafeRawBufferPointer {
                guard try reader.readVarint() == 0 else { throw reader.corrupt("a block's first term shares bytes") }
                return try reader.readBytes(try reader.readVarint(atMost: reader.bytes.count))
            }

            /// The next term's bytes into `term`.
            mutating func readTerm() throws(JiansuoError) {
                let shared = try reader.readVarint(atMost: term.count)
                let suffix = try reader.readBytes(try reader.readVarint(atMost: reader.bytes.count))
                term.removeSubrange(shared...)
                term.append(contentsOf: suffix)
            }

            /// The fields after the term just read, as its entry (`index`, for messages).
            mutating func readEntry(_ index: Int) throws(JiansuoError) -> TermEntry {
                let postings = try range(from: postingsOffset, within: dictionary.postingsLength, "term \(index)'s postings")
                let positions = try range(from: positionsOffset, within: dictionary.positionsLength, "term \(index)'s positions")
                (postingsOffset, positionsOffset) = (postings.upperBound, positions.upperBound)
                let frequency = try reader.readVarint(atMost: Int(UInt32.max))
                let lastPassage = try reader.readVarint(atMost: Int(UInt32.max))
                let maxFrequency = try reader.readVarint(atMost: Int(UInt32.max))
                let minLength = try reader.readVarint(atMost: Int(UInt32.max))
                guard frequency >= 1, lastPassage < dictionary.passageCount, frequency <= lastPassage + 1, maxFrequency >= 1 else {
                    throw reader.corrupt("term \(index) claims \(frequency) passages up to \(lastPassage) of \(dictionary.passageCount)")
                }
                return TermEntry(
                    postings: postings, positions: positions, passageFrequency: frequency, lastPassage: lastPassage,
                    maxFrequency: maxFrequency, minLength: minLength)
            }

            /// Past the fields of the term just read, keeping track of where the next
            /// term's postings and positions start.
            mutating func skipRest() throws(JiansuoError) {
                postingsOffset += try reader.readVarint(atMost: dictionary.postingsLength)
                positionsOffset += try reader.readVarint(atMost: dictionary.positionsLength)
                for _ in 0..<4 { _ = try reader.readVarint() }
            }

            /// Past a whole entry: its term (rebuilt, as the next one shares from it) and fields.
            mutating func skipEntry() throws(JiansuoError) {
                try readTerm()
                try skipRest()
            }

            /// A length read here, as a range from `offset` that must lie within `limit`.
            private mutating func range(from offset: Int, within limit: Int, _ what: String) throws(JiansuoError) -> Range<Int> {
                let length = try reader.readVarint(atMost: limit)
                guard offset <= limit, length <= limit - offset else {
                    throw reader.corrupt("\(what) lie outside their file of \(limit) bytes")
                }
                return offset..<offset + length
            }
        }
    }
}

/// A term's entry in a segment's dictionary: where its postings and positions are, and
/// bounds over its postings for score pruning.
struct TermEntry {
    var postings: Range<Int>
    var positions: Range<Int>
    var passageFrequency: Int
    var lastPassage: Int
    var maxFrequency: Int
    var minLength: Int
}
