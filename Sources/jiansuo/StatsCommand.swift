import ArgumentParser
import Jiansuo

struct StatsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stats",
        abstract: "Show what the index holds: documents, passages, terms, years, size on disk."
    )

    @OptionGroup var location: IndexLocation

    @Flag(help: "Print JSON.")
    var json = false

    func run() throws {
        let statistics = try reportingErrors { () throws(JiansuoError) in
            try Searcher(directory: location.index).statistics()
        }
        print(json ? statistics.json() : Self.text(statistics), terminator: json ? "\n" : "")
    }

    static func yearsSummary(_ statistics: IndexStatistics) -> String {
        let years = statistics.documentsByYear.map(\.year)
        guard let first = years.first, let last = years.last else { return "none" }
        var summary = "\(first)–\(last) (\(years.count) distinct years)"
        if statistics.documentsOfUnknownYear > 0 {
            summary += ", \(statistics.documentsOfUnknownYear) document(s) of unknown year"
        }
        return summary
    }

    static func text(_ statistics: IndexStatistics) -> String {
        let totalBytes = statistics.bytesByFileKind.reduce(0) { $0 + $1.bytes }
        var output = """
            documents       \(NumberFormatting.grouped(statistics.documents)) (\(NumberFormatting.megabytes(statistics.textBytes)) of text)
            passages        \(NumberFormatting.grouped(statistics.passages)) (\(NumberFormatting.grouped(statistics.passagesWithHeadingYear)) dated by their heading)
            sections        \(NumberFormatting.grouped(statistics.sections))
            tokens          \(NumberFormatting.grouped(Int(statistics.tokens)))
            distinct words  \(NumberFormatting.grouped(statistics.distinctTerms))
            years           \(yearsSummary(statistics))
            segments        \(statistics.segments) (generation \(statistics.generation))

            """
        // Relative to the text; an index without text has no such ratio.
        func ratio(_ bytes: Int) -> String {
            statistics.textBytes == 0 ? "–" : NumberFormatting.decimal(Double(bytes) / Double(statistics.textBytes), places: 3)
        }
        let rows = statistics.bytesByFileKind.map { kind, bytes in [kind, NumberFormatting.grouped(bytes), ratio(bytes)] }
            + [["total", NumberFormatting.grouped(totalBytes), ratio(totalBytes)]]
        output += "\n" + TextTable.render(header: ["file kind", "bytes", "× text"], rows: rows, separatorBeforeLastRow: true)
        return output
    }
}
