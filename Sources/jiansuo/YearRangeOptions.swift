import ArgumentParser
import Jiansuo

/// The `--year Y` / `--years A-B` filter, for commands whose arguments are not one query.
struct YearRangeOptions: ParsableArguments {
    @Option(help: "Only passages of this year.")
    var year: [Int] = []

    @Option(help: "Only passages of these years: 2010-2020, 2010..2020 or 2019 (as year: in a query).")
    var years: String?

    func validate() throws {
        _ = try range()
    }

    func range() throws -> ClosedRange<Int>? {
        try Self.range(year: year, years: years)
    }

    static func range(year: [Int], years: String?) throws -> ClosedRange<Int>? {
        guard year.count <= 1 else {
            throw ValidationError("give --year once (for several years: --years 2010-2020)")
        }
        if let year = year.first {
            guard years == nil else { throw ValidationError("give --year or --years, not both") }
            return year...year
        }
        guard let years else { return nil }
        do throws(JiansuoError) {
            return try Query.yearRange(years)
        } catch {
            throw ValidationError("--\(error.description)")
        }
    }
}
