#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The POSIX calls Jiansuo makes, each turning failure into `JiansuoError.io` naming the path.
/// Kept in one place so that index code reads as what it does, and so tests can point at
/// a single seam for I/O.
enum FileSystem {
    static func errorReason(_ code: Int32 = errno) -> String {
        String(cString: strerror(code))
    }

    static func fail(_ path: String, _ operation: String, _ code: Int32 = errno) -> JiansuoError {
        .io(path: path, operation: operation, reason: errorReason(code))
    }

    struct Status: Sendable {
        var isDirectory: Bool
        var isRegularFile: Bool
        var size: Int
        var modificationNanoseconds: Int64
    }

    /// Follows symbolic links; `nil` when nothing is at `path`.
    static func status(_ path: String) throws(JiansuoError) -> Status? {
        var info = stat()
        guard stat(path, &info) == 0 else {
            if errno == ENOENT || errno == ENOTDIR { return nil }
            throw fail(path, "inspect")
        }
        let mode = info.st_mode & S_IFMT
        return Status(
            isDirectory: mode == S_IFDIR,
            isRegularFile: mode == S_IFREG,
            size: Int(info.st_size),
            modificationNanoseconds: Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec)
        )
    }

    static func exists(_ path: String) -> Bool {
        access(path, F_OK) == 0
    }

    static func readFile(_ path: String) throws(JiansuoError) -> [UInt8] {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw fail(path, "open") }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { throw fail(path, "inspect") }
        guard info.st_mode & S_IFMT != S_IFDIR else { throw fail(path, "read", EISDIR) }
        var bytes = [UInt8](repeating: 0, count: Int(info.st_size))
        var filled = 0
        while true {
            if filled == bytes.count { bytes.append(contentsOf: repeatElement(0, count: 65536)) }
            let got = bytes.withUnsafeMutableBytes { buffer in
                read(descriptor, buffer.baseAddress! + filled, buffer.count - filled)
            }
            if got < 0 {
                if errno == EINTR { continue }
                throw fail(path, "read")
            }
            if got == 0 { break }
            filled += got
        }
        bytes.removeLast(bytes.count - filled)
        return bytes
    }

    /// Writes `bytes` to a new file at `path` and flushes it to disk before returning.
    static func writeDurably(_ bytes: [UInt8], to path: String) throws(JiansuoError) {
        try writeDurably([bytes], to: path)
    }

    /// Writes `pieces` one after another to a new file at `path` and flushes it to disk
    /// before returning; no copy of them is made.
    static func writeDurably(_ pieces: [[UInt8]], to path: String) throws(JiansuoError) {
        try writeFile(pieces, to: path)
        try flushToDisk(path)
    }

    /// Flushes a file already written to disk. Writing several files first and flushing
    /// them afterwards lets the kernel write one back while the next is being built.
    static func flushToDisk(_ path: String) throws(JiansuoError) {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw fail(path, "open") }
        defer { close(descriptor) }
        guard fsync(descriptor) == 0 else { throw fail(path, "flush to disk") }
    }

    /// Writes `pieces` one after another to a new file at `path`, without waiting for the
    /// disk: call `flushToDisk` before relying on it.
    static func writeFile(_ pieces: [[UInt8]], to path: String) throws(JiansuoError) {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw fail(path, "create") }
        defer { close(descriptor) }
        for bytes in pieces {
            var written = 0
            while written < bytes.count {
                let count = bytes.withUnsafeBytes { buffer in
                    write(descriptor, buffer.baseAddress! + written, buffer.count - written)
                }
                if count < 0 {
                    if errno == EINTR { continue }
                    throw fail(path, "write")
                }
                written += count
            }
        }
    }

    /// Flushes a directory's entries (new and renamed files) to disk.
    static func syncDirectory(_ path: String) throws(JiansuoError) {
        let descriptor = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { throw fail(path, "open directory") }
        defer { close(descriptor) }
        guard fsync(descriptor) == 0 else { throw fail(path, "flush directory to disk") }
    }

    static func rename(_ source: String, to destination: String) throws(JiansuoError) {
        guard Glibc.rename(source, destination) == 0 else { throw fail(destination, "rename \(source) to") }
    }

    static func remove(_ path: String) throws(JiansuoError) {
        guard unlink(path) == 0 || errno == ENOENT else { throw fail(path, "remove") }
    }

    static func createDirectory(_ path: String) throws(JiansuoError) {
        var prefix = path.hasPrefix("/") ? "/" : ""
        for component in path.split(separator: "/") {
            prefix += component
            if mkdir(prefix, 0o755) != 0 && errno != EEXIST { throw fail(prefix, "create directory") }
            prefix += "/"
        }
        guard try status(path)?.isDirectory == true else { throw fail(path, "create directory", ENOTDIR) }
    }

    /// Names in a directory, without "." and "..", sorted for a stable order.
    static func listDirectory(_ path: String) throws(JiansuoError) -> [String] {
        guard let directory = opendir(path) else { throw fail(path, "list directory") }
        defer { closedir(directory) }
        var names: [String] = []
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names.sorted()
    }

    static func join(_ directory: String, _ name: String) -> String {
        directory.hasSuffix("/") ? directory + name : directory + "/" + name
    }
}
