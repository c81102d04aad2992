/// What a run of `FolderSync` did, file by file.
public struct IndexReport: Sendable {
    /// Paths of files indexed for the first time, in order.
    public internal(set) var added: [String] = []
    /// Paths of files whose content changed, indexed again.
    public internal(set) var updated: [String] = []
    /// Paths of documents deleted because their files are gone.
    public internal(set) var removed: [String] = []
    /// How many files were indexed already and had not changed.
    public internal(set) var unchanged = 0
    /// Files passed over, and why.
    public internal(set) var skipped: [SkippedFile] = []
    /// Files passed over because Jiansuo does not read their format.
    public internal(set) var unsupported: [String] = []
    /// Bytes of the files read and indexed, as they are on disk.
    public internal(set) var bytes = 0
    /// Documents read, by format.
    public internal(set) var formats: [DocumentFormat: Int] = [:]
    /// Documents read, by the encoding they were read in ("UTF-8", "GB18030", …).
    public internal(set) var encodings: [String: Int] = [:]
    /// Things the user should know that did not stop a file from being indexed, such as
    /// unusable rows of a metadata sidecar.
    public internal(set) var notes: [String] = []

    public init() {}

    /// How many of `paths` have each extension ("" for none), most frequent first.
    package static func extensionCounts(of paths: [String]) -> [(extension: String, count: Int)] {
        var counts: [String: Int] = [:]
        for path in paths { counts[DocumentFormat.fileExtension(of: path).lowercased(), default: 0] += 1 }
        return counts.map { ($0.key, $0.value) }.sorted { $0.count != $1.count ? $0.count > $1.count : $0.extension < $1.extension }
    }
}

/// A file passed over, and why.
public struct SkippedFile: Sendable, Equatable {
    public let path: String
    public let reason: String
}
