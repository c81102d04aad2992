import Foundation
import Testing
@testable import Jiansuo

/// Re-indexing touches only what changed; deletes are masked, never shown, and reclaimed by
/// merges; an updated index answers exactly like one built from scratch.
@Suite struct IncrementalIndexTests {
    static let corpus = TestSupport.repositoryRoot.appendingPathComponent("Corpus")

    static func sample() throws -> URL {
        try IndexFolders.copy(
            try FileManager.default.contentsOfDirectory(at: corpus, includingPropertiesForKeys: nil), label: "incremental")
    }

    @discardableResult
    static func update(_ folder: URL, _ index: String) throws -> IndexReport {
        let writer = try IndexWriter(directory: index, mode: .open)
        let report = try FolderSync().run([folder.path], into: writer)
        try writer.commit()
        return report
    }

    static func fresh(_ folder: URL) throws -> IndexFingerprint {
        try fresh([folder.path])
    }

    static func fresh(_ paths: [String]) throws -> IndexFingerprint {
        let index = TestSupport.temporaryDirectory("fresh").path
        let writer = try IndexWriter(directory: index)
        for path in paths { try writer.addFolder(path) }
        try writer.commit()
        return try IndexFingerprint(directory: index)
    }

    @Test func reindexingTouchesOnlyWhatChangedAndAnswersLikeAFreshBuild() throws {
        let folder = try Self.sample()
        let index = TestSupport.temporaryDirectory("incremental-index").path
        let first = try Self.update(folder, index)
        #expect(first.added.count == 8 && first.unchanged == 0 && first.removed.isEmpty)

        let again = try Self.update(folder, index)
        #expect(again.added.isEmpty && again.updated.isEmpty && again.removed.isEmpty && again.unchanged == 8)

        // Touched but identical: the content hash says unchanged.
        let touched = folder.appendingPathComponent("2019/某市人民代表大会常务委员会工作报告.txt")
        try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSinceNow: 100)], ofItemAtPath: touched.path)
        // Changed, removed, added.
        let changed = folder.appendingPathComponent("2020/某市人民政府工作报告.txt")
        try (try String(contentsOf: changed, encoding: .utf8) + "\n\n2020年新增一段：代表建议全部办结。\n").write(to: changed, atomically: true, encoding: .utf8)
        try FileManager.default.removeItem(at: folder.appendingPathComponent("2023"))
        try "2025年，人民代表提出代表建议一百件。".write(to: folder.appendingPathComponent("2024/新文件.txt"), atomically: true, encoding: .utf8)

        let report = try Self.update(folder, index)
        #expect(report.added == [folder.appendingPathComponent("2024/新文件.txt").path])
        #expect(report.updated == [changed.path])
        #expect(report.removed == [folder.appendingPathComponent("2023/某县人民代表大会常务委员会工作报告.txt").path])
        #expect(report.unchanged == 6)
        #expect(report.skipped.isEmpty)
        #expect(try IndexFingerprint(directory: index) == Self.fresh(folder))
        #expect(IndexChecker.check(directory: index).isClean)

        // A removed file that comes back is indexed again under the same path.
        try "2023年代表建议。".write(to: folder.appendingPathComponent("2024/again.txt"), atomically: true, encoding: .utf8)
        try Self.update(folder, index)
        try FileManager.default.removeItem(at: folder.appendingPathComponent("2024/again.txt"))
        try Self.update(folder, index)
        try "2023年代表建议，再来一次。".write(to: folder.appendingPathComponent("2024/again.txt"), atomically: true, encoding: .utf8)
        #expect(try Self.update(folder, index).added.count == 1)
        #expect(try IndexFingerprint(directory: index) == Self.fresh(folder))
    }

    @Test func whatCannotBeReadNowIsKeptNotRemoved() throws {
        let folder = TestSupport.temporaryDirectory("unreadable-now")
        let file = folder.appendingPathComponent("a.txt")
        try "2019年代表建议。".write(to: file, atomically: true, encoding: .utf8)
        try "2020年代表建议。".write(to: folder.appendingPathComponent("b.txt"), atomically: true, encoding: .utf8)
        let index = TestSupport.temporaryDirectory("unreadable-now-index").path
        try Self.update(folder, index)
        // a.txt becomes a link to itself: the scan reports it and must not take it for gone.
        try FileManager.default.removeItem(at: file)
        try FileManager.default.createSymbolicLink(atPath: file.path, withDestinationPath: "a.txt")
        let report = try Self.update(folder, index)
        #expect(report.removed.isEmpty && report.unchanged == 1)
        #expect(report.skipped.map(\.path) == [file.path])
        #expect(try Searcher(directory: index).countByYear("代表建议").map(\.year) == [2019, 2020])
    }

    @Test func deletedDocumentsNeverAppearAndTheirPathsCanBeReused() throws {
        let index = TestSupport.temporaryDirectory("delete").path
        do {
            let writer = try IndexWriter(directory: index)
            writer.mergePolicy = .none
            try writer.addText("2019年代表建议办理情况良好。", path: "a.txt")
            try writer.addText("2020年代表建议继续推进，代表建议很多。", path: "b.txt")
            try writer.addText("2021年经济发展。", path: "c.txt")
            try writer.commit()
        }
        let before = try Searcher(directory: index)
        do {
            let writer = try IndexWriter(directory: index, mode: .open)
            writer.mergePolicy = .none
            #expect(try writer.deleteDocument(path: "b.txt"))
            #expect(try !writer.deleteDocument(path: "b.txt"))
            #expect(try !writer.deleteDocument(path: "nothing.txt"))
            try writer.commit()
        }
        let after = try Searcher(directory: index)
        #expect(try after.search("代表建议").hits.map(\.path) == ["a.txt"])
        #expect(try after.search("代表建议").totalMatches == 1)
        #expect(try after.countByYear("代表建议").map(\.year) == [2019])
        #expect(try after.allMatches("代表建议").map(\.path) == ["a.txt"])
        let statistics = try after.statistics()
        #expect(statistics.documents == 2)
        #expect(statistics.documentsByYear.map(\.year) == [2019, 2021])
        #expect(statistics.bytesByFileKind.contains { $0.kind == "del" })
        // The snapshot opened before the delete still sees b.txt.
        #expect(try before.search("代表建议").totalMatches == 2)
        // Scores are those of an index that never held b.txt.
        let clean = TestSupport.temporaryDirectory("never-held").path
        do {
            let writer = try IndexWriter(directory: clean)
            try writer.addText("2019年代表建议办理情况良好。", path: "a.txt")
            try writer.addText("2021年经济发展。", path: "c.txt")
            try writer.commit()
        }
        #expect(try after.search("代表建议").hits == Searcher(directory: clean).search("代表建议").hits)
        // The path is free again, in the same writer as in a later one.
        do {
            let writer = try IndexWriter(directory: index, mode: .open)
            try writer.addText("2022年代表建议又来了。", path: "b.txt")
            try writer.deleteDocument(path: "b.txt")
            try writer.addText("2023年代表建议第三版。", path: "b.txt")
            try writer.commit()
        }
        #expect(try Searcher(directory: index).countByYear("代表建议").map(\.year) == [2019, 2023])
        #expect(IndexChecker.check(directory: index).isClean)
    }

    @Test func mergesReclaimDeletesAndManySmallCommitsStayFewSegments() throws {
        let folder = try Self.sample()
        let index = TestSupport.temporaryDirectory("merge").path
        // One commit per file: without merges that would be one segment each.
        var files = TestSupport.textFiles(under: folder)
        for count in 1...files.count {
            let writer = try IndexWriter(directory: index, mode: .open, memoryBudget: 1)
            writer.mergePolicy = MergePolicy(segmentsPerTier: 3)
            _ = try FolderSync().run(files.prefix(count).map { $0 }, into: writer)
            try writer.commit()
        }
        let merged = try Searcher(directory: index)
        #expect(merged.snapshot.segments.count < files.count)
        // Delete more than a quarter: the commit rewrites the segments concerned.
        files.removeFirst(4)
        let writer = try IndexWriter(directory: index, mode: .open)
        _ = try FolderSync().run(files, into: writer)
        try writer.commit()
        let snapshot = try IndexSnapshot(directory: IndexDirectory(index))
        #expect(snapshot.infos.allSatisfy { $0.deletedPassages * 4 <= $0.passageCount })
        #expect(try IndexFingerprint(directory: index) == Self.fresh(files))
        #expect(IndexChecker.check(directory: index).isClean)
        #expect(try IndexFolders.files(in: index).allSatisfy { name in
            name == Manifest.fileName || snapshot.infos.contains { name.hasPrefix($0.name + ".") }
        })
    }

    @Test func filesLeftByAnInterruptedWriterAreRemovedByTheNext() throws {
        let index = TestSupport.temporaryDirectory("orphans").path
        do {
            let writer = try IndexWriter(directory: index)
            try writer.addText("2019年代表建议。", path: "a.txt")
            try writer.commit()
        }
        let committed = try IndexFolders.files(in: index)
        for orphan in ["seg-9-0.terms", "seg-9-0.text", "seg-1-0.del-9", Manifest.temporaryFileName] {
            try Data([1, 2, 3]).write(to: URL(fileURLWithPath: index + "/" + orphan))
        }
        let report = IndexChecker.check(directory: index)
        #expect(report.isClean)
        #expect(report.notes.count == 4)
        _ = try IndexWriter(directory: index, mode: .open)
        #expect(try IndexFolders.files(in: index) == committed)
    }

    @Test func anUnreadableIndexIsRefusedForUpdatesButCanBeRebuilt() throws {
        let index = TestSupport.temporaryDirectory("old-format").path
        do {
            let writer = try IndexWriter(directory: index)
            try writer.addText("2019年代表建议。", path: "a.txt")
            try writer.commit()
        }
        // The manifest of another format version.
        let manifest = index + "/" + Manifest.fileName
        var bytes = Array(try Data(contentsOf: URL(fileURLWithPath: manifest)))
        bytes[8] = 1
        try Data(bytes).write(to: URL(fileURLWithPath: manifest))
        #expect(throws: JiansuoError.unsupportedFormatVersion(file: manifest, found: 1, supported: IndexFile.formatVersion)) {
            try IndexWriter(directory: index, mode: .open)
        }
        let folder = TestSupport.temporaryDirectory("old-format-source")
        try "2020年代表建议。".write(to: folder.appendingPathComponent("b.txt"), atomically: true, encoding: .utf8)
        #expect(try TestSupport.run(["index", folder.path, "--index", index, "--quiet"]).status == 1)
        let rebuilt = try TestSupport.run(["index", folder.path, "--index", index, "--full"])
        #expect(rebuilt.status == 0, "\(rebuilt.standardError)")
        #expect(try Searcher(directory: index).countByYear("代表建议").map(\.year) == [2020])
        #expect(try IndexFolders.files(in: index).allSatisfy { !$0.hasPrefix("seg-1-") })
        #expect(IndexChecker.check(directory: index).isClean)
    }

    @Test func theCheckerReportsInconsistenciesChecksumsCannotSee() throws {
        let index = TestSupport.temporaryDirectory("inconsistent").path
        do {
            let writer = try IndexWriter(directory: index)
            writer.mergePolicy = .none
            try writer.addText("2019年代表建议办理情况良好。", path: "a.txt")
            try writer.addText("2020年经济发展。", path: "b.txt")
            try writer.commit()
        }
        #expect(IndexChecker.check(directory: index).isClean)
        let clean = try TestSupport.run(["check", "--index", index])
        #expect(clean.status == 0)
        #expect(clean.standardOutput.hasPrefix("ok: checked 1 segment(s), 2 documents"))
        // A deletion file that deletes a passage but not its document: well formed, wrong.
        let name = "seg-1-0.del-2"
        var deletions = DeletionSet(documentCount: 2, passageCount: 2)
        deletions.delete(document: 1, passages: 0..<1)
        try FileSystem.writeDurably(deletions.encoded(), to: index + "/" + name)
        var manifest = try #require(try Manifest.read(in: IndexDirectory(index)))
        manifest.segments[0].deletionFile = name
        manifest.segments[0].deletedDocuments = 1
        manifest.segments[0].deletedPassages = 1
        try manifest.write(in: IndexDirectory(index))
        let report = IndexChecker.check(directory: index)
        #expect(report.problems.contains { $0.file == index + "/" + name && $0.message.contains("not deleted alike") })
        #expect(report.problems.contains { $0.message.contains("tokens, the manifest says 0") })
        let damaged = try TestSupport.run(["check", "--index", index])
        #expect(damaged.status == 1)
        #expect(damaged.standardError.contains(name))
    }
}
