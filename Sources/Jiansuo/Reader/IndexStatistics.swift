/// What an index holds and what it occupies on disk.
public struct IndexStatistics: Sendable {
    public let generation: UInt64
    public let segments: Int
    public let documents: Int
    public let passages: Int
    /// Sections of live documents (`DocumentStructure`).
    public let sections: Int
    /// Live passages whose year is the one their section's heading names.
    public let passagesWithHeadingYear: Int
    public let tokens: UInt64
    /// Distinct words in the segments' dictionaries (character terms are not counted):
    /// until a merge reclaims them, this includes words found only in deleted passages.
    public let distinctTerms: Int
    /// Each year that has documents, with how many; unknown year is not listed.
    public let documentsByYear: [(year: Int, documents: Int)]
    public let documentsOfUnknownYear: Int
    /// Bytes on disk per file kind (`terms`, `postings`, `passages`, `docs`, `text`, `del`, `manifest`).
    public let bytesByFileKind: [(kind: String, bytes: Int)]
    /// Bytes of the documents' text (the input).
    public let textBytes: Int
}
