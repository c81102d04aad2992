import ArgumentParser
import Jiansuo

struct CountCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "count",
        abstract: "Count a query's matches per year: documents, passages and occurrences.",
        discussion: """
            Exact counts over the whole index (nothing is pruned). Examples:
              jiansuo count 代表建议 --by year
              jiansuo count '"代表建议"' --by year --csv > counts.csv
            """
    )

    enum Grouping: String, ExpressibleByArgument, CaseIterable {
        case year
    }

    @OptionGroup var queryOptions: QueryOptions
    @OptionGroup var location: IndexLocation

    @Option(help: "How to group the counts (year).")
    var by: Grouping = .year

    @Flag(help: "Print CSV: year,documents,passages,occurrences.")
    var csv = false

    @Flag(help: "Print JSON.")
    var json = false

    func validate() throws {
        if csv && json { throw ValidationError("give --csv or --json, not both") }
    }

    func run() throws {
        let years = try queryOptions.yearRange()
        let counts = try reportingErrors { () throws(JiansuoError) in
            try Searcher(directory: location.index).countByYear(queryOptions.queryText, years: years)
        }
        if csv {
            print(Self.csv(counts), terminator: "")
        } else if json {
            print(Self.json(counts, query: queryOptions.queryText))
        } else {
            print(Self.table(counts), terminator: "")
        }
    }

    static func label(_ year: Int?) -> String {
        year.map(String.init) ?? "unknown"
    }

    static func csv(_ counts: [YearCount]) -> String {
        "year,documents,passages,occurrences\n" + counts.map {
            "\($0.year.map(String.init) ?? ""),\($0.documents),\($0.passages),\($0.occurrences)\n"
        }.joined()
    }

    static func json(_ counts: [YearCount], query: String) -> String {
        JSONText.object([
            "query": JSONText.string(query),
            "years": JSONText.array(counts.map {
                JSONText.object([
                    "year": JSONText.optional($0.year), "documents": String($0.documents),
                    "passages": String($0.passages), "occurrences": String($0.occurrences),
                ])
            }),
        ])
    }

    static func table(_ counts: [YearCount]) -> String {
        guard !counts.isEmpty else { return "No passages match.\n" }
        let total = counts.reduce(into: (documents: 0, passages: 0, occurrences: 0)) {
            $0.documents += $1.documents
            $0.passages += $1.passages
            $0.occurrences += $1.occurrences
        }
        let header = ["year", "documents", "passages", "occurrences"]
        var rows = counts.map { [label($0.year), Format.grouped($0.documents), Format.grouped($0.passages), Format.grouped($0.occurrences)] }
        rows.append([
            "total", Format.grouped(total.documents), Format.grouped(total.passages), Format.grouped(total.occurrences),
        ])
        return TextTable.render(header: header, rows: rows, separatorBeforeLastRow: true)
    }
}
