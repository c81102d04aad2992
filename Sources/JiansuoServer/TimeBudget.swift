import Dispatch
import Synchronization

/// Runs blocking index work off Swift's cooperative threads and answers 503 when it takes
/// longer than `budget`. The library's calls cannot be interrupted, so late work finishes
/// and is dropped; the request limits keep any one request's work bounded.
enum TimeBudget {
    static func run<Value: Sendable>(
        _ budget: Duration, _ work: @escaping @Sendable () throws(APIError) -> Value
    ) async throws(APIError) -> Value {
        let result = await withCheckedContinuation { (continuation: CheckedContinuation<Result<Value, APIError>, Never>) in
            let once = Once(continuation)
            DispatchQueue.global().async {
                once.resume(Result { () throws(APIError) in try work() })
            }
            let (seconds, attoseconds) = budget.components
            let nanoseconds = Int(seconds) * 1_000_000_000 + Int(attoseconds / 1_000_000_000)
            DispatchQueue.global().asyncAfter(deadline: .now() + .nanoseconds(nanoseconds)) {
                once.resume(.failure(.timeout))
            }
        }
        return try result.get()
    }

    /// A continuation resumed by whichever comes first.
    private final class Once<Value: Sendable>: Sendable {
        private let continuation: Mutex<CheckedContinuation<Value, Never>?>

        init(_ continuation: CheckedContinuation<Value, Never>) {
            self.continuation = Mutex(continuation)
        }

        func resume(_ value: Value) {
            continuation.withLock { $0.take() }?.resume(returning: value)
        }
    }
}
