/// The JSON of a query's counts by document, collection or source, shared by `jiansuo count --json`
/// and the HTTP API.
extension Array where Element == GroupCount {
    /// `{"query", "by", "groups": [{"key", "documents", "passages", "occurrences"}]}`.
    public func json(query: String, by grouping: CountGrouping) -> String {
        JSONText.object([
            "query": JSONText.string(query),
            "by": JSONText.string(grouping.rawValue),
            "groups": JSONText.array(map {
                JSONText.object([
                    "key": JSONText.string($0.key), "documents": String($0.documents),
                    "passages": String($0.passages), "occurrences": String($0.occurrences),
                ])
            }),
        ])
    }
}
