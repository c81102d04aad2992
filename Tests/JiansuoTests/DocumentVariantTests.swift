import Foundation
import Testing
@testable import Jiansuo

/// The same real report as UTF-8, GBK, GB18030, UTF-16LE and UTF-8 with BOM text, an
/// HTML page and a Word document — and Big5 for a traditional report — must give the same
/// passages for the same query.
@Suite(.enabled(if: TestSupport.sharedIsAvailable, Comment(rawValue: TestSupport.sharedMissing)))
struct DocumentVariantTests {
    /// Passage texts found for `query` in an index of `file` alone, in rank order, each
    /// line with runs of spaces collapsed and runs of blank lines made one (HTML collapses
    /// white space, and a run of blank lines is one paragraph break).
    static func passages(of file: URL, query: String, encoding: String? = nil) throws -> [String] {
        let directory = TestSupport.temporaryDirectory("variant-index").path
        let writer = try IndexWriter(directory: directory)
        let report = try writer.addFolder(file.path, encoding: encoding)
        #expect(report.skipped.isEmpty, "\(report.skipped)")
        try writer.commit()
        let results = try Searcher(directory: directory).search(query, options: SearchOptions(limit: 1_000))
        return results.hits.map { normalizedSpaces($0.text) }
    }

    static func normalizedSpaces(_ text: String) -> String {
        var lines: [String] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let collapsed = line.split(whereSeparator: { $0 == " " || $0 == "\t" }).joined(separator: " ")
            if collapsed.isEmpty && lines.last?.isEmpty == true { continue }
            lines.append(collapsed)
        }
        return lines.joined(separator: "\n")
    }

    @Test(arguments: [
        (EncodingFixtures.dazuReport, "代表建议"),
        (EncodingFixtures.governmentReport2019, "\"政府工作\" 人民"),
    ])
    func everyVariantFindsTheSamePassages(report: String, query: String) throws {
        let text = try EncodingFixtures.sharedText(report)
        let folder = TestSupport.temporaryDirectory("variants")
        let original = folder.appendingPathComponent("utf8/report.txt")
        try EncodingFixtures.write(Array(text.utf8), to: original)
        let expected = try Self.passages(of: original, query: query)
        #expect(!expected.isEmpty)

        var variants: [(String, URL)] = []
        for encoding in ["GBK", "GB18030"] {
            let url = folder.appendingPathComponent("\(encoding)/report.txt")
            try EncodingFixtures.write(try EncodingFixtures.encode(text, as: encoding), to: url)
            variants.append((encoding, url))
        }
        let utf16 = folder.appendingPathComponent("utf16/report.txt")
        try EncodingFixtures.write([0xFF, 0xFE] + (try EncodingFixtures.encode(text, as: "UTF-16LE")), to: utf16)
        let bom = folder.appendingPathComponent("bom/report.txt")
        try EncodingFixtures.write([0xEF, 0xBB, 0xBF] + Array(text.utf8), to: bom)
        let html = folder.appendingPathComponent("html/report.html")
        try EncodingFixtures.write(
            try EncodingFixtures.encode(EncodingFixtures.htmlPage(text, title: "报告", charset: "gbk"), as: "GBK"), to: html)
        let docx = folder.appendingPathComponent("docx/report.docx")
        try EncodingFixtures.writeDocx(text, title: "报告", to: docx)
        variants += [("UTF-16LE", utf16), ("UTF-8 with BOM", bom), ("HTML", html), ("Word", docx)]

        for (name, url) in variants {
            let found = try Self.passages(of: url, query: query)
            let difference = zip(found, expected).first { $0 != $1 }.map { "\n\($0.0)\n≠\n\($0.1)" } ?? "\(found.count) vs \(expected.count)"
            #expect(found == expected, "\(name): \(difference)")
        }
        // Forcing the right encoding gives the same; forcing a wrong one is refused, not mojibake.
        #expect(try Self.passages(of: variants[0].1, query: query, encoding: "GBK") == expected)
        let writer = try IndexWriter(directory: TestSupport.temporaryDirectory("variant-wrong").path)
        #expect(throws: JiansuoError.self) { try writer.addFile(variants[0].1.path, encoding: "UTF-8") }
    }

    @Test func big5GivesTheSamePassagesAsItsUTF8Twin() throws {
        // Big5 lacks some characters of the 1954 report: compare with the text Big5 can hold.
        let text = try EncodingFixtures.sharedText(EncodingFixtures.governmentReport1954)
        let big5 = try EncodingFixtures.encode(text, as: "BIG5", lossy: true)
        let twin = try EncodingFixtures.decode(big5, from: "BIG5")
        #expect(twin.count > text.count * 9 / 10)
        let folder = TestSupport.temporaryDirectory("big5")
        try EncodingFixtures.write(big5, to: folder.appendingPathComponent("big5/report.txt"))
        try EncodingFixtures.write(Array(twin.utf8), to: folder.appendingPathComponent("utf8/report.txt"))
        let decoded = try DocumentReader.read(folder.appendingPathComponent("big5/report.txt").path)
        #expect(decoded.encoding == "Big5")
        let expected = try Self.passages(of: folder.appendingPathComponent("utf8/report.txt"), query: "人民代表")
        #expect(!expected.isEmpty)
        #expect(try Self.passages(of: folder.appendingPathComponent("big5/report.txt"), query: "人民代表") == expected)
    }

    @Test func aGBKFileGivesExactlyTheTokensOfItsOriginal() throws {
        let text = try EncodingFixtures.sharedText(EncodingFixtures.dazuReport)
        let url = TestSupport.temporaryDirectory("gbk-tokens").appendingPathComponent("report.txt")
        try EncodingFixtures.write(try EncodingFixtures.encode(text, as: "GBK"), to: url)
        let content = try DocumentReader.read(url.path)
        #expect(content.encoding == "GB18030")
        let analyzer = try Analyzer()
        #expect(try analyzer.tokens(in: String(decoding: content.utf8, as: UTF8.self)) == (try analyzer.tokens(in: text)))
    }

    @Test func debrisLinesOfScrapedReportsDoNotRank() throws {
        let folder = TestSupport.sharedCorpus
        func hits(_ query: String, _ boilerplate: Boilerplate) throws -> [PassageHit] {
            let directory = TestSupport.temporaryDirectory("debris").path
            let writer = try IndexWriter(directory: directory, splitter: PassageSplitter(boilerplate: boilerplate))
            for part in ["provincial-2026", "dazu-npc"] { try writer.addFolder(folder.appendingPathComponent(part).path) }
            try writer.commit()
            return try Searcher(directory: directory).search(query, options: SearchOptions(limit: 1_000)).hits
        }
        // Without the list the toolbars and login prompts are there to be found…
        #expect(try hits("收藏", .none).count >= 20)
        #expect(try !hits("账号", .none).isEmpty)
        // …with it, no passage holds a debris line, and real text is still found.
        for query in ["打印", "收藏", "全屏", "账号", "关闭窗口", "注册"] {
            for hit in try hits(query, .standard) {
                let lines = hit.text.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
                #expect(!lines.contains { Boilerplate.standard.lines.contains($0) }, "\(query): \(hit.path) \(hit.text.prefix(60))")
            }
        }
        #expect(try hits("打印", .standard).contains { $0.text.contains("3D打印") })
        #expect(try hits("代表建议", .standard).count == (try hits("代表建议", .none).count))
    }
}
