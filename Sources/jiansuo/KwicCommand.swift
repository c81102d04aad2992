import ArgumentParser
import Jiansuo

extension ConcordanceOrder: ExpressibleByArgument {}

struct KwicCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kwic",
        abstract: "Show every hit of a query in its context: left context, hit, right context, aligned.",
        discussion: """
            One line per hit in every matching passage (not only the best ten), the hits \
            aligned in one column; a Han character counts two columns. Examples:
              jiansuo kwic '"代表建议"'
              jiansuo kwic '"代表建议"' --sort left --width 24 --years 2015-2025
              jiansuo kwic 人大代表 --csv > 人大代表.csv
            """
    )

    @OptionGroup var queryOptions: QueryOptions
    @OptionGroup var location: IndexLocation

    @Option(help: "Columns of context on each side of the hit (a Han character takes two).")
    var width = 30

    @Option(help: "Order of the lines: year (then document and position), left (by the words before the hit, read backwards) or right.")
    var sort: ConcordanceOrder = .year

    @Option(parsing: .unconditional, help: "Show at most this many lines (after sorting).")
    var limit: Int?

    @Option(help: "How words without an operator combine: all (every word required) or any.")
    var `operator`: DefaultOperator = .all

    @Flag(help: "Print CSV: year,path,start,end,left,match,right (start and end: the hit's UTF-8 byte range in the document).")
    var csv = false

    @Option(help: "Colour the hits: auto (on a terminal), always or never.")
    var color: ColorChoice = .auto

    func validate() throws {
        guard width >= 0 else { throw ValidationError("--width must be ≥ 0") }
        if let limit, limit < 0 { throw ValidationError("--limit must be ≥ 0") }
    }

    func run() throws {
        let options = ConcordanceOptions(
            contextWidth: width, order: sort, years: try queryOptions.scope.range(),
            collection: queryOptions.scope.collection, source: queryOptions.scope.source, defaultOperator: `operator`)
        let lines = try reportingErrors { () throws(JiansuoError) in
            try Searcher(directory: location.index).concordance(queryOptions.queryText, options: options)
        }
        let shown = limit.map { Array(lines.prefix($0)) } ?? lines
        if csv {
            print(Self.csv(shown), terminator: "")
        } else {
            if !shown.isEmpty || lines.isEmpty {
                print(Self.text(shown, width: width, colored: color.enabled, columns: Terminal.columns), terminator: "")
            }
            if shown.count < lines.count {
                print("\(NumberFormatting.grouped(shown.count)) of \(NumberFormatting.grouped(lines.count)) hits shown.")
            }
        }
    }

    static func csv(_ lines: [ConcordanceLine]) -> String {
        "year,path,start,end,left,match,right\n" + lines.map { line in
            CSVText.row([
                line.year.map(String.init) ?? "", line.path, String(line.matchRange.lowerBound),
                String(line.matchRange.upperBound), line.left, line.match, line.right,
            ])
        }.joined()
    }

    /// Aligned lines: year, left context flush right against the hit, the hit (padded to the
    /// widest), right context, then the document and the section path. Every hit starts in
    /// the same column. On a terminal of `columns` columns the document is its file name, and
    /// it and the section are cut to what fits, so lines do not wrap.
    static func text(_ lines: [ConcordanceLine], width: Int, colored: Bool, columns: Int? = nil) -> String {
        guard !lines.isEmpty else { return "No hits.\n" }
        let matchWidth = lines.map { Terminal.displayWidth($0.match) }.max() ?? 0
        let room = columns.map { $0 - (4 + 2 + width + 2 + matchWidth + 2 + width + 2) }
        var output = ""
        for line in lines {
            var document = line.path
            if let room {
                document = Self.prefix(String(line.path.split(separator: "/").last ?? Substring(line.path)), columns: room)
            }
            if !line.section.isEmpty {
                let left = room.map { $0 - Terminal.displayWidth(document) - 2 }
                if left.map({ $0 >= 6 }) ?? true {
                    document += (document.isEmpty ? "" : "  ") + SectionDisplay.text(line.section, columns: left)
                }
            }
            let year = line.year.map(String.init) ?? "----"
            let padding = String(repeating: " ", count: matchWidth - Terminal.displayWidth(line.match))
            output += year + "  " + Terminal.padLeft(line.left, width) + "  "
                + (colored ? Terminal.highlightOn + line.match + Terminal.reset : line.match) + padding + "  "
                + (document.isEmpty ? line.right : Terminal.padRight(line.right, width) + "  "
                    + (colored ? Terminal.dimOn + document + Terminal.reset : document)) + "\n"
        }
        return output
    }

    /// The longest start of `text` that takes at most `columns` columns.
    static func prefix(_ text: String, columns: Int) -> String {
        var kept = "", used = 0
        for character in text {
            used += Terminal.displayWidth(String(character))
            guard used <= columns else { break }
            kept.append(character)
        }
        return kept
    }
}
