/// `NAME.passages` (kind PASS) — the passage table, one entry per passage in id order, then
/// the characters of each year:
///
///     passageCount u32
///     passageCount × { document u32,            the document it belongs to
///                      start u32, end u32,      its byte range in the document's text
///                      tokenCount u32,          its length in words (BM25's dl)
///                      year u16,                0 = unknown
///                      flags u16,               bit 0: the year is its section heading's
///                      section u32,             its section in NAME.sections, or 0xFFFFFFFF
///                                               (none: before the first heading)
///                      characterCount u32 }     its characters (`PassageCharacters`); 28 bytes each
///     yearCount u32
///     yearCount × { year u16, reserved u16 (0), characters u64 }
///                                               per year (0 = unknown) the sum of its passages'
///                                               characterCount, years increasing; 12 bytes each
///
/// Scoring reads lengths and years for every candidate passage, so they are read in place
/// (`PassageColumns`) at the offsets below, once the table has been checked as a whole.
/// Trends read the year totals (less the characters of deleted passages), so counting by
/// year never touches the text or the table. Format 6 added the flags and the section (and
/// made headings passages of their own); format 7 the character counts and year totals.
enum PassagesFile {
    /// Byte offsets of an entry's fields.
    enum Field {
        static let document = 0
        static let tokenCount = 12
        static let year = 16
        static let section = 20
        static let characterCount = 24
    }
    static let entrySize = 28
    static let yearTotalSize = 12
    static let yearFromHeading: UInt16 = 1
    static let noSection = UInt32.max

    static func encode(_ passages: [PassageRecord]) -> [UInt8] {
        var table = EntryTable.Writer(entrySize: entrySize, capacity: passages.count)
        for passage in passages {
            table.append { entry in
                entry.append(passage.document)
                entry.append(passage.start)
                entry.append(passage.end)
                entry.append(passage.tokenCount)
                entry.append(passage.year)
                entry.append(passage.yearFromHeading ? yearFromHeading : 0)
                entry.append(passage.section ?? noSection)
                entry.append(passage.characterCount)
            }
        }
        var totals = ByteWriter()
        let years = yearTotals(passages)
        totals.append(UInt32(years.count))
        for (year, characters) in years {
            totals.append(year)
            totals.append(UInt16(0))
            totals.append(characters)
        }
        table.string(totals.bytes)
        return table.body
    }

    /// Per year (0: unknown), increasing, the characters of `passages`.
    static func yearTotals(_ passages: [PassageRecord]) -> [(year: UInt16, characters: UInt64)] {
        var totals: [UInt16: UInt64] = [:]
        for passage in passages { totals[passage.year, default: 0] += UInt64(passage.characterCount) }
        return totals.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
    }

    struct Reader: Sendable {
        let table: EntryTable
        let documentCount: Int
        let sectionCount: Int

        var count: Int { table.count }

        func passage(_ index: Int) throws(JiansuoError) -> PassageRecord {
            guard index >= 0, index < count else {
                throw .corruptIndex(file: table.file.path, reason: "passage \(index) does not exist (\(count) passages)")
            }
            var reader = try table.entry(index)
            var record = PassageRecord(
                document: try reader.read(UInt32.self), start: try reader.read(UInt32.self),
                end: try reader.read(UInt32.self), tokenCount: try reader.read(UInt32.self),
                year: try reader.read(UInt16.self))
            let flags = try reader.read(UInt16.self), section = try reader.read(UInt32.self)
            record.characterCount = try reader.read(UInt32.self)
            guard Int(record.document) < documentCount, record.start <= record.end else {
                throw reader.corrupt("passage \(index) names document \(record.document) or a reversed byte range")
            }
            guard section == noSection || Int(section) < sectionCount, flags & ~yearFromHeading == 0 else {
                throw reader.corrupt("passage \(index) names section \(section) of \(sectionCount) or unknown flags \(flags)")
            }
            record.section = section == noSection ? nil : section
            record.yearFromHeading = flags & yearFromHeading != 0
            return record
        }

        func columns() throws(JiansuoError) -> PassageColumns {
            PassageColumns(table: try table.entries(), owner: table.file)
        }

        /// The year totals, checked for shape (years increasing, the area exactly their size);
        /// that they add up to the passages' counts is `IndexChecker`'s to verify.
        func yearTotals() throws(JiansuoError) -> [(year: UInt16, characters: UInt64)] {
            var reader = ByteReader(try table.area(), file: table.file.path)
            let count = Int(try reader.read(UInt32.self))
            guard reader.bytes.count == 4 + count * yearTotalSize else {
                throw reader.corrupt("the year totals do not fill the \(reader.bytes.count) bytes after the passage table")
            }
            var totals: [(year: UInt16, characters: UInt64)] = []
            totals.reserveCapacity(count)
            for _ in 0..<count {
                let year = try reader.read(UInt16.self)
                guard try reader.read(UInt16.self) == 0, totals.last.map({ $0.year < year }) ?? true else {
                    throw reader.corrupt("year totals out of order at year \(year), or a reserved field set")
                }
                totals.append((year, try reader.read(UInt64.self)))
            }
            return totals
        }
    }
}

/// A passage: a byte range of its document's text and its length in tokens.
struct PassageRecord {
    var document: UInt32
    var start: UInt32
    var end: UInt32
    var tokenCount: UInt32
    /// 0 when unknown.
    var year: UInt16
    /// Its section in the segment's section table.
    var section: UInt32? = nil
    /// Whether `year` is the one its section's heading names.
    var yearFromHeading = false
    /// Its characters, as `PassageCharacters` counts them.
    var characterCount: UInt32 = 0
}

/// The length (tokens) and year of each passage of a segment, read in place without
/// further checks (passage ids come from validated postings).
struct PassageColumns {
    let table: UnsafeRawBufferPointer
    /// Keeps the mapping alive while the columns are read.
    let owner: MappedFile

    var count: Int { table.count / PassagesFile.entrySize }

    /// The passage's document (not checked against the document table).
    func document(_ passage: Int) -> Int {
        Int(UInt32(littleEndian: table.loadUnaligned(
            fromByteOffset: passage * PassagesFile.entrySize + PassagesFile.Field.document, as: UInt32.self)))
    }

    func tokenCount(_ passage: Int) -> Int {
        Int(UInt32(littleEndian: table.loadUnaligned(
            fromByteOffset: passage * PassagesFile.entrySize + PassagesFile.Field.tokenCount, as: UInt32.self)))
    }

    /// 0 when unknown.
    func year(_ passage: Int) -> UInt16 {
        UInt16(littleEndian: table.loadUnaligned(
            fromByteOffset: passage * PassagesFile.entrySize + PassagesFile.Field.year, as: UInt16.self))
    }

    func characterCount(_ passage: Int) -> Int {
        Int(UInt32(littleEndian: table.loadUnaligned(
            fromByteOffset: passage * PassagesFile.entrySize + PassagesFile.Field.characterCount, as: UInt32.self)))
    }

    /// Its section (to be checked against the section table before use), or
    /// `PassagesFile.noSection`.
    func section(_ passage: Int) -> UInt32 {
        UInt32(littleEndian: table.loadUnaligned(
            fromByteOffset: passage * PassagesFile.entrySize + PassagesFile.Field.section, as: UInt32.self))
    }
}
