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

/// A term's postings in one segment, decoded: for the i-th matching passage,
/// `passages[i]`, and its positions `positions[positionStarts[i]..<positionStarts[i + 1]]`.
struct TermPostings {
    var passages: [UInt32] = []
    var positionStarts: [Int] = [0]
    var positions: [UInt32] = []

    func frequency(at index: Int) -> Int {
        positionStarts[index + 1] - positionStarts[index]
    }
}

/// The length (tokens) and year of each passage of a segment, read in place.
struct PassageColumns {
    let table: UnsafeRawBufferPointer
    /// Keeps the mapping alive while the columns are read.
    let owner: SegmentReader

    var count: Int { table.count / SegmentWriter.passageEntrySize }

    /// The passage's document (not checked against the document table).
    func document(_ passage: Int) -> Int {
        Int(UInt32(littleEndian: table.loadUnaligned(fromByteOffset: passage * SegmentWriter.passageEntrySize, as: UInt32.self)))
    }

    func tokenCount(_ passage: Int) -> Int {
        Int(UInt32(littleEndian: table.loadUnaligned(fromByteOffset: passage * SegmentWriter.passageEntrySize + 12, as: UInt32.self)))
    }

    /// 0 when unknown.
    func year(_ passage: Int) -> UInt16 {
        UInt16(littleEndian: table.loadUnaligned(fromByteOffset: passage * SegmentWriter.passageEntrySize + 16, as: UInt16.self))
    }
}

/// A stored document's metadata, validated against the segment's files.
struct StoredDocument {
    var path: String
    var title: String
    var year: Int?
    var text: Range<Int>
    var passages: Range<Int>
    var fileSize: Int
    var modificationNanoseconds: Int64
    var contentHash: UInt64
}

/// Reads one segment straight from its memory-mapped files (format in `SegmentWriter`).
/// Every count, offset and id read from disk is checked before use.
final class SegmentReader: Sendable {
    let name: String
    let termCount: Int
    let passageCount: Int
    let documentCount: Int
    private let terms: MappedFile
    private let postings: MappedFile
    private let positions: MappedFile
    private let passages: MappedFile
    private let documents: MappedFile
    private let text: MappedFile

    init(directory: String, name: String) throws(JiansuoError) {
        func open(_ kind: IndexFile.Kind) throws(JiansuoError) -> MappedFile {
            try MappedFile(path: FileSystem.join(directory, SegmentFiles.fileName(segment: name, kind: kind)), kind: kind)
        }
        self.name = name
        self.terms = try open(.terms)
        self.postings = try open(.postings)
        self.positions = try open(.positions)
        self.passages = try open(.passages)
        self.documents = try open(.documents)
        self.text = try open(.text)
        self.termCount = try Self.count(in: terms, entrySize: SegmentWriter.termEntrySize)
        self.passageCount = try Self.count(in: passages, entrySize: SegmentWriter.passageEntrySize)
        self.documentCount = try Self.count(in: documents, entrySize: SegmentWriter.documentEntrySize)
    }

    /// Reads a table's leading count and checks that the table fits in the body.
    private static func count(in file: MappedFile, entrySize: Int) throws(JiansuoError) -> Int {
        var reader = ByteReader(try file.region(0..<min(4, file.bodyLength)), file: file.path)
        let count = Int(try reader.read(UInt32.self))
        guard 4 + count * entrySize <= file.bodyLength else {
            throw reader.corrupt("table of \(count) entries does not fit in \(file.bodyLength) bytes")
        }
        return count
    }

    private func entry(_ file: MappedFile, index: Int, size: Int) throws(JiansuoError) -> ByteReader {
        ByteReader(try file.region(4 + index * size..<4 + (index + 1) * size), file: file.path)
    }

    // MARK: Terms

    /// The UTF-8 bytes of the term at `index` in dictionary order.
    func termBytes(at index: Int) throws(JiansuoError) -> UnsafeRawBufferPointer {
        var reader = try entry(terms, index: index, size: SegmentWriter.termEntrySize)
        let offset = Int(try reader.read(UInt32.self)), length = Int(try reader.read(UInt32.self))
        let stringArea = 4 + termCount * SegmentWriter.termEntrySize
        guard stringArea + offset + length <= terms.bodyLength else {
            throw reader.corrupt("term \(index) points past the end of the string area")
        }
        return try terms.region(stringArea + offset..<stringArea + offset + length)
    }

    func termEntry(at index: Int) throws(JiansuoError) -> TermEntry {
        var reader = try entry(terms, index: index, size: SegmentWriter.termEntrySize)
        try reader.seek(to: 8)
        let offset = try reader.read(UInt64.self), length = try reader.read(UInt64.self)
        let positionsOffset = try reader.read(UInt64.self), positionsLength = try reader.read(UInt64.self)
        let frequency = Int(try reader.read(UInt32.self)), lastPassage = Int(try reader.read(UInt32.self))
        let maxFrequency = Int(try reader.read(UInt32.self)), minLength = Int(try reader.read(UInt32.self))
        guard offset <= UInt64(postings.bodyLength), length <= UInt64(postings.bodyLength) - offset else {
            throw reader.corrupt("term \(index)'s postings lie outside \(postings.path)")
        }
        guard positionsOffset <= UInt64(positions.bodyLength), positionsLength <= UInt64(positions.bodyLength) - positionsOffset else {
            throw reader.corrupt("term \(index)'s positions lie outside \(positions.path)")
        }
        guard frequency >= 1, lastPassage < passageCount, frequency <= lastPassage + 1, maxFrequency >= 1 else {
            throw reader.corrupt("term \(index) claims \(frequency) passages up to \(lastPassage) of \(passageCount)")
        }
        return TermEntry(
            postings: Int(offset)..<Int(offset + length),
            positions: Int(positionsOffset)..<Int(positionsOffset + positionsLength),
            passageFrequency: frequency, lastPassage: lastPassage, maxFrequency: maxFrequency, minLength: minLength)
    }

    /// The dictionary entry of `term` (UTF-8), found by binary search.
    func lookup(_ term: [UInt8]) throws(JiansuoError) -> TermEntry? {
        var low = 0, high = termCount
        while low < high {
            let middle = (low + high) / 2
            let candidate = try termBytes(at: middle)
            if candidate.lexicographicallyPrecedes(term) {
                low = middle + 1
            } else {
                high = middle
            }
        }
        guard low < termCount, try termBytes(at: low).elementsEqual(term) else { return nil }
        return try termEntry(at: low)
    }

    /// A cursor over `entry`'s postings: the way to read them without decoding them all.
    func postingsCursor(_ entry: TermEntry) throws(JiansuoError) -> PostingsCursor {
        try PostingsCursor(entry: entry, postings: postings, positions: positions, passageCount: passageCount)
    }

    /// A cursor per key, in order (repeated keys share one cursor, so they move together),
    /// or `nil` if any key is absent from the segment.
    func cursors(for keys: [[UInt8]]) throws(JiansuoError) -> [PostingsCursor]? {
        var opened: [[UInt8]: PostingsCursor] = [:]
        var cursors: [PostingsCursor] = []
        for key in keys {
            if let cursor = opened[key] {
                cursors.append(cursor)
                continue
            }
            guard let entry = try lookup(key) else { return nil }
            let cursor = try postingsCursor(entry)
            opened[key] = cursor
            cursors.append(cursor)
        }
        return cursors
    }

    /// All of `entry`'s postings, decoded.
    func decodePostings(_ entry: TermEntry) throws(JiansuoError) -> TermPostings {
        let cursor = try postingsCursor(entry)
        var result = TermPostings()
        result.passages.reserveCapacity(entry.passageFrequency)
        result.positionStarts.reserveCapacity(entry.passageFrequency + 1)
        var positions: [UInt32] = []
        while try cursor.next() != PostingsCursor.end {
            try cursor.positions(into: &positions)
            result.passages.append(UInt32(cursor.passage))
            result.positions.append(contentsOf: positions)
            result.positionStarts.append(result.positions.count)
        }
        return result
    }

    // MARK: Passages and documents

    func passage(_ index: Int) throws(JiansuoError) -> PassageRecord {
        guard index >= 0, index < passageCount else {
            throw .corruptIndex(file: passages.path, reason: "passage \(index) does not exist (\(passageCount) passages)")
        }
        var reader = try entry(passages, index: index, size: SegmentWriter.passageEntrySize)
        let record = PassageRecord(
            document: try reader.read(UInt32.self), start: try reader.read(UInt32.self),
            end: try reader.read(UInt32.self), tokenCount: try reader.read(UInt32.self),
            year: try reader.read(UInt16.self))
        guard Int(record.document) < documentCount, record.start <= record.end else {
            throw reader.corrupt("passage \(index) names document \(record.document) or a reversed byte range")
        }
        return record
    }

    /// Fast access to every passage's length and year, for scoring: the passage table
    /// verified once, then read without further checks (ids come from validated postings).
    func passageColumns() throws(JiansuoError) -> PassageColumns {
        PassageColumns(table: try passages.region(4..<4 + passageCount * SegmentWriter.passageEntrySize), owner: self)
    }

    func document(_ index: Int) throws(JiansuoError) -> StoredDocument {
        guard index >= 0, index < documentCount else {
            throw .corruptIndex(file: documents.path, reason: "document \(index) does not exist")
        }
        var reader = try entry(documents, index: index, size: SegmentWriter.documentEntrySize)
        let stringArea = 4 + documentCount * SegmentWriter.documentEntrySize
        func string() throws(JiansuoError) -> String {
            let offset = Int(try reader.read(UInt32.self)), length = Int(try reader.read(UInt32.self))
            guard stringArea + offset + length <= documents.bodyLength else {
                throw reader.corrupt("document \(index)'s strings lie outside the file")
            }
            return String(decoding: try documents.region(stringArea + offset..<stringArea + offset + length), as: UTF8.self)
        }
        let path = try string(), title = try string()
        let textOffset = try reader.read(UInt64.self), textLength = try reader.read(UInt64.self)
        let firstPassage = Int(try reader.read(UInt32.self)), passageCount = Int(try reader.read(UInt32.self))
        let year = try reader.read(UInt16.self)
        try reader.seek(to: 48)
        let fileSize = try reader.read(UInt64.self)
        let modification = try reader.read(Int64.self)
        let hash = try reader.read(UInt64.self)
        guard textOffset <= UInt64(text.bodyLength), textLength <= UInt64(text.bodyLength) - textOffset else {
            throw reader.corrupt("document \(index)'s text lies outside \(text.path)")
        }
        guard firstPassage <= self.passageCount, passageCount <= self.passageCount - firstPassage else {
            throw reader.corrupt("document \(index)'s passages lie outside the passage table")
        }
        guard fileSize <= UInt64(Int.max) else { throw reader.corrupt("document \(index)'s file size is impossible") }
        return StoredDocument(
            path: path, title: title, year: year == 0 ? nil : Int(year),
            text: Int(textOffset)..<Int(textOffset + textLength),
            passages: firstPassage..<firstPassage + passageCount,
            fileSize: Int(fileSize), modificationNanoseconds: modification, contentHash: hash)
    }

    /// The UTF-8 bytes of `range` within a document's text.
    func textBytes(of document: StoredDocument, range: Range<Int>) throws(JiansuoError) -> UnsafeRawBufferPointer {
        guard range.lowerBound >= 0, range.upperBound <= document.text.count else {
            throw .corruptIndex(file: text.path, reason: "byte range \(range) lies outside a document of \(document.text.count) bytes")
        }
        return try text.region(document.text.lowerBound + range.lowerBound..<document.text.lowerBound + range.upperBound)
    }

    /// Reads every byte of every file, verifying all checksums.
    func verifyChecksums() throws(JiansuoError) {
        for file in [terms, postings, positions, passages, documents, text] {
            try file.verifyAll()
        }
    }

    /// Sizes of the segment's files by kind.
    var fileSizes: [(IndexFile.Kind, Int)] {
        [terms, postings, positions, passages, documents, text].map { ($0.kind, $0.fileLength) }
    }
}
