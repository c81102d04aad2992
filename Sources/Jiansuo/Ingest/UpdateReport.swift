/// What `IndexWriter.update(folders:)` did, file by file.
public struct UpdateReport: Sendable {
    /// Paths of files indexed for the first time.
    public internal(set) var added: [String] = []
    /// Paths of files whose content changed, indexed again.
    public internal(set) var updated: [String] = []
    /// Paths of documents deleted because their files are gone.
    public internal(set) var removed: [String] = []
    /// How many files were indexed already and had not changed.
    public internal(set) var unchanged = 0
    /// Files passed over, and why.
    public internal(set) var skipped: [SkippedFile] = []
    /// Bytes of text read and indexed.
    public internal(set) var bytes = 0
    /// Files of formats not indexed, documents indexed by format and by encoding, and notes
    /// (such as metadata sidecar problems), as `IngestReport` has them.
    public internal(set) var unsupported: [String] = []
    public internal(set) var formats: [DocumentFormat: Int] = [:]
    public internal(set) var encodings: [String: Int] = [:]
    public internal(set) var notes: [String] = []

    public init() {}

    /// Adds what `addFolder` reports: every document it added counts as added.
    public mutating func append(_ ingest: IngestReport) {
        added += ingest.added
        skipped += ingest.skipped
        bytes += ingest.bytes
        unsupported += ingest.unsupported
        formats.merge(ingest.formats, uniquingKeysWith: +)
        encodings.merge(ingest.encodings, uniquingKeysWith: +)
        notes += ingest.notes
    }
}
