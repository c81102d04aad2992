import Foundation
import Testing
@testable import Jiansuo

/// The `jiansuo` executable, run as a user would.
@Suite struct CommandLineTests {
    /// A temporary folder holding copies of a few shared reports.
    static func sharedSample() throws -> URL {
        let folder = TestSupport.temporaryDirectory("cli-sample")
        for relative in ["dazu-npc/2023", "gov-work-reports/2019", "provincial-2026"] {
            let source = TestSupport.sharedCorpus.appendingPathComponent(relative)
            let target = folder.appendingPathComponent(relative)
            try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
            try FileManager.default.copyItem(at: source, to: target)
        }
        return folder
    }

    func searchJSON(_ arguments: [String], in directory: URL) throws -> [String: Any] {
        let result = try TestSupport.run(arguments + ["--json"], in: directory)
        #expect(result.status == 0, "\(arguments): \(result.standardError)")
        return try #require(try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any])
    }

    @Test(.enabled(if: TestSupport.sharedIsAvailable, Comment(rawValue: TestSupport.sharedMissing)))
    func searchReturnsTheExpectedPassagesAsJSON() throws {
        let folder = try Self.sharedSample()
        let indexed = try TestSupport.run(["index", "."], in: folder)
        #expect(indexed.status == 0, "\(indexed.standardError)")
        #expect(indexed.standardOutput.contains("Indexed 34 documents"))

        let json = try searchJSON(["search", "\"代表建议\"", "--limit", "100"], in: folder)
        let hits = try #require(json["hits"] as? [[String: Any]])
        // Every passage holding the phrase, found by reading the files: the expected answer.
        var expected = Set<String>()
        let splitter = PassageSplitter()
        for path in TestSupport.textFiles(under: folder) {
            let text = try String(contentsOfFile: path, encoding: .utf8)
            let utf8 = Array(text.utf8)
            for range in splitter.passages(in: text) where String(decoding: utf8[range], as: UTF8.self).contains("代表建议") {
                expected.insert("\(path.dropFirst(folder.path.count + 1))#\(range.lowerBound)")
            }
        }
        let found = Set(hits.map { hit in
            let path = (hit["path"] as? String ?? "").replacingOccurrences(of: "./", with: "")
            return "\(path)#\((hit["passage"] as? [String: Int])?["start"] ?? -1)"
        })
        #expect(found == expected)
        #expect(json["total"] as? Int == expected.count)
        #expect(hits.first?["year"] as? Int == 2023)
        for hit in hits {
            let text = Array((hit["text"] as? String ?? "").utf8)
            let highlights = try #require(hit["highlights"] as? [[Int]])
            #expect(!highlights.isEmpty)
            for range in highlights {
                #expect(String(decoding: text[range[0]..<range[1]], as: UTF8.self) == "代表建议")
            }
        }
    }

    @Test(.enabled(if: TestSupport.sharedIsAvailable, Comment(rawValue: TestSupport.sharedMissing)))
    func countByYearAddsUpToTheSearch() throws {
        let folder = try Self.sharedSample()
        // Years of folders, as the scan below counts them, not of the sections' headings.
        #expect(try TestSupport.run(["index", ".", "--quiet", "--heading-years", "off"], in: folder).status == 0)
        let csv = try TestSupport.run(["count", "\"代表建议\"", "--by", "year", "--csv"], in: folder)
        #expect(csv.status == 0)
        let lines = csv.standardOutput.split(separator: "\n")
        #expect(lines.first == "year,documents,passages,occurrences,characters,per_10k_characters")
        let rows = lines.dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false) }
        let occurrences = rows.reduce(0) { $0 + (Int($1[3]) ?? 0) }
        var scanned: [String: Int] = [:]  // occurrences by year folder, counted in the raw files
        for path in TestSupport.textFiles(under: folder) {
            let year = path.split(separator: "/").dropLast().last.map(String.init) ?? ""
            scanned[year, default: 0] += try String(contentsOfFile: path, encoding: .utf8).components(separatedBy: "代表建议").count - 1
        }
        #expect(occurrences == scanned.values.reduce(0, +))
        for row in rows where row[0] == "2023" || row[0] == "2026" {
            #expect(Int(row[3]) == scanned[String(row[0])], "year \(row[0])")
        }
        let table = try TestSupport.run(["count", "\"代表建议\"", "--by", "year"], in: folder)
        #expect(table.standardOutput.contains("total"))
    }

    @Test func indexingReportsFilesThatCannotBeDecodedAndGoesOn() throws {
        let folder = TestSupport.temporaryDirectory("cli-bad")
        try Data("２０２１年人大代表提出代表建议。".utf8).write(to: folder.appendingPathComponent("good.txt"))
        // 代表建议 in GBK: decoded, no longer refused.
        try Data([0xB4, 0xFA, 0xB1, 0xED, 0xBD, 0xA8, 0xD2, 0xE9]).write(to: folder.appendingPathComponent("gbk.txt"))
        try Data([0x00, 0xFF, 0x81, 0x00, 0x7F, 0xFE, 0x30]).write(to: folder.appendingPathComponent("binary.txt"))
        let index = folder.appendingPathComponent("index").path
        let result = try TestSupport.run(["index", folder.path, "--index", index])
        #expect(result.status == 2)
        #expect(result.standardError.contains("binary.txt: binary, not text (a NUL byte at offset 0)"))
        #expect(result.standardOutput.contains("Indexed 2 documents"))
        #expect(result.standardOutput.contains("encodings: 1 GB18030, 1 UTF-8"))
        let search = try TestSupport.run(["search", "代表建议", "--index", index])
        #expect(search.status == 0)
        #expect(search.standardOutput.contains("good.txt"))
        #expect(search.standardOutput.contains("2021"))
    }

    /// `--exact-total N`: past N matches, pruned search may stop counting what it skips and
    /// says so; a larger N, or `count`, gives the exact number.
    @Test func exactTotalBoundsWhatSearchCounts() throws {
        let folder = TestSupport.temporaryDirectory("cli-exact-total")
        // One short passage dense with the word ranks first; the 399 others cannot reach it.
        try Data("发展发展发展。".utf8).write(to: folder.appendingPathComponent("best.txt"))
        for index in 0..<399 {
            try Data("第\(index)号文件说明了长期的经济发展情况和各项工作的具体安排。".utf8)
                .write(to: folder.appendingPathComponent("doc\(index).txt"))
        }
        #expect(try TestSupport.run(["index", ".", "--quiet"], in: folder).status == 0)
        let exact = try searchJSON(["search", "发展", "--limit", "1", "--exact-total", "1000"], in: folder)
        #expect(exact["total"] as? Int == 400)
        #expect(exact["total_relation"] as? String == "eq")
        let bounded = try searchJSON(["search", "发展", "--limit", "1", "--exact-total", "5"], in: folder)
        #expect(bounded["total_relation"] as? String == "gte")
        let total = try #require(bounded["total"] as? Int)
        #expect(total >= 5 && total < 400)
        #expect((bounded["hits"] as? [[String: Any]])?.first?["path"] as? String
            == (exact["hits"] as? [[String: Any]])?.first?["path"] as? String)
        let text = try TestSupport.run(["search", "发展", "--limit", "1", "--exact-total", "5", "--color", "never"], in: folder)
        #expect(text.standardOutput.contains("at least"), "\(text.standardOutput)")
        let negative = try TestSupport.run(["search", "发展", "--exact-total=-1"], in: folder)
        #expect(negative.status != 0)
        #expect(negative.standardError.contains("--exact-total must be ≥ 0"))
    }

    @Test func malformedQueriesAreClearErrors() throws {
        let folder = TestSupport.temporaryDirectory("cli-query")
        try Data("代表建议".utf8).write(to: folder.appendingPathComponent("a.txt"))
        #expect(try TestSupport.run(["index", ".", "--quiet"], in: folder).status == 0)
        let unclosed = try TestSupport.run(["search", "\"代表"], in: folder)
        #expect(unclosed.status == 1)
        #expect(unclosed.standardError.contains("malformed query at character 1"))
        let punctuation = try TestSupport.run(["search", "，。"], in: folder)
        #expect(punctuation.status == 1)
        #expect(punctuation.standardError.contains("no searchable words"))
        let years = try TestSupport.run(["search", "代表", "--years", "2022-2019"], in: folder)
        #expect(years.status != 0)
        #expect(years.standardError.contains("2022..2019 is reversed"))
        for (option, message) in [
            ("--delta=-1", "BM25 delta must be a finite number ≥ 0, not -1.0"), ("--delta=nan", "BM25 delta must be a finite number ≥ 0, not nan"),
            ("--k1=-1", "BM25 k1 must be a finite number ≥ 0"), ("--b=2", "BM25 b must lie between 0 and 1"),
        ] {
            let ranking = try TestSupport.run(["search", "代表", option], in: folder)
            #expect(ranking.status == 1, "\(option)")
            #expect(ranking.standardError.contains(message), "\(option): \(ranking.standardError)")
        }
    }

    @Test func tokenizeShowsTermsAndOffsets() throws {
        let result = try TestSupport.run(["tokenize", "１９９５年會議", "--json"])
        #expect(result.status == 0)
        let tokens = try #require(try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [[String: Any]])
        #expect(tokens.map { $0["term"] as? String } == ["1995", "年", "会议"])
        #expect(tokens.map { $0["text"] as? String } == ["１９９５", "年", "會議"])
        #expect(tokens.map { $0["start"] as? Int } == [0, 12, 15])
    }

    @Test func statsDescribesTheIndex() throws {
        let folder = TestSupport.temporaryDirectory("cli-stats")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("2020"), withIntermediateDirectories: true)
        try Data("代表建议办理工作。\n\n人大代表履职。".utf8).write(to: folder.appendingPathComponent("2020/a.txt"))
        try Data("没有年份的文本，代表。".utf8).write(to: folder.appendingPathComponent("b.md"))
        #expect(try TestSupport.run(["index", ".", "--quiet"], in: folder).status == 0)
        let stats = try TestSupport.run(["stats", "--json"], in: folder)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(stats.standardOutput.utf8)) as? [String: Any])
        #expect(json["documents"] as? Int == 2)
        #expect(json["documentsOfUnknownYear"] as? Int == 1)
        let kinds = (json["bytesByFileKind"] as? [[String: Any]])?.compactMap { $0["kind"] as? String }
        #expect(kinds == ["terms", "postings", "positions", "passages", "docs", "text", "sections", "manifest"])
    }
}
