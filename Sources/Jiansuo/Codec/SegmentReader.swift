/// A term's postings in one segment, decoded: for the i-th matching passage,
/// `passages[i]`, its frequency `frequencies[i]`, and its positions
/// `positions[positionStarts[i]..<positionStarts[i + 1]]` — none for a term stored without
/// them (`hasPositions` false: a single character, `CharacterTerms`).
struct TermPostings {
    var hasPositions = true
    var passages: [UInt32] = []
    var frequencies: [UInt32] = []
    var positionStarts: [Int] = [0]
    var positions: [UInt32] = []
}

/// Reads one segment straight from its memory-mapped files, through the reader of each
/// file kind (`SegmentFiles`). Every count, offset and id read from disk is checked before use.
final class SegmentReader: Sendable {
    let name: String
    private let terms: TermsFile.Reader
    private let postings: MappedFile
    private let positions: MappedFile
    private let passages: PassagesFile.Reader
    private let documents: DocumentsFile.Reader
    private let text: TextFile.Reader
    private let sections: SectionsFile.Reader

    var termCount: Int { terms.count }
    var passageCount: Int { passages.count }
    var documentCount: Int { documents.count }
    var sectionCount: Int { sections.count }

    init(directory: IndexDirectory, name: String) throws(JiansuoError) {
        func open(_ kind: IndexFile.Kind) throws(JiansuoError) -> MappedFile {
            try MappedFile(path: directory.file(SegmentFiles.fileName(segment: name, kind: kind)), kind: kind, storage: directory.storage)
        }
        self.name = name
        let postings = try open(.postings), positions = try open(.positions)
        let text = try TextFile.Reader(file: try open(.text))
        let passageTable = try EntryTable(try open(.passages), entrySize: PassagesFile.entrySize)
        let documentTable = try EntryTable(try open(.documents), entrySize: DocumentsFile.entrySize)
        let sectionTable = try EntryTable(try open(.sections), entrySize: SectionsFile.entrySize)
        self.postings = postings
        self.positions = positions
        self.text = text
        self.passages = PassagesFile.Reader(
            table: passageTable, documentCount: documentTable.count, sectionCount: sectionTable.count)
        self.sections = SectionsFile.Reader(
            table: sectionTable, documentCount: documentTable.count, passageCount: passageTable.count)
        self.documents = DocumentsFile.Reader(table: documentTable, textLength: text.length, passageCount: passageTable.count)
        self.terms = try TermsFile.Reader(
            try open(.terms), postingsLength: postings.bodyLength, positionsLength: positions.bodyLength,
            passageCount: passageTable.count)
    }

    // MARK: Terms

    /// The UTF-8 bytes of the term at `index` in dictionary order.
    func termBytes(at index: Int) throws(JiansuoError) -> [UInt8] {
        try terms.termBytes(at: index)
    }

    /// Every term in dictionary order (UTF-8), with its entry.
    func forEachTerm(_ body: (_ index: Int, _ term: [UInt8], _ entry: TermEntry) throws(JiansuoError) -> Void) throws(JiansuoError) {
        try terms.forEach(body)
    }

    /// The index of the first term not ordered before `term` (UTF-8), or `termCount`.
    func firstTermIndex(notBefore term: [UInt8]) throws(JiansuoError) -> Int {
        try terms.firstIndex(notBefore: term)
    }

    func termEntry(at index: Int) throws(JiansuoError) -> TermEntry {
        try terms.entry(at: index)
    }

    /// The dictionary entry of `term` (UTF-8).
    func lookup(_ term: [UInt8]) throws(JiansuoError) -> TermEntry? {
        guard let index = try terms.index(of: term) else { return nil }
        return try terms.entry(at: index)
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
        var result = TermPostings(hasPositions: !entry.positions.isEmpty)
        result.passages.reserveCapacity(entry.passageFrequency)
        result.frequencies.reserveCapacity(entry.passageFrequency)
        result.positionStarts.reserveCapacity(entry.passageFrequency + 1)
        var positions: [UInt32] = []
        while try cursor.next() != PostingsCursor.end {
            if result.hasPositions { try cursor.positions(into: &positions) }
            result.passages.append(UInt32(cursor.passage))
            result.frequencies.append(UInt32(cursor.frequency))
            result.positions.append(contentsOf: positions)
            result.positionStarts.append(result.positions.count)
        }
        return result
    }

    // MARK: Passages and documents

    func passage(_ index: Int) throws(JiansuoError) -> PassageRecord {
        try passages.passage(index)
    }

    /// Fast access to every passage's length and year, for scoring: the passage table
    /// verified once, then read without further checks (ids come from validated postings).
    func passageColumns() throws(JiansuoError) -> PassageColumns {
        try passages.columns()
    }

    /// Per year (0: unknown) the characters of all its passages, deleted or not.
    func characterTotalsByYear() throws(JiansuoError) -> [(year: UInt16, characters: UInt64)] {
        try passages.yearTotals()
    }

    func section(_ index: Int) throws(JiansuoError) -> SectionRecord {
        try sections.section(index)
    }

    func document(_ index: Int) throws(JiansuoError) -> StoredDocument {
        try documents.document(index)
    }

    /// The UTF-8 bytes of `range` within a document's text (decompressed: a copy).
    func textBytes(of document: StoredDocument, range: Range<Int>) throws(JiansuoError) -> [UInt8] {
        try text.bytes(of: document, range: range)
    }

    private var files: [MappedFile] {
        [terms.file, postings, positions, passages.table.file, documents.table.file, text.file, sections.table.file]
    }

    /// Reads every byte of every file, verifying all checksums.
    func verifyChecksums() throws(JiansuoError) {
        for file in files {
            try file.verifyAll()
        }
    }

    /// Sizes of the segment's files by kind.
    var fileSizes: [(IndexFile.Kind, Int)] {
        files.map { ($0.kind, $0.fileLength) }
    }
}
