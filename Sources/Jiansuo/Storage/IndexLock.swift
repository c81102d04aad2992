#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The index's single-writer lock: an exclusive `flock` on `write.lock`, released when the
/// process ends however it ends, so a crashed writer never leaves the index locked.
final class IndexLock {
    static let fileName = "write.lock"
    private let descriptor: Int32

    /// How long a held lock is retried before giving up: a lock just released can look held
    /// for a moment, when another thread of the process is starting a program — between fork
    /// and exec the child shares every open file description, the lock's included (O_CLOEXEC
    /// closes it only at exec). A writer of another process holds it far longer.
    static let retryMilliseconds = 200

    init(directory: String) throws(JiansuoError) {
        let path = FileSystem.join(directory, Self.fileName)
        let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw FileSystem.fail(path, "open lock file") }
        var waited = 0
        while flock(descriptor, LOCK_EX | LOCK_NB) != 0 {
            let code = errno
            if code == EWOULDBLOCK && waited < Self.retryMilliseconds {
                usleep(5_000)
                waited += 5
                continue
            }
            close(descriptor)
            if code == EWOULDBLOCK { throw .indexLocked(lockFile: path) }
            throw FileSystem.fail(path, "lock", code)
        }
        self.descriptor = descriptor
    }

    deinit {
        close(descriptor)
    }
}
