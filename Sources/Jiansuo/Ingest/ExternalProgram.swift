#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Runs a helper program (such as `pdftotext`) found on the search path and collects what
/// it writes to standard output.
enum ExternalProgram {
    /// The first executable named `name` in the colon-separated `searchPath`.
    static func find(_ name: String, searchPath: String?) -> String? {
        guard let searchPath else { return nil }
        for directory in searchPath.split(separator: ":") where !directory.isEmpty {
            let candidate = FileSystem.join(String(directory), name)
            if access(candidate, X_OK) == 0, (try? FileSystem.status(candidate))??.isRegularFile == true {
                return candidate
            }
        }
        return nil
    }

    /// The process's search path.
    static var searchPath: String? {
        getenv("PATH").map { String(cString: $0) }
    }

    /// Runs `executable` with `arguments` (standard input and error closed to /dev/null)
    /// and returns its standard output and exit status.
    static func run(_ executable: String, _ arguments: [String]) throws(JiansuoError) -> (output: [UInt8], status: Int32) {
        var pipeEnds: [Int32] = [0, 0]
        guard pipe(&pipeEnds) == 0 else { throw FileSystem.fail(executable, "create a pipe for") }
        let (readEnd, writeEnd) = (pipeEnds[0], pipeEnds[1])
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, writeEnd, 1)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addclose(&actions, readEnd)
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        defer { for argument in argv { free(argument) } }
        var child: pid_t = 0
        let spawned = posix_spawn(&child, executable, &actions, nil, argv, environ)
        close(writeEnd)
        guard spawned == 0 else {
            close(readEnd)
            throw FileSystem.fail(executable, "run", spawned)
        }
        var output: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(readEnd, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            if count <= 0 { break }
            output.append(contentsOf: chunk[0..<count])
        }
        close(readEnd)
        var status: Int32 = 0
        while waitpid(child, &status, 0) < 0 && errno == EINTR {}
        // WEXITSTATUS/WIFEXITED are macros Swift cannot import: exited normally when the
        // low 7 bits are zero, with the status in the next byte.
        let exitStatus: Int32 = status & 0x7F == 0 ? (status >> 8) & 0xFF : -1
        return (output, exitStatus)
    }
}
