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

    /// How many of `paths` have each extension ("" for none), most frequent first.
    public static func extensionCounts(of paths: [String]) -> [(extension: String, count: Int)] {
        var counts: [String: Int] = [:]
        for path in paths { counts[DocumentFormat.fileExtension(of: path).lowercased(), default: 0] += 1 }
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
///
/// On opening, files an interrupted writer left behind (segment files the manifest does not
/// list, `manifest.tmp`) are removed: no reader can be using them, since no manifest ever
/// named them.
public final class IndexWriter {
    public enum Mode: Sendable {
        /// The commit replaces everything the index held.
        case create
        /// The commit adds to the documents already in the index; adding a path already
        /// there is refused.
        case append
        /// Like `append`, and documents may also be deleted or replaced: see `update(folders:)`.
        case update
    }

    public let directory: String
    private let lock: IndexLock
    private let analyzer: Analyzer
    /// The user dictionary the index's text is segmented with, if any.
    public let dictionary: UserDictionary?
    private let splitter: PassageSplitter
    private let memoryBudget: Int
    private let threads: Int
    private let mode: Mode
    /// When merges happen; see `MergePolicy`.
    public var mergePolicy = MergePolicy()
    /// Called as files are indexed, from the calling thread, at most once per batch of files.
    public var progress: (@Sendable (IndexProgress) -> Void)?
    private var previous: Manifest
    /// The segments the next commit will list: those kept from the index, then those flushed.
    private var segments: [WriterSegment] = []
    /// Where each live document in `segments` is, by path.
    private var locations: [String: DocumentLocation] = [:]
    /// Paths of the documents in `builder`, not yet in a segment.
    private var bufferedPaths: Set<String> = []
    private var builder = SegmentBuilder()
    private var nextSequence = 0

    /// How many files are read and analyzed together; their builders are held until merged.
    static let batchFiles = 64

    /// Opens (creating if needed) the index in `directory` for writing.
    /// - Parameters:
    ///   - memoryBudget: bytes of buffered documents and postings after which a segment is
    ///     written out.
    ///   - threads: how many files to analyze at once (default: one per core).
    ///   - dictionary: segments the text with this user dictionary (`DictionarySegmenter`).
    ///     Adding to an index built with another dictionary, or none, is refused (rebuild
    ///     it with `.create`); without one, adding uses the dictionary the index has.
    public init(
        directory: String, mode: Mode = .create, splitter: PassageSplitter = PassageSplitter(),
        memoryBudget: Int = 256 << 20, threads: Int = IndexWriter.coreCount, dictionary: UserDictionary? = nil
    ) throws(JiansuoError) {
        guard threads >= 1 else { throw .invalidArgument("threads must be at least 1, not \(threads)") }
        try FileSystem.createDirectory(directory)
        self.directory = directory
        self.lock = try IndexLock(directory: directory)
        self.splitter = splitter
        self.memoryBudget = memoryBudget
        self.threads = threads
        self.mode = mode
        // A buffered token costs about 16 bytes in memory (its text, word and character
        // postings and positions), so merged segments stay within the buffer's size.
        self.mergePolicy.maximumMergedTokens = UInt64(memoryBudget / 16)
        do {
            self.previous = try Manifest.read(in: directory) ?? .empty
            try Self.removeUnreferencedFiles(in: directory, keeping: previous)
        } catch {
            // An index that cannot be read (damaged, or another format version) can still be
            // rebuilt: new segments are named past every generation on disk, and the old
            // files go once the new manifest is committed.
            guard mode == .create else { throw error }
            let generations = try FileSystem.listDirectory(directory).compactMap(SegmentName.generation(ofFile:))
            self.previous = Manifest(generation: generations.max() ?? 0, segments: [])
        }
        self.dictionary = try Self.dictionary(dictionary, for: previous, mode: mode, in: directory)
        self.analyzer = try Analyzer(dictionary: self.dictionary)
        if mode != .create {
            for info in previous.segments {
                let (reader, deletions) = try IndexSnapshot.open(info, in: directory)
                segments.append(WriterSegment(info: info, reader: reader, deletions: deletions))
            }
            try locateDocuments()
        }
    }

    /// The dictionary to segment with: `requested` when the commit replaces the index or it
    /// is empty; else the index's own, which `requested`, if given, must be.
    private static func dictionary(
        _ requested: UserDictionary?, for previous: Manifest, mode: Mode, in directory: String
    ) throws(JiansuoError) -> UserDictionary? {
        guard mode != .create, !previous.segments.isEmpty else { return requested }
        let existing = try previous.dictionaryHash.map { hash throws(JiansuoError) in try DictionaryFile.read(hash: hash, in: directory) }
        guard let requested else { return existing }
        guard requested.contentHash == existing?.contentHash else {
            let built = existing == nil ? "without a user dictionary" : "with another user dictionary"
            throw .dictionaryMismatch(directory: directory, reason: "the index was built \(built) than the one given")
        }
        return existing
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
        var report = IngestReport()
        var jobs: [FileJob] = []
        var claimed = Set<String>()
        for job in try scan(folder, year: year, encoding: encoding, into: &report) {
            if !isKnown(job.path) && claimed.insert(job.path).inserted {
                jobs.append(job)
            } else {
                report.skipped.append(SkippedFile(path: job.path, reason: "\(job.path): already in the index"))
            }
        }
        report.append(try analyzeAndAdd(jobs))
        return report
    }

    /// The documents under `folder`, as jobs carrying `year`, `encoding` and what a metadata
    /// sidecar says of them. Unreadable entries, files of other formats and sidecar problems
    /// go into `report`.
    private func scan(
        _ folder: String, year: Int?, encoding: String?, into report: inout IngestReport
    ) throws(JiansuoError) -> [FileJob] {
        let scan = try FolderScanner.scan(folder)
        let isFolder = try FileSystem.status(folder)?.isDirectory == true
        let sidecar = isFolder ? try MetadataSidecar.load(folder: folder) : nil
        report.unsupported += scan.unsupported
        report.notes += sidecar?.problems ?? []
        for problem in scan.problems {
            report.skipped.append(SkippedFile(path: Self.path(of: problem), reason: problem.description))
        }
        var described = Set<String>()
        var jobs: [FileJob] = []
        for path in scan.files {
            let relative = isFolder ? Self.relativePath(path, under: folder) : path
            let entry = sidecar?.entry(for: relative)
            if entry != nil { described.insert(MetadataSidecar.normalized(relative)) }
            jobs.append(FileJob(path: path, year: year ?? entry?.year, title: entry?.title, encoding: encoding))
        }
        if let sidecar {
            let missing = sidecar.paths.subtracting(described).sorted()
            if !missing.isEmpty {
                let shown = missing.prefix(5).joined(separator: ", ") + (missing.count > 5 ? ", …" : "")
                report.notes.append("the metadata sidecar names \(missing.count) file(s) not found among the documents: \(shown)")
            }
        }
        return jobs
    }


    /// Brings the index in line with the files under `folders`: files not indexed yet are
    /// added; files whose size or modification time differ from what was indexed are read
    /// again and, if their content hash differs too, replaced; documents whose files the
    /// scan no longer finds are deleted. Files that cannot be indexed now are skipped and
    /// reported; what was indexed from them, or from a folder that cannot be listed now, is
    /// kept — except a file that changed and cannot be indexed any more: its old version no
    /// longer says what the file says. Nothing is visible until `commit()`.
    public func update(folders: [String], year: Int? = nil, encoding: String? = nil) throws(JiansuoError) -> UpdateReport {
        guard mode == .update else { throw .invalidArgument("update(folders:) needs a writer opened in mode .update") }
        var report = UpdateReport()
        var found: [FileJob] = []
        var seen = Set<String>()
        var scanned = IngestReport()
        for folder in folders {
            for job in try scan(folder, year: year, encoding: encoding, into: &scanned) where seen.insert(job.path).inserted {
                found.append(job)
            }
        }
        report.append(scanned)
        // Entries the scan could not read (a folder it may not list, say): what was indexed
        // under them is kept, since the files may well still be there.
        let unreadable = scanned.skipped.map(\.path).filter { !$0.isEmpty }
        func isUnder(_ path: String, _ entry: String) -> Bool {
            path == entry || path.hasPrefix(entry.hasSuffix("/") ? entry : entry + "/")
        }
        // Documents whose file is gone. Sorted so that reports and results are stable.
        for path in locations.keys.sorted()
        where !seen.contains(path) && !unreadable.contains(where: { isUnder(path, $0) }) {
            try deleteDocument(path: path)
            report.removed.append(path)
        }
        var jobs: [FileJob] = []
        var replaced = Set<String>()
        for job in found {
            let path = job.path
            guard let location = locations[path] else {
                jobs.append(job)
                continue
            }
            let stored = try segments[location.segment].reader.document(location.document)
            switch Self.compare(path, with: stored) {
            case .unchanged:
                report.unchanged += 1
            case .changed:
                try deleteDocument(path: path)
                replaced.insert(path)
                jobs.append(job)
            case .unreadable(let error):
                // Kept as it was: it may be readable again next time.
                report.skipped.append(SkippedFile(path: path, reason: error.description))
            }
        }
        let ingest = try analyzeAndAdd(jobs)
        for path in ingest.added {
            if replaced.contains(path) { report.updated.append(path) } else { report.added.append(path) }
        }
        report.skipped += ingest.skipped
        report.bytes = ingest.bytes
        report.formats = ingest.formats
        report.encodings = ingest.encodings
        return report
    }

    private enum FileComparison {
        case unchanged, changed
        case unreadable(JiansuoError)
    }

    /// Size and modification time first; when only the time differs, the content hash decides.
    private static func compare(_ path: String, with stored: StoredDocument) -> FileComparison {
        do throws(JiansuoError) {
            guard let status = try FileSystem.status(path) else { return .changed }
            guard status.size == stored.fileSize else { return .changed }
            if status.modificationNanoseconds == stored.modificationNanoseconds { return .unchanged }
            let bytes = try FileSystem.readFile(path)
            let hash = bytes.withUnsafeBufferPointer { ContentHash.hash($0) }
            return hash == stored.contentHash && bytes.count == stored.text.count ? .unchanged : .changed
        } catch {
            return .unreadable(error)
        }
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
            try append(fileBuilder, path: path)
            return content.fileSize
        case .failure(let error):
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
        let fileBuilder = try utf8.withUnsafeBufferPointer { buffer throws(JiansuoError) in
            try ParallelAnalysis.analyze(
                FileJob(path: path, year: year, title: title), utf8: buffer, file: nil, splitter: splitter,
                analyzer: analyzer)
        }
        try append(fileBuilder, path: path)
    }

    /// Deletes the document with `path`, committed or not; its path may then be added again.
    /// Returns whether there was one. Takes effect for readers at the next commit.
    @discardableResult
    public func deleteDocument(path: String) throws(JiansuoError) -> Bool {
        if bufferedPaths.contains(path) { try flush() }
        guard let location = locations.removeValue(forKey: path) else { return false }
        var segment = segments[location.segment]
        let document = try segment.reader.document(location.document)
        guard segment.deletions.delete(document: location.document, passages: document.passages) else { return false }
        var tokens: UInt64 = 0
        for passage in document.passages {
            tokens += UInt64(try segment.reader.passage(passage).tokenCount)
        }
        segment.info.deletedDocuments = segment.deletions.deletedDocuments
        segment.info.deletedPassages = segment.deletions.deletedPassages
        segment.info.deletedTokens += tokens
        segment.deletionsChanged = true
        segments[location.segment] = segment
        return true
    }

    private func isKnown(_ path: String) -> Bool {
        locations[path] != nil || bufferedPaths.contains(path)
    }

    private func claim(_ path: String) throws(JiansuoError) {
        guard !isKnown(path) else {
            throw .invalidArgument("\(path) is already in the index")
        }
    }

    /// Reads and analyzes `jobs` on all threads, in batches, adding them in order.
    private func analyzeAndAdd(_ jobs: [FileJob]) throws(JiansuoError) -> IngestReport {
        var report = IngestReport()
        var status = IndexProgress(filesDone: 0, filesTotal: jobs.count, bytesDone: 0, bytesTotal: 0)
        if let progress {
            for job in jobs { status.bytesTotal += (try? FileSystem.status(job.path))??.size ?? 0 }
            progress(status)
        }
        let batches = stride(from: 0, to: jobs.count, by: Self.batchFiles).map {
            Array(jobs[$0..<min(jobs.count, $0 + Self.batchFiles)])
        }
        // While this thread merges one batch into the segment (and flushes it when full),
        // the next batch is analyzed: merging is serial, and without the overlap it left
        // the other cores idle.
        let pipeline = AnalysisPipeline(batches: batches, threads: threads, splitter: splitter, dictionary: dictionary)
        while let analyzed = pipeline.next() {
            CrashPoint.reach("analyzed")
            for file in analyzed {
                switch file.result {
                case .success(let (fileBuilder, content)):
                    try append(fileBuilder, path: file.path)
                    report.added.append(file.path)
                    report.bytes += content.fileSize
                    report.formats[content.format, default: 0] += 1
                    report.encodings[content.encoding, default: 0] += 1
                    status.bytesDone += content.fileSize
                case .failure(let error):
                    report.skipped.append(SkippedFile(path: file.path, reason: error.description))
                }
            }
            status.filesDone += analyzed.count
            progress?(status)
        }
        return report
    }

    private func append(_ fileBuilder: SegmentBuilder, path: String) throws(JiansuoError) {
        builder.append(fileBuilder)
        bufferedPaths.insert(path)
        if builder.memoryEstimate > memoryBudget {
            try flush()
        }
    }

    private func newSegmentName() -> String {
        defer { nextSequence += 1 }
        return SegmentName.make(generation: previous.generation + 1, sequence: nextSequence)
    }

    /// Writes the buffered documents as a new segment (not yet visible).
    private func flush() throws(JiansuoError) {
        guard !builder.isEmpty else { return }
        let name = newSegmentName()
        try SegmentWriter.write(builder, name: name, in: directory)
        CrashPoint.reach("segment-written")
        let info = SegmentInfo(
            name: name, documentCount: builder.documents.count, passageCount: builder.passages.count,
            tokenCount: builder.tokenCount)
        let (reader, deletions) = try IndexSnapshot.open(info, in: directory)
        segments.append(WriterSegment(info: info, reader: reader, deletions: deletions))
        for (index, document) in builder.documents.enumerated() {
            locations[document.path] = DocumentLocation(segment: segments.count - 1, document: index)
        }
        bufferedPaths = []
        builder = SegmentBuilder()
    }

    /// Makes everything added and deleted visible, atomically: writes the buffered
    /// documents, the changed deletion files and any merges the policy asks for, then
    /// replaces the manifest. Afterwards removes files no longer listed.
    @discardableResult
    public func commit() throws(JiansuoError) -> CommitSummary {
        try flush()
        let generation = previous.generation + 1
        // A segment with nothing live is simply left out.
        segments.removeAll { $0.deletions.deletesEverything }
        for index in segments.indices where segments[index].deletionsChanged {
            let name = DeletionSet.fileName(segment: segments[index].info.name, generation: generation)
            try FileSystem.writeDurably(segments[index].deletions.encoded(), to: FileSystem.join(directory, name))
            CrashPoint.reach("deletions-written")
            segments[index].info.deletionFile = name
            segments[index].deletionsChanged = false
        }
        try merge()
        try FileSystem.syncDirectory(directory)
        if let dictionary { try DictionaryFile.write(dictionary, in: directory) }
        let manifest = Manifest(
            generation: generation, segments: segments.map(\.info), dictionaryHash: dictionary?.contentHash)
        try manifest.write(in: directory)
        CrashPoint.reach("committed")
        previous = manifest
        nextSequence = 0
        try Self.removeUnreferencedFiles(in: directory, keeping: manifest)
        try locateDocuments()
        return CommitSummary(
            generation: manifest.generation,
            documents: manifest.segments.reduce(0) { $0 + $1.liveDocuments },
            passages: manifest.segments.reduce(0) { $0 + $1.livePassages },
            segments: manifest.segments.count)
    }

    /// Runs the merges the policy asks for; each merged segment takes the place of the
    /// first of its inputs.
    private func merge() throws(JiansuoError) {
        let groups = mergePolicy.merges(segments.map(\.info))
        guard !groups.isEmpty else { return }
        var replacement: [Int: WriterSegment?] = [:]
        for group in groups {
            let inputs = group.map { SegmentMerger.Input(reader: segments[$0].reader, deletions: segments[$0].deletions) }
            let merged = try SegmentMerger.merge(inputs, name: newSegmentName(), in: directory)
            CrashPoint.reach("merge-written")
            var segment: WriterSegment?
            if let merged {
                let (reader, deletions) = try IndexSnapshot.open(merged, in: directory)
                segment = WriterSegment(info: merged, reader: reader, deletions: deletions)
            }
            for (position, index) in group.enumerated() {
                replacement[index] = position == 0 ? segment : .some(nil)
            }
        }
        var result: [WriterSegment] = []
        for (index, segment) in segments.enumerated() {
            if let replaced = replacement[index] {
                if let replaced { result.append(replaced) }
            } else {
                result.append(segment)
            }
        }
        segments = result
    }

    /// Rebuilds the path → document map from the segments.
    private func locateDocuments() throws(JiansuoError) {
        locations = [:]
        for (segmentIndex, segment) in segments.enumerated() {
            for index in 0..<segment.reader.documentCount where !segment.deletions.isDeleted(document: index) {
                locations[try segment.reader.document(index).path] = DocumentLocation(segment: segmentIndex, document: index)
            }
        }
    }

    /// Deletes files the manifest does not list: segment, deletion and dictionary files of
    /// older commits, and those an interrupted writer left behind, and `manifest.tmp`.
    ///
    /// Safe for open readers: a reader maps every file of its snapshot when it opens it, and
    /// POSIX unlink keeps mapped files readable until unmapped, so a reader never sees a file
    /// disappear. A reader that read the previous manifest but had not yet opened its files
    /// finds one missing, sees that the manifest changed, and opens the new one instead
    /// (`IndexSnapshot`).
    private static func removeUnreferencedFiles(in directory: String, keeping manifest: Manifest) throws(JiansuoError) {
        var live = Set(manifest.segments.flatMap { segment in
            SegmentFiles.kinds.map { SegmentFiles.fileName(segment: segment.name, kind: $0) }
        })
        live.formUnion(manifest.segments.compactMap(\.deletionFile))
        if let hash = manifest.dictionaryHash { live.insert(DictionaryFile.fileName(hash: hash)) }
        for name in try FileSystem.listDirectory(directory)
        where ((name.hasPrefix("seg-") || name.hasPrefix(DictionaryFile.prefix)) && !live.contains(name))
            || name == Manifest.temporaryFileName {
            try FileSystem.remove(FileSystem.join(directory, name))
            CrashPoint.reach("file-removed")
        }
    }

    private static func path(of error: JiansuoError) -> String {
        switch error {
        case .io(let path, _, _), .invalidUTF8(let path, _): return path
        default: return ""
        }
    }
}

/// A segment as the writer holds it: its manifest entry, its reader, its deletions so far.
private struct WriterSegment {
    var info: SegmentInfo
    var reader: SegmentReader
    var deletions: DeletionSet
    /// Deletions not yet written to a deletion file.
    var deletionsChanged = false
}

private struct DocumentLocation {
    var segment: Int
    var document: Int
}
