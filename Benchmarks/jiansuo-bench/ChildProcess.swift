#if canImport(Glibc)
import Glibc
#endif

/// Runs another program as a whole process, the way a user would, and reports its wall time
/// and peak resident memory (from `wait4`, for that child alone).
struct ChildProcess {
    struct Outcome {
        var status: Int32
        var seconds: Double
        /// User and system CPU time the child used.
        var cpuSeconds: Double
        /// Peak resident set size in bytes.
        var peakResidentBytes: Int
        /// The first 4 KiB of standard output, when asked for.
        var output: String
    }

    /// Runs `executable` with `arguments`; standard output goes to /dev/null unless
    /// `captureOutput`, standard error is inherited.
    static func run(_ executable: String, _ arguments: [String], captureOutput: Bool = false) throws -> Outcome {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        let capturePath = "/tmp/jiansuo-bench-\(getpid()).out"
        posix_spawn_file_actions_addopen(&actions, 1, captureOutput ? capturePath : "/dev/null", O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        var pid: pid_t = 0
        let start = Clock.now
        let spawned = posix_spawn(&pid, executable, &actions, nil, argv, environ)
        guard spawned == 0 else { throw BenchError("cannot run \(executable): \(String(cString: strerror(spawned)))") }
        var status: Int32 = 0
        var usage = rusage()
        while wait4(pid, &status, 0, &usage) < 0 {
            guard errno == EINTR else { throw BenchError("waiting for \(executable) failed") }
        }
        let seconds = Clock.seconds(since: start)
        var output = ""
        if captureOutput, let file = fopen(capturePath, "r") {
            var buffer = [UInt8](repeating: 0, count: 4096)
            let read = fread(&buffer, 1, buffer.count, file)
            fclose(file)
            unlink(capturePath)
            output = String(decoding: buffer[0..<read], as: UTF8.self)
        }
        let exited = status & 0x7F == 0
        return Outcome(
            status: exited ? (status >> 8) & 0xFF : -1, seconds: seconds, cpuSeconds: Clock.seconds(usage),
            peakResidentBytes: Int(usage.ru_maxrss) * 1024, output: output)
    }

    /// The full path of `name` on PATH, if it is there.
    static func find(_ name: String) -> String? {
        let path = getenv("PATH").map { String(cString: $0) } ?? "/usr/bin:/bin"
        for directory in path.split(separator: ":") {
            let candidate = "\(directory)/\(name)"
            if access(candidate, X_OK) == 0 { return candidate }
        }
        return nil
    }

    /// This program's own directory, where SwiftPM also puts the `jiansuo` executable.
    static var ownDirectory: String {
        var buffer = [CChar](repeating: 0, count: 4096)
        let length = readlink("/proc/self/exe", &buffer, buffer.count - 1)
        guard length > 0 else { return "." }
        let path = String(decoding: buffer[0..<length].map { UInt8(bitPattern: $0) }, as: UTF8.self)
        return String(path[..<(path.lastIndex(of: "/") ?? path.endIndex)])
    }
}

struct BenchError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// Monotonic time.
enum Clock {
    static var now: UInt64 {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return UInt64(time.tv_sec) * 1_000_000_000 + UInt64(time.tv_nsec)
    }

    static func seconds(since start: UInt64) -> Double {
        Double(now - start) / 1e9
    }

    /// User plus system CPU time of this process so far. On a machine shared with other
    /// work, CPU time says what a run costs even when wall time is stretched by waiting.
    static var cpuSeconds: Double {
        var usage = rusage()
        getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
        return seconds(usage)
    }

    static func seconds(_ usage: rusage) -> Double {
        Double(usage.ru_utime.tv_sec) + Double(usage.ru_utime.tv_usec) / 1e6
            + Double(usage.ru_stime.tv_sec) + Double(usage.ru_stime.tv_usec) / 1e6
    }

    /// The 1-minute load average, to judge how contended the machine was.
    static var loadAverage: Double {
        var loads = [Double](repeating: 0, count: 3)
        return getloadavg(&loads, 3) > 0 ? loads[0] : .nan
    }
}
