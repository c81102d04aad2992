/// Writes a `SegmentBuilder` as the six files of one immutable segment, each in the
/// `IndexFile` envelope. Layout of the bodies, all integers little-endian:
///
/// `NAME.terms` — the term dictionary, sorted by the terms' UTF-8 bytes. It holds two kinds
/// of term: words, whose positions count words, and character terms (`CharacterTerms`: a
/// U+0001 byte, then one character of the passage's phrase text), whose positions count
/// characters. Passage lengths (`tokenCount`) count words only.
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
/// `NAME.postings` — per term, its passages in increasing order with their frequencies, in
/// blocks of 128 postings (the last block holds the remaining 1…128). With B blocks:
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
/// `NAME.positions` — per term, per posting in order, `frequency` varints: position −
/// previous position (the first: the position itself). A block's positions are contiguous,
/// so they are read only for postings that need them.
///
/// `NAME.passages` — `passageCount u32`, then per passage 20 bytes:
///
///     document u32, start u32, end u32 (byte range in the document's text),
///     tokenCount u32, year u16 (0 = unknown), reserved u16
///
/// `NAME.docs` — `documentCount u32`, then per document 72 bytes, then a string area:
///
///     pathOffset u32, pathLength u32, titleOffset u32, titleLength u32 (into the string area),
///     textOffset u64, textLength u64 (into NAME.text's body),
///     firstPassage u32, passageCount u32, year u16, reserved u16, reserved u32,
///     fileSize u64, modificationNanoseconds i64, contentHash u64 (FNV-1a of the text)
///
/// `NAME.text` — the documents' UTF-8 text, back to back.
///
/// Varints are LEB128. Readers check every offset, length and id against the sizes above.
enum SegmentWriter {
    static let termEntrySize = 56
    static let passageEntrySize = 20
    static let documentEntrySize = 72

    /// Writes the segment's files into `directory` and flushes them to disk. Each body is
    /// built just before it is written, so only one is held besides the builder; the files
    /// are flushed at the end, so the disk writes back the text while postings are encoded.
    static func write(_ builder: SegmentBuilder, name: String, in directory: String) throws(JiansuoError) {
        var paths: [String] = []
        func write(_ kind: IndexFile.Kind, _ body: [UInt8]) throws(JiansuoError) {
            let path = FileSystem.join(directory, SegmentFiles.fileName(segment: name, kind: kind))
            let (header, footer) = IndexFile.envelope(kind: kind, body: body)
            try FileSystem.writeFile([header, body, footer], to: path)
            paths.append(path)
        }
        try write(.text, builder.text)
        try write(.documents, documentsBody(builder))
        try write(.passages, passagesBody(builder))
        for (kind, body) in termsAndPostingsBodies(builder) {
            try write(kind, body)
        }
        for path in paths {
            try FileSystem.flushToDisk(path)
        }
    }

    private static func termsAndPostingsBodies(_ builder: SegmentBuilder) -> [(IndexFile.Kind, [UInt8])] {
        let terms = builder.terms
        let utf8Terms = (0..<terms.count).map { utf8(terms.term($0)) }
        let order = (0..<terms.count).sorted { utf8Terms[$0].lexicographicallyPrecedes(utf8Terms[$1]) }
        let passageLengths = builder.passages.map(\.tokenCount)
        var dictionary = ByteWriter()
        var strings = ByteWriter()
        var encoder = PostingsEncoder()
        dictionary.reserveCapacity(4 + order.count * termEntrySize)
        dictionary.append(UInt32(order.count))
        for id in order {
            let summary = encoder.encode(stream: builder.postings[id].bytes, passageLengths: passageLengths)
            dictionary.append(UInt32(strings.count))
            dictionary.append(UInt32(utf8Terms[id].count))
            dictionary.append(UInt64(summary.postings.lowerBound))
            dictionary.append(UInt64(summary.postings.count))
            dictionary.append(UInt64(summary.positions.lowerBound))
            dictionary.append(UInt64(summary.positions.count))
            dictionary.append(UInt32(summary.passageFrequency))
            dictionary.append(summary.lastPassage)
            dictionary.append(summary.maxFrequency)
            dictionary.append(summary.minLength)
            strings.append(contentsOf: utf8Terms[id])
        }
        dictionary.append(contentsOf: strings.bytes)
        return [(.terms, dictionary.bytes), (.postings, encoder.postings.bytes), (.positions, encoder.positions.bytes)]
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

    private static func passagesBody(_ builder: SegmentBuilder) -> [UInt8] {
        var body = ByteWriter()
        body.reserveCapacity(4 + builder.passages.count * passageEntrySize)
        body.append(UInt32(builder.passages.count))
        for passage in builder.passages {
            body.append(passage.document)
            body.append(passage.start)
            body.append(passage.end)
            body.append(passage.tokenCount)
            body.append(passage.year)
            body.append(UInt16(0))
        }
        return body.bytes
    }

    private static func documentsBody(_ builder: SegmentBuilder) -> [UInt8] {
        var body = ByteWriter()
        var strings = ByteWriter()
        body.append(UInt32(builder.documents.count))
        for document in builder.documents {
            let path = Array(document.path.utf8), title = Array(document.title.utf8)
            body.append(UInt32(strings.count))
            body.append(UInt32(path.count))
            strings.append(contentsOf: path)
            body.append(UInt32(strings.count))
            body.append(UInt32(title.count))
            strings.append(contentsOf: title)
            body.append(UInt64(document.textOffset))
            body.append(UInt64(document.textLength))
            body.append(UInt32(document.firstPassage))
            body.append(UInt32(document.passageCount))
            body.append(document.year)
            body.append(UInt16(0))
            body.append(UInt32(0))
            body.append(UInt64(document.fileSize))
            body.append(document.modificationNanoseconds)
            body.append(document.contentHash)
        }
        body.append(contentsOf: strings.bytes)
        return body.bytes
    }
}

/// How a segment's files are named: `NAME.EXTENSION`, the extension telling the kind.
enum SegmentFiles {
    static let kinds: [IndexFile.Kind] = [.terms, .postings, .positions, .passages, .documents, .text]

    static func fileName(segment: String, kind: IndexFile.Kind) -> String {
        segment + "." + kind.fileExtension
    }
}
