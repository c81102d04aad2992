import ArgumentParser
import Jiansuo

extension DefaultOperator: ExpressibleByArgument {}

/// Options shared by the commands that run a query.
struct QueryOptions: ParsableArguments {
    // Unrecognized arguments are the query's, so that it may start with an exclusion (-委员).
    @Argument(parsing: .allUnrecognized, help: "The query: words (all required) and \"quoted phrases\".")
    var query: [String] = []

    @OptionGroup var scope: ScopeOptions

    var queryText: String { query.joined(separator: " ") }

    func validate() throws {
        guard !query.isEmpty else { throw ValidationError("give a query, such as 代表建议 or '\"代表建议\"'") }
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
              jiansuo search 人大代表 --group doc      # the best passage of each document
            Long passages are cut to the window with the most highlights, marked with …; \
            --full shows them whole.
            """
    )

    /// What one result is: a passage, or a document shown by its best passage.
    enum Grouping: String, ExpressibleByArgument, CaseIterable {
        case passage, doc
    }

    @OptionGroup var queryOptions: QueryOptions
    @OptionGroup var location: IndexLocation
    @OptionGroup var ranking: RankingOptions

    @Option(parsing: .unconditional, help: "How many passages to show.")
    var limit = 10

    @Option(help: "How words without an operator combine: all (every word required) or any.")
    var `operator`: DefaultOperator = .all

    @Option(help: "What a result is: passage (every passage ranked) or doc (each document's best passage).")
    var group: Grouping = .passage

    @Option(help: "Count matches exactly up to this many; past it the total may be a lower bound (\"at least\"). count is always exact.")
    var exactTotal = SearchOptions.defaultExactTotal

    @Option(help: "Cut passages to this many characters around their most highlights.")
    var snippet = 120

    @Flag(help: "Show whole passages instead of snippets.")
    var full = false

    @Flag(help: "Print JSON: score, year, path, title, passage byte range, section path, text, highlight byte ranges, snippet.")
    var json = false

    @Option(help: "Colour highlights: auto (on a terminal), always or never.")
    var color: ColorChoice = .auto

    func validate() throws {
        guard limit >= 0 else { throw ValidationError("--limit must be ≥ 0, not \(limit)") }
        guard snippet > 0 else { throw ValidationError("--snippet must be > 0 characters") }
        guard exactTotal >= 0 else { throw ValidationError("--exact-total must be ≥ 0, not \(exactTotal)") }
    }

    func run() throws {
        var options = try ranking.searchOptions(limit: limit, scope: queryOptions.scope, defaultOperator: `operator`)
        options.exactTotalUpTo = exactTotal
        let results = try reportingErrors { () throws(JiansuoError) in
            let searcher = try Searcher(directory: location.index)
            switch group {
            case .passage: return try searcher.search(queryOptions.queryText, options: options)
            case .doc: return try searcher.searchGroupedByDocument(queryOptions.queryText, options: options)
            }
        }
        if json {
            print(results.json(query: queryOptions.queryText, snippetCharacters: snippet))
        } else {
            print(Self.text(
                results, colored: color.enabled, snippetCharacters: full ? nil : snippet, groupedByDocument: group == .doc),
                terminator: "")
        }
    }

    /// Ranked hits, each a header line and its passage — cut to a snippet of
    /// `snippetCharacters` characters unless that is `nil`.
    static func text(
        _ results: SearchResults, colored: Bool, snippetCharacters: Int? = nil, groupedByDocument: Bool = false
    ) -> String {
        guard !results.hits.isEmpty else {
            return results.totalMatches == 0
                ? "No passages match.\n" : "\(NumberFormatting.grouped(results.totalMatches)) matching passages; none shown (--limit 0).\n"
        }
        var output = ""
        for (rank, hit) in results.hits.enumerated() {
            let year = hit.year.map(String.init) ?? "----"
            var header = "\(rank + 1). \(NumberFormatting.decimal(hit.score, places: 3))  \(year)  \(hit.path)"
            // The title, unless it only repeats the file name.
            if !hit.title.isEmpty && !Self.fileName(hit.path).hasPrefix(hit.title) { header += "  《\(hit.title)》" }
            output += (colored ? Terminal.boldOn + header + Terminal.reset : header) + "\n"
            if !hit.section.isEmpty {
                let section = "   § " + SectionDisplay.text(hit.section, columns: (Terminal.columns ?? 80) - 5)
                output += (colored ? Terminal.dimOn + section + Terminal.reset : section) + "\n"
            }
            let (text, highlights) = snippetCharacters.map { characters in
                let snippet = hit.snippet(maxCharacters: characters)
                return (snippet.text, snippet.highlights)
            } ?? (hit.text, hit.highlights)
            output += "   " + PassageDisplay.render(text, highlights: highlights, colored: colored) + "\n\n"
        }
        let shown = results.hits.count
        // A lower bound says so; `count` gives the exact figure.
        let total = (results.totalIsExact ? "" : "at least ") + NumberFormatting.grouped(results.totalMatches)
        let exactness = results.totalIsExact ? "" : " (count gives the exact number)"
        output += groupedByDocument
            ? "\(shown) documents (the best passage of each); \(total) matching passages\(exactness).\n"
            : "\(shown) of \(total) matching passages\(exactness).\n"
        return output
    }

    private static func fileName(_ path: String) -> String {
        path.split(separator: "/").last.map(String.init) ?? path
    }
}
