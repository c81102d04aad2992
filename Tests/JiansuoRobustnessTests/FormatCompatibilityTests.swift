import Foundation
import Testing
@testable import Jiansuo

/// Indexes of older formats, and the documents table's `source` column (format 5).
@Suite struct FormatCompatibilityTests {
    /// A copy of the committed format-4 index, so no test can change the witness.
    static func format4Index() throws -> String {
        let fixture = TestSupport.repositoryRoot.appendingPathComponent("Tests/Fixtures/index-format-4")
        let copy = TestSupport.temporaryDirectory("format4").appendingPathComponent("index")
        try FileManager.default.copyItem(at: fixture, to: copy)
        return copy.path
    }

    @Test func theFormat4IndexIsRefusedByTheLibraryNamingTheFileAndTheRebuild() throws {
        let directory = try Self.format4Index()
        let manifest = directory + "/manifest"
        #expect(throws: JiansuoError.unsupportedFormatVersion(file: manifest, found: 4, supported: IndexFile.formatVersion)) {
            try Searcher(directory: directory)
        }
        #expect(throws: JiansuoError.unsupportedFormatVersion(file: manifest, found: 4, supported: IndexFile.formatVersion)) {
            try IndexWriter(directory: directory, mode: .open)
        }
        let report = IndexChecker.check(directory: directory)
        #expect(!report.isClean)
        #expect(report.problems.contains { $0.file == manifest && $0.message.contains("version 4") })
    }

    @Test func everyCommandOnTheFormat4IndexSaysToRebuildWithIndexFull() throws {
        let directory = try Self.format4Index()
        for arguments in [["search", "代表建议"], ["count", "代表建议"], ["kwic", "代表建议"], ["stats"], ["index", "Corpus"]] {
            let result = try TestSupport.run(arguments + ["--index", directory], in: TestSupport.repositoryRoot)
            #expect(result.status == 1, "\(arguments)")
            #expect(result.standardError.contains("\(directory)/manifest"), "\(arguments): \(result.standardError)")
            #expect(result.standardError.contains("version 4"), "\(arguments): \(result.standardError)")
            #expect(result.standardError.contains("jiansuo index --full"), "\(arguments): \(result.standardError)")
        }
        let rebuilt = try TestSupport.run(["index", "Corpus", "--index", directory, "--full", "--quiet"], in: TestSupport.repositoryRoot)
        #expect(rebuilt.status == 0, "\(rebuilt.standardError)")
        #expect(try Searcher(directory: directory).search("代表建议").totalMatches > 0)
        #expect(IndexChecker.check(directory: directory).isClean)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: directory).filter { $0.hasPrefix("seg-1-") || $0.hasPrefix("seg-2-") }
        #expect(leftovers.isEmpty, "the format-4 segments are gone once the rebuild commits")
    }

    @Test func sourceFromTheSidecarIsStoredAndReturnedWithHits() throws {
        let folder = TestSupport.temporaryDirectory("source")
        try "代表建议办理情况。\n".write(to: folder.appendingPathComponent("a.txt"), atomically: true, encoding: .utf8)
        try "代表建议已经办结。\n".write(to: folder.appendingPathComponent("b.txt"), atomically: true, encoding: .utf8)
        try "path,source\na.txt,人民日报\n".write(to: folder.appendingPathComponent("metadata.csv"), atomically: true, encoding: .utf8)
        let index = TestSupport.temporaryDirectory("source-index").path
        do {
            let writer = try IndexWriter(directory: index)
            try writer.addFolder(folder.path)
            try writer.addText("代表建议的答复。", path: "c", source: "新华社")
            try writer.commit()
        }
        let hits = try Searcher(directory: index).search("代表建议").hits
        let sources = Dictionary(uniqueKeysWithValues: hits.map { (URL(fileURLWithPath: $0.path).lastPathComponent, $0.source ?? "none") })
        #expect(sources == ["a.txt": "人民日报", "b.txt": "none", "c": "新华社"])
        // A merge (a third of the segment deleted) carries the sources along.
        let merging = try IndexWriter(directory: index, mode: .open)
        #expect(try merging.deleteDocument(path: folder.appendingPathComponent("b.txt").path))
        try merging.addText("代表建议再次答复。", path: "d", source: "光明日报")
        try merging.commit()
        let files = try FileManager.default.contentsOfDirectory(atPath: index)
        #expect(!files.contains { $0.hasPrefix("seg-1-0.") }, "the first segment was merged away: \(files)")
        let merged = try Searcher(directory: index).allMatches("代表建议")
        #expect(merged.map(\.source) == ["人民日报", "新华社", "光明日报"])
        #expect(IndexChecker.check(directory: index).isClean)
    }
}
