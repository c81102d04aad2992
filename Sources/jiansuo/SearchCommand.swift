import ArgumentParser
import Jiansuo

extension DefaultOperator: ExpressibleByArgument {}

/// Options shared by the commands that run a query.
struct QueryOptions: ParsableArguments {
    @Argument(help: "The query: words (all required) and \"quoted phrases\".")
    var query: [String]

    @Option(help: "Only passages of this year.")
    var year: Int?

    @Option(help: "Only passages of these years, e.g. 2010-2020.")
    var years: String?

    var queryText: String { query.joined(separator: " ") }

    func yearRange() throws -> ClosedRange<Int>? {
        if let year {
            guard years == nil else { throw ValidationError("give --year or --years, not both") }
            return year...year
        }
        guard let years else { return nil }
        let bounds = years.split(separator: "-", omittingEmptySubsequences: false).map { Int($0) }
        guard bounds.count == 2, let low = bounds[0], let high = bounds[1], low <= high else {
            throw ValidationError("--years takes FIRST-LAST, such as 2010-2020, not '\(years)'")
        }
        return low...high
    }
}

struct SearchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "search",
        abstract: "Show the passages that best match a query, ranked by BM25.",
        discussion: """
            Every word is required; a "quoted phrase" must occur as written. Examples:
              jiansuo search 代表建议
              jiansuo search '"代表建议" 办结率' --years 2019-2022 --limit 5
              jiansuo search 人大代表 --json | jq '.hits[].path'
            """
    )

    @OptionGroup var queryOptions: QueryOptions
    @OptionGroup var location: IndexLocation

    @Option(help: "How many passages to show.")
    var limit = 10

    @Option(help: "BM25 term-frequency saturation.")
    var k1 = 1.2

    @Option(help: "BM25 length normalization, 0–1.")
    var b = 0.75

    @Option(help: "How words without an operator combine: all (every word required) or any.")
    var `operator`: DefaultOperator = .all

    @Flag(help: "Print JSON: score, year, path, title, passage byte range, text, highlight byte ranges.")
    var json = false

    @Option(help: "Colour highlights: auto (on a terminal), always or never.")
    var color: ColorChoice = .auto

    func run() throws {
        let options = SearchOptions(
            limit: limit, years: try queryOptions.yearRange(), bm25: BM25(k1: k1, b: b), defaultOperator: `operator`)
        let results = try reportingErrors { () throws(JiansuoError) in
            try Searcher(directory: location.index).search(queryOptions.queryText, options: options)
        }
        if json {
            print(Self.json(results, query: queryOptions.queryText))
        } else {
            print(Self.text(results, colored: color.enabled), terminator: "")
        }
    }

    static func json(_ results: SearchResults, query: String) -> String {
        let hits = results.hits.enumerated().map { rank, hit in
            JSONText.object([
                "rank": String(rank + 1),
                "score": JSONText.number(hit.score),
                "year": JSONText.optional(hit.year),
                "path": JSONText.string(hit.path),
                "title": JSONText.string(hit.title),
                "passage": JSONText.object([
                    "start": String(hit.passageRange.lowerBound), "end": String(hit.passageRange.upperBound),
                ]),
                "text": JSONText.string(hit.text),
                "highlights": JSONText.array(hit.highlights.map {
                    JSONText.array([String($0.lowerBound), String($0.upperBound)])
                }),
            ])
        }
        return JSONText.object([
            "query": JSONText.string(query), "total": String(results.totalMatches), "hits": JSONText.array(hits),
        ])
    }

    static func text(_ results: SearchResults, colored: Bool) -> String {
        guard !results.hits.isEmpty else { return "No passages match.\n" }
        var output = ""
        for (rank, hit) in results.hits.enumerated() {
            let year = hit.year.map(String.init) ?? "----"
            var header = "\(rank + 1). \(Format.decimal(hit.score, places: 3))  \(year)  \(hit.path)"
            // The title, unless it only repeats the file name.
            if !hit.title.isEmpty && !Self.fileName(hit.path).hasPrefix(hit.title) { header += "  《\(hit.title)》" }
            output += (colored ? Terminal.boldOn + header + Terminal.reset : header) + "\n"
            output += "   " + PassageDisplay.render(hit.text, highlights: hit.highlights, colored: colored) + "\n\n"
        }
        let shown = results.hits.count
        output += "\(shown) of \(Format.grouped(results.totalMatches)) matching passages.\n"
        return output
    }

    private static func fileName(_ path: String) -> String {
        path.split(separator: "/").last.map(String.init) ?? path
    }
}
