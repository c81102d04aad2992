import Foundation
import Testing
@testable import Jiansuo

/// An index written by one process is read the same by another, and a damaged index file
/// gives an error naming it — never a crash or a silently different answer.
@Suite struct PersistenceTests {
    /// A few shared reports, or generated ones where ../shared is absent.
    static let folders = TestSupport.sharedIsAvailable
        ? ["dazu-npc", "gov-work-reports/2019", "gov-work-reports/1954"].map { TestSupport.sharedCorpus.appendingPathComponent($0).path }
        : [GeneratedReports.folder.path]

    /// Builds an index of a few shared reports with the CLI, in a new process.
    static func indexWithCLI() throws -> String {
        let directory = TestSupport.temporaryDirectory("persist").path
        let result = try TestSupport.run(["index"] + folders + ["--index", directory, "--quiet"])
        #expect(result.status == 0, "index failed: \(result.standardError)")
        return directory
    }

    @Test func searchInAnotherProcessGivesTheSameResults() throws {
        let directory = try Self.indexWithCLI()
        let searcher = try Searcher(directory: directory)
        for query in ["代表建议", "\"人民代表\"", "經濟 建設", "会议"] {
            let library = try searcher.search(query, options: SearchOptions(limit: 20)).hits
            let cli = try TestSupport.run(["search", query, "--index", directory, "--limit", "20", "--json"])
            #expect(cli.status == 0)
            let json = try #require(try JSONSerialization.jsonObject(with: Data(cli.standardOutput.utf8)) as? [String: Any])
            let hits = try #require(json["hits"] as? [[String: Any]])
            #expect(hits.count == library.count, "query \(query)")
            for (hit, expected) in zip(hits, library) {
                #expect(hit["path"] as? String == expected.path)
                // Foundation's JSON parser may round the last digit; the CLI prints exact decimals.
                let score = try #require((hit["score"] as? NSNumber)?.doubleValue)
                #expect(abs(score - expected.score) <= 1e-12 * expected.score)
                let passage = try #require(hit["passage"] as? [String: Int])
                #expect(passage["start"] == expected.passageRange.lowerBound)
                #expect(hit["text"] as? String == expected.text)
            }
        }
    }

    @Test func reopeningGivesIdenticalAnswers() throws {
        let directory = try Self.indexWithCLI()
        let first = try Searcher(directory: directory).search("代表 人民", options: SearchOptions(limit: 50))
        let second = try Searcher(directory: directory).search("代表 人民", options: SearchOptions(limit: 50))
        #expect(first.hits == second.hits)
        #expect(first.totalMatches == second.totalMatches)
    }

    /// Opens the index and exercises every file: statistics, a search, every checksum.
    static func useEverything(_ directory: String) throws {
        let searcher = try Searcher(directory: directory)
        _ = try searcher.statistics()
        _ = try searcher.search("代表 会议", options: SearchOptions(limit: 1_000))
        for segment in searcher.snapshot.segments { try segment.verifyChecksums() }
    }

    static func indexFiles(_ directory: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: directory)
            .filter { $0 != IndexLock.fileName }.sorted().map { directory + "/" + $0 }
    }

    @Test func truncatedFilesAreReportedByName() throws {
        let original = try Self.indexWithCLI()
        for file in try Self.indexFiles(original) {
            let name = (file as NSString).lastPathComponent
            let size = try #require(try FileManager.default.attributesOfItem(atPath: file)[.size] as? Int)
            for length in [0, 17, size / 2, size - 1] {
                let copy = TestSupport.temporaryDirectory("truncated").path
                for other in try Self.indexFiles(original) {
                    try FileManager.default.copyItem(atPath: other, toPath: copy + "/" + (other as NSString).lastPathComponent)
                }
                let damaged = copy + "/" + name
                try Data(try Data(contentsOf: URL(fileURLWithPath: file)).prefix(length)).write(to: URL(fileURLWithPath: damaged))
                #expect {
                    try Self.useEverything(copy)
                } throws: { error in
                    guard case .corruptIndex(let reported, _)? = error as? JiansuoError else { return false }
                    return reported == damaged
                }
            }
        }
    }

    @Test func flippedBitsAreReportedByName() throws {
        let original = try Self.indexWithCLI()
        var generator = SeededGenerator(state: 7)
        for file in try Self.indexFiles(original) {
            let name = (file as NSString).lastPathComponent
            let bytes = try Data(contentsOf: URL(fileURLWithPath: file))
            for _ in 0..<8 {
                let copy = TestSupport.temporaryDirectory("flipped").path
                for other in try Self.indexFiles(original) {
                    try FileManager.default.copyItem(atPath: other, toPath: copy + "/" + (other as NSString).lastPathComponent)
                }
                var damaged = bytes
                let offset = Int.random(in: 0..<damaged.count, using: &generator)
                damaged[offset] ^= UInt8(1) << UInt8.random(in: 0..<8, using: &generator)
                try damaged.write(to: URL(fileURLWithPath: copy + "/" + name))
                #expect {
                    try Self.useEverything(copy)
                } throws: { error in
                    switch error as? JiansuoError {
                    case .corruptIndex(let reported, _)?, .unsupportedFormatVersion(let reported, _, _)?:
                        return reported == copy + "/" + name
                    default:
                        return false
                    }
                }
            }
        }
    }

    @Test func aMissingIndexExplainsHowToBuildOne() throws {
        let directory = TestSupport.temporaryDirectory("empty").path + "/nothing-here"
        #expect(throws: JiansuoError.missingIndex(directory: directory)) { try Searcher(directory: directory) }
        let result = try TestSupport.run(["search", "代表建议", "--index", directory])
        #expect(result.status == 1)
        #expect(result.standardError.contains("jiansuo index"))
    }
}
