import Synchronization
import Testing
@testable import JiansuoServer

extension ServerTests {
    /// Answers kept per snapshot: bounded, oldest out first, computed once for requests that
    /// arrive together. (That a commit is answered anew, not from the old snapshot's cache, is
    /// `LiveIndexTests.aCommitIsServedWithoutRestart`.)
    @Suite struct ResponseCacheTests {
        static let notKept = APIError(status: .notFound, code: "not_kept", message: "computed")

        /// Whether `cache` answers `key` without computing (a probe's error is never kept).
        static func keeps(_ cache: ResponseCache, _ key: String) async -> Bool {
            (try? await cache.answer(for: key) { .failure(notKept) }.get()) != nil
        }

        @Test func entriesAndBytesAreBounded() async {
            let cache = ResponseCache(ResponseCache.Limits(entries: 3, bytes: 100))
            for key in ["a", "b", "c", "d"] { _ = await cache.answer(for: key) { .success("answer \(key)") } }
            #expect(await !Self.keeps(cache, "a"), "the oldest answer goes first")
            for key in ["b", "c", "d"] { #expect(await Self.keeps(cache, key)) }
            // 91 bytes (key and answer) beside 27: the two oldest go to fit within 100.
            _ = await cache.answer(for: "e") { .success(String(repeating: "x", count: 90)) }
            for key in ["b", "c"] { #expect(await !Self.keeps(cache, key)) }
            for key in ["d", "e"] { #expect(await Self.keeps(cache, key)) }
            _ = await cache.answer(for: "f") { .success(String(repeating: "y", count: 200)) }
            #expect(await !Self.keeps(cache, "f"), "an answer larger than the whole cache is not kept")
            #expect(await Self.keeps(cache, "e"))
            let none = ResponseCache(ResponseCache.Limits(entries: 0, bytes: 100))
            _ = await none.answer(for: "a") { .success("answer") }
            #expect(await !Self.keeps(none, "a"))
        }

        @Test func requestsArrivingTogetherShareOneComputation() async {
            let cache = ResponseCache(ResponseCache.Limits(entries: 8, bytes: 1 << 20))
            let computations = Computations()
            let answers = await withTaskGroup(of: String?.self) { group in
                for _ in 0..<16 {
                    group.addTask {
                        try? await cache.answer(for: "/api/search") {
                            computations.count.withLock { $0 += 1 }
                            try? await Task.sleep(for: .milliseconds(200))
                            return .success("answer")
                        }.get()
                    }
                }
                return await group.reduce(into: []) { $0.append($1) }
            }
            #expect(answers == Array(repeating: "answer", count: 16))
            #expect(computations.count.withLock { $0 } == 1)
        }

        final class Computations: Sendable {
            let count = Mutex(0)
        }
    }
}
