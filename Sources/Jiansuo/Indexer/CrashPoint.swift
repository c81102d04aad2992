#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Synchronization

/// Named moments in indexing and committing where the crash-safety tests can kill the
/// process: with `JIANSUO_CRASH_AT=NAME` (or `NAME:N`, the N-th time it is reached) in the
/// environment, reaching that point sends the process SIGKILL — a crash that runs no
/// cleanup, exactly as a power cut or the OOM killer would. Without the variable this is
/// one comparison.
///
/// Points: `analyzed` (a batch of files tokenized), `segment-written`, `deletions-written`,
/// `merge-written`, `manifest-temporary-written` (before the rename that commits),
/// `committed` (after it, before old files are removed), `file-removed`.
enum CrashPoint {
    private static let target: (name: String, occurrence: Int)? = {
        guard let value = getenv("JIANSUO_CRASH_AT").map({ String(cString: $0) }), !value.isEmpty else { return nil }
        let parts = value.split(separator: ":", maxSplits: 1)
        return (String(parts[0]), parts.count > 1 ? Int(parts[1]) ?? 1 : 1)
    }()
    private static let reached = Atomic<Int>(0)

    static func reach(_ name: String) {
        guard let target, target.name == name else { return }
        if reached.wrappingAdd(1, ordering: .relaxed).newValue >= target.occurrence {
            kill(getpid(), SIGKILL)
        }
    }
}
