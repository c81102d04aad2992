import Foundation
import Hummingbird
import HummingbirdTesting
import Jiansuo
import Testing
@testable import JiansuoServer

extension ServerTests {
    /// Commits made while the server runs are served without a restart, and the snapshots they
    /// replace are let go: open files and mappings do not grow over 1,000 commits.
    @Suite struct LiveIndexTests {
        static func openFiles() -> Int {
            (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd").count) ?? 0
        }

        static func mappings() -> Int {
            ((try? String(contentsOfFile: "/proc/self/maps", encoding: .utf8)) ?? "").split(separator: "\n").count
        }

        @Test func everyCommitIsServedAndOldSnapshotsAreReleased() async throws {
            // In memory (tmpfs) where there is one: this is about what the server keeps open,
            // and 1,000 commits each flushed to a busy disk take minutes.
            let directory = FileManager.default.fileExists(atPath: "/dev/shm")
                ? "/dev/shm/jiansuo-live-index-\(UUID().uuidString)" : ServerTestSupport.temporaryDirectory("live-index")
            defer { try? FileManager.default.removeItem(atPath: directory) }
            let writer = try IndexWriter(directory: directory)
            try writer.addText("代表建议办理。\n", path: "2020/0.txt", year: 2020)
            _ = try writer.commit()
            let live = LiveIndex(directory: directory, cacheLimits: ResponseCache.Limits(entries: 16, bytes: 1 << 20))
            var baseline: (files: Int, mappings: Int)?
            for commit in 1...1000 {
                try writer.addText("第\(commit)件代表建议办理完毕。\n", path: "2020/\(commit).txt", year: 2020)
                _ = try writer.commit()
                let snapshot = try live.snapshot()
                #expect(try snapshot.searcher.statistics().documents == commit + 1)
                _ = await snapshot.answers.answer(for: "/api/stats") { .success(String(repeating: "答", count: 1000)) }
                if commit == 50 { baseline = (Self.openFiles(), Self.mappings()) }
            }
            let (files, mappings) = try #require(baseline)
            // Merges change how many segments are open at once; a leak would add ~1,000.
            #expect(Self.openFiles() <= files + 30, "open files grew from \(files) to \(Self.openFiles())")
            #expect(Self.mappings() <= mappings + 150, "mappings grew from \(mappings) to \(Self.mappings())")
        }

        @Test func aCommitIsServedWithoutRestart() async throws {
            let directory = ServerTestSupport.temporaryDirectory("live-server")
            // Used by one task at a time: here, then inside the client's closure.
            nonisolated(unsafe) let writer = try IndexWriter(directory: directory)
            try writer.addText("代表建议。\n", path: "a.txt", year: 2020)
            _ = try writer.commit()
            try await ServerTestSupport.withRouter(ServerTestSupport.configuration(index: directory)) { client in
                let (_, before) = try await ServerTestSupport.get(client, "/api/search?q=\(ServerTestSupport.encoded("人大代表"))")
                #expect(before["total"] as? Int == 0)
                try writer.addText("人大代表提出建议。\n", path: "b.txt", year: 2021)
                _ = try writer.commit()
                // The same request as before: answered on the new snapshot, not from the old one's cache.
                let (_, after) = try await ServerTestSupport.get(client, "/api/search?q=\(ServerTestSupport.encoded("人大代表"))")
                #expect(after["total"] as? Int == 1)
                #expect((after["generation"] as? Int ?? 0) > (before["generation"] as? Int ?? 0))
            }
        }
    }
}
