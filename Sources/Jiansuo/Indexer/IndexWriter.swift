#if canImport(Glibc)
import CGlibcMalloc
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What a commit made visible.
public struct CommitSummary: Sendable {
    public let generation: UInt64
    public let documents: Int
    public let passages: Int
    public let segments: Int
}

/// Builds an index: add and delete documents, then `commit()` to make the changes visible
/// to searchers. The writer knows documents, not files: `FolderSync` keeps an index in line
/// with folders, and `addFolder`/`addFile` read files through it (`IndexWriter+Files`).
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
        /// Start empty: the commit replaces everything the index held. An index this build
        /// cannot read (damaged, or of another format version) can be rebuilt so.
        case create
        /// Keep the documents the index holds: the commit adds to them and deletes from them.
        case open
    }

    public var directory: String { index.path }
    /// Where the index's files are, on which storage.
    let index: IndexDirectory
    /// The write lock, held while the writer lives.
    private let lock: AnyObject
    let analyzer: Analyzer
    /// How documents are cut into passages.
    let splitter: PassageSplitter
    /// The user dictionary the index's text is segmented with, if any.
    public let dictionary: UserDictionary?
    private let memoryBudget: Int
    /// How many files `FolderSync` analyzes at once.
    let threads: Int
    /// When merges happen; see `MergePolicy`.
    public var mergePolicy = MergePolicy()
    /// Whether a passage under a heading that names a year (`2022年》》`, `一、2022年工作回顾`)
    /// takes that year rather than its document's (`DocumentStructure`). A year forced on a
    /// run (`FolderSync.year`) overrides it.
    public var headingYears = true
    /// Whether this writer made the index directory; if it never commits, it removes it
    /// again, so a failed first run leaves nothing behind.
    private let createdDirectory: Bool
    private var previous: Manifest
    /// The segments the next commit will list: those kept from the index, then those flushed.
    private var segments: [WriterSegment] = []
    /// Where each live document in `segments` is, by path.
    private var locations: [String: DocumentLocation] = [:]
    /// Paths of the documents in `builder`, not yet in a segment.
    private var bufferedPaths: Set<String> = []
    private var builder = SegmentBuilder()
    /// Why writing a buffered segment failed, if it did. The buffer was handed to the
    /// segment writer and is gone, so every later flush and commit fails with it rather than
    /// commit an index silently missing those documents.
    private var flushFailure: JiansuoError?
    private var nextSequence = 0
    private var committed = false

    /// Opens (creating if needed) the index in `directory` for writing.
    /// - Parameters:
    ///   - memoryBudget: bytes of buffered documents and postings after which a segment is
    ///     written out.
    ///   - threads: how many files to analyze at once (default: one per core).
    ///   - dictionary: segments the text with this user dictionary (`DictionarySegmenter`).
    ///     Adding to an index built with another dictionary, or none, is refused (rebuild
    ///     it with `.create`); without one, adding uses the dictionary the index has.
    public convenience init(
        directory: String, mode: Mode = .create, splitter: PassageSplitter = PassageSplitter(),
        memoryBudget: Int = 256 << 20, threads: Int = IndexWriter.coreCount, dictionary: UserDictionary? = nil
    ) throws(JiansuoError) {
        try self.init(
            IndexDirectory(directory), mode: mode, splitter: splitter, memoryBudget: memoryBudget, threads: threads,
            dictionary: dictionary)
    }

    init(
        _ index: IndexDirectory, mode: Mode = .create, splitter: PassageSplitter = PassageSplitter(),
        memoryBudget: Int = 256 << 20, threads: Int = IndexWriter.coreCount, dictionary: UserDictionary? = nil
    ) throws(JiansuoError) {
        guard threads >= 1 else { throw .invalidArgument("threads must be at least 1, not \(threads)") }
        self.createdDirectory = !index.storage.exists(index.path)
        try index.storage.createDirectory(index.path)
        self.index = index
        self.lock = try index.storage.lock(index.path)
        self.splitter = splitter
        self.memoryBudget = memoryBudget
        self.threads = threads
        // A buffered token costs about 16 bytes in memory (its text, word and character
        // postings and positions), so merged segments stay within the buffer's size.
        self.mergePolicy.maximumMergedTokens = UInt64(memoryBudget / 16)
        do {
            self.previous = try Manifest.read(in: index) ?? .empty
            try Self.removeUnreferencedFiles(in: index, keeping: previous)
        } catch {
            // An index that cannot be read (damaged, or another format version) can still be
            // rebuilt: new segments are named past every generation on disk, and the old
            // files go once the new manifest is committed.
            guard mode == .create else { throw error }
            let generations = try index.list().compactMap(SegmentName.generation(ofFile:))
            self.previous = Manifest(generation: generations.max() ?? 0, segments: [])
        }
        self.dictionary = try Self.dictionary(dictionary, for: previous, mode: mode, in: index)
        self.analyzer = try Analyzer(dictionary: self.dictionary)
        if mode != .create {
            for info in previous.segments {
                let (reader, deletions) = try IndexSnapshot.open(info, in: index)
                segments.append(WriterSegment(info: info, reader: reader, deletions: deletions))
            }
            try locateDocuments()
        }
    }

    /// The dictionary to segment with: `requested` when the commit replaces the index or it
    /// is empty; else the index's own, which `requested`, if given, must be.
    private static func dictionary(
        _ requested: UserDictionary?, for previous: Manifest, mode: Mode, in index: IndexDirectory
    ) throws(JiansuoError) -> UserDictionary? {
        guard mode != .create, !previous.segments.isEmpty else { return requested }
        let existing = try previous.dictionaryHash.map { hash throws(JiansuoError) in try DictionaryFile.read(hash: hash, in: index) }
        guard let requested else { return existing }
        guard requested.contentHash == existing?.contentHash else {
            let built = existing == nil ? "without a user dictionary" : "with another user dictionary"
            throw .dictionaryMismatch(directory: index.path, reason: "the index was built \(built) than the one given")
        }
        return existing
    }

    deinit {
        guard createdDirectory && !committed else { return }
        // Nothing was ever visible here: take away what this writer made (its lock, any
        // segment it flushed), and the directory itself.
        for name in (try? index.list()) ?? []
        where name == IndexLock.fileName || name.hasPrefix("seg-") || name == Manifest.temporaryFileName {
            try? index.storage.remove(index.file(name))
        }
        index.storage.removeEmptyDirectory(index.path)
    }

    /// The number of processor cores online.
    public static var coreCount: Int {
        max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))
    }

    /// Adds a document given as text. `path` identifies it in results and must be unique.
    /// `source` says where it comes from (a publication, an archive), for faceting.
    public func addText(
        _ text: String, path: String, year: Int? = nil, title: String? = nil, source: String? = nil
    ) throws(JiansuoError) {
        let utf8 = Array(text.utf8)
        let fileBuilder = try utf8.withUnsafeBufferPointer { buffer throws(JiansuoError) in
            try ParallelAnalysis.analyze(
                FileJob(path: path, year: year, title: title, source: source, headingYears: headingYears), utf8: buffer, file: nil, splitter: splitter,
                analyzer: analyzer)
        }
        try add(fileBuilder, path: path)
    }

    /// The stored document with `path`, if the index holds one (flushing it first if it is
    /// still buffered).
    func storedDocument(path: String) throws(JiansuoError) -> StoredDocument? {
        if bufferedPaths.contains(path) { try flush() }
        guard let location = locations[path] else { return nil }
        return try segments[location.segment].reader.document(location.document)
    }

    /// The paths of every document the next commit would hold.
    var documentPaths: [String] {
        Array(locations.keys) + bufferedPaths
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

    /// Adds a document analyzed into a builder of its own (`ParallelAnalysis`).
    func add(_ fileBuilder: SegmentBuilder, path: String) throws(JiansuoError) {
        try claim(path)
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
        if let flushFailure { throw flushFailure }
        guard !builder.isEmpty else { return }
        let name = newSegmentName()
        let info = SegmentInfo(
            name: name, documentCount: builder.documents.count, passageCount: builder.passages.count,
            tokenCount: builder.tokenCount)
        let paths = builder.documents.map(\.path)
        // Handed over with no other reference, so the writer frees its parts as it goes.
        var buffered = SegmentBuilder()
        swap(&buffered, &builder)
        do {
            try SegmentWriter.write(consume buffered, name: name, in: index, threads: threads)
        } catch {
            flushFailure = error
            throw error
        }
        #if canImport(Glibc)
        // The buffer just written was freed in many pieces that glibc keeps resident; given
        // back, the next buffer starts from what is live, not from the last one's high-water
        // mark (peak RSS indexing 1 GB: 590 → 555 MiB).
        malloc_trim(0)
        #endif
        CrashPoint.reach("segment-written")
        let (reader, deletions) = try IndexSnapshot.open(info, in: index)
        segments.append(WriterSegment(info: info, reader: reader, deletions: deletions))
        for (index, path) in paths.enumerated() {
            locations[path] = DocumentLocation(segment: segments.count - 1, document: index)
        }
        bufferedPaths = []
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
        for position in segments.indices where segments[position].deletionsChanged {
            let name = DeletionSet.fileName(segment: segments[position].info.name, generation: generation)
            try index.storage.writeDurably([segments[position].deletions.encoded()], to: index.file(name))
            CrashPoint.reach("deletions-written")
            segments[position].info.deletionFile = name
            segments[position].deletionsChanged = false
        }
        try merge()
        try index.storage.syncDirectory(index.path)
        if let dictionary { try DictionaryFile.write(dictionary, in: index) }
        let manifest = Manifest(
            generation: generation, segments: segments.map(\.info), dictionaryHash: dictionary?.contentHash)
        try manifest.write(in: index)
        CrashPoint.reach("committed")
        previous = manifest
        committed = true
        nextSequence = 0
        try Self.removeUnreferencedFiles(in: index, keeping: manifest)
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
            let merged = try SegmentMerger.merge(inputs, name: newSegmentName(), in: index, threads: threads)
            CrashPoint.reach("merge-written")
            var segment: WriterSegment?
            if let merged {
                let (reader, deletions) = try IndexSnapshot.open(merged, in: index)
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
    private static func removeUnreferencedFiles(in index: IndexDirectory, keeping manifest: Manifest) throws(JiansuoError) {
        var live = Set(manifest.segments.flatMap { segment in
            SegmentFiles.kinds.map { SegmentFiles.fileName(segment: segment.name, kind: $0) }
        })
        live.formUnion(manifest.segments.compactMap(\.deletionFile))
        if let hash = manifest.dictionaryHash { live.insert(DictionaryFile.fileName(hash: hash)) }
        for name in try index.list()
        where ((name.hasPrefix("seg-") || name.hasPrefix(DictionaryFile.prefix)) && !live.contains(name))
            || name == Manifest.temporaryFileName {
            try index.storage.remove(index.file(name))
            CrashPoint.reach("file-removed")
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
