#if canImport(Glibc)
import Glibc
#endif
import Foundation
import Testing
@testable import Jiansuo

/// One writer at a time; readers in other processes keep answering, each from one
/// consistent snapshot, while a writer commits and merges over and over and removes the
/// files it replaced (safe for open readers: see `IndexWriter.removeUnreferencedFiles`).
@Suite struct ConcurrencyTests {
    static let corpus = TestSupport.repositoryRoot.appendingPathComponent("Corpus")

    @Test func readersInOtherProcessesAlwaysSeeOneWholeCommit() throws {
        let workspace = TestSupport.temporaryDirectory("concurrent")
        let index = workspace.appendingPathComponent("index").path
        let files = TestSupport.textFiles(under: Self.corpus)
        // Two states: every file, or all but the last three. Their answers differ.
        let states = [files, Array(files.dropLast(3))]
        var totals: [Int] = []
        var documentCounts: [Int] = []
        for state in states {
            let directory = TestSupport.temporaryDirectory("concurrent-reference").path
            let writer = try IndexWriter(directory: directory)
            for path in state { try writer.addFile(path) }
            try writer.commit()
            let searcher = try Searcher(directory: directory)
            totals.append(try searcher.search("代表").totalMatches)
            documentCounts.append(try searcher.statistics().documents)
        }
        #expect(totals[0] != totals[1])

        var writer = try IndexWriter(directory: index, mode: .open, memoryBudget: 1)
        writer.mergePolicy = MergePolicy(segmentsPerTier: 2)
        _ = try FolderSync(maximumRemovedFraction: 1).run(states[0], into: writer)
        try writer.commit()
        let longLived = try Searcher(directory: index)
        let before = try longLived.search("代表", options: SearchOptions(limit: 1_000)).hits

        // A second writer, in another process, is refused with the lock named.
        let second = try TestSupport.run(["index", Self.corpus.path, "--index", index])
        #expect(second.status == 1)
        #expect(second.standardError.contains("lock held on \(index)/write.lock"))

        // Readers: a shell loop of searches in a child process until told to stop.
        let stop = workspace.appendingPathComponent("stop").path
        let reader = Process()
        reader.executableURL = URL(fileURLWithPath: "/bin/sh")
        reader.arguments = ["-c", """
            while [ ! -e "$2" ]; do
              "$1" search 代表 --index "$3" --json --limit 3 || echo '{"failed": true}'
              "$1" stats --index "$3" --json || echo '{"failed": true}'
            done
            """, "sh", TestSupport.executable.path, stop, index]
        let output = Pipe()
        reader.standardOutput = output
        reader.standardError = output
        try reader.run()
        var commits = 0
        let deadline = Date().addingTimeInterval(8)
        while commits < 60 && Date() < deadline || commits < 10 {
            _ = try FolderSync(maximumRemovedFraction: 1).run(states[commits % 2], into: writer)
            try writer.commit()
            commits += 1
        }
        #expect(FileManager.default.createFile(atPath: stop, contents: nil))
        let data = output.fileHandleForReading.readDataToEndOfFile()
        reader.waitUntilExit()

        var searches = 0, statistics = 0
        for line in String(decoding: data, as: UTF8.self).split(separator: "\n") {
            guard let json = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] else {
                Issue.record("a reader printed something unexpected: \(line.prefix(200))")
                continue
            }
            #expect(json["failed"] == nil, "a reader failed")
            if let total = json["total"] as? Int {
                searches += 1
                #expect(totals.contains(total), "a search saw \(total) matches, neither \(totals)")
            } else if let documents = json["documents"] as? Int {
                statistics += 1
                #expect(documentCounts.contains(documents), "stats saw \(documents) documents")
            }
        }
        #expect(searches > 0 && statistics > 0)
        // A rebuild replaces every file; the searcher opened first still answers from its
        // snapshot, though its files are gone.
        writer = try IndexWriter(directory: TestSupport.temporaryDirectory("unlock").path)  // releases the lock
        let rebuild = try IndexWriter(directory: index, mode: .create)
        _ = try rebuild.addFolder(Self.corpus.path)
        try rebuild.commit()
        #expect(try longLived.search("代表", options: SearchOptions(limit: 1_000)).hits == before)
        let snapshotFiles = longLived.snapshot.infos.flatMap { info in
            [info.name + ".terms", info.name + ".postings"] + (info.deletionFile.map { [$0] } ?? [])
        }
        #expect(snapshotFiles.contains { !FileManager.default.fileExists(atPath: index + "/" + $0) })
        #expect(IndexChecker.check(directory: index).isClean)
        print("ConcurrencyTests: \(commits) commits while readers ran \(searches) searches and \(statistics) stats")
    }
}
