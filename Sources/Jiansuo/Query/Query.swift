/// A parsed query.
///
/// Syntax, loosest binding first:
///
///     a OR b          either                     (OR in capitals)
///     a b, a AND b    both                       (the default operator; see `DefaultOperator`)
///     -a, NOT a       not a                      (inside a query that also selects something)
///     (a OR b) c      grouping                   (ASCII or full-width parentheses)
///     "代表建议"       exact phrase               ("…", “…” or 「…」)
///     "代表 建议"~5    the words within 5 words of each other, any order
///     year:2019  year:2010..2020  year:2010-2020  a year filter
///     heading:代表工作  heading:"代表 工作"  only passages under a heading containing it
///                                (folded like phrases; for the whole query, not inside OR)
///     collection:gov-work-reports  only documents of that collection (the top folder)
///     source:新华社  source:"人民日报 海外版"  only documents whose sidecar names that source
///     (year:2017 OR year:2023)   filters joined by OR: passages passing any of them
///
/// Unquoted text is analyzed like documents: `代表建议` is the words 代表 and 建议, each
/// required. A quoted phrase is matched on characters, so it is found wherever its text
/// occurs, however ICU happened to segment it there.
public struct Query: Sendable, Equatable, CustomStringConvertible {
    public let root: QueryNode

    public init(_ root: QueryNode) {
        self.root = root
    }

    /// Parses `text`; a malformed query throws `JiansuoError.malformedQuery` with the
    /// character position of the problem.
    public static func parse(_ text: String) throws(JiansuoError) -> Query {
        var parser = QueryParser(text)
        return Query(try parser.parse())
    }

    /// A year or a range of years as the `year:` filter takes them (`2019`, `2010..2020`,
    /// `2010-2020`), for options that take the same; `JiansuoError.invalidArgument` otherwise.
    public static func yearRange(_ text: String) throws(JiansuoError) -> ClosedRange<Int> {
        do throws(YearRangeError) {
            return try QueryParser.years(text)
        } catch {
            throw .invalidArgument("years: \(error.reason)")
        }
    }

    public var description: String { root.description }
}
