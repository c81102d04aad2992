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

    init(directory: String) throws(JiansuoError) {
        let path = FileSystem.join(directory, Self.fileName)
        let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw FileSystem.fail(path, "open lock file") }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            let code = errno
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
