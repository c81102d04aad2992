import Foundation
import Testing
@testable import Jiansuo

@Suite struct IndexWriterTests {
    static func files(in directory: String) throws -> [String: Data] {
        var files: [String: Data] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: directory) where name.hasPrefix("seg-") {
            files[name] = try Data(contentsOf: URL(fileURLWithPath: directory + "/" + name))
        }
        return files
    }

    @Test func theIndexIsTheSameWhateverTheThreadCount() throws {
        let corpus = TestSupport.repositoryRoot.appendingPathComponent("Corpus").path
        var indexes: [[String: Data]] = []
        for threads in [1, 2, 5] {
            let directory = TestSupport.temporaryDirectory("threads").path
            let writer = try IndexWriter(directory: directory, threads: threads)
            try writer.addFolder(corpus)
            try writer.commit()
            indexes.append(try Self.files(in: directory))
        }
        #expect(!indexes[0].isEmpty)
        #expect(indexes[0] == indexes[1])
        #expect(indexes[0] == indexes[2])
    }

    @Test func manySmallSegmentsAnswerLikeOne() throws {
        let corpus = TestSupport.repositoryRoot.appendingPathComponent("Corpus").path
        let single = TestSupport.temporaryDirectory("one-segment").path
        let many = TestSupport.temporaryDirectory("many-segments").path
        for (directory, budget) in [(single, 256 << 20), (many, 1)] {
            let writer = try IndexWriter(directory: directory, memoryBudget: budget)
            writer.mergePolicy = .none  // keep the small segments: they are what is tested
            try writer.addFolder(corpus)
            try writer.commit()
        }
        let one = try Searcher(directory: single), split = try Searcher(directory: many)
        #expect(one.snapshot.segments.count == 1)
        #expect(split.snapshot.segments.count > 3)
        for query in ["代表建议", "\"代表建议\"", "人大代表 办理", "经济"] {
            #expect(try one.search(query, options: SearchOptions(limit: 1_000)).hits == split.search(query, options: SearchOptions(limit: 1_000)).hits)
            #expect(try one.countByYear(query) == split.countByYear(query))
        }
        #expect(try one.statistics().distinctTerms == split.statistics().distinctTerms)
    }

    /// Queries do not verify chunk checksums, so a merge must, before it copies a damaged
    /// segment under fresh checksums; the commit fails naming the file and the index stays.
    @Test func aMergeRefusesASegmentWhoseChecksumsFail() throws {
        let directory = TestSupport.temporaryDirectory("merge-damaged").path
        for (number, text) in ["代表建议很多。", "代表建议办结。"].enumerated() {
            let writer = try IndexWriter(directory: directory, mode: number == 0 ? .create : .open)
            writer.mergePolicy = .none
            try writer.addText(text, path: text, year: 2020)
            try writer.commit()
        }
        let segment = try #require(try Searcher(directory: directory).snapshot.segments.first).name
        let textFile = directory + "/" + SegmentFiles.fileName(segment: segment, kind: .text)
        var bytes = try Data(contentsOf: URL(fileURLWithPath: textFile))
        // The body's last byte (compressed text; the body is one chunk, one checksum).
        bytes[bytes.count - IndexFile.trailerSize - 4 - 1] ^= 0x01
        try bytes.write(to: URL(fileURLWithPath: textFile))
        let writer = try IndexWriter(directory: directory, mode: .open)
        writer.mergePolicy = MergePolicy(segmentsPerTier: 2)
        #expect {
            try writer.commit()
        } throws: { error in
            guard case .corruptIndex(let file, let reason)? = error as? JiansuoError else { return false }
            return file == textFile && reason.contains("checksum mismatch")
        }
        #expect(try Searcher(directory: directory).snapshot.segments.count == 2)
    }

    @Test func appendingAddsToWhatIsThereAndRefusesDuplicates() throws {
        let directory = TestSupport.temporaryDirectory("append").path
        do {
            let first = try IndexWriter(directory: directory)
            try first.addText("２０１９年代表建议办理。", path: "a.txt")
            #expect(throws: JiansuoError.invalidArgument("a.txt is already in the index")) {
                try first.addText("重复", path: "a.txt")
            }
            try first.commit()
        }
        let searcherBefore = try Searcher(directory: directory)
        do {
            let second = try IndexWriter(directory: directory, mode: .open)
            try second.addText("2020年人大代表提出代表建议。", path: "b.txt", year: 2020)
            #expect(throws: JiansuoError.self) { try second.addText("again", path: "a.txt") }
            let summary = try second.commit()
            #expect(summary.documents == 2)
        }
        #expect(try Searcher(directory: directory).countByYear("代表建议").map(\.year) == [2019, 2020])
        // A searcher opened before the commit still sees its snapshot.
        #expect(try searcherBefore.countByYear("代表建议").map(\.year) == [2019])
    }

    @Test func aSecondWriterIsRefusedWhileTheFirstHoldsTheLock() throws {
        let directory = TestSupport.temporaryDirectory("lock").path
        let first = try IndexWriter(directory: directory)
        #expect(throws: JiansuoError.indexLocked(lockFile: directory + "/write.lock")) {
            try IndexWriter(directory: directory)
        }
        withExtendedLifetime(first) {}
    }
}

@Suite struct DefaultOperatorTests {
    @Test func anyWordMatchesPassagesWithSomeOfTheWords() throws {
        let directory = TestSupport.temporaryDirectory("operator").path
        let writer = try IndexWriter(directory: directory)
        try writer.addText("人大代表提出建议。", path: "both.txt")
        try writer.addText("人大代表履职。", path: "one.txt")
        try writer.addText("今天天气很好。", path: "none.txt")
        try writer.commit()
        let searcher = try Searcher(directory: directory)
        #expect(try searcher.search("代表 建议").hits.map(\.path) == ["both.txt"])
        let any = try searcher.search("代表 建议", options: SearchOptions(defaultOperator: .any)).hits
        #expect(any.map(\.path) == ["both.txt", "one.txt"])
        #expect(any[0].score > any[1].score)
    }
}
