/// A file the writer passed over, and why.
public struct SkippedFile: Sendable, Equatable {
    public let path: String
    public let reason: String
}

/// What `IndexWriter.addFolder` did.
public struct IngestReport: Sendable {
    /// Paths of the documents added, in order.
    public internal(set) var added: [String] = []
    public internal(set) var skipped: [SkippedFile] = []
    /// Bytes of text added.
    public internal(set) var bytes: Int = 0

    public init() {}

    /// Adds what `other` reports to this report.
    public mutating func append(_ other: IngestReport) {
        added += other.added
        skipped += other.skipped
        bytes += other.bytes
    }
}

/// What a commit made visible.
public struct CommitSummary: Sendable {
    public let generation: UInt64
    public let documents: Int
    public let passages: Int
    public let segments: Int
}

/// Builds an index: add documents, then `commit()` to make them visible to searchers.
///
/// Holds the index's write lock from creation until it is released (deinit), so a second
/// writer gets `JiansuoError.indexLocked`. Nothing is visible to readers, and nothing of
/// the previous index is removed, until `commit()` has durably replaced the manifest.
public final class IndexWriter {
    public enum Mode: Sendable {
        /// The commit replaces everything the index held.
        case create
        /// The commit adds to the documents already in the index.
        case append
    }

    public let directory: String
    private let lock: IndexLock
    private let analyzer: Analyzer
    private let splitter: PassageSplitter
    private let memoryBudget: Int
    private let previous: Manifest
    private var keptSegments: [SegmentInfo]
    private var newSegments: [SegmentInfo] = []
    private var builder = SegmentBuilder()
    private var knownPaths: Set<String> = []

    /// Opens (creating if needed) the index in `directory` for writing.
    /// - Parameter memoryBudget: bytes of buffered documents and postings after which a
    ///   segment is written out.
    public init(
        directory: String, mode: Mode = .create, splitter: PassageSplitter = PassageSplitter(),
        memoryBudget: Int = 256 << 20
    ) throws(JiansuoError) {
        try FileSystem.createDirectory(directory)
        self.directory = directory
        self.lock = try IndexLock(directory: directory)
        self.analyzer = try Analyzer()
        self.splitter = splitter
        self.memoryBudget = memoryBudget
        self.previous = try Manifest.read(in: directory) ?? .empty
        self.keptSegments = mode == .append ? previous.segments : []
        for segment in keptSegments {
            let reader = try SegmentReader(directory: directory, name: segment.name)
            for index in 0..<reader.documentCount {
                knownPaths.insert(try reader.document(index).path)
            }
        }
    }

    /// Adds every `.txt` and `.md` file under `folder` (or `folder` itself, if it is a
    /// file). Files that cannot be read or are not UTF-8 are reported, not fatal.
    /// - Parameter year: overrides the year detected from each file's path and text.
    @discardableResult
    public func addFolder(_ folder: String, year: Int? = nil) throws(JiansuoError) -> IngestReport {
        let scan = try FolderScanner.scan(folder)
        var report = IngestReport()
        for problem in scan.problems {
            report.skipped.append(SkippedFile(path: Self.path(of: problem), reason: problem.description))
        }
        for path in scan.files {
            do {
                let bytes = try addFile(path, year: year)
                report.added.append(path)
                report.bytes += bytes
            } catch {
                report.skipped.append(SkippedFile(path: path, reason: error.description))
            }
        }
        return report
    }

    /// Adds one file. Returns its size in bytes.
    @discardableResult
    public func addFile(_ path: String, year: Int? = nil, title: String? = nil) throws(JiansuoError) -> Int {
        let status = try FileSystem.status(path)
        let bytes = try FileSystem.readFile(path)
        try bytes.withUnsafeBufferPointer { utf8 throws(JiansuoError) in
            if let offset = UTF8Validation.firstInvalidOffset(in: utf8) {
                throw JiansuoError.invalidUTF8(path: path, byteOffset: offset)
            }
            let identity = status.map { FileIdentity(size: $0.size, modificationNanoseconds: $0.modificationNanoseconds) }
            try add(path: path, utf8: utf8, year: year, title: title, file: identity)
        }
        return bytes.count
    }

    /// Adds a document given as text. `path` identifies it in results and must be unique.
    public func addText(_ text: String, path: String, year: Int? = nil, title: String? = nil) throws(JiansuoError) {
        let utf8 = Array(text.utf8)
        try utf8.withUnsafeBufferPointer { buffer throws(JiansuoError) in
            try add(path: path, utf8: buffer, year: year, title: title, file: nil)
        }
    }

    private func add(
        path: String, utf8: UnsafeBufferPointer<UInt8>, year: Int?, title: String?, file: FileIdentity?
    ) throws(JiansuoError) {
        if let year, !(1...9999).contains(year) {
            throw .invalidArgument("year \(year) is out of range 1–9999")
        }
        guard utf8.count < Int(UInt32.max) else {
            throw .io(path: path, operation: "index", reason: "files of 4 GiB or more are not supported")
        }
        guard knownPaths.insert(path).inserted else {
            throw .invalidArgument("\(path) is already in the index")
        }
        try builder.add(
            path: path, title: title ?? DocumentTitle.title(path: path, text: utf8),
            year: year ?? YearDetection.year(path: path, text: utf8),
            utf8: utf8, file: file, splitter: splitter, analyzer: analyzer)
        if builder.memoryEstimate > memoryBudget {
            try flush()
        }
    }

    /// Writes the buffered documents as a new segment (not yet visible).
    private func flush() throws(JiansuoError) {
        guard !builder.isEmpty else { return }
        let name = SegmentName.make(generation: previous.generation + 1, sequence: newSegments.count)
        try SegmentWriter.write(builder, name: name, in: directory)
        newSegments.append(SegmentInfo(
            name: name, documentCount: builder.documents.count, passageCount: builder.passages.count,
            tokenCount: builder.tokenCount))
        builder = SegmentBuilder()
    }

    /// Makes everything added visible, atomically, then removes files no longer needed.
    @discardableResult
    public func commit() throws(JiansuoError) -> CommitSummary {
        try flush()
        try FileSystem.syncDirectory(directory)
        let manifest = Manifest(generation: previous.generation + 1, segments: keptSegments + newSegments)
        try manifest.write(in: directory)
        keptSegments = manifest.segments
        newSegments = []
        try removeUnreferencedFiles(keeping: manifest)
        return CommitSummary(
            generation: manifest.generation,
            documents: manifest.segments.reduce(0) { $0 + $1.documentCount },
            passages: manifest.segments.reduce(0) { $0 + $1.passageCount },
            segments: manifest.segments.count)
    }

    /// Deletes segment files the manifest does not list. Readers that still have them open
    /// keep their mappings (POSIX unlink semantics).
    private func removeUnreferencedFiles(keeping manifest: Manifest) throws(JiansuoError) {
        let live = Set(manifest.segments.flatMap { segment in
            SegmentFiles.kinds.map { SegmentFiles.fileName(segment: segment.name, kind: $0) }
        })
        for name in try FileSystem.listDirectory(directory) where name.hasPrefix("seg-") && !live.contains(name) {
            try FileSystem.remove(FileSystem.join(directory, name))
        }
    }

    private static func path(of error: JiansuoError) -> String {
        if case .io(let path, _, _) = error { return path }
        return ""
    }
}
