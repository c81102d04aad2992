import Synchronization

/// Answers already given on one snapshot of the index, by endpoint and parameters.
///
/// A snapshot never changes, so an answer computed on it stays right for as long as it is
/// served; `LiveIndex` gives each snapshot a cache of its own and drops it with the
/// snapshot, so nothing is ever invalidated by hand. People share links (the page keeps its
/// whole state in the URL) and type the same prefixes, so the same request comes again and
/// again: the cache answers it without searching, highlighting or encoding anew. Requests
/// that arrive while the same answer is being computed — all of them, just after a commit —
/// wait for that one computation rather than each repeating it. Bounded by entries and
/// bytes; the oldest answers go first. Errors are shared with the requests waiting, never kept.
final class ResponseCache: Sendable {
    struct Limits: Sendable {
        var entries: Int
        var bytes: Int
    }

    typealias Answer = Result<String, APIError>

    private struct Entries {
        var answers: [String: String] = [:]
        var pending: [String: Task<Answer, Never>] = [:]
        /// Keys of `answers` in the order they were stored, oldest first, from `start` on.
        var order: [String] = []
        var start = 0
        var bytes = 0
    }

    private let limits: Limits
    private let entries = Mutex(Entries())

    init(_ limits: Limits) {
        self.limits = limits
    }

    /// The answer kept for `key`, or the one `compute` gives (computed once for all the
    /// requests asking meanwhile).
    func answer(for key: String, _ compute: @escaping @Sendable () async -> Answer) async -> Answer {
        guard limits.entries > 0 else { return await compute() }
        let lookup = entries.withLock { entries -> Lookup in
            if let answer = entries.answers[key] { return .kept(answer) }
            if let pending = entries.pending[key] { return .waiting(pending) }
            let task = Task { await compute() }
            entries.pending[key] = task
            return .computing(task)
        }
        switch lookup {
        case .kept(let answer):
            return .success(answer)
        case .waiting(let task):
            return await task.value
        case .computing(let task):
            let answer = await task.value
            finish(key, answer)
            return answer
        }
    }

    private enum Lookup {
        case kept(String)
        case waiting(Task<Answer, Never>)
        case computing(Task<Answer, Never>)
    }

    private func finish(_ key: String, _ answer: Answer) {
        entries.withLock { entries in
            entries.pending[key] = nil
            guard case .success(let text) = answer else { return }
            let size = key.utf8.count + text.utf8.count
            guard size <= limits.bytes, entries.answers[key] == nil else { return }
            entries.answers[key] = text
            entries.order.append(key)
            entries.bytes += size
            while entries.answers.count > limits.entries || entries.bytes > limits.bytes {
                let oldest = entries.order[entries.start]
                entries.start += 1
                if let removed = entries.answers.removeValue(forKey: oldest) {
                    entries.bytes -= oldest.utf8.count + removed.utf8.count
                }
            }
            // The evicted keys' slots are given back once they are half the array.
            if entries.start > entries.order.count / 2 {
                entries.order.removeFirst(entries.start)
                entries.start = 0
            }
        }
    }
}
