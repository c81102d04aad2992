/// A segment is seven files named `NAME.EXTENSION`, one per kind, each in the `IndexFile`
/// envelope; each kind's grammar is in its own file beside this one:
///
/// | file | kind | grammar, writer and reader |
/// |---|---|---|
/// | `NAME.terms` | TERM | `TermsFile` |
/// | `NAME.postings`, `NAME.positions` | POST, POSI | `PostingsFile.swift` (`PostingsEncoder`, `PostingsCursor`) |
/// | `NAME.passages` | PASS | `PassagesFile` |
/// | `NAME.docs` | DOCS | `DocumentsFile` |
/// | `NAME.text` | TEXT | `TextFile` |
/// | `NAME.sections` | SECT | `SectionsFile` |
///
/// Integers are little-endian, varints LEB128. Readers check every offset, length and id
/// against the sizes of the files they point into. To add a file kind: a case of
/// `IndexFile.Kind`, a `…File.swift` with its grammar, writer and reader, a line here and in
/// `SegmentReader`, and a new `IndexFile.formatVersion`.
enum SegmentFiles {
    static let kinds: [IndexFile.Kind] = [.terms, .postings, .positions, .passages, .documents, .text, .sections]

    static func fileName(segment: String, kind: IndexFile.Kind) -> String {
        segment + "." + kind.fileExtension
    }
}

/// Writes a `SegmentBuilder` as the files of one immutable segment.
enum SegmentWriter {
    /// Writes the segment's files into `directory` and flushes them to disk. Each body is
    /// built just before it is written, so only one is held besides the builder, and the
    /// builder gives up its text and each term's postings as they are encoded: the peak is
    /// the builder, not the builder beside its encoded copy. The files are flushed at the
    /// end, so the disk writes back the text while postings are encoded.
    /// - Parameters:
    ///   - builder: consumed; pass one nothing else holds, or its memory is not freed early.
    ///   - threads: how many threads compress the text.
    static func write(_ builder: consuming SegmentBuilder, name: String, in directory: IndexDirectory, threads: Int) throws(JiansuoError) {
        var paths: [String] = []
        func write(_ kind: IndexFile.Kind, _ body: [UInt8]) throws(JiansuoError) {
            let path = directory.file(SegmentFiles.fileName(segment: name, kind: kind))
            let (header, footer) = IndexFile.envelope(kind: kind, body: body)
            try directory.storage.writeFile([header, body, footer], to: path)
            paths.append(path)
        }
        try write(.text, TextFile.encode(builder.takeText(), threads: threads))
        try write(.documents, DocumentsFile.encode(builder.documents))
        try write(.passages, PassagesFile.encode(builder.passages))
        try write(.sections, SectionsFile.encode(builder.sections))
        let (terms, postings, positions) = TermsFile.encode(
            terms: builder.terms, postings: builder.takePostings(), passageLengths: builder.passages.map(\.tokenCount))
        try write(.terms, terms)
        try write(.postings, postings)
        try write(.positions, positions)
        for path in paths {
            try directory.storage.sync(path)
        }
    }
}
