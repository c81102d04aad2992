import Foundation
import Testing
@testable import Jiansuo

/// Keyword in context: one line per hit, context cut by display width, stable orders.
@Suite struct ConcordanceTests {
    /// Mixed-width text: ASCII digits and letters (one column), Han and full-width forms (two).
    static let documents: [(path: String, year: Int, text: String)] = [
        ("2019/a.txt", 2019, "GDP增长6.1%，代表建议办理率100%。\n\n新一届ＡＢＣ代表建议\n共计12件，代表建议全部办结。"),
        ("2021/b.txt", 2021, "Representatives filed 代表建议 online; 人大代表建议 was counted too."),
        ("2020/c.txt", 2020, "没有这个词。"),
    ]

    static func index(_ documents: [(path: String, year: Int, text: String)] = documents) throws -> Searcher {
        let directory = TestSupport.temporaryDirectory("kwic").path
        let writer = try IndexWriter(directory: directory)
        for document in documents { try writer.addText(document.text, path: document.path, year: document.year) }
        try writer.commit()
        return try Searcher(directory: directory)
    }

    @Test func everyHitIsALineWithItsContextCutByWidth() throws {
        let searcher = try Self.index()
        let lines = try searcher.concordance("\"代表建议\"", options: ConcordanceOptions(contextWidth: 12))
        #expect(lines.count == 5)
        #expect(lines.map(\.year) == [2019, 2019, 2019, 2021, 2021])
        for line in lines {
            #expect(line.match == "代表建议")
            #expect(DisplayWidth.of(line.left) <= 12)
            #expect(DisplayWidth.of(line.right) <= 12)
            #expect(!line.left.contains("\n") && !line.right.contains("\n"))
            let document = try #require(Self.documents.first { $0.path == line.path })
            let utf8 = Array(document.text.utf8)
            #expect(String(decoding: utf8[line.matchRange], as: UTF8.self) == "代表建议")
        }
        #expect(lines[0].left == "DP增长6.1%，")  // G would make 13 columns
        #expect(lines[0].right == "办理率100%。")
        #expect(lines[1].left == "新一届ＡＢＣ")
        // The line break inside the passage shows as one space; a Han character that would
        // pass the width is left out whole.
        #expect(lines[2].left == " 共计12件，")
        #expect(lines[3].left == "tives filed ")
    }

    @Test func leftOrderReadsTheLeftContextBackwards() throws {
        let searcher = try Self.index()
        let lines = try searcher.concordance("\"代表建议\"", options: ConcordanceOptions(contextWidth: 8, order: .left))
        let keys = lines.map { String($0.left.reversed()) }
        #expect(keys == keys.sorted())
        let right = try searcher.concordance("\"代表建议\"", options: ConcordanceOptions(contextWidth: 8, order: .right))
        #expect(right.map(\.right) == right.map(\.right).sorted())
        let limited = try searcher.concordance("\"代表建议\"", options: ConcordanceOptions(order: .right, limit: 2))
        #expect(limited.count == 2)
    }

    /// Word queries go through pruned top-k search with no limit; a limit of `Int.max` once
    /// reserved room for that many heap entries, overflowed the allocation size and
    /// corrupted the heap (kwic of any word crashed). Huge limits mean "every match".
    @Test func wordQueriesAndHugeLimitsListEveryMatch() throws {
        let searcher = try Self.index()
        for query in ["代表", "代表 OR 建议", "(代表)", "代表 year:2019"] {
            let lines = try searcher.concordance(query)
            #expect(!lines.isEmpty, "\(query)")
            let matches = try searcher.allMatches(query)
            for limit in [Int.max, Int(Int32.max), matches.count + 1] {
                let results = try searcher.search(query, options: SearchOptions(limit: limit))
                #expect(results.hits.count == matches.count, "\(query) --limit \(limit)")
                #expect(results.totalMatches == matches.count)
            }
        }
    }

    @Test func displayWidthCountsHanAndFullWidthAsTwo() {
        #expect(DisplayWidth.of("abc") == 3)
        #expect(DisplayWidth.of("代表") == 4)
        #expect(DisplayWidth.of("ＡＢ１") == 6)
        #expect(DisplayWidth.of("，。") == 4)
        #expect(DisplayWidth.of("e\u{301}") == 1)
    }
}
