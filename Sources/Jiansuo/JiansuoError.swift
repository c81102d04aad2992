/// Every failure Jiansuo reports. Each case names the file, query or operation concerned,
/// so a message can be shown to a user as it is; it says what is wrong, not which command
/// to type (the CLI adds that).
public enum JiansuoError: Error, Sendable, Equatable, CustomStringConvertible {
    /// ICU failed to start or to process text.
    case icu(operation: String, detail: String)
    /// A file or folder could not be opened, read, written or listed.
    case io(path: String, operation: String, reason: String)
    /// An input file is not valid UTF-8; `byteOffset` is where decoding first failed.
    case invalidUTF8(path: String, byteOffset: Int)
    /// A document cannot be turned into text: its encoding cannot be told or it is not one
    /// Jiansuo reads, its format is damaged, or a tool it needs is missing.
    case unreadableDocument(path: String, reason: String)
    /// There is no index in the directory.
    case missingIndex(directory: String)
    /// An index file is damaged: truncated, checksum mismatch, offsets out of bounds.
    case corruptIndex(file: String, reason: String)
    /// An index file was written by a different, unreadable format version.
    case unsupportedFormatVersion(file: String, found: UInt32, supported: UInt32)
    /// Another process holds the index's write lock.
    case indexLocked(lockFile: String)
    /// A query could not be parsed; `position` counts characters from the start of the query.
    case malformedQuery(query: String, position: Int, reason: String)
    /// An argument is out of its allowed range or inconsistent with another.
    case invalidArgument(String)
    /// Synchronizing an index with folders would delete more of its documents than allowed
    /// (`FolderSync.maximumRemovedFraction`); nothing was changed. `examples` are some of them.
    case refusedRemoval(index: String, removing: Int, of: Int, examples: [String])
    /// A bug in Jiansuo: a state its own code should never reach.
    case internalError(String)

    public var description: String {
        switch self {
        case .icu(let operation, let detail):
            return "ICU failed while \(operation): \(detail)"
        case .io(let path, let operation, let reason):
            return "\(path): cannot \(operation): \(reason)"
        case .invalidUTF8(let path, let byteOffset):
            return "\(path): not valid UTF-8 (first bad byte at offset \(byteOffset))"
        case .unreadableDocument(let path, let reason):
            return "\(path): \(reason)"
        case .missingIndex(let directory):
            return "no index in \(directory)"
        case .corruptIndex(let file, let reason):
            return "\(file): index file is damaged: \(reason)"
        case .unsupportedFormatVersion(let file, let found, let supported):
            return "\(file): index format version \(found) cannot be read by this build (it reads version \(supported)); the index must be rebuilt from its documents"
        case .indexLocked(let lockFile):
            return "the index is being written by another process (lock held on \(lockFile))"
        case .malformedQuery(let query, let position, let reason):
            return "malformed query at character \(position + 1): \(reason)\n  \(query)"
        case .invalidArgument(let message):
            return message
        case .refusedRemoval(let index, let removing, let total, let examples):
            let shown = examples.joined(separator: ", ") + (removing > examples.count ? ", …" : "")
            return "updating \(index) would remove \(removing) of its \(total) documents, whose files are not under the folders given (\(shown)); nothing was changed"
        case .internalError(let message):
            return "internal error (a bug in Jiansuo; please report it): \(message)"
        }
    }
}
