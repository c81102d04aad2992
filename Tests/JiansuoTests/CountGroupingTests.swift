import Foundation
import Testing
@testable import Jiansuo

/// Counts by document and by collection (`count --by doc|collection`) against counts by
/// year and the list of every match.
@Suite struct CountGroupingTests {
    static func index() throws -> String {
        let directory = TestSupport.temporaryDirectory("count-grouping").path
        let writer = try IndexWriter(directory: directory)
        try writer.addText("代表建议很多。\n\n代表建议办结。\n", path: "reports/gov/2019/a.txt", year: 2019)
        try writer.addText("人大代表提出代表建议。\n", path: "reports/gov/2020/b.txt", year: 2020)
        try writer.addText("代表建议。\n", path: "reports/provincial/c.txt", year: 2021)
        try writer.addText("没有。\n", path: "reports/provincial/d.txt", year: 2021)
        _ = try writer.commit()
        return directory
    }

    @Test func groupsAddUpToTheYearsAndNameTheTopFolders() throws {
        let searcher = try Searcher(directory: Self.index())
        let byDocument = try searcher.counts("代表建议", by: .doc)
        #expect(byDocument.map(\.key) == ["reports/gov/2019/a.txt", "reports/gov/2020/b.txt", "reports/provincial/c.txt"])
        #expect(byDocument.map(\.occurrences) == [2, 1, 1])
        // a.txt's two short paragraphs are one passage (tiny paragraphs stay with the next).
        #expect(byDocument.map(\.passages) == [1, 1, 1])
        let byCollection = try searcher.counts("代表建议", by: .collection)
        #expect(byCollection == [
            GroupCount(key: "gov", documents: 2, passages: 2, occurrences: 3),
            GroupCount(key: "provincial", documents: 1, passages: 1, occurrences: 1),
        ])
        let byYear = try searcher.countByYear("代表建议")
        #expect(byCollection.reduce(0) { $0 + $1.occurrences } == byYear.reduce(0) { $0 + $1.occurrences })
        #expect(byCollection.reduce(0) { $0 + $1.passages } == byYear.reduce(0) { $0 + $1.passages })
        #expect(try searcher.collection(of: "reports/provincial/d.txt") == "provincial")
        #expect(try searcher.counts("代表建议", by: .collection, options: CountOptions(years: 2021...2021)).map(\.key) == ["provincial"])
    }

    @Test func theCommandPrintsThem() throws {
        let index = try Self.index()
        let csv = try TestSupport.run(["count", "代表建议", "--by", "collection", "--csv", "--index", index])
        #expect(csv.status == 0, "\(csv.standardError)")
        #expect(csv.standardOutput == "collection,documents,passages,occurrences\ngov,2,2,3\nprovincial,1,1,1\n")
        let table = try TestSupport.run(["count", "代表建议", "--by", "doc", "--index", index])
        #expect(table.standardOutput.contains("reports/gov/2019/a.txt"))
        let json = try TestSupport.run(["count", "代表建议", "--by", "doc", "--json", "--index", index])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.standardOutput.utf8)) as? [String: Any])
        #expect((object["groups"] as? [[String: Any]])?.count == 3)
        let chart = try TestSupport.run(["count", "代表建议", "--by", "doc", "--chart", "x.svg", "--index", index])
        #expect(chart.status != 0)
    }
}
