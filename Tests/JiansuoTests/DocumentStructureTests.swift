import Foundation
import Testing
@testable import Jiansuo

/// Headings, sections and the years they name: on generated text, where the right tree is
/// known, and on the real reports of ../shared/corpus.
@Suite struct DocumentStructureTests {
    /// The passages of `text` (with the headings its format marked), each as its text,
    /// whether it is a heading, its section path and its heading year.
    static func outline(
        _ text: String, marked: [MarkedHeading] = []
    ) -> [(text: String, heading: Bool, path: [String], year: Int?)] {
        outline(utf8: Array(text.utf8), marked: marked)
    }

    static func outline(
        utf8: [UInt8], marked: [MarkedHeading] = []
    ) -> [(text: String, heading: Bool, path: [String], year: Int?)] {
        utf8.withUnsafeBufferPointer { buffer in
            let passages = PassageSplitter().split(buffer, marked: marked)
            let structure = DocumentStructure(passages, text: buffer)
            func heading(_ section: Int) -> String {
                String(decoding: utf8[passages[structure.sections[section].headingPassage].range], as: UTF8.self)
            }
            return passages.indices.map { index in
                var path: [String] = []
                var next = structure.passageSections[index]
                while let section = next {
                    path.insert(heading(section), at: 0)
                    next = structure.sections[section].parent
                }
                return (
                    String(decoding: utf8[passages[index].range], as: UTF8.self), passages[index].heading != nil, path,
                    structure.passageSections[index].flatMap { structure.sections[$0].year })
            }
        }
    }

    @Test func everyNumberedFormNestsInTheOrderTheReportFirstUsesIt() {
        let body = "这是正文的一段话，说明了有关情况和具体的工作安排。"
        let text = """
            某某市人民政府工作报告
            第一章 总则
            一、2022年工作回顾
            （一）经济运行
            \(body)
            1. 工业生产
            \(body)
            （1）制造业
            \(body)
            ① 汽车
            \(body)
            2. 农业生产
            \(body)
            （二）社会事业
            \(body)
            二、２０２３年工作安排
            \(body)
            第二章 附则
            \(body)
            """
        let outline = Self.outline(text)
        let headings = outline.filter(\.heading)
        #expect(headings.map(\.path) == [
            [],  // the first line is the title, not a section
            ["第一章 总则"],
            ["第一章 总则", "一、2022年工作回顾"],
            ["第一章 总则", "一、2022年工作回顾", "（一）经济运行"],
            ["第一章 总则", "一、2022年工作回顾", "（一）经济运行", "1. 工业生产"],
            ["第一章 总则", "一、2022年工作回顾", "（一）经济运行", "1. 工业生产", "（1）制造业"],
            ["第一章 总则", "一、2022年工作回顾", "（一）经济运行", "1. 工业生产", "（1）制造业", "① 汽车"],
            ["第一章 总则", "一、2022年工作回顾", "（一）经济运行", "2. 农业生产"],
            ["第一章 总则", "一、2022年工作回顾", "（二）社会事业"],
            ["第一章 总则", "二、２０２３年工作安排"],
            ["第二章 附则"],
        ])
        // No passage spans two sections: every body passage is exactly one paragraph.
        #expect(outline.filter { !$0.heading }.allSatisfy { $0.text == body })
        #expect(outline.map(\.year) == [nil, nil, 2022, 2022, 2022, 2022, 2022, 2022, 2022, 2022, 2022, 2022, 2022, 2022, 2022, 2023, 2023, nil, nil])
    }

    @Test func headingFormsAndTheYearsTheyName() {
        #expect(HeadingForm(line: "第三条 本条例自公布之日起施行") == .ordinal(unit: "条"))
        #expect(HeadingForm(line: "十二、加强政府自身建设") == .chineseNumber)
        #expect(HeadingForm(line: "(三)建议办理") == .parenthesizedChineseNumber)
        #expect(HeadingForm(line: "12、推进改革") == .number)
        #expect(HeadingForm(line: "1.5亿元的投入") == .plain)
        #expect(HeadingForm(line: "(2)稳定就业") == .parenthesizedNumber)
        #expect(HeadingForm(line: "## 代表工作") == .level(2))
        #expect(HeadingForm(line: "2022年》》") == .year)
        #expect(HeadingForm(line: "坚定正确政治方向") == .plain)
        #expect(HeadingYear.named(in: "2023年工作安排") == 2023)
        #expect(HeadingYear.named(in: "二〇二二年工作回顾") == 2022)
        #expect(HeadingYear.named(in: "２０２２年") == 2022)
        #expect(HeadingYear.named(in: "2023年>>") == 2023)
        #expect(HeadingYear.named(in: "2021年至2025年规划") == nil)
        #expect(HeadingYear.named(in: "过去五年工作回顾") == nil)
    }

    @Test func wrappedLinesStillJoinAndSalutationsAndDatelinesAreNoHeadings() {
        let outline = Self.outline("""
            政府工作报告
            ——2023年3月5日在第十四届全国人民代表大会第一次会议上
            各位代表：
            现在，我代表国务院，向大会报告政府工作，请予审议，并请全国政协委员提出意见。
            今年是全面贯彻党的二十大精神的开局之年，我们要按照所作的
            政府工作报告
            。
            """)
        #expect(outline.filter(\.heading).map(\.text) == ["政府工作报告"])
        #expect(outline.contains { $0.text.hasSuffix("我们要按照所作的\n政府工作报告\n。") })
        #expect(outline.allSatisfy { $0.path.isEmpty && $0.year == nil })
    }

    @Test func htmlHeadingLevelsMakeTheTree() {
        let page = HTMLText.extract(Array("""
            <html><body><h1>工作报告</h1><h2>过去一年的工作。</h2><p>正文一，说明了有关情况和具体的工作安排。</p>
            <h3>代表工作</h3><p>正文二，说明了有关情况和具体的工作安排。</p><h2>2023年安排</h2><p>正文三。</p></body></html>
            """.utf8))
        #expect(page.headings.map(\.level) == [1, 2, 3, 2])
        let outline = Self.outline(utf8: page.text, marked: page.headings)
        #expect(outline.map(\.path) == [
            [], ["过去一年的工作。"], ["过去一年的工作。"], ["过去一年的工作。", "代表工作"], ["过去一年的工作。", "代表工作"],
            ["2023年安排"], ["2023年安排"],
        ])
        #expect(outline.last?.year == 2023)
    }

    @Test func wordHeadingStylesMakeTheTree() {
        let styles = DocxText.headingStyles(Array("""
            <w:styles><w:style w:type="paragraph" w:styleId="1"><w:name w:val="heading 1"/></w:style>\
            <w:style w:type="paragraph" w:styleId="a3"><w:name w:val="Normal"/></w:style></w:styles>
            """.utf8))
        #expect(styles == ["1": 1])
        func paragraph(_ text: String, style: String? = nil) -> String {
            let properties = style.map { "<w:pPr><w:pStyle w:val=\"\($0)\"/></w:pPr>" } ?? ""
            return "<w:p>\(properties)<w:r><w:t>\(text)</w:t></w:r></w:p>"
        }
        let body = "正文，说明了有关情况和具体的工作安排。"
        let xml = [
            paragraph("报告"), paragraph("一、代表工作", style: "1"), paragraph(body),
            paragraph("建议办理", style: "Heading2"), paragraph(body), paragraph("二、监督工作", style: "1"), paragraph(body),
        ].joined()
        let (text, headings) = DocxText.paragraphs(of: Array(xml.utf8), headingStyles: styles)
        #expect(headings.map(\.level) == [1, 2, 1])
        let outline = Self.outline(utf8: text, marked: headings)
        #expect(outline.map(\.path) == [
            [], ["一、代表工作"], ["一、代表工作"], ["一、代表工作", "建议办理"], ["一、代表工作", "建议办理"],
            ["二、监督工作"], ["二、监督工作"],
        ])
    }

    /// The Dazu report reviews 2022 under 「2022年》》」 and plans 2023 under 「2023年>>」.
    @Test func theDazuReportCountsEachYearUnderItsHeading() throws {
        guard TestSupport.sharedIsAvailable else { print(TestSupport.sharedMissing); return }
        let directory = TestSupport.temporaryDirectory("dazu").path
        let writer = try IndexWriter(directory: directory)
        try writer.addFolder(TestSupport.sharedCorpus.appendingPathComponent("dazu-npc").path)
        try writer.commit()
        let searcher = try Searcher(directory: directory)
        let counts = try searcher.countByYear("\"代表建议\"")
        #expect(counts.map(\.year) == [2022, 2023])
        #expect(counts.map(\.occurrences) == [2, 5])
        #expect(counts.map(\.documents) == [1, 1], "the one document counts in both years")
        let hits = try searcher.search("\"代表建议\"", options: SearchOptions(limit: 10)).hits
        #expect(hits.count == 3)
        for hit in hits {
            #expect(hit.section.first == (hit.year == 2022 ? "2022年》》" : "2023年>>"), "\(hit.section)")
        }
        let filtered = try searcher.search("代表建议 heading:\"代表工作\"").hits
        #expect(filtered.map(\.section) == [["2023年>>", "深化拓展代表工作"]])
        #expect(try searcher.search("代表建议 heading:2022年").hits.allSatisfy { $0.year == 2022 })
        let statistics = try searcher.statistics()
        #expect(statistics.sections == 13)
        #expect(statistics.passagesWithHeadingYear == statistics.passages - 1, "all but the title")
    }

    @Test func headingYearsOffAndAForcedYearKeepTheDocumentsYear() throws {
        let text = "报告\n2022年》》\n2022年，我们做了很多的工作，代表建议全部办结了。\n2023年>>\n2023年，我们将继续做好代表建议的办理工作。\n"
        for (headingYears, forced) in [(false, nil), (true, 2030)] as [(Bool, Int?)] {
            let directory = TestSupport.temporaryDirectory("heading-years").path
            let writer = try IndexWriter(directory: directory)
            writer.headingYears = headingYears
            let folder = TestSupport.temporaryDirectory("heading-years-folder")
            try text.write(to: folder.appendingPathComponent("2023.txt"), atomically: true, encoding: .utf8)
            try FolderSync(year: forced).run([folder.path], into: writer)
            try writer.commit()
            let counts = try Searcher(directory: directory).countByYear("代表建议")
            #expect(counts.map(\.year) == [forced ?? 2023])
            #expect(try Searcher(directory: directory).statistics().passagesWithHeadingYear == 0)
        }
    }

    @Test func headingFiltersAreWholeQueryFilters() throws {
        #expect(throws: JiansuoError.self) { try QueryPlan(Query.parse("代表 OR heading:工作"), analyzer: Analyzer()) }
        #expect(throws: JiansuoError.self) { try Query.parse("代表 heading:") }
        let plan = try QueryPlan(Query.parse("代表 heading:\"代表 工作\" heading:二"), analyzer: Analyzer())
        #expect(plan.headings == ["代表 工作", "二"])
    }

    /// 「四、发展科技教育文化和卫生体育事业」 heads the paragraph 「发展科技…」: the phrase 业发
    /// must not be found across the heading.
    @Test(.enabled(if: TestSupport.sharedIsAvailable, Comment(rawValue: TestSupport.sharedMissing)))
    func noPhraseCrossesAHeadingIn1995() throws {
        let corpus = try #require(SharedCorpusIndex.governmentReports)
        let matches = try corpus.searcher.allMatches("\"业发\"")
        let report = try String(
            contentsOf: TestSupport.sharedCorpus.appendingPathComponent("gov-work-reports/1995/1995年中华人民共和国国务院政府工作报告.txt"),
            encoding: .utf8)
        let heading = try #require(report.range(of: "四、发展科技教育文化和卫生体育事业"))
        let headingStart = report.utf8.distance(from: report.startIndex, to: heading.lowerBound)
        #expect(!matches.contains { $0.path.hasSuffix("1995年中华人民共和国国务院政府工作报告.txt") && $0.passageRange.contains(headingStart) })
    }
}
