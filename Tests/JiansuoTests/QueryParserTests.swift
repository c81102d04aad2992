import Foundation
import Testing
@testable import Jiansuo

@Suite struct QueryParserTests {
    @Test(arguments: [
        ("代表建议", QueryNode.words("代表建议")),
        ("代表 建议", .and([.words("代表"), .words("建议")])),
        ("代表 AND 建议", .and([.words("代表"), .words("建议")])),
        ("\"代表建议\"", .phrase("代表建议")),
        ("“代表建议”「办理」", .and([.phrase("代表建议"), .phrase("办理")])),
        ("代表 OR 委员", .or([.words("代表"), .words("委员")])),
        ("a OR b OR c", .or([.words("a"), .words("b"), .words("c")])),
        ("a b OR c", .or([.and([.words("a"), .words("b")]), .words("c")])),
        ("a (b OR c)", .and([.words("a"), .or([.words("b"), .words("c")])])),
        ("（代表 OR 委员） 建议", .and([.or([.words("代表"), .words("委员")]), .words("建议")])),
        ("代表 -委员", .and([.words("代表"), .not(.words("委员"))])),
        ("代表 NOT 委员", .and([.words("代表"), .not(.words("委员"))])),
        ("代表 －委员", .and([.words("代表"), .not(.words("委员"))])),
        ("\"代表 建议\"~5", .near("代表 建议", distance: 5)),
        ("代表 year:2019", .and([.words("代表"), .years(2019...2019)])),
        ("代表 year:2010..2020", .and([.words("代表"), .years(2010...2020)])),
        ("代表 year:2010-2020", .and([.words("代表"), .years(2010...2020)])),
        ("5-6 GDP", .and([.words("5-6"), .words("GDP")])),
        ("or and not", .and([.words("or"), .words("and"), .words("not")])),
        ("  代表\t建议 ", .and([.words("代表"), .words("建议")])),
    ])
    func parsesIntoTheExpectedTree(query: String, tree: QueryNode) throws {
        #expect(try Query.parse(query).root == tree)
    }

    @Test(arguments: [
        ("代表 \"建议", 3, "the quote opened here is never closed"),
        ("", 0, "the query is empty"),
        ("   ", 0, "the query is empty"),
        ("(代表 建议", 0, "this parenthesis is never closed"),
        ("代表 建议)", 5, "this parenthesis closes nothing"),
        ("()", 0, "empty parentheses"),
        ("代表 OR", 3, "OR needs something on its right"),
        ("OR 代表", 0, "OR needs something on its left"),
        ("-代表", 0, "the query only excludes or filters; add a word or phrase to search for"),
        ("year:2019", 0, "the query only excludes or filters; add a word or phrase to search for"),
        ("代表 year:19", 3, "year: takes a year or a range, as in 2019, 2010..2020 or 2010-2020, not \"19\""),
        ("代表 year:2020..2010", 3, "year: the range 2020..2010 is reversed"),
        ("代表\u{1}", 2, "a control character (U+0001) is not text to search for"),
        ("\"代表 建议\"~x", 7, "~ must be followed by a distance in words, 0 to 9999, as in \"代表 建议\"~5"),
    ])
    func reportsWhereAMalformedQueryGoesWrong(query: String, position: Int, reason: String) {
        #expect(throws: JiansuoError.malformedQuery(query: query, position: position, reason: reason)) {
            try Query.parse(query)
        }
    }

    /// Random queries — unbalanced quotes and parentheses, operators, control characters,
    /// replacement characters where invalid UTF-8 was, very long strings — must never crash
    /// the parser or the searcher: each parses and runs, or fails with `malformedQuery`.
    @Test func randomQueriesNeverCrashTheParserOrTheSearcher() throws {
        let directory = TestSupport.temporaryDirectory("fuzz").path
        let writer = try IndexWriter(directory: directory)
        try writer.addFolder(TestSupport.repositoryRoot.appendingPathComponent("Corpus").path)
        try writer.commit()
        let searcher = try Searcher(directory: directory)

        let pieces = [
            "代表", "建议", "人大", "\"", "“", "”", "「", "」", "(", ")", "（", "）", " ", "　", "OR", "AND", "NOT", "-", "－",
            "~", "~3", "year:", "year:2020", "year:2019..2022", "..", "\u{0}", "\u{7}", "\t", "\n", "\u{FFFD}", "\u{200B}",
            "經濟", "５Ｇ", "e\u{301}", "😀", "，", "。", "a", "Z", "0", "2023", "::", "\\",
        ]
        var generator = SeededGenerator(state: 100_000)
        let count = Int(ProcessInfo.processInfo.environment["JIANSUO_FUZZ_QUERIES"] ?? "") ?? 100_000
        var parsed = 0, searched = 0
        for round in 0..<count {
            var query = ""
            let length = round % 1_000 == 0 ? 10_000 : Int.random(in: 0...12, using: &generator)
            for _ in 0..<length { query += pieces.randomElement(using: &generator)! }
            do {
                let parsedQuery = try Query.parse(query)
                parsed += 1
                // Searching every parsed query would take minutes in a debug build; one in ten
                // still runs thousands of searches through every operator.
                if round % 10 == 0 {
                    _ = try searcher.search(parsedQuery, options: SearchOptions(limit: 3))
                    _ = try searcher.countByYear(query)
                    searched += 1
                }
            } catch {
                guard case .malformedQuery = error else {
                    Issue.record("query \(query.debugDescription) failed with \(error)")
                    continue
                }
            }
        }
        #expect(parsed > count / 10)
        #expect(searched > count / 100)
    }
}
