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
            // Full: the file grew since fstat, or this read will find its end. A zero-filled
            // array appends as one copy; `repeatElement` would go byte by byte.
            if filled == bytes.count { bytes += [UInt8](repeating: 0, count: 65536) }
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

    /// Removes the directory at `path` if it is empty; otherwise leaves it.
    static func removeEmptyDirectory(_ path: String) {
        _ = rmdir(path)
    }

    /// Names in a directory, without "." and "..", sorted for a stable order.
    static func listDirectory(_ path: String) throws(JiansuoError) -> [String] {
        guard let directory = opendir(path) else { throw fail(path, "list directory") }
        defer { closedir(directory) }
        var names: [String] = []
        while let entry = readdir(directory) {
            let name = String(decoding: nameBytes(entry), as: UTF8.self)
            if name != "." && name != ".." { names.append(name) }
        }
        return names.sorted()
    }

    /// The name of a `readdir` entry, read in place up to its NUL. Copying `d_name` as a
    /// value copies all 256 bytes of the array, past the end of a short entry's record
    /// (records are only as long as their names) into bytes never written (valgrind).
    private static func nameBytes(_ entry: UnsafeMutablePointer<dirent>) -> [UInt8] {
        withUnsafeMutablePointer(to: &entry.pointee.d_name) { field in
            field.withMemoryRebound(to: CChar.self, capacity: MemoryLayout.size(ofValue: field.pointee)) { name in
                Array(UnsafeRawBufferPointer(start: name, count: strlen(name)))
            }
        }
    }

    /// A directory entry whose name is kept as raw bytes: file names are bytes, and a name
    /// that is not UTF-8 cannot round-trip through `String`.
    struct DirectoryEntry: Sendable {
        /// The name, if it is valid UTF-8.
        var name: String?
        /// The name with each byte that is not part of valid UTF-8 shown as `\xNN`, for messages.
        var escapedName: String
        var isDirectory: Bool
    }

    /// Entries of a directory, without "." and "..", sorted by name for a stable order.
    static func listDirectoryEntries(_ path: String) throws(JiansuoError) -> [DirectoryEntry] {
        guard let directory = opendir(path) else { throw fail(path, "list directory") }
        defer { closedir(directory) }
        var entries: [(bytes: [UInt8], entry: DirectoryEntry)] = []
        while let entry = readdir(directory) {
            let bytes = nameBytes(entry)
            if bytes == [0x2E] || bytes == [0x2E, 0x2E] { continue }
            let valid = bytes.withUnsafeBufferPointer { UTF8Validation.firstInvalidOffset(in: $0) == nil }
            let name = valid ? String(decoding: bytes, as: UTF8.self) : nil
            entries.append((bytes, DirectoryEntry(
                name: name, escapedName: name ?? escaped(bytes), isDirectory: entry.pointee.d_type == UInt8(DT_DIR))))
        }
        return entries.sorted { $0.bytes.lexicographicallyPrecedes($1.bytes) }.map(\.entry)
    }

    /// Bytes as text, invalid UTF-8 shown as `\xNN`.
    static func escaped(_ bytes: [UInt8]) -> String {
        var result = ""
        var index = 0
        while index < bytes.count {
            let rest = Array(bytes[index...])
            let bad = rest.withUnsafeBufferPointer { UTF8Validation.firstInvalidOffset(in: $0) } ?? rest.count
            result += String(decoding: rest[0..<bad], as: UTF8.self)
            index += bad
            if index < bytes.count {
                result += "\\x" + String(bytes[index], radix: 16, uppercase: true)
                index += 1
            }
        }
        return result
    }

    static func join(_ directory: String, _ name: String) -> String {
        directory.hasSuffix("/") ? directory + name : directory + "/" + name
    }
}
