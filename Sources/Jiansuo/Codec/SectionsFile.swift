/// `NAME.sections` (kind SECT) — the section table: every document's section tree, one
/// entry per section in id order (a document's sections contiguous, parents before children):
///
///     sectionCount u32
///     sectionCount × { document u32,          the document it belongs to
///                      parent u32,            its parent section, or 0xFFFFFFFF (outermost)
///                      headingPassage u32,    the passage holding its heading
///                      level u16,             0 outermost
///                      year u16 }             the year its heading names, or its parent's;
///                                             0 = none; 16 bytes each
///
/// A heading's text is its passage's, so the table holds no strings; a passage names its
/// section in the passage table. Section paths (`SectionPaths`) and `heading:` filters read
/// it whole: it is small, a few entries per document. Added in format 6.
enum SectionsFile {
    static let entrySize = 16
    static let noParent = UInt32.max

    static func encode(_ sections: [SectionRecord]) -> [UInt8] {
        var table = EntryTable.Writer(entrySize: entrySize, capacity: sections.count)
        for section in sections {
            table.append { entry in
                entry.append(section.document)
                entry.append(section.parent ?? noParent)
                entry.append(section.headingPassage)
                entry.append(section.level)
                entry.append(section.year)
            }
        }
        return table.body
    }

    struct Reader: Sendable {
        let table: EntryTable
        let documentCount: Int
        let passageCount: Int

        var count: Int { table.count }

        /// The section at `index`, checked: its document and heading exist, and its parent
        /// comes before it.
        func section(_ index: Int) throws(JiansuoError) -> SectionRecord {
            guard index >= 0, index < count else {
                throw .corruptIndex(file: table.file.path, reason: "section \(index) does not exist (\(count) sections)")
            }
            var reader = try table.entry(index)
            let document = try reader.read(UInt32.self), parent = try reader.read(UInt32.self)
            let heading = try reader.read(UInt32.self), level = try reader.read(UInt16.self)
            let year = try reader.read(UInt16.self)
            guard Int(document) < documentCount, Int(heading) < passageCount else {
                throw reader.corrupt("section \(index) names document \(document) or heading passage \(heading)")
            }
            guard parent == noParent || Int(parent) < index else {
                throw reader.corrupt("section \(index) names parent \(parent), which does not come before it")
            }
            return SectionRecord(
                document: document, parent: parent == noParent ? nil : parent, headingPassage: heading, level: level,
                year: year)
        }
    }
}

/// A section of a document: where its heading is and where it stands in the tree.
struct SectionRecord: Equatable {
    var document: UInt32
    /// Segment-local section id.
    var parent: UInt32?
    /// Segment-local passage id.
    var headingPassage: UInt32
    var level: UInt16
    /// 0 when none.
    var year: UInt16
}
