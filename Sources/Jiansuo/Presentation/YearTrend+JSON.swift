/// The JSON of a query's counts by year, shared by `jiansuo count --json` and the HTTP API.
extension Array where Element == YearTrend {
    /// `{"query", "years": [{"year", "documents", "passages", "occurrences", "characters",
    /// "per10kCharacters"}]}`, `year` null for documents of unknown year.
    public func json(query: String) -> String {
        JSONText.object([
            "query": JSONText.string(query),
            "years": JSONText.array(map {
                JSONText.object([
                    "year": JSONText.optional($0.year), "documents": String($0.documents),
                    "passages": String($0.passages), "occurrences": String($0.occurrences),
                    "characters": String($0.characters),
                    "per10kCharacters": JSONText.number($0.occurrencesPer10kCharacters),
                ])
            }),
        ])
    }
}
