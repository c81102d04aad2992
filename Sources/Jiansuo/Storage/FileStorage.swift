#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The real file system: POSIX calls (`FileSystem`), files mapped with `mmap`, the write
/// lock an exclusive `flock` (`IndexLock`).
struct FileStorage: IndexStorage {
    func exists(_ path: String) -> Bool { FileSystem.exists(path) }
    func createDirectory(_ path: String) throws(JiansuoError) { try FileSystem.createDirectory(path) }
    func removeEmptyDirectory(_ path: String) { FileSystem.removeEmptyDirectory(path) }
    func list(_ directory: String) throws(JiansuoError) -> [String] { try FileSystem.listDirectory(directory) }
    func writeFile(_ pieces: [[UInt8]], to path: String) throws(JiansuoError) { try FileSystem.writeFile(pieces, to: path) }
    func sync(_ path: String) throws(JiansuoError) { try FileSystem.flushToDisk(path) }
    func syncDirectory(_ path: String) throws(JiansuoError) { try FileSystem.syncDirectory(path) }
    func rename(_ source: String, to destination: String) throws(JiansuoError) { try FileSystem.rename(source, to: destination) }
    func remove(_ path: String) throws(JiansuoError) { try FileSystem.remove(path) }
    func lock(_ directory: String) throws(JiansuoError) -> AnyObject { try IndexLock(directory: directory) }

    func map(_ path: String) throws(JiansuoError) -> FileMapping? {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            if errno == ENOENT { return nil }
            throw FileSystem.fail(path, "open")
        }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { throw FileSystem.fail(path, "inspect") }
        let length = Int(info.st_size)
        // mmap refuses an empty range; an empty file maps to no bytes.
        guard length > 0 else { return FileMapping(bytes: UnsafeRawBufferPointer(start: nil, count: 0)) { _ in } }
        guard let address = mmap(nil, length, PROT_READ, MAP_PRIVATE, descriptor, 0), address != MAP_FAILED else {
            throw FileSystem.fail(path, "map into memory")
        }
        return FileMapping(bytes: UnsafeRawBufferPointer(start: UnsafeRawPointer(address), count: length)) { bytes in
            munmap(UnsafeMutableRawPointer(mutating: bytes.baseAddress), bytes.count)
        }
    }
}
