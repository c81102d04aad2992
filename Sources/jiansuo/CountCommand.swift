import ArgumentParser
import Jiansuo

extension CountGrouping: ExpressibleByArgument {}

struct CountCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "count",
        abstract: "Count queries' matches per year: documents, passages, occurrences, occurrences per 10,000 characters.",
        discussion: """
            Exact counts over the whole index (nothing is pruned), for every year that has \
            text, with a bar chart of occurrences per 10,000 characters (reports differ in \
            length). Each argument is one query and one series; quote a query that holds \
            spaces ('代表 建议' is one query needing both words). Examples:
              jiansuo count 代表建议 --by year
              jiansuo count '"代表建议"' --by year --csv > counts.csv
              jiansuo count 代表建议 人大代表 --by year --chart trend.svg
            """
    )

    @Argument(help: "One or more queries, each counted as its own series.")
    var queries: [String]

    @OptionGroup var scope: ScopeOptions
    @OptionGroup var location: IndexLocation

    @Option(help: "How to group the counts: year, doc (each document), collection (each top folder) or source (the metadata sidecar's).")
    var by: CountGrouping = .year

    @Flag(help: "Print CSV: [query,]year,documents,passages,occurrences,characters,per_10k_characters (query column with several queries).")
    var csv = false

    @Flag(help: "Print JSON.")
    var json = false

    @Option(help: "Also write an SVG chart of occurrences per 10,000 characters by year to this file (.svg).")
    var chart: String?

    /// Columns of the longest terminal bar (shorter when the terminal is narrow).
    static let barWidth = 40

    func validate() throws {
        if csv && json { throw ValidationError("give --csv or --json, not both") }
        if by != .year, chart != nil { throw ValidationError("--chart draws counts by year; leave out --by \(by.rawValue)") }
        if let chart, !chart.lowercased().hasSuffix(".svg") {
            throw ValidationError("--chart writes SVG: name the file ….svg (then rsvg-convert chart.svg -o chart.png makes a PNG)")
        }
    }

    /// One query's counts: the query as typed, what it counts, its years.
    typealias Series = (query: String, counted: String, trend: [YearTrend])

    func run() throws {
        let years = try scope.range()
        let options = CountOptions(years: years, collection: scope.collection, source: scope.source)
        guard by == .year else { return try runGrouped(options: options) }
        let series = try reportingErrors { () throws(JiansuoError) -> [Series] in
            var counted: [String] = []
            for query in queries { counted.append(try Query.parse(query).countedDescription()) }
            let trends = try Searcher(directory: location.index).trendsByYear(queries, options: options)
            let series = queries.indices.map { (query: queries[$0], counted: counted[$0], trend: trends[$0]) }
            if let chart {
                let drawn = Self.chart(series)
                guard drawn.series.contains(where: { !$0.points.isEmpty }) else {
                    throw .invalidArgument("no chart written to \(chart): no year\(years.map { " in \($0.lowerBound)–\($0.upperBound)" } ?? "") has text")
                }
                try drawn.write(toFile: chart)
            }
            return series
        }
        if csv {
            print(Self.csv(series), terminator: "")
        } else if json {
            print(Self.json(series))
        } else {
            print(Self.tables(series, columns: Terminal.columns), terminator: "")
            if let chart { print("Chart written to \(chart).") }
        }
    }

    /// Counts by document or collection: one table (CSV, JSON) per query, most occurrences first.
    func runGrouped(options: CountOptions) throws {
        let grouping = by
        let series = try reportingErrors { () throws(JiansuoError) in
            let searcher = try Searcher(directory: location.index)
            var series: [(query: String, groups: [GroupCount])] = []
            for query in queries { series.append((query, try searcher.counts(query, by: grouping, options: options))) }
            return series
        }
        if json {
            let objects = series.map { $0.groups.json(query: $0.query, by: grouping) }
            print(series.count == 1 ? objects[0] : JSONText.object(["series": JSONText.array(objects)]))
            return
        }
        let several = series.count > 1
        if csv {
            var output = (several ? "query," : "") + "\(grouping.rawValue),documents,passages,occurrences\n"
            for (query, groups) in series {
                for group in groups {
                    output += CSVText.row((several ? [query] : []) + [
                        group.key, String(group.documents), String(group.passages), String(group.occurrences),
                    ])
                }
            }
            print(output, terminator: "")
            return
        }
        for (index, (query, groups)) in series.enumerated() {
            if several { print((index > 0 ? "\n" : "") + query) }
            guard !groups.isEmpty else { print("No passages match."); continue }
            let rows = groups.map {
                [NumberFormatting.grouped($0.occurrences), NumberFormatting.grouped($0.passages),
                 NumberFormatting.grouped($0.documents), $0.key.isEmpty ? (grouping == .source ? "(none)" : "(top)") : $0.key]
            }
            print(TextTable.render(
                header: ["occurrences", "passages", "documents", grouping == .doc ? "document" : grouping.rawValue],
                rows: rows, lastColumnIsText: true), terminator: "")
        }
    }

    static func label(_ year: Int?) -> String {
        year.map(String.init) ?? "unknown"
    }

    static func rate(_ value: Double) -> String {
        NumberFormatting.decimal(value, places: 3)
    }

    static func csv(_ series: [Series]) -> String {
        let several = series.count > 1
        var output = (several ? "query," : "") + "year,documents,passages,occurrences,characters,per_10k_characters\n"
        for (query, _, trend) in series {
            for year in trend {
                output += CSVText.row((several ? [query] : []) + [
                    year.year.map(String.init) ?? "", String(year.documents), String(year.passages),
                    String(year.occurrences), String(year.characters), String(year.occurrencesPer10kCharacters),
                ])
            }
        }
        return output
    }

    /// One query: `{"query", "counted", "years": […]}`; several: `{"series": [{"query", "years"}, …]}`.
    static func json(_ series: [Series]) -> String {
        let objects = series.map { query, counted, trend in trend.json(query: query, counted: counted) }
        return series.count == 1 ? objects[0] : JSONText.object(["series": JSONText.array(objects)])
    }

    /// One table per query, under what it counts, each row ending in a bar; bars share one
    /// scale across queries so they can be compared. On a terminal of `columns` columns the
    /// bars are shortened so that rows fit.
    static func tables(_ series: [Series], columns: Int? = nil) -> String {
        let maximum = series.flatMap { $0.trend.map(\.occurrencesPer10kCharacters) }.max() ?? 0
        var barWidth = Self.barWidth
        if let columns {
            let widest = series.map { table($0.trend, maximum: maximum, barWidth: 0) }
                .flatMap { $0.split(separator: "\n") }.map { Terminal.displayWidth(String($0)) }.max() ?? 0
            barWidth = max(8, min(Self.barWidth, columns - widest - 3))
        }
        var output = ""
        for (index, (query, counted, trend)) in series.enumerated() {
            output += (index > 0 ? "\n" : "") + "\(query): counting \(counted)\n"
            output += table(trend, maximum: maximum, barWidth: barWidth)
        }
        return output
    }

    static func table(_ trend: [YearTrend], maximum: Double, barWidth: Int = Self.barWidth) -> String {
        guard trend.contains(where: { $0.passages > 0 }) else { return "No passages match.\n" }
        let total = trend.reduce(into: (documents: 0, passages: 0, occurrences: 0, characters: 0)) {
            $0.documents += $1.documents
            $0.passages += $1.passages
            $0.occurrences += $1.occurrences
            $0.characters += $1.characters
        }
        let header = ["year", "documents", "passages", "occurrences", "characters", "per 10k chars", ""]
        var rows = trend.map {
            [
                label($0.year), NumberFormatting.grouped($0.documents), NumberFormatting.grouped($0.passages), NumberFormatting.grouped($0.occurrences),
                NumberFormatting.grouped($0.characters), rate($0.occurrencesPer10kCharacters),
                TextBar.render($0.occurrencesPer10kCharacters, maximum: maximum, width: barWidth),
            ]
        }
        let totalRate = total.characters == 0 ? 0 : Double(total.occurrences) * 10_000 / Double(total.characters)
        rows.append([
            "total", NumberFormatting.grouped(total.documents), NumberFormatting.grouped(total.passages), NumberFormatting.grouped(total.occurrences),
            NumberFormatting.grouped(total.characters), rate(totalRate), "",
        ])
        return TextTable.render(header: header, rows: rows, separatorBeforeLastRow: true, lastColumnIsText: true)
    }

    /// Occurrences per 10,000 characters of every year with text: bars for one query, a
    /// line per query for several.
    static func chart(_ series: [Series]) -> TrendChart {
        TrendChart(
            title: series.map(\.query).joined(separator: " · "),
            subtitle: "每万字出现次数，按年份 · occurrences per 10,000 characters, by year",
            valueAxisLabel: "每万字出现次数 · per 10,000 characters",
            series: series.map { query, _, trend in
                TrendChart.Series(name: query, points: trend.compactMap { year in
                    guard let value = year.year, year.characters > 0 else { return nil }
                    return TrendChart.Point(year: value, value: year.occurrencesPer10kCharacters)
                })
            })
    }
}
