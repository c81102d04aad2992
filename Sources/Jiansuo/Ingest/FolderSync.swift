/// Keeps an index in line with folders of files: finds the documents under them
/// (`FolderScanner`, minus what `exclude` names), reads what their metadata sidecars say,
/// tells which files are new, changed or gone, reads and analyzes the new and changed ones
/// on every core (`AnalysisPipeline`) and hands them to the writer, which knows only
/// documents. Nothing is visible until the writer commits.
///
/// A file is unchanged when its size and modification time equal what was indexed, or,
/// when only the time differs, when its content hash does.
public struct FolderSync: Sendable {
    public enum Policy: Sendable {
        /// The index mirrors the folders: files not indexed yet are added; files whose size
        /// or modification time differ from what was indexed are read again and, if their
        /// content hash differs too, replaced; documents whose files the scan no longer
        /// finds are deleted. Files that cannot be indexed now are skipped and reported;
        /// what was indexed from them, or from a folder that cannot be listed now, is kept —
        /// except a file that changed and cannot be indexed any more: its old version no
        /// longer says what the file says.
        case mirror
        /// Only files not in the index yet are added; a file already there is reported as
        /// skipped, and nothing is replaced or deleted.
        case addNew
    }

    public var policy: Policy
    /// Overrides the year of every document read, from the sidecar or detected, and of
    /// every passage under a heading naming a year (`IndexWriter.headingYears`).
    public var year: Int?
    /// Forces the encoding of text and HTML files instead of detecting it.
    public var encoding: String?
    /// Patterns of files and folders to pass over (`FolderScanner.Exclusion`).
    public var exclude: [String]
    /// A mirror that would delete more than this fraction of the documents the index holds
    /// stops with `JiansuoError.refusedRemoval` before changing anything: naming the wrong
    /// folder must not empty an index. 1 allows any removal.
    public var maximumRemovedFraction: Double
    /// Called as files are indexed, from the calling thread, at most once per batch of files.
    public var progress: (@Sendable (IndexProgress) -> Void)?

    /// How many files are read and analyzed together; their builders are held until added.
    static let batchFiles = 64

    public init(
        policy: Policy = .mirror, year: Int? = nil, encoding: String? = nil, exclude: [String] = [],
        maximumRemovedFraction: Double = 0.5
    ) {
        self.policy = policy
        self.year = year
        self.encoding = encoding
        self.exclude = exclude
        self.maximumRemovedFraction = maximumRemovedFraction
    }

    /// Brings the index `writer` holds in line with the files under `folders` (each a folder
    /// or a single file), as `policy` says.
    @discardableResult
    public func run(_ folders: [String], into writer: IndexWriter) throws(JiansuoError) -> IndexReport {
        if let year { try ParallelAnalysis.validate(year: year) }
        let exclusions = try exclude.map { pattern throws(JiansuoError) in try FolderScanner.Exclusion(pattern) }
        var report = IndexReport()
        var found: [FileJob] = []
        var seen = Set<String>()
        for folder in folders {
            for job in try scan(
                folder, excluding: exclusions, headingYears: writer.headingYears && year == nil, into: &report) {
                if seen.insert(job.path).inserted {
                    found.append(job)
                } else if policy == .addNew {
                    report.skipped.append(SkippedFile(path: job.path, reason: "\(job.path): already in the index"))
                }
            }
        }
        if policy == .mirror {
            try removeDocumentsOfFilesGone(seen: seen, writer: writer, report: &report)
        }
        var jobs: [FileJob] = []
        var replaced = Set<String>()
        for job in found {
            guard let stored = try writer.storedDocument(path: job.path) else {
                jobs.append(job)
                continue
            }
            guard policy == .mirror else {
                report.skipped.append(SkippedFile(path: job.path, reason: "\(job.path): already in the index"))
                continue
            }
            switch Self.compare(job.path, with: stored) {
            case .unchanged:
                report.unchanged += 1
            case .changed:
                try writer.deleteDocument(path: job.path)
                replaced.insert(job.path)
                jobs.append(job)
            case .unreadable(let error):
                // Kept as it was: it may be readable again next time.
                report.skipped.append(SkippedFile(path: job.path, reason: error.description))
            }
        }
        try analyzeAndAdd(jobs, replacing: replaced, into: writer, report: &report)
        return report
    }

    /// The documents under `folder`, as jobs carrying the year, encoding and what a metadata
    /// sidecar says of them. Unreadable entries, files of other formats and sidecar problems
    /// go into `report`.
    private func scan(
        _ folder: String, excluding exclusions: [FolderScanner.Exclusion], headingYears: Bool,
        into report: inout IndexReport
    ) throws(JiansuoError) -> [FileJob] {
        let scan = try FolderScanner.scan(folder, excluding: exclusions)
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
            jobs.append(FileJob(
                path: path, year: year ?? entry?.year, title: entry?.title, source: entry?.source, encoding: encoding,
                headingYears: headingYears))
        }
        if let sidecar {
            let missing = sidecar.paths.subtracting(described)
                .filter { !FolderScanner.isExcluded($0, by: exclusions) }.sorted()
            if !missing.isEmpty {
                let shown = missing.prefix(5).joined(separator: ", ") + (missing.count > 5 ? ", …" : "")
                report.notes.append("the metadata sidecar names \(missing.count) file(s) not found among the documents: \(shown)")
            }
        }
        return jobs
    }

    /// Deletes the documents whose files the scan did not find, unless they lie under an
    /// entry the scan could not read (a folder it may not list, say: the files may well still
    /// be there), or unless there are more than `maximumRemovedFraction` of them.
    private func removeDocumentsOfFilesGone(
        seen: Set<String>, writer: IndexWriter, report: inout IndexReport
    ) throws(JiansuoError) {
        let unreadable = report.skipped.map(\.path).filter { !$0.isEmpty }
        func isUnder(_ path: String, _ entry: String) -> Bool {
            path == entry || path.hasPrefix(entry.hasSuffix("/") ? entry : entry + "/")
        }
        let indexed = writer.documentPaths
        // Sorted so that reports and results are stable.
        let gone = indexed.filter { path in !seen.contains(path) && !unreadable.contains { isUnder(path, $0) } }.sorted()
        if !gone.isEmpty, Double(gone.count) > maximumRemovedFraction * Double(indexed.count) {
            throw .refusedRemoval(index: writer.directory, removing: gone.count, of: indexed.count, examples: Array(gone.prefix(3)))
        }
        for path in gone {
            try writer.deleteDocument(path: path)
            report.removed.append(path)
        }
    }

    /// Reads and analyzes `jobs` on all threads, in batches, adding them in order.
    private func analyzeAndAdd(
        _ jobs: [FileJob], replacing replaced: Set<String>, into writer: IndexWriter, report: inout IndexReport
    ) throws(JiansuoError) {
        var status = IndexProgress(filesDone: 0, filesTotal: jobs.count, bytesDone: 0, bytesTotal: 0)
        if let progress {
            for job in jobs { status.bytesTotal += (try? FileSystem.status(job.path))??.size ?? 0 }
            progress(status)
        }
        let batches = stride(from: 0, to: jobs.count, by: Self.batchFiles).map {
            Array(jobs[$0..<min(jobs.count, $0 + Self.batchFiles)])
        }
        // While this thread adds one batch to the writer (which flushes a segment when its
        // buffer is full), the next batch is analyzed: adding is serial, and without the
        // overlap it left the other cores idle.
        let pipeline = AnalysisPipeline(
            batches: batches, threads: writer.threads, splitter: writer.splitter, dictionary: writer.dictionary)
        while let analyzed = pipeline.next() {
            CrashPoint.reach("analyzed")
            for file in analyzed {
                switch file.result {
                case .success(let (builder, content)):
                    try writer.add(builder, path: file.path)
                    if replaced.contains(file.path) { report.updated.append(file.path) } else { report.added.append(file.path) }
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

    /// `path` relative to `folder`, which it lies under.
    static func relativePath(_ path: String, under folder: String) -> String {
        let prefix = folder.hasSuffix("/") ? folder : folder + "/"
        return path.hasPrefix(prefix) ? String(path.dropFirst(prefix.count)) : path
    }

    private static func path(of error: JiansuoError) -> String {
        switch error {
        case .io(let path, _, _), .invalidUTF8(let path, _): return path
        default: return ""
        }
    }
}
