/// `NAME.passages` (kind PASS) — the passage table, one entry per passage in id order:
///
///     passageCount u32
///     passageCount × { document u32,            the document it belongs to
///                      start u32, end u32,      its byte range in the document's text
///                      tokenCount u32,          its length in words (BM25's dl)
///                      year u16,                0 = unknown
///                      reserved u16 (0) }       20 bytes each
///
/// Scoring reads lengths and years for every candidate passage, so they are read in place
/// (`PassageColumns`) at the offsets below, once the table has been checked as a whole.
enum PassagesFile {
    /// Byte offsets of an entry's fields.
    enum Field {
        static let document = 0
        static let tokenCount = 12
        static let year = 16
    }
    static let entrySize = 20

    static func encode(_ passages: [PassageRecord]) -> [UInt8] {
        var table = EntryTable.Writer(entrySize: entrySize, capacity: passages.count)
        for passage in passages {
            table.append { entry in
                entry.append(passage.document)
                entry.append(passage.start)
                entry.append(passage.end)
                entry.append(passage.tokenCount)
                entry.append(passage.year)
                entry.append(UInt16(0))
            }
        }
        return table.body
    }

    struct Reader: Sendable {
        let table: EntryTable
        let documentCount: Int

        var count: Int { table.count }

        func passage(_ index: Int) throws(JiansuoError) -> PassageRecord {
            guard index >= 0, index < count else {
                throw .corruptIndex(file: table.file.path, reason: "passage \(index) does not exist (\(count) passages)")
            }
            var reader = try table.entry(index)
            let record = PassageRecord(
                document: try reader.read(UInt32.self), start: try reader.read(UInt32.self),
                end: try reader.read(UInt32.self), tokenCount: try reader.read(UInt32.self),
                year: try reader.read(UInt16.self))
            guard Int(record.document) < documentCount, record.start <= record.end else {
                throw reader.corrupt("passage \(index) names document \(record.document) or a reversed byte range")
            }
            return record
        }

        func columns() throws(JiansuoError) -> PassageColumns {
            PassageColumns(table: try table.entries(), owner: table.file)
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
}
