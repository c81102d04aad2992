/// Which documents and passages of one segment are deleted. Segments are immutable, so a
/// delete is a mask beside the segment; a merge drops what it masks.
///
/// Body of `NAME.del-G` (in the `IndexFile` envelope, kind DELS), where NAME is the segment
/// and G the generation (hex) of the commit that wrote it — each commit that changes a
/// segment's deletions writes a new file, so the one an older manifest names stays intact:
///
///     documentCount u32, passageCount u32       (must equal the segment's)
///     deletedDocuments u32, deletedPassages u32 (must equal the bits set below)
///     ⌈documentCount / 64⌉ × u64                document bits: bit i % 64 of word i / 64 set = deleted
///     ⌈passageCount / 64⌉ × u64                 passage bits, likewise
///
/// A deleted document has all of its passages deleted, and only those; `IndexChecker`
/// verifies that against the segment. Bits past the counts must be zero.
struct DeletionSet: Sendable, Equatable {
    let documentCount: Int
    let passageCount: Int
    private(set) var deletedDocuments = 0
    private(set) var deletedPassages = 0
    private var documentBits: [UInt64]
    private var passageBits: [UInt64]

    /// Nothing deleted.
    init(documentCount: Int, passageCount: Int) {
        self.documentCount = documentCount
        self.passageCount = passageCount
        documentBits = [UInt64](repeating: 0, count: (documentCount + 63) / 64)
        passageBits = [UInt64](repeating: 0, count: (passageCount + 63) / 64)
    }

    var isEmpty: Bool { deletedDocuments == 0 && deletedPassages == 0 }

    /// Every document is deleted: the segment holds nothing live and can be dropped.
    var deletesEverything: Bool { deletedDocuments == documentCount && deletedPassages == passageCount }

    func isDeleted(passage: Int) -> Bool {
        guard passage >= 0, passage < passageCount else { return false }
        return passageBits[passage >> 6] & (1 << UInt64(passage & 63)) != 0
    }

    func isDeleted(document: Int) -> Bool {
        guard document >= 0, document < documentCount else { return false }
        return documentBits[document >> 6] & (1 << UInt64(document & 63)) != 0
    }

    /// The deleted passages, in increasing order: work in proportion to the deletions.
    var deletedPassageIndices: [Int] {
        var indices: [Int] = []
        indices.reserveCapacity(deletedPassages)
        for (wordIndex, word) in passageBits.enumerated() where word != 0 {
            var bits = word
            while bits != 0 {
                indices.append(wordIndex << 6 + bits.trailingZeroBitCount)
                bits &= bits - 1
            }
        }
        return indices
    }

    /// Marks a document and its passages deleted. Returns false if it already was.
    @discardableResult
    mutating func delete(document: Int, passages: Range<Int>) -> Bool {
        guard document >= 0, document < documentCount, !isDeleted(document: document) else { return false }
        documentBits[document >> 6] |= 1 << UInt64(document & 63)
        deletedDocuments += 1
        for passage in passages.clamped(to: 0..<passageCount) where !isDeleted(passage: passage) {
            passageBits[passage >> 6] |= 1 << UInt64(passage & 63)
            deletedPassages += 1
        }
        return true
    }

    static func fileName(segment: String, generation: UInt64) -> String {
        segment + "." + IndexFile.Kind.deletions.fileExtension + "-" + String(generation, radix: 16)
    }

    /// Whether `name` is a deletion file name of `segment` (so a damaged manifest cannot
    /// point outside the index directory).
    static func isValidFileName(_ name: String, segment: String) -> Bool {
        let prefix = segment + "." + IndexFile.Kind.deletions.fileExtension + "-"
        guard name.hasPrefix(prefix), name.count <= prefix.count + 16 else { return false }
        let suffix = name.dropFirst(prefix.count)
        return !suffix.isEmpty && suffix.allSatisfy { $0.isHexDigit && !$0.isUppercase }
    }

    func encoded() -> [UInt8] {
        var body = ByteWriter()
        body.reserveCapacity(16 + 8 * (documentBits.count + passageBits.count))
        body.append(UInt32(documentCount))
        body.append(UInt32(passageCount))
        body.append(UInt32(deletedDocuments))
        body.append(UInt32(deletedPassages))
        for word in documentBits { body.append(word) }
        for word in passageBits { body.append(word) }
        return IndexFile.encode(kind: .deletions, body: body.bytes)
    }

    /// Reads and validates a deletion file of a segment with the given counts.
    static func read(
        _ name: String, in directory: IndexDirectory, documentCount: Int, passageCount: Int
    ) throws(JiansuoError) -> DeletionSet {
        let path = directory.file(name)
        let file = try MappedFile(path: path, kind: .deletions, storage: directory.storage)
        var reader = ByteReader(try file.verifiedBody(), file: path)
        let documents = Int(try reader.read(UInt32.self)), passages = Int(try reader.read(UInt32.self))
        guard documents == documentCount, passages == passageCount else {
            throw reader.corrupt(
                "made for \(documents) documents and \(passages) passages, but the segment has \(documentCount) and \(passageCount)")
        }
        let deletedDocuments = Int(try reader.read(UInt32.self)), deletedPassages = Int(try reader.read(UInt32.self))
        var set = DeletionSet(documentCount: documents, passageCount: passages)
        guard reader.bytes.count - reader.offset == 8 * (set.documentBits.count + set.passageBits.count) else {
            throw reader.corrupt("the bitsets do not have the length their counts require")
        }
        func readBits(_ words: inout [UInt64], count: Int) throws(JiansuoError) -> Int {
            var set = 0
            for index in words.indices {
                words[index] = try reader.read(UInt64.self)
                set += words[index].nonzeroBitCount
            }
            if count % 64 != 0, let last = words.last, last >> UInt64(count % 64) != 0 {
                throw reader.corrupt("bits are set past the last of \(count) entries")
            }
            return set
        }
        set.deletedDocuments = try readBits(&set.documentBits, count: documents)
        set.deletedPassages = try readBits(&set.passageBits, count: passages)
        guard set.deletedDocuments == deletedDocuments, set.deletedPassages == deletedPassages else {
            throw reader.corrupt(
                "claims \(deletedDocuments) deleted documents and \(deletedPassages) passages, but its bits say \(set.deletedDocuments) and \(set.deletedPassages)")
        }
        return set
    }
}
