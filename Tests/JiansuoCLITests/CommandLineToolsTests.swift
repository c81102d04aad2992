import Foundation
import Testing
@testable import Jiansuo

/// The research commands — kwic, count trends, eval — and search snippets, run as a user would.
@Suite struct CommandLineToolsTests {
    /// A folder of small reports in mixed-width text, indexed into `Index/` inside it.
    static func indexedFolder() throws -> URL {
        let folder = TestSupport.temporaryDirectory("cli-tools")
        let documents = [
            "2019/a.txt": "GDP增长6.1%，代表建议办理率100%。\n\n新一届ＡＢＣ代表建议共计12件，代表建议全部办结。",
            "2021/b.txt": "Representatives filed 代表建议 online; 人大代表 counted 代表建议 too.",
            "2022/c.txt": "人大代表提出意见。" + String(repeating: "经济社会持续健康发展。", count: 20) + "人大代表提出代表建议。",
        ]
        for (path, text) in documents {
            let url = folder.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
        let indexed = try TestSupport.run(["index", ".", "--quiet"], in: folder)
        #expect(indexed.status == 0, "\(indexed.standardError)")
        return folder
    }

    /// The display column at which `needle` first occurs at or after column `from`.
    static func column(of needle: String, in line: Substring, from: Int) -> Int? {
        var column = 0
        var index = line.startIndex
        while index < line.endIndex {
            if column >= from && line[index...].hasPrefix(needle) { return column }
            column += DisplayWidth.of(line[index])
            index = line.index(after: index)
        }
        return nil
    }

    @Test func kwicAlignsEveryHitInOneColumn() throws {
        let folder = try Self.indexedFolder()
        for width in [7, 12, 20] {
            let result = try TestSupport.run(["kwic", "\"代表建议\"", "--width", String(width)], in: folder)
            #expect(result.status == 0, "\(result.standardError)")
            let lines = result.standardOutput.split(separator: "\n")
            #expect(lines.count == 6)
            // Year (4 columns), 2 spaces, left context padded to `width`, 2 spaces: the hit.
            let expected = 4 + 2 + width + 2
            for line in lines {
                #expect(Self.column(of: "代表建议", in: line, from: expected) == expected, "width \(width): \(line)")
                #expect(!line.contains("\n"))
            }
        }
        let sorted = try TestSupport.run(["kwic", "\"代表建议\"", "--sort", "right", "--limit", "2"], in: folder)
        #expect(sorted.standardOutput.split(separator: "\n").count == 3)  // 2 lines and "2 of 6 hits shown."
        #expect(sorted.standardOutput.contains("2 of 6 hits shown."))
    }

    @Test func kwicWritesCSVWithQuotedFields() throws {
        let folder = try Self.indexedFolder()
        let result = try TestSupport.run(["kwic", "\"代表建议\"", "--csv", "--year", "2019"], in: folder)
        let lines = result.standardOutput.split(separator: "\n")
        #expect(lines.first == "year,path,start,end,left,match,right")
        #expect(lines.count == 4)
        #expect(lines[1].hasPrefix("2019,./2019/a.txt,"))
        #expect(lines[1].hasSuffix(",代表建议,办理率100%。"))
        #expect(lines[1].contains("\"GDP增长6.1%，\"") == false)  // no comma, no quotes needed
    }

    @Test func countDrawsOneSeriesPerArgumentAndWritesAChart() throws {
        let folder = try Self.indexedFolder()
        let chart = folder.appendingPathComponent("trend.svg")
        let csv = try TestSupport.run(["count", "代表建议", "人大代表", "--by", "year", "--csv", "--chart", chart.path], in: folder)
        #expect(csv.status == 0, "\(csv.standardError)")
        let lines = csv.standardOutput.split(separator: "\n")
        #expect(lines.first == "query,year,documents,passages,occurrences,characters,per_10k_characters")
        #expect(lines.count == 1 + 2 * 3)
        #expect(lines.filter { $0.hasPrefix("人大代表,") }.count == 3)
        let svg = try String(contentsOf: chart, encoding: .utf8)
        #expect(svg.contains(">代表建议 · 人大代表</text>"))
        #expect(svg.components(separatedBy: "<polyline").count == 3)

        // One argument with a space stays one query, needing both words.
        let one = try TestSupport.run(["count", "代表 建议", "--json"], in: folder)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(one.standardOutput.utf8)) as? [String: Any])
        #expect(json["query"] as? String == "代表 建议")
        let table = try TestSupport.run(["count", "\"代表建议\"", "--by", "year"], in: folder)
        #expect(table.standardOutput.contains("per 10k chars"))
        #expect(table.standardOutput.contains("█"))
    }

    @Test func searchShowsSnippetsAndGroupsByDocument() throws {
        let folder = try Self.indexedFolder()
        let snippets = try TestSupport.run(["search", "人大代表", "--year", "2022", "--snippet", "30"], in: folder)
        #expect(snippets.standardOutput.contains("…"))
        let full = try TestSupport.run(["search", "人大代表", "--year", "2022", "--full"], in: folder)
        #expect(!full.standardOutput.contains("…"))
        #expect(full.standardOutput.contains(String(repeating: "经济社会持续健康发展。", count: 20)))

        let passages = try TestSupport.run(["search", "代表建议", "--json"], in: folder)
        let grouped = try TestSupport.run(["search", "代表建议", "--json", "--group", "doc"], in: folder)
        func paths(_ output: TestSupport.Output) throws -> [String] {
            let json = try #require(try JSONSerialization.jsonObject(with: Data(output.standardOutput.utf8)) as? [String: Any])
            return (json["hits"] as? [[String: Any]] ?? []).compactMap { $0["path"] as? String }
        }
        let passagePaths = try paths(passages), documentPaths = try paths(grouped)
        #expect(passagePaths.count > documentPaths.count)
        #expect(Set(documentPaths) == Set(passagePaths))
        #expect(documentPaths.count == Set(documentPaths).count)
        #expect(documentPaths.first == passagePaths.first)
    }

    @Test func evalPrintsTheMeasuresOfAQuerySet() throws {
        let folder = TestSupport.temporaryDirectory("cli-eval")
        let docs = folder.appendingPathComponent("docs")
        try FileManager.default.createDirectory(at: docs, withIntermediateDirectories: true)
        try Data("长江是中国最长的河流。".utf8).write(to: docs.appendingPathComponent("river.txt"))
        try Data("泰山位于山东省。".utf8).write(to: docs.appendingPathComponent("mountain.txt"))
        try Data("q1\t中国最长的河流是什么？\nq2\t泰山在哪里？\n".utf8).write(to: folder.appendingPathComponent("queries.tsv"))
        try Data("q1\triver\nq2\tmountain\n".utf8).write(to: folder.appendingPathComponent("qrels.tsv"))
        let result = try TestSupport.run(
            ["eval", "--docs", "docs", "--queries", "queries.tsv", "--qrels", "qrels.tsv", "--json"], in: folder)
        #expect(result.status == 0, "\(result.standardError)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any])
        #expect(json["judgedQueries"] as? Int == 2)
        #expect(json["mrrAt10"] as? Double == 1)
        #expect(json["ndcgAt10"] as? Double == 1)
        let text = try TestSupport.run(["eval", "--docs", "docs", "--queries", "queries.tsv", "--qrels", "qrels.tsv"], in: folder)
        #expect(text.standardOutput.contains("MRR@10"))
    }
}
