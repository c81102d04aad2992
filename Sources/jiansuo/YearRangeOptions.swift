import ArgumentParser

/// The `--year Y` / `--years A-B` filter, for commands whose arguments are not one query.
struct YearRangeOptions: ParsableArguments {
    @Option(help: "Only passages of this year.")
    var year: Int?

    @Option(help: "Only passages of these years, e.g. 2010-2020.")
    var years: String?

    func range() throws -> ClosedRange<Int>? {
        try Self.range(year: year, years: years)
    }

    static func range(year: Int?, years: String?) throws -> ClosedRange<Int>? {
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
