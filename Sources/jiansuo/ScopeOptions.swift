import ArgumentParser
import Jiansuo

/// What narrows a query's passages besides the query: `--year Y` / `--years A-B`,
/// `--collection NAME`, `--source NAME` (as `year:`, `collection:` and `source:` in a query).
struct ScopeOptions: ParsableArguments {
    @Option(help: "Only passages of this year.")
    var year: [Int] = []

    @Option(help: "Only passages of these years: 2010-2020, 2010..2020 or 2019 (as year: in a query).")
    var years: String?

    @Option(help: "Only documents of this collection: the top folder below the folder all documents share (as collection: in a query; see count --by collection).")
    var collection: String?

    @Option(help: "Only documents whose metadata sidecar names this source (as source: in a query; see count --by source).")
    var source: String?

    func validate() throws {
        _ = try range()
        for (name, value) in [("collection", collection), ("source", source)] {
            if let value, value.allSatisfy(\.isWhitespace) { throw ValidationError("--\(name) needs a name") }
        }
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
