import Foundation
import Testing
@testable import Jiansuo

/// Keeping an index in line with folders: exclusions, the guard against emptying an index
/// by naming the wrong folder, and arguments checked before anything is written.
@Suite struct FolderSyncTests {
    /// A folder of small reports at the given relative paths.
    static func folder(_ paths: [String], label: String = "sync") throws -> URL {
        let folder = TestSupport.temporaryDirectory(label)
        for (index, path) in paths.enumerated() {
            let url = folder.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try "代表建议第\(index)号。\n".write(to: url, atomically: true, encoding: .utf8)
        }
        return folder
    }

    /// The indexed documents' paths, relative to the temporary folder holding them.
    static func indexedNames(_ index: String) throws -> [String] {
        try Searcher(directory: index).allMatches("代表建议").map { location in
            let parts = location.path.split(separator: "/")
            let folder = parts.lastIndex { $0.hasPrefix("sync-") || $0.hasPrefix("cli-") } ?? 0
            return parts[(folder + 1)...].joined(separator: "/")
        }.sorted()
    }

    @Test func excludedNamesAndPathsArePassedOverAndLeaveTheIndex() throws {
        let folder = try Self.folder(["README.md", "2019/a.txt", "drafts/b.txt", "2019/drafts/c.txt", "2020/d.bak.txt"])
        try "path,title\ndrafts/b.txt,草稿\n".write(to: folder.appendingPathComponent("metadata.csv"), atomically: true, encoding: .utf8)
        let index = TestSupport.temporaryDirectory("sync-index").path
        func run(_ exclude: [String]) throws -> IndexReport {
            let writer = try IndexWriter(directory: index, mode: .open)
            let report = try FolderSync(exclude: exclude, maximumRemovedFraction: 1).run([folder.path], into: writer)
            try writer.commit()
            return report
        }
        let report = try run(["README.md", "drafts", "*.bak.txt"])
        #expect(try Self.indexedNames(index) == ["2019/a.txt"])
        // The sidecar names an excluded file: not a missing one.
        #expect(report.notes.isEmpty, "\(report.notes)")
        _ = try run(["2019/drafts"])
        #expect(try Self.indexedNames(index) == ["2019/a.txt", "2020/d.bak.txt", "README.md", "drafts/b.txt"])
        // Excluding what is indexed removes it, as a deleted file would be.
        let third = try run(["*.md", "b.txt"])
        #expect(third.removed.map { URL(fileURLWithPath: $0).lastPathComponent }.sorted() == ["README.md", "b.txt"])
        #expect(try Self.indexedNames(index) == ["2019/a.txt", "2019/drafts/c.txt", "2020/d.bak.txt"])
        #expect(throws: JiansuoError.self) { try FolderSync(exclude: ["/"]).run([folder.path], into: IndexWriter(directory: index, mode: .open)) }
    }

    @Test func aMirrorThatWouldRemoveMostOfTheIndexChangesNothing() throws {
        let first = try Self.folder(["a.txt", "b.txt", "c.txt"], label: "sync-first")
        let other = try Self.folder(["x.txt"], label: "sync-other")
        let index = TestSupport.temporaryDirectory("sync-guard").path
        do {
            let writer = try IndexWriter(directory: index)
            try FolderSync().run([first.path], into: writer)
            try writer.commit()
        }
        do {
            let writer = try IndexWriter(directory: index, mode: .open)
            #expect {
                try FolderSync().run([other.path], into: writer)
            } throws: { error in
                guard case .refusedRemoval(let directory, let removing, let total, let examples) = error as? JiansuoError else { return false }
                return directory == index && removing == 3 && total == 3 && examples.count == 3
            }
        }
        #expect(try Self.indexedNames(index).count == 3)
        // Removing one of three is an ordinary update; allowed, removing all is too.
        try FileManager.default.removeItem(at: first.appendingPathComponent("a.txt"))
        do {
            let writer = try IndexWriter(directory: index, mode: .open)
            #expect(try FolderSync().run([first.path], into: writer).removed.count == 1)
            #expect(try FolderSync(maximumRemovedFraction: 1).run([other.path], into: writer).removed.count == 2)
            try writer.commit()
        }
        #expect(try Self.indexedNames(index) == ["x.txt"])
    }

    @Test func theCommandStopsBeforeRemovingMostOfAnIndexUnlessPruneIsGiven() throws {
        let first = try Self.folder(["a.txt", "b.txt", "c.txt"], label: "cli-first")
        let other = try Self.folder(["x.txt"], label: "cli-other")
        let index = TestSupport.temporaryDirectory("cli-guard").appendingPathComponent("index").path
        #expect(try TestSupport.run(["index", first.path, "--index", index, "--quiet"]).status == 0)
        let refused = try TestSupport.run(["index", other.path, "--index", index])
        #expect(refused.status == 1)
        #expect(refused.standardError.contains("would remove 3 of its 3 documents"), "\(refused.standardError)")
        #expect(refused.standardError.contains("--prune"))
        #expect(try Self.indexedNames(index).count == 3)
        let pruned = try TestSupport.run(["index", other.path, "--index", index, "--prune"])
        #expect(pruned.status == 0)
        #expect(pruned.standardOutput.contains("1 added, 0 updated, 3 removed"))
        let excluded = try TestSupport.run(["index", other.path, "--index", index, "--exclude", "x.txt", "--exclude", "*.md", "--prune"])
        #expect(excluded.standardOutput.contains("0 added, 0 updated, 1 removed"), "\(excluded.standardOutput)")
    }

    @Test func aFailedFirstRunLeavesNoIndexFolderBehind() throws {
        let parent = TestSupport.temporaryDirectory("cli-nothing")
        let index = parent.appendingPathComponent("x1").path
        let result = try TestSupport.run(["index", "/nonexistent", "--index", index])
        #expect(result.status == 1)
        #expect(result.standardError.contains("/nonexistent"))
        #expect(!FileManager.default.fileExists(atPath: index), "left \(index) behind")
    }

    @Test func badArgumentsAreRefusedUpFrontWithTheirOption() throws {
        let folder = try Self.folder(["a.txt"], label: "cli-arguments")
        let index = folder.appendingPathComponent("index").path
        for (arguments, message) in [
            (["--merge-factor", "1"], "--merge-factor must be at least 2"),
            (["--merge-factor", "0"], "--merge-factor must be at least 2"),
            (["--year", "99999"], "--year must be between 1 and 9999"),
            (["--threads", "0"], "--threads must be at least 1"),
        ] {
            let result = try TestSupport.run(["index", folder.path, "--index", index] + arguments)
            #expect(result.status != 0 && result.status != 2, "\(arguments)")
            #expect(result.standardError.contains(message), "\(arguments): \(result.standardError)")
            #expect(!FileManager.default.fileExists(atPath: index))
        }
        // The library names the document whose year is out of range.
        let writer = try IndexWriter(directory: TestSupport.temporaryDirectory("year").path)
        #expect(throws: JiansuoError.invalidArgument("reports/a.txt: year 99999 is out of range 1–9999")) {
            try writer.addText("代表建议", path: "reports/a.txt", year: 99999)
        }
        #expect(throws: JiansuoError.invalidArgument("year 99999 is out of range 1–9999")) {
            try FolderSync(year: 99999).run([folder.path], into: writer)
        }
    }
}
