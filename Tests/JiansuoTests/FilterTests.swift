import Testing
@testable import Jiansuo

/// `collection:`, `source:` and disjoint years (`(year:2017 OR year:2023)`), in queries and
/// as options: each equal to filtering the list of every match by hand, in every method.
@Suite struct FilterTests {
    static let index: String = {
        let directory = TestSupport.temporaryDirectory("filters").path
        do {
            let writer = try IndexWriter(directory: directory)
            try writer.addText("代表建议很多。\n\n代表建议办结。\n", path: "reports/gov-work-reports/2017/a.txt", year: 2017, source: "国务院")
            try writer.addText("人大代表提出代表建议。\n", path: "reports/gov-work-reports/2020/b.txt", year: 2020, source: "国务院")
            try writer.addText("代表建议。\n", path: "reports/provincial-2026/c.txt", year: 2023, source: "湖北省人民政府")
            try writer.addText("代表建议和意见。\n", path: "reports/provincial-2026/e.txt", year: 2017)
            try writer.addText("没有。\n", path: "reports/provincial-2026/d.txt", year: 2023)
            _ = try writer.commit()
        } catch {
            preconditionFailure("\(error)")
        }
        return directory
    }()

    static func paths(_ locations: [PassageLocation]) -> Set<String> { Set(locations.map(\.path)) }

    @Test func queryFiltersSelectWhatFilteringEveryMatchSelects() throws {
        let searcher = try Searcher(directory: Self.index)
        let all = try searcher.allMatches("代表建议")
        let collection = { (path: String) in try searcher.collection(of: path) }
        let cases: [(query: String, keep: (PassageLocation) throws -> Bool)] = [
            ("代表建议 collection:gov-work-reports", { try collection($0.path) == "gov-work-reports" }),
            ("代表建议 collection:\"provincial-2026\"", { try collection($0.path) == "provincial-2026" }),
            ("代表建议 source:国务院", { $0.source == "国务院" }),
            ("代表建议 (year:2017 OR year:2023)", { $0.year == 2017 || $0.year == 2023 }),
            ("代表建议 (year:2017 OR source:国务院)", { $0.year == 2017 || $0.source == "国务院" }),
            ("代表建议 collection:provincial-2026 year:2017", { try collection($0.path) == "provincial-2026" && $0.year == 2017 }),
            ("代表建议 collection:nowhere", { _ in false }),
        ]
        for (query, keep) in cases {
            let expected = Set(try all.filter(keep).map(\.path))
            #expect(Self.paths(try searcher.allMatches(query)) == expected, "\(query)")
            let results = try searcher.search(query, options: SearchOptions(limit: 100))
            #expect(Set(results.hits.map(\.path)) == expected, "\(query)")
            #expect(results.totalMatches == expected.count, "\(query)")
            let unpruned = try searcher.search(query, options: SearchOptions(limit: 100, pruning: false))
            #expect(unpruned.hits == results.hits, "\(query)")
            let counted = try searcher.countByYear(query).reduce(0) { $0 + $1.passages }
            #expect(counted == expected.count, "\(query)")
            #expect(Set(try searcher.concordance(query).map(\.path)) == expected, "\(query)")
        }
    }

    @Test func optionsFilterAsTheQueryLanguageDoes() throws {
        let searcher = try Searcher(directory: Self.index)
        #expect(try searcher.allMatches("代表建议", options: CountOptions(collection: "gov-work-reports"))
            == searcher.allMatches("代表建议 collection:gov-work-reports"))
        #expect(try searcher.allMatches("代表建议", options: CountOptions(years: 2017...2017, source: "国务院"))
            == searcher.allMatches("代表建议 year:2017 source:国务院"))
        #expect(try searcher.search("代表建议", options: SearchOptions(collection: "provincial-2026")).hits
            == searcher.search("代表建议 collection:provincial-2026").hits)
        #expect(try searcher.concordance("代表建议", options: ConcordanceOptions(source: "国务院"))
            == searcher.concordance("代表建议 source:国务院"))
        // Characters by year follow the same scope, so per-10,000 rates compare like with like.
        let gov = try searcher.charactersByYear(options: CountOptions(collection: "gov-work-reports"))
        #expect(Set(gov.keys) == [2017, 2020])
        let trend = try searcher.trendByYear("代表建议", options: CountOptions(collection: "provincial-2026"))
        #expect(trend.map(\.year) == [2017, 2023])
        #expect(trend.map(\.occurrences) == [1, 1])
    }

    @Test func disjointYearsParseAndMixedOrIsRefused() throws {
        #expect(try Query.parse("代表建议 (year:2017 OR year:2023)").root
            == .and([.words("代表建议"), .or([.years(2017...2017), .years(2023...2023)])]))
        #expect(try Query.parse("source:\"人民日报 海外版\" 代表").root == .and([.source("人民日报 海外版"), .words("代表")]))
        #expect(try Query.parse("collection:gov 代表").root == .and([.collection("gov"), .words("代表")]))
        for (query, message) in [
            ("代表建议 year:2017 OR year:2023", "put their OR in parentheses"),
            ("year:2017 OR year:2023", "only excludes or filters"),
            ("collection: 代表", "collection: needs a word"),
            ("代表 (year:2017 OR 建议)", "each side of OR must search for something"),
        ] {
            #expect(throws: JiansuoError.self, "\(query)") { try Query.parse(query) }
            do {
                _ = try Query.parse(query)
            } catch {
                #expect("\(error)".contains(message), "\(query): \(error)")
            }
        }
    }

    /// README's examples, on folders named as README names them.
    @Test func theCommandsTakeTheFiltersAsOptions() throws {
        let search = try TestSupport.run([
            "search", "代表建议 (year:2017 OR year:2023)", "--collection", "gov-work-reports", "--json", "--index", Self.index,
        ])
        #expect(search.status == 0, "\(search.standardError)")
        #expect(search.standardOutput.contains("\"total\":1"), "\(search.standardOutput)")
        #expect(search.standardOutput.contains("gov-work-reports/2017/a.txt"), "\(search.standardOutput)")
        let count = try TestSupport.run(["count", "\"代表建议\"", "--collection", "provincial-2026", "--by", "year", "--csv", "--index", Self.index])
        #expect(count.status == 0, "\(count.standardError)")
        let rows = count.standardOutput.split(separator: "\n").map { $0.split(separator: ",").prefix(4).joined(separator: ",") }
        #expect(rows.dropFirst() == ["2017,1,1,1", "2023,1,1,1"], "\(count.standardOutput)")
        let sourced = try TestSupport.run(["search", "代表建议", "--source", "国务院", "--json", "--index", Self.index])
        #expect(sourced.status == 0, "\(sourced.standardError)")
        #expect(sourced.standardOutput.contains("\"total\":2"), "\(sourced.standardOutput)")
        let kwic = try TestSupport.run(["kwic", "代表建议 (year:2020 OR year:2023)", "--csv", "--index", Self.index])
        #expect(kwic.status == 0, "\(kwic.standardError)")
        #expect(kwic.standardOutput.split(separator: "\n").count == 3, "\(kwic.standardOutput)")
        let empty = try TestSupport.run(["count", "代表建议", "--collection", " ", "--index", Self.index])
        #expect(empty.status != 0 && empty.standardError.contains("--collection needs a name"), "\(empty.standardError)")
    }
}
