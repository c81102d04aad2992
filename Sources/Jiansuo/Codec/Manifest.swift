/// A segment as the manifest lists it.
struct SegmentInfo: Sendable, Equatable {
    var name: String
    var documentCount: Int
    var passageCount: Int
    var tokenCount: UInt64
    /// The segment's deletion file (`DeletionSet`), if anything in it is deleted.
    var deletionFile: String? = nil
    var deletedDocuments = 0
    var deletedPassages = 0
    /// Tokens of the deleted passages, so BM25's average length counts live passages only.
    var deletedTokens: UInt64 = 0

    var liveDocuments: Int { documentCount - deletedDocuments }
    var livePassages: Int { passageCount - deletedPassages }
    var liveTokens: UInt64 { tokenCount &- deletedTokens }
}

/// The list of live segments: the one file whose replacement commits a change.
///
/// Body of the `manifest` file (in the `IndexFile` envelope, kind MANI):
///
///     generation u64           incremented by every commit
///     segmentCount u32
///     segmentCount × { nameLength u16, name (UTF-8),
///                      documentCount u32, passageCount u32, tokenCount u64,
///                      deletionNameLength u16, deletionName (UTF-8; empty: nothing deleted),
///                      deletedDocuments u32, deletedPassages u32, deletedTokens u64 }
///     [dictionaryHash u64]     only when the index was built with a user dictionary: the
///                              FNV-1a of its file, stored beside as `dictionary` (`UserDictionary`)
///
/// Segment names are `seg-` and lowercase hex
/// (`SegmentName`); a deletion file is named `NAME.del-G` (`DeletionSet`). Every other file
/// in the directory whose name starts with `seg-`, and `manifest.tmp`, is an orphan of an
/// interrupted write: the next writer removes it when it opens the index.
///
/// A commit writes `manifest.tmp`, flushes it, and renames it over `manifest`: readers see
/// either the old list or the new one, never a mixture.
struct Manifest: Sendable, Equatable {
    static let fileName = "manifest"
    static let temporaryFileName = "manifest.tmp"

    var generation: UInt64
    var segments: [SegmentInfo]
    /// The content hash of the user dictionary the index's text was segmented with.
    var dictionaryHash: UInt64? = nil

    static let empty = Manifest(generation: 0, segments: [])

    func encoded() -> [UInt8] {
        var body = ByteWriter()
        body.append(generation)
        body.append(UInt32(segments.count))
        for segment in segments {
            let name = Array(segment.name.utf8)
            body.append(UInt16(name.count))
            body.append(contentsOf: name)
            body.append(UInt32(segment.documentCount))
            body.append(UInt32(segment.passageCount))
            body.append(segment.tokenCount)
            let deletion = Array((segment.deletionFile ?? "").utf8)
            body.append(UInt16(deletion.count))
            body.append(contentsOf: deletion)
            body.append(UInt32(segment.deletedDocuments))
            body.append(UInt32(segment.deletedPassages))
            body.append(segment.deletedTokens)
        }
        if let dictionaryHash { body.append(dictionaryHash) }
        return IndexFile.encode(kind: .manifest, body: body.bytes)
    }

    /// Reads the manifest of `directory`; `nil` when there is none.
    static func read(in directory: IndexDirectory) throws(JiansuoError) -> Manifest? {
        let path = directory.file(fileName)
        guard directory.storage.exists(path) else { return nil }
        let file = try MappedFile(path: path, kind: .manifest, storage: directory.storage)
        var reader = ByteReader(try file.verifiedBody(), file: path)
        let generation = try reader.read(UInt64.self)
        let count = Int(try reader.read(UInt32.self))
        var segments: [SegmentInfo] = []
        for _ in 0..<min(count, file.bodyLength) {
            let nameLength = Int(try reader.read(UInt16.self))
            let name = String(decoding: try reader.readBytes(nameLength), as: UTF8.self)
            guard SegmentName.isValid(name) else { throw reader.corrupt("invalid segment name \"\(name)\"") }
            var info = SegmentInfo(
                name: name, documentCount: Int(try reader.read(UInt32.self)),
                passageCount: Int(try reader.read(UInt32.self)), tokenCount: try reader.read(UInt64.self))
            let deletionLength = Int(try reader.read(UInt16.self))
            let deletion = String(decoding: try reader.readBytes(deletionLength), as: UTF8.self)
            info.deletedDocuments = Int(try reader.read(UInt32.self))
            info.deletedPassages = Int(try reader.read(UInt32.self))
            info.deletedTokens = try reader.read(UInt64.self)
            if !deletion.isEmpty {
                guard DeletionSet.isValidFileName(deletion, segment: name) else {
                    throw reader.corrupt("invalid deletion file name \"\(deletion)\" for segment \(name)")
                }
                info.deletionFile = deletion
            }
            guard info.deletedDocuments <= info.documentCount, info.deletedPassages <= info.passageCount,
                  info.deletedTokens <= info.tokenCount, (info.deletionFile == nil) == (info.deletedDocuments == 0)
            else {
                throw reader.corrupt("segment \(name) lists impossible deletion counts")
            }
            guard !segments.contains(where: { $0.name == name }) else {
                throw reader.corrupt("segment \(name) is listed twice")
            }
            segments.append(info)
        }
        guard segments.count == count else {
            throw reader.corrupt("the segment list does not match its count of \(count)")
        }
        let dictionaryHash = reader.isAtEnd ? nil : try reader.read(UInt64.self)
        guard reader.isAtEnd else { throw reader.corrupt("bytes after the segment list") }
        return Manifest(generation: generation, segments: segments, dictionaryHash: dictionaryHash)
    }

    /// Replaces the manifest of `directory` atomically and durably.
    func write(in directory: IndexDirectory) throws(JiansuoError) {
        let temporary = directory.file(Self.temporaryFileName)
        try directory.storage.writeDurably([encoded()], to: temporary)
        CrashPoint.reach("manifest-temporary-written")
        try directory.storage.rename(temporary, to: directory.file(Self.fileName))
        try directory.storage.syncDirectory(directory.path)
    }
}

/// Segment names: `seg-` and lowercase hex digits, so a name read from a damaged manifest
/// can never point outside the index directory.
enum SegmentName {
    static func make(generation: UInt64, sequence: Int) -> String {
        "seg-" + String(generation, radix: 16) + "-" + String(sequence, radix: 16)
    }

    /// The generation in a segment file's name (`seg-G-N…`), if it is one.
    static func generation(ofFile name: String) -> UInt64? {
        guard name.hasPrefix("seg-") else { return nil }
        return UInt64(name.dropFirst(4).prefix { $0 != "-" }, radix: 16)
    }

    static func isValid(_ name: String) -> Bool {
        name.hasPrefix("seg-") && name.count <= 64
            && name.dropFirst(4).allSatisfy { $0 == "-" || $0.isHexDigit && !$0.isUppercase }
    }
}
