/// `NAME.docs` (kind DOCS) — the document table, one entry per document in id order, then
/// the strings the entries point into:
///
///     documentCount u32
///     documentCount × { pathOffset u32, pathLength u32,      (into the string area)
///                       titleOffset u32, titleLength u32,
///                       sourceOffset u32, sourceLength u32,  (0 bytes: no source)
///                       textOffset u64, textLength u64,      (into NAME.text's body)
///                       firstPassage u32, passageCount u32,  (its passages, contiguous)
///                       fileSize u64,                        the file's size when read
///                       modificationNanoseconds i64,         its modification time then
///                       contentHash u64,                     FNV-1a of the text
///                       year u16,                            0 = unknown
///                       reserved u16 (0) }                   76 bytes each
///     string area: UTF-8 bytes
///
/// The path is the document's identity in the index; the title and source are what the
/// metadata sidecar or detection gave it. Size, time and hash let re-indexing tell whether
/// its file changed (`FolderSync`). Format 5 added the source.
enum DocumentsFile {
    static let entrySize = 76

    static func encode(_ documents: [DocumentRecord]) -> [UInt8] {
        var table = EntryTable.Writer(entrySize: entrySize, capacity: documents.count)
        for document in documents {
            let path = table.string(document.path.utf8)
            let title = table.string(document.title.utf8)
            let source = table.string(document.source.utf8)
            table.append { entry in
                for string in [path, title, source] {
                    entry.append(string.offset)
                    entry.append(string.length)
                }
                entry.append(UInt64(document.textOffset))
                entry.append(UInt64(document.textLength))
                entry.append(UInt32(document.firstPassage))
                entry.append(UInt32(document.passageCount))
                entry.append(UInt64(document.fileSize))
                entry.append(document.modificationNanoseconds)
                entry.append(document.contentHash)
                entry.append(document.year)
                entry.append(UInt16(0))
            }
        }
        return table.body
    }

    /// Reads documents, checking each against the text file's length and the passage count.
    struct Reader: Sendable {
        let table: EntryTable
        let textLength: Int
        let passageCount: Int

        var count: Int { table.count }

        func document(_ index: Int) throws(JiansuoError) -> StoredDocument {
            guard index >= 0, index < count else {
                throw .corruptIndex(file: table.file.path, reason: "document \(index) does not exist")
            }
            var reader = try table.entry(index)
            func string() throws(JiansuoError) -> String {
                let offset = Int(try reader.read(UInt32.self)), length = Int(try reader.read(UInt32.self))
                return String(decoding: try table.string(offset: offset, length: length, of: "document \(index)"), as: UTF8.self)
            }
            let path = try string(), title = try string(), source = try string()
            let textOffset = try reader.read(UInt64.self), textLength = try reader.read(UInt64.self)
            let firstPassage = Int(try reader.read(UInt32.self)), passages = Int(try reader.read(UInt32.self))
            let fileSize = try reader.read(UInt64.self)
            let modification = try reader.read(Int64.self)
            let hash = try reader.read(UInt64.self)
            let year = try reader.read(UInt16.self)
            guard textOffset <= UInt64(self.textLength), textLength <= UInt64(self.textLength) - textOffset else {
                throw reader.corrupt("document \(index)'s text lies outside the text file")
            }
            guard firstPassage <= passageCount, passages <= passageCount - firstPassage else {
                throw reader.corrupt("document \(index)'s passages lie outside the passage table")
            }
            guard fileSize <= UInt64(Int.max) else { throw reader.corrupt("document \(index)'s file size is impossible") }
            return StoredDocument(
                path: path, title: title, source: source.isEmpty ? nil : source, year: year == 0 ? nil : Int(year),
                text: Int(textOffset)..<Int(textOffset + textLength),
                passages: firstPassage..<firstPassage + passages,
                fileSize: Int(fileSize), modificationNanoseconds: modification, contentHash: hash)
        }
    }
}

/// A document as it enters the index (`SegmentBuilder`).
struct DocumentRecord {
    var path: String
    var title: String
    /// Empty when the document has none.
    var source: String
    /// 0 when unknown.
    var year: UInt16
    var textOffset: Int
    var textLength: Int
    var firstPassage: Int
    var passageCount: Int
    var fileSize: Int
    var modificationNanoseconds: Int64
    var contentHash: UInt64
}

/// A stored document's metadata, validated against the segment's files.
struct StoredDocument {
    var path: String
    var title: String
    var source: String?
    var year: Int?
    var text: Range<Int>
    var passages: Range<Int>
    var fileSize: Int
    var modificationNanoseconds: Int64
    var contentHash: UInt64
}
