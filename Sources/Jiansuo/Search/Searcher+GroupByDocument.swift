extension Searcher {
    /// The best passage of each matching document, best first: one hit per document, for
    /// when a long report should not fill the whole list with its paragraphs.
    /// `options.limit` counts documents; `totalMatches` still counts matching passages.
    public func searchGroupedByDocument(_ query: String, options: SearchOptions = SearchOptions()) throws(JiansuoError) -> SearchResults {
        guard options.limit >= 0 else { throw .invalidArgument("limit must be ≥ 0, not \(options.limit)") }
        // Ranked passages are fetched in growing batches until enough distinct documents are
        // seen: a few documents' passages usually fill the top, and highlighting every
        // matching passage of a common word would cost far more than the ranking.
        var fetch = max(32, options.limit.multipliedReportingOverflow(by: 4).overflow ? Int.max : options.limit * 4)
        while true {
            var batchOptions = options
            batchOptions.limit = fetch
            let results = try search(query, options: batchOptions)
            var seen = Set<String>()
            var best: [PassageHit] = []
            for hit in results.hits where best.count < options.limit && seen.insert(hit.path).inserted {
                best.append(hit)
            }
            if best.count == options.limit || results.hits.count >= results.totalMatches {
                return SearchResults(hits: best, totalMatches: results.totalMatches)
            }
            fetch = fetch > Int.max / 4 ? Int.max : fetch * 4
        }
    }
}
