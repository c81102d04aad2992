import Glibc
import Jiansuo
import Synchronization

/// The index as the server reads it: the `Searcher` of the latest commit.
///
/// Before each request the commit file (the manifest) is checked with one `stat`; when
/// another file stands under its name — `jiansuo index` in another process committed — a
/// new `Searcher` is opened. A request keeps the searcher it was given for its whole life,
/// so it answers from one snapshot; the old searcher, and with it its mapped files, is
/// released when the last request using it ends.
final class LiveIndex: Sendable {
    let directory: String
    private let commitFile: String
    private let state = Mutex<(identity: FileIdentity?, searcher: Searcher?)>((nil, nil))

    init(directory: String) {
        self.directory = directory
        self.commitFile = Searcher.commitFile(inDirectory: directory)
    }

    /// The searcher of the latest commit.
    func searcher() throws(JiansuoError) -> Searcher {
        let identity = FileIdentity(path: commitFile)
        if let current = state.withLock({ $0.identity == identity ? $0.searcher : nil }), identity != nil {
            return current
        }
        // Opened outside the lock, so requests on the current snapshot never wait for it.
        // The identity was read before opening: if a commit lands in between, the next
        // request sees another identity and opens again.
        let searcher = try Searcher(directory: directory)
        state.withLock { $0 = (identity, searcher) }
        return searcher
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
