/// Writes the live documents of several segments as one new segment, dropping deleted
/// documents and passages — how deletes are reclaimed and segment counts kept small.
///
/// Documents keep their order (segment by segment); passage ids are renumbered densely.
/// Postings are decoded with `SegmentReader.decodePostings` and re-added term by term, so
/// text is not analyzed again and the result is what indexing the same documents into one
/// segment gives. Every input's checksums are verified first.
enum SegmentMerger {
    struct Input {
        var reader: SegmentReader
        var deletions: DeletionSet
    }

    /// Merges `inputs` into the segment `name` in `directory`, written durably. Returns its
    /// manifest entry, or `nil` if nothing in the inputs is live (no segment is written).
    /// - Parameter threads: how many threads compress the new segment's text.
    static func merge(_ inputs: [Input], name: String, in directory: IndexDirectory, threads: Int) throws(JiansuoError) -> SegmentInfo? {
        // Readers do not verify chunk checksums (`MappedFile`); a merge must, or a flipped bit
        // in an input would be copied into a new segment under fresh, valid checksums.
        for input in inputs { try input.reader.verifyChecksums() }
        var builder = SegmentBuilder()
        for input in inputs {
            let reader = input.reader, deletions = input.deletions
            // New id of each passage of this segment, or -1 when it is deleted.
            var newPassage = [Int32](repeating: -1, count: reader.passageCount)
            var nextSection = 0  // sections are in document order
            for index in 0..<reader.documentCount {
                let firstSection = nextSection
                var sections: [SectionRecord] = []
                while nextSection < reader.sectionCount {
                    let section = try reader.section(nextSection)
                    guard section.document == index else { break }
                    sections.append(section)
                    nextSection += 1
                }
                guard !deletions.isDeleted(document: index) else { continue }
                let document = try reader.document(index)
                var passages: [PassageRecord] = []
                for passage in document.passages where !deletions.isDeleted(passage: passage) {
                    newPassage[passage] = Int32(builder.passages.count + passages.count)
                    passages.append(try reader.passage(passage))
                }
                let text = try reader.textBytes(of: document, range: 0..<document.text.count)
                builder.appendStoredDocument(
                    document, text: text, passages: passages, sections: sections, firstSection: firstSection)
            }
            try reader.forEachTerm { (termIndex, bytes, entry) throws(JiansuoError) in
                let postings = try reader.decodePostings(entry)
                var term: Int32?
                for (index, passage) in postings.passages.enumerated() where newPassage[Int(passage)] >= 0 {
                    if term == nil {
                        term = builder.internTerm(Array(String(decoding: bytes, as: UTF8.self).utf16))
                    }
                    guard let term else { continue }
                    if !builder.hasPositions[Int(term)] {
                        builder.appendPosting(
                            term: term, passage: newPassage[Int(passage)], frequency: Int(postings.frequencies[index]))
                    } else if postings.hasPositions {
                        builder.appendPosting(
                            term: term, passage: newPassage[Int(passage)],
                            positions: postings.positions[postings.positionStarts[index]..<postings.positionStarts[index + 1]])
                    } else {
                        throw .corruptIndex(file: "\(reader.name).terms", reason: "term \(termIndex) has no positions")
                    }
                }
            }
        }
        guard !builder.isEmpty else { return nil }
        let info = SegmentInfo(
            name: name, documentCount: builder.documents.count, passageCount: builder.passages.count,
            tokenCount: builder.tokenCount)
        try SegmentWriter.write(consume builder, name: name, in: directory, threads: threads)
        return info
    }
}
