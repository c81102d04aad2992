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
    /// Files passed over because Jiansuo does not read their format.
    public internal(set) var unsupported: [String] = []
    /// Bytes of the files added, as they are on disk.
    public internal(set) var bytes: Int = 0
    /// Documents added, by format.
    public internal(set) var formats: [DocumentFormat: Int] = [:]
    /// Documents added, by the encoding they were read in ("UTF-8", "GB18030", …).
    public internal(set) var encodings: [String: Int] = [:]
    /// Things the user should know that did not stop a file from being indexed, such as
    /// unusable rows of a metadata sidecar.
    public internal(set) var notes: [String] = []

    public init() {}

    /// Adds what `other` reports to this report.
    public mutating func append(_ other: IngestReport) {
        added += other.added
        skipped += other.skipped
        unsupported += other.unsupported
        bytes += other.bytes
        formats.merge(other.formats, uniquingKeysWith: +)
        encodings.merge(other.encodings, uniquingKeysWith: +)
        notes += other.notes
    }

    /// The unsupported files counted by extension ("" for none), most frequent first.
    public var unsupportedExtensions: [(extension: String, count: Int)] {
        var counts: [String: Int] = [:]
        for path in unsupported { counts[DocumentFormat.fileExtension(of: path).lowercased(), default: 0] += 1 }
        return counts.map { ($0.key, $0.value) }.sorted { $0.count != $1.count ? $0.count > $1.count : $0.extension < $1.extension }
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

    /// Adds every document under `folder` (or `folder` itself, if it is a file): text,
    /// Markdown, HTML, Word and PDF files (see `DocumentFormat`), read and analyzed on all
    /// threads. Files that cannot be read or decoded are reported, not fatal; files of
    /// other formats are counted. A `metadata.csv` or `metadata.tsv` at the top of `folder`
    /// gives files their year and title (see `MetadataSidecar`).
    /// - Parameters:
    ///   - year: overrides the year of every document, from the sidecar or detected.
    ///   - encoding: forces the encoding of text and HTML files instead of detecting it.
    @discardableResult
    public func addFolder(_ folder: String, year: Int? = nil, encoding: String? = nil) throws(JiansuoError) -> IngestReport {
        let scan = try FolderScanner.scan(folder)
        let isFolder = try FileSystem.status(folder)?.isDirectory == true
        let sidecar = isFolder ? try MetadataSidecar.load(folder: folder) : nil
        var report = IngestReport()
        report.unsupported = scan.unsupported
        report.notes = sidecar?.problems ?? []
        for problem in scan.problems {
            report.skipped.append(SkippedFile(path: Self.path(of: problem), reason: problem.description))
        }
        var described = Set<String>()
        var jobs: [FileJob] = []
        for path in scan.files {
            let relative = isFolder ? Self.relativePath(path, under: folder) : path
            let entry = sidecar?.entry(for: relative)
            if entry != nil { described.insert(MetadataSidecar.normalized(relative)) }
            if knownPaths.insert(path).inserted {
                jobs.append(FileJob(path: path, year: year ?? entry?.year, title: entry?.title, encoding: encoding))
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
                case .success(let (fileBuilder, content)):
                    try append(fileBuilder)
                    report.added.append(file.path)
                    report.bytes += content.fileSize
                    report.formats[content.format, default: 0] += 1
                    report.encodings[content.encoding, default: 0] += 1
                case .failure(let error):
                    knownPaths.remove(file.path)
                    report.skipped.append(SkippedFile(path: file.path, reason: error.description))
                }
            }
        }
        if let sidecar {
            let missing = sidecar.paths.subtracting(described).sorted()
            if !missing.isEmpty {
                let shown = missing.prefix(5).joined(separator: ", ") + (missing.count > 5 ? ", …" : "")
                report.notes.append("the metadata sidecar names \(missing.count) file(s) not found among the documents: \(shown)")
            }
        }
        return report
    }

    /// Adds one file, of any `DocumentFormat` (an unknown extension is read as text).
    /// Returns its size in bytes.
    /// - Parameter encoding: forces the encoding of a text or HTML file.
    @discardableResult
    public func addFile(
        _ path: String, year: Int? = nil, title: String? = nil, encoding: String? = nil
    ) throws(JiansuoError) -> Int {
        try claim(path)
        let job = FileJob(path: path, year: year, title: title, encoding: encoding)
        switch ParallelAnalysis.analyzeFile(job, splitter: splitter, analyzer: analyzer).result {
        case .success(let (fileBuilder, content)):
            try append(fileBuilder)
            return content.fileSize
        case .failure(let error):
            knownPaths.remove(path)
            throw error
        }
    }

    /// `path` relative to `folder`, which it lies under.
    private static func relativePath(_ path: String, under folder: String) -> String {
        let prefix = folder.hasSuffix("/") ? folder : folder + "/"
        return path.hasPrefix(prefix) ? String(path.dropFirst(prefix.count)) : path
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
