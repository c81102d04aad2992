/// `NAME.terms` (kind TERM) — the term dictionary, sorted by the terms' UTF-8 bytes. It holds
/// two kinds of term: words, whose positions count words, and character terms
/// (`CharacterTerms`: a U+0001 byte, then one character of the passage's phrase text), whose
/// positions count characters. Passage lengths (`tokenCount`) count words only.
///
///     termCount u32
///     termCount × { stringOffset u32, stringLength u32,       (into the string area)
///                   postingsOffset u64, postingsLength u64,   (into NAME.postings' body)
///                   positionsOffset u64, positionsLength u64, (into NAME.positions' body)
///                   passageFrequency u32,                     (≥ 1)
///                   lastPassage u32,      the term's largest passage id
///                   maxFrequency u32,     its largest frequency in any passage
///                   minLength u32 }       the fewest tokens of any passage holding it
///                                                             56 bytes each
///     string area: the terms' UTF-8 bytes
///
/// The postings and positions the entries point to are described in `PostingsFile.swift`.
enum TermsFile {
    /// Byte offsets of an entry's fields.
    enum Field {
        static let string = 0
        static let postings = 8
        static let positions = 24
        static let passageFrequency = 40
    }
    static let entrySize = 56

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
        var table = EntryTable.Writer(entrySize: entrySize, capacity: order.count)
        var encoder = PostingsEncoder()
        for id in order {
            let summary = encoder.encode(stream: postings[id].bytes, passageLengths: passageLengths)
            postings[id] = ByteWriter()
            let string = table.string(utf8Terms[id])
            table.append { entry in
                entry.append(string.offset)
                entry.append(string.length)
                entry.append(UInt64(summary.postings.lowerBound))
                entry.append(UInt64(summary.postings.count))
                entry.append(UInt64(summary.positions.lowerBound))
                entry.append(UInt64(summary.positions.count))
                entry.append(UInt32(summary.passageFrequency))
                entry.append(summary.lastPassage)
                entry.append(summary.maxFrequency)
                entry.append(summary.minLength)
            }
        }
        return (table.body, encoder.postings.bytes, encoder.positions.bytes)
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
        let table: EntryTable
        let postingsLength: Int
        let positionsLength: Int
        let passageCount: Int

        var count: Int { table.count }

        /// The UTF-8 bytes of the term at `index` in dictionary order.
        func termBytes(at index: Int) throws(JiansuoError) -> UnsafeRawBufferPointer {
            var reader = try table.entry(index)
            let offset = Int(try reader.read(UInt32.self)), length = Int(try reader.read(UInt32.self))
            return try table.string(offset: offset, length: length, of: "term \(index)")
        }

        func entry(at index: Int) throws(JiansuoError) -> TermEntry {
            var reader = try table.entry(index)
            try reader.seek(to: Field.postings)
            let postings = try Self.range(&reader, within: postingsLength, "term \(index)'s postings")
            let positions = try Self.range(&reader, within: positionsLength, "term \(index)'s positions")
            try reader.seek(to: Field.passageFrequency)
            let frequency = Int(try reader.read(UInt32.self)), lastPassage = Int(try reader.read(UInt32.self))
            let maxFrequency = Int(try reader.read(UInt32.self)), minLength = Int(try reader.read(UInt32.self))
            guard frequency >= 1, lastPassage < passageCount, frequency <= lastPassage + 1, maxFrequency >= 1 else {
                throw reader.corrupt("term \(index) claims \(frequency) passages up to \(lastPassage) of \(passageCount)")
            }
            return TermEntry(
                postings: postings, positions: positions, passageFrequency: frequency, lastPassage: lastPassage,
                maxFrequency: maxFrequency, minLength: minLength)
        }

        /// An offset u64 and a length u64 that must lie within `limit` bytes.
        private static func range(
            _ reader: inout ByteReader, within limit: Int, _ what: String
        ) throws(JiansuoError) -> Range<Int> {
            let offset = try reader.read(UInt64.self), length = try reader.read(UInt64.self)
            guard offset <= UInt64(limit), length <= UInt64(limit) - offset else {
                throw reader.corrupt("\(what) lie outside their file of \(limit) bytes")
            }
            return Int(offset)..<Int(offset + length)
        }

        /// The index of `term` (UTF-8) in dictionary order, found by binary search.
        func index(of term: [UInt8]) throws(JiansuoError) -> Int? {
            var low = 0, high = count
            while low < high {
                let middle = (low + high) / 2
                if try termBytes(at: middle).lexicographicallyPrecedes(term) {
                    low = middle + 1
                } else {
                    high = middle
                }
            }
            guard low < count, try termBytes(at: low).elementsEqual(term) else { return nil }
            return low
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
