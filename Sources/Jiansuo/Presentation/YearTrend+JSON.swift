/// The JSON of a query's counts by year, shared by `jiansuo count --json` and the HTTP API.
extension Array where Element == YearTrend {
    /// `{"query", "counted", "years": [{"year", "documents", "passages", "occurrences",
    /// "characters", "per10kCharacters"}]}`, `year` null for documents of unknown year;
    /// `counted` (what occurrences are, `Query.countedDescription`) only when given.
    public func json(query: String, counted: String? = nil) -> String {
        JSONText.object([("query", JSONText.string(query))] + (counted.map { [("counted", JSONText.string($0))] } ?? []) + [
            ("years", JSONText.array(map {
                JSONText.object([
                    "year": JSONText.optional($0.year), "documents": String($0.documents),
                    "passages": String($0.passages), "occurrences": String($0.occurrences),
                    "characters": String($0.characters),
                    "per10kCharacters": JSONText.number($0.occurrencesPer10kCharacters),
                ])
            })),
        ])
    }
}
