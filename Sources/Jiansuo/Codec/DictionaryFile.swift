/// The user dictionary an index was segmented with, kept beside its segments so that
/// queries are analyzed exactly like the text.
///
/// File `dictionary-H`, where H is the lowercase hex `contentHash` (FNV-1a) of the bytes:
/// the user's dictionary file, byte for byte (format in `UserDictionary`). The manifest's
/// `dictionaryHash` names it; since the name carries the hash, a commit with another
/// dictionary writes another file and readers of the previous commit keep theirs until
/// the writer removes files no manifest lists. Read back, the bytes must hash to H.
enum DictionaryFile {
    static let prefix = "dictionary-"

    static func fileName(hash: UInt64) -> String {
        prefix + String(hash, radix: 16)
    }

    /// Writes `dictionary` into the index (durably) unless it is there already.
    static func write(_ dictionary: UserDictionary, in index: IndexDirectory) throws(JiansuoError) {
        let path = index.file(fileName(hash: dictionary.contentHash))
        guard !index.storage.exists(path) else { return }
        try index.storage.writeDurably([dictionary.contents], to: path)
    }

    /// The dictionary a manifest names, checked against its hash.
    static func read(hash: UInt64, in index: IndexDirectory) throws(JiansuoError) -> UserDictionary {
        let path = index.file(fileName(hash: hash))
        guard let mapping = try index.storage.map(path) else {
            throw .dictionaryMismatch(directory: index.path, reason: "the index was built with a user dictionary, but \(path) is missing")
        }
        let dictionary = try UserDictionary(contents: Array(mapping.bytes), file: path)
        guard dictionary.contentHash == hash else {
            throw .corruptIndex(file: path, reason: "its content hash is not the one the manifest records")
        }
        return dictionary
    }
}
