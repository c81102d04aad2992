import Foundation
import Testing
@testable import Jiansuo

/// Counts by year with the text behind them: occurrences per 10,000 characters.
@Suite struct TrendTests {
    @Test func perTenThousandCharactersIsWorkedOutByHand() throws {
        let directory = TestSupport.temporaryDirectory("trend").path
        let writer = try IndexWriter(directory: directory)
        // 2019: "代表建议很多，代表建议办结。" = 14 characters, plus an ideographic-space indent and
        // a line break, which do not count; 2 occurrences → 2 × 10,000 / 14.
        try writer.addText("　　代表建议很多，代表建议办结。\n", path: "2019/a.txt", year: 2019)
        // 2020: two documents of 5 + 14 characters (spaces not counted), no occurrence.
        try writer.addText("没有这个词", path: "2020/b.txt", year: 2020)
        try writer.addText("ASCII words here", path: "2020/c.txt", year: 2020)
        // 2021: "代表建议" once in 4 + 6 = 10 characters.
        try writer.addText("代表建议\n\n另一段文字。", path: "2021/d.txt", year: 2021)
        try writer.commit()
        let searcher = try Searcher(directory: directory)

        let trend = try searcher.trendByYear("\"代表建议\"")
        #expect(trend.map(\.year) == [2019, 2020, 2021])
        #expect(trend.map(\.characters) == [14, 19, 10])
        #expect(trend.map(\.occurrences) == [2, 0, 1])
        #expect(trend.map(\.documents) == [1, 0, 1])
        #expect(abs(trend[0].occurrencesPer10kCharacters - 20_000.0 / 14) < 1e-9)
        #expect(trend[1].occurrencesPer10kCharacters == 0)
        #expect(abs(trend[2].occurrencesPer10kCharacters - 1_000) < 1e-9)
        #expect(try searcher.trendByYear("\"代表建议\"", options: CountOptions(years: 2020...2021)).map(\.year) == [2020, 2021])
        let both = try searcher.trendsByYear(["\"代表建议\"", "词"])
        #expect(both.count == 2 && both[0] == trend)
        #expect(both[1].map(\.occurrences) == [0, 1, 0])
    }

    /// The characters per year are stored at index time (per passage, and per year in each
    /// segment); deleting a document takes its characters away, across segments and merges,
    /// and a year left without text drops out.
    @Test func storedCharactersFollowDeletionsSegmentsAndMerges() throws {
        let directory = TestSupport.temporaryDirectory("trend-deletions").path
        let texts = [("2019/a.txt", 2019, "代表建议很多。"), ("2019/b.txt", 2019, "　　代表 建议\n"), ("2020/c.txt", 2020, "没有")]
        for (number, (path, year, text)) in texts.enumerated() {
            let writer = try IndexWriter(directory: directory, mode: number == 0 ? .create : .open)
            writer.mergePolicy = .none
            try writer.addText(text, path: path, year: year)
            try writer.commit()
        }
        func characters() throws -> [Int?: Int] { try Searcher(directory: directory).charactersByYear() }
        #expect(try Searcher(directory: directory).snapshot.segments.count == 3)
        #expect(try characters() == [2019: 7 + 4, 2020: 2])
        do {
            let writer = try IndexWriter(directory: directory, mode: .open)
            writer.mergePolicy = .none
            #expect(try writer.deleteDocument(path: "2019/a.txt"))
            #expect(try writer.deleteDocument(path: "2020/c.txt"))
            try writer.commit()
        }
        #expect(try characters() == [2019: 4])
        #expect(try Searcher(directory: directory).trendByYear("建议").map(\.year) == [2019])
        do {
            let writer = try IndexWriter(directory: directory, mode: .open)
            writer.mergePolicy = MergePolicy(segmentsPerTier: 2, maximumDeletedFraction: 0)
            try writer.addText("代表", path: "2021/d.txt", year: 2021)
            try writer.commit()
        }
        #expect(try Searcher(directory: directory).snapshot.segments.count == 1)
        #expect(try characters() == [2019: 4, 2021: 2])
        #expect(IndexChecker.check(directory: directory).isClean)
    }

    /// What counts as a character: any code point but ASCII white space and U+3000.
    static func characters(_ text: Substring) -> Int {
        text.unicodeScalars.filter { !" \t\n\r\u{0B}\u{0C}\u{3000}".unicodeScalars.contains($0) }.count
    }

    @Test func countsByYearEqualABruteForceScanOfTheReports() throws {
        let corpus = try #require(SharedCorpusIndex.governmentReports)
        let analyzer = try Analyzer()
        // Year of a scanned passage: its gov-work-reports/<year>/ folder.
        func year(_ path: String) -> Int? { path.split(separator: "/").dropLast().last.flatMap { Int($0) } }
        // Per document, how many counted code points start before each byte offset: a
        // passage's characters are those starting inside it (a passage may begin inside a
        // character — the splitter cuts one in the 1998 report — and the index counts it so).
        var countedBefore: [String: [Int]] = [:]
        for path in Set(corpus.passages.map(\.path)) {
            let text = try String(contentsOfFile: path, encoding: .utf8)
            var prefix = [0]
            var running = 0
            for scalar in text.unicodeScalars {
                if Self.characters(String(scalar)[...]) == 1 { running += 1 }
                // The scalar counts from its first byte on.
                prefix += Array(repeating: running, count: String(scalar).utf8.count)
            }
            countedBefore[path] = prefix
        }
        var scannedCharacters: [Int: Int] = [:]
        for passage in corpus.passages {
            let prefix = try #require(countedBefore[passage.path])
            scannedCharacters[year(passage.path) ?? 0, default: 0] += prefix[passage.range.upperBound] - prefix[passage.range.lowerBound]
        }
        for query in ["代表建议", "改革开放", "人民代表大会"] {
            // A quoted phrase matches the literal text (see `QueryNode.phrase`).
            let phrase = analyzer.phraseText(query).unicodeScalars.map(\.value)
            var occurrences: [Int: Int] = [:], passages: [Int: Int] = [:]
            for (index, count) in corpus.scanCharacters(phrase) {
                let passageYear = year(corpus.passages[index].path) ?? 0
                occurrences[passageYear, default: 0] += count
                passages[passageYear, default: 0] += 1
            }
            let trend = try corpus.searcher.trendByYear("\"\(query)\"")
            #expect(trend.reduce(0) { $0 + $1.occurrences } == occurrences.values.reduce(0, +), "\(query)")
            #expect(trend.reduce(0) { $0 + $1.passages } == passages.values.reduce(0, +), "\(query)")
            for row in trend {
                let key = row.year ?? 0
                #expect(row.occurrences == occurrences[key] ?? 0, "\(query) \(key)")
                #expect(row.passages == passages[key] ?? 0, "\(query) \(key)")
                #expect(row.characters == scannedCharacters[key] ?? 0, "characters \(key)")
            }
            #expect(Set(trend.compactMap(\.year)) == Set(scannedCharacters.keys))
        }
    }

    @Test func theChartHasTitleAxesYearsAndCJKFonts() {
        let chart = TrendChart(
            title: "代表建议 · <人大代表>", valueAxisLabel: "每万字出现次数",
            series: [
                .init(name: "代表建议", points: [.init(year: 2019, value: 1.5), .init(year: 2021, value: 0.5)]),
                .init(name: "<人大代表>", points: [.init(year: 2019, value: 0.2), .init(year: 2021, value: 3)]),
            ])
        let svg = chart.svg()
        #expect(svg.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\""))
        #expect(svg.contains("Noto Sans CJK SC") && svg.contains("WenQuanYi Micro Hei") && svg.contains("sans-serif"))
        #expect(svg.contains(">代表建议 · &lt;人大代表&gt;</text>"))
        #expect(svg.contains(">2019</text>") && svg.contains(">2020</text>") && svg.contains(">2021</text>"))
        #expect(svg.contains(">每万字出现次数</text>"))
        #expect(svg.components(separatedBy: "<polyline").count == 3)  // a line per query
        let single = TrendChart(title: "t", valueAxisLabel: "v", series: [.init(name: "代表建议", points: [.init(year: 2019, value: 1)])])
        #expect(!single.svg().contains("<polyline") && single.svg().contains("<rect x="))
        #expect(ValueAxis(maximum: 7.45).ticks == [0, 2, 4, 6, 8])
        #expect(ValueAxis(maximum: 0.9).label(0.4) == "0.4")
    }
}
