#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Finds the documents under a folder: every file of a `DocumentFormat`, recursively, in a
/// stable (sorted) order. Hidden entries (`.git`, `.DS_Store`) are passed over; a folder
/// reached twice through symbolic links is visited once. Other files are listed apart, so
/// a user learns what was not indexed; the metadata sidecar at the top is neither. Entries
/// an `Exclusion` matches are passed over silently, a folder without being walked.
struct FolderScanner {
    /// A pattern of files and folders to pass over (`jiansuo index --exclude`), read as
    /// .gitignore reads one: without a `/`, it matches the name of any file or folder
    /// (`README.md`, `*.bak`, `草稿*`); with one, the path relative to the folder indexed
    /// (`2019/附件`, `drafts/*.txt`), where `*` and `?` do not match `/`. `fnmatch(3)` syntax.
    struct Exclusion: Sendable {
        let pattern: String
        let matchesPath: Bool

        init(_ pattern: String) throws(JiansuoError) {
            var trimmed = pattern
            while trimmed.hasSuffix("/") { trimmed.removeLast() }
            while trimmed.hasPrefix("./") { trimmed.removeFirst(2) }
            guard !trimmed.isEmpty else { throw .invalidArgument("the exclude pattern \"\(pattern)\" matches nothing") }
            self.pattern = trimmed
            self.matchesPath = trimmed.contains("/")
        }

        /// Whether the entry at `relativePath` (its name is the last component) is excluded
        /// itself; its folders are checked as the walk reaches them.
        func matches(relativePath: String) -> Bool {
            let subject = matchesPath ? relativePath : String(relativePath.split(separator: "/").last ?? "")
            return fnmatch(pattern, subject, matchesPath ? FNM_PATHNAME : 0) == 0
        }
    }

    /// Whether `relativePath` or any folder above it is excluded.
    static func isExcluded(_ relativePath: String, by exclusions: [Exclusion]) -> Bool {
        guard !exclusions.isEmpty else { return false }
        var prefix = ""
        for component in relativePath.split(separator: "/") {
            prefix += prefix.isEmpty ? String(component) : "/" + component
            if exclusions.contains(where: { $0.matches(relativePath: prefix) }) { return true }
        }
        return false
    }

    struct Scan {
        var files: [String] = []
        /// Files of extensions Jiansuo does not read.
        var unsupported: [String] = []
        /// Entries that could not be read, with the reason; the scan goes on without them.
        var problems: [JiansuoError] = []
    }

    static func isDocument(_ path: String) -> Bool {
        DocumentFormat(path: path) != nil
    }

    static func scan(_ root: String, excluding exclusions: [Exclusion] = []) throws(JiansuoError) -> Scan {
        guard let status = try FileSystem.status(root) else {
            throw .io(path: root, operation: "index", reason: "no such file or folder")
        }
        var result = Scan()
        if !status.isDirectory {
            result.files.append(root)
            return result
        }
        var visited = Set<DirectoryIdentity>()
        walk(root, relative: "", excluding: exclusions, visited: &visited, into: &result)
        return result
    }

    private struct DirectoryIdentity: Hashable {
        var device: UInt64
        var inode: UInt64
    }

    /// Walks `directory`, which is `relative` below the root ("" for the root itself).
    private static func walk(
        _ directory: String, relative: String, excluding exclusions: [Exclusion],
        visited: inout Set<DirectoryIdentity>, into result: inout Scan
    ) {
        let isTop = relative.isEmpty
        var info = stat()
        guard stat(directory, &info) == 0 else {
            result.problems.append(FileSystem.fail(directory, "open folder"))
            return
        }
        guard visited.insert(DirectoryIdentity(device: UInt64(info.st_dev), inode: UInt64(info.st_ino))).inserted else {
            return
        }
        let entries: [FileSystem.DirectoryEntry]
        do {
            entries = try FileSystem.listDirectoryEntries(directory)
        } catch {
            result.problems.append(error)
            return
        }
        // A Jiansuo index (its own files, say, when the index lives inside the folder indexed)
        // holds no documents.
        let names = Set(entries.map(\.escapedName))
        if names.contains(IndexLock.fileName) { return }
        for entry in entries where !entry.escapedName.hasPrefix(".") {
            // A name that is not UTF-8 cannot be a path in the index (paths are text); say so
            // for the entries that would have been indexed.
            guard let name = entry.name else {
                if entry.isDirectory || isDocument(entry.escapedName) {
                    result.problems.append(.io(
                        path: FileSystem.join(directory, entry.escapedName), operation: "index",
                        reason: "the name is not valid UTF-8 (shown with \\xNN escapes); rename it to index it"))
                }
                continue
            }
            let path = FileSystem.join(directory, name)
            let relativePath = isTop ? name : relative + "/" + name
            if exclusions.contains(where: { $0.matches(relativePath: relativePath) }) { continue }
            do {
                guard let status = try FileSystem.status(path) else { continue }  // dangling link
                if status.isDirectory {
                    walk(path, relative: relativePath, excluding: exclusions, visited: &visited, into: &result)
                } else if status.isRegularFile && isDocument(name) {
                    result.files.append(path)
                } else if status.isRegularFile && !(isTop && MetadataSidecar.fileNames.contains(name)) {
                    result.unsupported.append(path)
                }
            } catch {
                result.problems.append(error)
            }
        }
    }
}
