/// The JSON of ranked results, shared by `jiansuo search --json` and the HTTP API so both
/// give the same keys.
extension SearchResults {
    /// `{"query", "total", "hits": [{"rank", "score", "year", "path", "title", "passage":
    /// {"start", "end"}, "text", "highlights", "snippet": {"text", "highlights"}}]}`; byte
    /// ranges are UTF-8 offsets into the passage text (`passage`: into the document).
    public func json(query: String, snippetCharacters: Int) -> String {
        let hits = hits.enumerated().map { rank, hit in
            let snippet = hit.snippet(maxCharacters: snippetCharacters)
            return JSONText.object([
                "rank": String(rank + 1),
                "score": JSONText.number(hit.score),
                "year": JSONText.optional(hit.year),
                "path": JSONText.string(hit.path),
                "title": JSONText.string(hit.title),
                "passage": JSONText.object([
                    "start": String(hit.passageRange.lowerBound), "end": String(hit.passageRange.upperBound),
                ]),
                "text": JSONText.string(hit.text),
                "highlights": JSONText.ranges(hit.highlights),
                "snippet": JSONText.object(["text": JSONText.string(snippet.text), "highlights": JSONText.ranges(snippet.highlights)]),
            ])
        }
        return JSONText.object([
            "query": JSONText.string(query), "total": String(totalMatches), "hits": JSONText.array(hits),
        ])
    }
}
