/// The file operations an index makes, and nothing else: the seam between the index code
/// and where its files live. `FileStorage` is the real file system; `MemoryStorage` keeps
/// files in memory and can lose, as a power cut would, whatever was not flushed — so tests
/// can hold commits to what survives, and inject failures at any write or flush.
///
/// Paths are full paths (`IndexDirectory` joins a directory and a name). Reading goes
/// through `map`, once per file: a `MappedFile` then reads its bytes directly, so the seam
/// costs nothing on the hot read path.
protocol IndexStorage: Sendable {
    func exists(_ path: String) -> Bool
    /// Creates the directory and any missing parents.
    func createDirectory(_ path: String) throws(JiansuoError)
    /// Removes the directory if it is empty; otherwise leaves it.
    func removeEmptyDirectory(_ path: String)
    /// Names in a directory, sorted.
    func list(_ directory: String) throws(JiansuoError) -> [String]
    /// Creates (or truncates) the file and writes `pieces` one after another. Not durable
    /// until `sync`; its directory entry not until `syncDirectory`.
    func writeFile(_ pieces: [[UInt8]], to path: String) throws(JiansuoError)
    /// Flushes a file's bytes to stable storage.
    func sync(_ path: String) throws(JiansuoError)
    /// Flushes a directory's entries (files created, renamed, removed) to stable storage.
    func syncDirectory(_ path: String) throws(JiansuoError)
    /// Atomically replaces `destination` with `source`.
    func rename(_ source: String, to destination: String) throws(JiansuoError)
    /// Removes a file; nothing there is not an error.
    func remove(_ path: String) throws(JiansuoError)
    /// The whole file, read-only, for as long as the mapping lives; `nil` if there is none.
    func map(_ path: String) throws(JiansuoError) -> FileMapping?
    /// Takes the directory's single-writer lock, held until the returned object is released;
    /// `JiansuoError.indexLocked` if another writer holds it.
    func lock(_ directory: String) throws(JiansuoError) -> AnyObject
}

extension IndexStorage {
    /// Writes `pieces` to a new file and flushes it before returning.
    func writeDurably(_ pieces: [[UInt8]], to path: String) throws(JiansuoError) {
        try writeFile(pieces, to: path)
        try sync(path)
    }
}

/// The read-only bytes of a whole file, valid while this object lives.
// Unchecked: the bytes never change while mapped, and `release` runs once, at deinit.
final class FileMapping: @unchecked Sendable {
    let bytes: UnsafeRawBufferPointer
    private let release: (UnsafeRawBufferPointer) -> Void

    init(bytes: UnsafeRawBufferPointer, release: @escaping (UnsafeRawBufferPointer) -> Void) {
        self.bytes = bytes
        self.release = release
    }

    deinit {
        release(bytes)
    }
}

/// An index's directory on some storage.
struct IndexDirectory: Sendable {
    let path: String
    let storage: any IndexStorage

    /// The index directory at `path` on the real file system.
    init(_ path: String) {
        self.init(path, storage: FileStorage())
    }

    init(_ path: String, storage: any IndexStorage) {
        self.path = path
        self.storage = storage
    }

    /// The full path of the file `name` in the directory.
    func file(_ name: String) -> String {
        FileSystem.join(path, name)
    }

    func list() throws(JiansuoError) -> [String] {
        try storage.list(path)
    }
}
