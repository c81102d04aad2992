import Foundation
import Testing
@testable import Jiansuo

/// Sections as users see them: section paths in search, kwic and JSON, `heading:`, stats,
/// `--heading-years off`, and the titles of the shared corpus.
@Suite struct SectionCommandLineTests {
    /// What README shows: section paths in search, kwic and JSON, `heading:`, the count of
    /// passages dated by headings in stats, `--heading-years off`.
    @Test func theCommandLineShowsAndFiltersSections() throws {
        let folder = TestSupport.temporaryDirectory("sections-cli")
        let report = """
            大足区人大常委会工作报告
            2022年》》
            2022年，常委会做了很多工作。
            代表工作
            听取审议代表建议办理情况的报告，代表建议全部办结。
            2023年>>
            2023年，常委会将继续做好工作。
            深化拓展代表工作
            强化代表建议办理，确保代表建议件件有着落。
            """
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("2023"), withIntermediateDirectories: true)
        try Data(report.utf8).write(to: folder.appendingPathComponent("2023/report.txt"))
        func run(_ arguments: [String]) throws -> String {
            let result = try TestSupport.run(arguments, in: folder)
            #expect(result.status == 0, "\(arguments): \(result.standardError)")
            return result.standardOutput
        }
        _ = try run(["index", ".", "--quiet"])
        #expect(try run(["count", "\"代表建议\"", "--by", "year", "--csv"]).split(separator: "\n").dropFirst().map {
            $0.split(separator: ",").prefix(4).joined(separator: ",")
        } == ["2022,1,1,2", "2023,1,1,2"])
        let search = try run(["search", "代表建议 heading:代表工作", "--color", "never"])
        #expect(search.contains("   § 2022年》》 › 代表工作\n") && search.contains("   § 2023年>> › 深化拓展代表工作\n"))
        #expect(try run(["search", "代表建议 heading:\"深化 拓展\"", "--color", "never"]).contains("1 of 1 matching passages."))
        let json = try JSONSerialization.jsonObject(with: Data(try run(["search", "\"代表建议\"", "--json"]).utf8)) as? [String: Any]
        let hits = try #require(json?["hits"] as? [[String: Any]])
        #expect(hits.count == 2)
        for hit in hits {
            let section = hit["section"] as? [String] ?? []
            #expect(section.first == (hit["year"] as? Int == 2022 ? "2022年》》" : "2023年>>"), "\(section)")
        }
        #expect(try run(["kwic", "\"代表建议\"", "--color", "never"]).contains("2022年》》 › 代表工作"))
        #expect(try run(["stats"]).contains("(8 dated by their heading)"))
        _ = try run(["index", ".", "--full", "--heading-years", "off", "--quiet"])
        #expect(try run(["count", "\"代表建议\"", "--by", "year", "--csv"]).contains("\n2023,1,2,4,"))
        #expect(try run(["stats"]).contains("(0 dated by their heading)"))
    }

    /// Titles of every document in ../shared/corpus, in a golden file: none a salutation or
    /// a dateline (re-record with JIANSUO_RECORD_GOLDEN=1 and read the diff).
    @Test func titlesOfTheSharedCorpus() throws {
        guard TestSupport.sharedIsAvailable else { print(TestSupport.sharedMissing); return }
        var lines: [String] = []
        for path in TestSupport.textFiles(under: TestSupport.sharedCorpus) where !path.hasSuffix("README.md") {
            let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: path)))
            let title = bytes.withUnsafeBufferPointer { DocumentTitle.title(path: path, text: $0, boilerplate: .standard) }
            #expect(!DocumentTitle.isSalutation(title) && !DocumentTitle.isDateline(Substring(title)), "\(path): \(title)")
            let relative = path.replacingOccurrences(of: TestSupport.sharedCorpus.path + "/", with: "")
            lines.append("\(relative)\t\(title)")
        }
        let shown = lines.joined(separator: "\n") + "\n"
        let file = GoldenOutputTests.goldenFolder.appendingPathComponent("titles.txt")
        if GoldenOutputTests.recording {
            try Data(shown.utf8).write(to: file)
        } else {
            #expect(shown == (try String(contentsOf: file, encoding: .utf8)), "titles differ from Golden/titles.txt")
        }
    }
}
