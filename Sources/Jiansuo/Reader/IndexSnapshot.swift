/// One consistent view of an index: the segments of one manifest, with their deletions,
/// opened together. Later commits do not change what a snapshot sees.
///
/// Counts are of live (not deleted) documents, passages and tokens, so BM25's N and
/// average length are what a fresh index of the same documents would have.
final class IndexSnapshot: Sendable {
    let directory: IndexDirectory
    let generation: UInt64
    let segments: [SegmentReader]
    /// Per segment (same order as `segments`), what is deleted in it.
    let deletions: [DeletionSet]
    let infos: [SegmentInfo]
    let passageCount: Int
    let documentCount: Int
    let tokenCount: UInt64
    /// The user dictionary the text was segmented with; queries must be too.
    let dictionary: UserDictionary?

    init(directory: IndexDirectory) throws(JiansuoError) {
        // A commit may remove the files of the manifest just read; read it again then.
        var attempt = 0
        while true {
            guard let manifest = try Manifest.read(in: directory) else {
                throw .missingIndex(directory: directory.path)
            }
            do {
                let dictionary = try manifest.dictionaryHash.map { hash throws(JiansuoError) in
                    try DictionaryFile.read(hash: hash, in: directory)
                }
                var segments: [SegmentReader] = [], deletions: [DeletionSet] = []
                for info in manifest.segments {
                    let (reader, deleted) = try Self.open(info, in: directory)
                    segments.append(reader)
                    deletions.append(deleted)
                }
                self.segments = segments
                self.deletions = deletions
                self.infos = manifest.segments
                self.generation = manifest.generation
                self.dictionary = dictionary
                break
            } catch {
                attempt += 1
                let manifestChanged = (try? Manifest.read(in: directory))?.generation != manifest.generation
                guard attempt < 5, manifestChanged else { throw error }
            }
        }
        self.directory = directory
        self.passageCount = infos.reduce(0) { $0 + $1.livePassages }
        self.documentCount = infos.reduce(0) { $0 + $1.liveDocuments }
        self.tokenCount = infos.reduce(0) { $0 &+ $1.liveTokens }
    }

    /// Opens a segment the manifest lists, and its deletions, checking both against the
    /// counts the manifest gives.
    static func open(_ info: SegmentInfo, in directory: IndexDirectory) throws(JiansuoError) -> (SegmentReader, DeletionSet) {
        let manifestPath = directory.file(Manifest.fileName)
        let reader = try SegmentReader(directory: directory, name: info.name)
        guard reader.passageCount == info.passageCount, reader.documentCount == info.documentCount else {
            throw JiansuoError.corruptIndex(
                file: manifestPath, reason: "segment \(info.name) holds other counts than the manifest lists")
        }
        guard let file = info.deletionFile else {
            return (reader, DeletionSet(documentCount: reader.documentCount, passageCount: reader.passageCount))
        }
        let path = directory.file(file)
        let deletions = try DeletionSet.read(file, in: directory, documentCount: reader.documentCount, passageCount: reader.passageCount)
        guard deletions.deletedDocuments == info.deletedDocuments, deletions.deletedPassages == info.deletedPassages else {
            throw JiansuoError.corruptIndex(
                file: path, reason: "deletes other counts than the manifest lists for segment \(info.name)")
        }
        return (reader, deletions)
    }

    /// Whether passage `passage` of segment number `segment` is deleted.
    func isDeleted(segment: Int, passage: Int) -> Bool {
        deletions[segment].isDeleted(passage: passage)
    }

    func isDeleted(segment: Int, document: Int) -> Bool {
        deletions[segment].isDeleted(document: document)
    }

    /// How many live passages of segment number `segment` hold `term` (UTF-8): the
    /// dictionary's count, less deleted passages, which are counted only where there are any.
    func livePassageFrequency(of term: [UInt8], segment: Int) throws(JiansuoError) -> Int {
        guard let entry = try segments[segment].lookup(term) else { return 0 }
        let deleted = deletions[segment]
        guard deleted.deletedPassages > 0 else { return entry.passageFrequency }
        // Passages only: decoding positions too made every query on an updated index read
        // its common characters' whole lists.
        let cursor = try segments[segment].postingsCursor(entry)
        var live = 0
        while try cursor.next() != PostingsCursor.end {
            if !deleted.isDeleted(passage: cursor.passage) { live += 1 }
        }
        return live
    }
}
