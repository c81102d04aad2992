import Glibc
import Jiansuo
import Synchronization

/// The index as the server reads it: the `Searcher` of the latest commit, with the cache of
/// answers given on it.
///
/// Before each request the commit file (the manifest) is checked with one `stat`; when
/// another file stands under its name — `jiansuo index` in another process committed — a
/// new `Searcher` is opened. A request keeps the searcher it was given for its whole life,
/// so it answers from one snapshot; the old searcher, and with it its mapped files, is
/// released when the last request using it ends, and its cache with it.
final class LiveIndex: Sendable {
    /// The latest commit's searcher and the answers given on it.
    struct Snapshot: Sendable {
        let searcher: Searcher
        let answers: ResponseCache
    }

    let directory: String
    private let commitFile: String
    private let cacheLimits: ResponseCache.Limits
    private let state = Mutex<(identity: FileIdentity?, snapshot: Snapshot?, opening: Bool)>((nil, nil, false))

    init(directory: String, cacheLimits: ResponseCache.Limits) {
        self.directory = directory
        self.commitFile = Searcher.commitFile(inDirectory: directory)
        self.cacheLimits = cacheLimits
    }

    /// The snapshot of the latest commit — or, while another request opens a new commit,
    /// the one before: one request opens it, the others keep answering meanwhile.
    func snapshot() throws(JiansuoError) -> Snapshot {
        let identity = FileIdentity(path: commitFile)
        let current = state.withLock { state -> Snapshot? in
            if let snapshot = state.snapshot, identity != nil, state.identity == identity || state.opening { return snapshot }
            state.opening = true
            return nil
        }
        if let current { return current }
        defer { state.withLock { $0.opening = false } }
        // Opened outside the lock, so requests on the current snapshot never wait for it.
        // The identity was read before opening: if a commit lands in between, the next
        // request sees another identity and opens again.
        let snapshot = Snapshot(searcher: try Searcher(directory: directory), answers: ResponseCache(cacheLimits))
        state.withLock { $0 = (identity, snapshot, true) }
        return snapshot
    }
}

/// What tells one file from another under the same name: device, inode, size and change time.
struct FileIdentity: Equatable, Sendable {
    let device: UInt64, inode: UInt64, size: Int64, changed: Int, changedNanoseconds: Int

    init?(path: String) {
        var status = stat()
        guard stat(path, &status) == 0 else { return nil }
        device = UInt64(status.st_dev)
        inode = UInt64(status.st_ino)
        size = Int64(status.st_size)
        changed = status.st_ctim.tv_sec
        changedNanoseconds = status.st_ctim.tv_nsec
    }
}
