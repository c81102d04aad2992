#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

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
    private let threads: Int
    private let previous: Manifest
    private var keptSegments: [SegmentInfo]
    private var newSegments: [SegmentInfo] = []
    private var builder = SegmentBuilder()
    private var knownPaths: Set<String> = []

    /// How many files are read and analyzed together; their builders are held until merged.
    static let batchFiles = 64

    /// Opens (creating if needed) the index in `directory` for writing.
    /// - Parameters:
    ///   - memoryBudget: bytes of buffered documents and postings after which a segment is
    ///     written out.
    ///   - threads: how many files to analyze at once (default: one per core).
    public init(
        directory: String, mode: Mode = .create, splitter: PassageSplitter = PassageSplitter(),
        memoryBudget: Int = 256 << 20, threads: Int = IndexWriter.coreCount
    ) throws(JiansuoError) {
        guard threads >= 1 else { throw .invalidArgument("threads must be at least 1, not \(threads)") }
        try FileSystem.createDirectory(directory)
        self.directory = directory
        self.lock = try IndexLock(directory: directory)
        self.analyzer = try Analyzer()
        self.splitter = splitter
        self.memoryBudget = memoryBudget
        self.threads = threads
        self.previous = try Manifest.read(in: directory) ?? .empty
        self.keptSegments = mode == .append ? previous.segments : []
        for segment in keptSegments {
            let reader = try SegmentReader(directory: directory, name: segment.name)
            for index in 0..<reader.documentCount {
                knownPaths.insert(try reader.document(index).path)
            }
        }
    }

    /// The number of processor cores online.
    public static var coreCount: Int {
        max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))
    }

    /// Adds every `.txt` and `.md` file under `folder` (or `folder` itself, if it is a
    /// file), analyzing files on all threads. Files that cannot be read or are not UTF-8
    /// are reported, not fatal.
    /// - Parameter year: overrides the year detected from each file's path and text.
    @discardableResult
    public func addFolder(_ folder: String, year: Int? = nil) throws(JiansuoError) -> IngestReport {
        let scan = try FolderScanner.scan(folder)
        var report = IngestReport()
        for problem in scan.problems {
            report.skipped.append(SkippedFile(path: Self.path(of: problem), reason: problem.description))
        }
        var jobs: [FileJob] = []
        for path in scan.files {
            if knownPaths.insert(path).inserted {
                jobs.append(FileJob(path: path, year: year))
            } else {
                report.skipped.append(SkippedFile(path: path, reason: "\(path): already in the index"))
            }
        }
        let batches = stride(from: 0, to: jobs.count, by: Self.batchFiles).map {
            Array(jobs[$0..<min(jobs.count, $0 + Self.batchFiles)])
        }
        // While this thread merges one batch into the segment (and flushes it when full),
        // the next batch is analyzed: merging is serial, and without the overlap it left
        // the other cores idle.
        let pipeline = AnalysisPipeline(batches: batches, threads: threads, splitter: splitter)
        while let analyzed = pipeline.next() {
            for file in analyzed {
                switch file.result {
                case .success(let (fileBuilder, bytes)):
                    try append(fileBuilder)
                    report.added.append(file.path)
                    report.bytes += bytes
                case .failure(let error):
                    knownPaths.remove(file.path)
                    report.skipped.append(SkippedFile(path: file.path, reason: error.description))
                }
            }
        }
        return report
    }

    /// Adds one file. Returns its size in bytes.
    @discardableResult
    public func addFile(_ path: String, year: Int? = nil, title: String? = nil) throws(JiansuoError) -> Int {
        try claim(path)
        let file = ParallelAnalysis.analyzeFile(FileJob(path: path, year: year, title: title), splitter: splitter, analyzer: analyzer)
        switch file.result {
        case .success(let (fileBuilder, bytes)):
            try append(fileBuilder)
            return bytes
        case .failure(let error):
            knownPaths.remove(path)
            throw error
        }
    }

    /// Adds a document given as text. `path` identifies it in results and must be unique.
    public func addText(_ text: String, path: String, year: Int? = nil, title: String? = nil) throws(JiansuoError) {
        try claim(path)
        let utf8 = Array(text.utf8)
        do throws(JiansuoError) {
            let fileBuilder = try utf8.withUnsafeBufferPointer { buffer throws(JiansuoError) in
                try ParallelAnalysis.analyze(
                    FileJob(path: path, year: year, title: title), utf8: buffer, file: nil, splitter: splitter,
                    analyzer: analyzer)
            }
            try append(fileBuilder)
        } catch {
            knownPaths.remove(path)
            throw error
        }
    }

    private func claim(_ path: String) throws(JiansuoError) {
        guard knownPaths.insert(path).inserted else {
            throw .invalidArgument("\(path) is already in the index")
        }
    }

    private func append(_ fileBuilder: SegmentBuilder) throws(JiansuoError) {
        builder.append(fileBuilder)
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
