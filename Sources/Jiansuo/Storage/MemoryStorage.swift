#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Synchronization

/// Files in memory, for tests (tantivy's RamDirectory): and, unlike a real disk in a test,
/// it can lose power. Each file keeps the bytes last flushed (`sync`) beside its current
/// ones, and each directory the entries last flushed (`syncDirectory`) beside its current
/// ones; `losePower()` drops every byte and every entry not flushed, which a SIGKILL never
/// does (the page cache survives it), so a missing flush shows.
///
/// Directories themselves are taken as durable once created.
final class MemoryStorage: IndexStorage {
    private struct File {
        var bytes: [UInt8]
        /// What `sync` last flushed; a file never flushed comes back empty.
        var durable: [UInt8] = []
    }

    private struct State {
        var files: [Int: File] = [:]
        var nextFile = 0
        /// Per directory, its entries: name → file.
        var entries: [String: [String: Int]] = [:]
        /// Per directory, the entries as `syncDirectory` last flushed them.
        var durableEntries: [String: [String: Int]] = [:]
        var locked: Set<String> = []
    }

    private let state = Mutex(State())

    init() {}

    private static func split(_ path: String) -> (directory: String, name: String) {
        guard let slash = path.lastIndex(of: "/") else { return (".", path) }
        let directory = String(path[..<slash])
        return (directory.isEmpty ? "/" : directory, String(path[path.index(after: slash)...]))
    }

    private static func failure(_ path: String, _ operation: String, _ code: Int32) -> JiansuoError {
        FileSystem.fail(path, operation, code)
    }

    func exists(_ path: String) -> Bool {
        let (directory, name) = Self.split(path)
        return state.withLock { $0.entries[path] != nil || $0.entries[directory]?[name] != nil }
    }

    func createDirectory(_ path: String) throws(JiansuoError) {
        let (parent, name) = Self.split(path)
        try state.withLock { (state: inout State) throws(JiansuoError) in
            if state.entries[parent]?[name] != nil { throw Self.failure(path, "create directory", ENOTDIR) }
            if state.entries[path] == nil {
                state.entries[path] = [:]
                state.durableEntries[path] = [:]
            }
        }
    }

    func removeEmptyDirectory(_ path: String) {
        state.withLock { state in
            if state.entries[path]?.isEmpty == true {
                state.entries[path] = nil
                state.durableEntries[path] = nil
            }
        }
    }

    func list(_ directory: String) throws(JiansuoError) -> [String] {
        try state.withLock { (state: inout State) throws(JiansuoError) in
            guard let entries = state.entries[directory] else { throw Self.failure(directory, "list directory", ENOENT) }
            return entries.keys.sorted()
        }
    }

    func writeFile(_ pieces: [[UInt8]], to path: String) throws(JiansuoError) {
        let (directory, name) = Self.split(path)
        try state.withLock { (state: inout State) throws(JiansuoError) in
            guard state.entries[directory] != nil else { throw Self.failure(path, "create", ENOENT) }
            let bytes = Array(pieces.joined())
            if let id = state.entries[directory]?[name] {
                state.files[id]?.bytes = bytes
            } else {
                state.files[state.nextFile] = File(bytes: bytes)
                state.entries[directory]?[name] = state.nextFile
                state.nextFile += 1
            }
        }
    }

    func sync(_ path: String) throws(JiansuoError) {
        let (directory, name) = Self.split(path)
        try state.withLock { (state: inout State) throws(JiansuoError) in
            guard let id = state.entries[directory]?[name] else { throw Self.failure(path, "open", ENOENT) }
            if var file = state.files[id] {
                file.durable = file.bytes
                state.files[id] = file
            }
        }
    }

    func syncDirectory(_ path: String) throws(JiansuoError) {
        try state.withLock { (state: inout State) throws(JiansuoError) in
            guard let entries = state.entries[path] else { throw Self.failure(path, "open directory", ENOENT) }
            state.durableEntries[path] = entries
        }
    }

    func rename(_ source: String, to destination: String) throws(JiansuoError) {
        let (from, fromName) = Self.split(source), (to, toName) = Self.split(destination)
        try state.withLock { (state: inout State) throws(JiansuoError) in
            guard let id = state.entries[from]?[fromName] else { throw Self.failure(destination, "rename \(source) to", ENOENT) }
            guard state.entries[to] != nil else { throw Self.failure(destination, "rename \(source) to", ENOENT) }
            state.entries[from]?[fromName] = nil
            state.entries[to]?[toName] = id
        }
    }

    func remove(_ path: String) throws(JiansuoError) {
        let (directory, name) = Self.split(path)
        state.withLock { state in _ = state.entries[directory]?.removeValue(forKey: name) }
    }

    func map(_ path: String) throws(JiansuoError) -> FileMapping? {
        let (directory, name) = Self.split(path)
        let bytes: [UInt8]? = state.withLock { state in
            state.entries[directory]?[name].flatMap { state.files[$0]?.bytes }
        }
        guard let bytes else { return nil }
        // A copy: the file may be rewritten while mapped, as a real file could not be under
        // an index's write-once discipline, but a test should not be able to tell.
        let copy = UnsafeMutableRawBufferPointer.allocate(byteCount: bytes.count, alignment: 16)
        copy.copyBytes(from: bytes)
        return FileMapping(bytes: UnsafeRawBufferPointer(copy)) { $0.deallocate() }
    }

    func lock(_ directory: String) throws(JiansuoError) -> AnyObject {
        let path = FileSystem.join(directory, IndexLock.fileName)
        try state.withLock { (state: inout State) throws(JiansuoError) in
            guard state.locked.insert(directory).inserted else { throw .indexLocked(lockFile: path) }
        }
        return Lock(storage: self, directory: directory)
    }

    private final class Lock {
        let storage: MemoryStorage
        let directory: String
        init(storage: MemoryStorage, directory: String) {
            self.storage = storage
            self.directory = directory
        }
        deinit {
            _ = storage.state.withLock { $0.locked.remove(directory) }
        }
    }

    /// A power cut: every directory goes back to the entries last flushed, every file to
    /// the bytes last flushed. Locks are released, as a dead process releases them.
    func losePower() {
        state.withLock { state in
            state.entries = state.durableEntries
            state.files = state.files.mapValues { File(bytes: $0.durable, durable: $0.durable) }
            state.locked = []
        }
    }
}
