/// The JSON of ranked results, shared by `jiansuo search --json` and the HTTP API so both
/// give the same keys.
extension SearchResults {
    /// `{"query", "total", "total_relation", "hits": [{"rank", "score", "year", "path", "document", "title",
    /// "passage": {"start", "end"}, "section": [heading, …], "text", "highlights",
    /// "highlightsUTF16", "snippet": {"text", "highlights", "highlightsUTF16"}}]}`. `passage`
    /// is the passage's UTF-8 byte range in its document; `section` the headings it stands
    /// under, outermost first (`[]` before the first heading); `highlights` are UTF-8 byte
    /// ranges into `text` (the snippet's, into its own text), and `highlightsUTF16` the same
    /// ranges in UTF-16 code units, as JavaScript indexes strings; `document` is the `DocumentID`.
    /// `total_relation` is `"eq"` when `total` is exact and `"gte"` when it is a lower bound
    /// (as Elasticsearch says it).
    public func json(query: String, snippetCharacters: Int) -> String {
        JSONText.object(jsonFields(query: query, snippetCharacters: snippetCharacters))
    }

    /// The fields of `json(…)`, for a caller that adds its own; hits from `offset` on, ranked
    /// from `offset + 1`.
    public func jsonFields(query: String, snippetCharacters: Int, offset: Int = 0) -> [(key: String, value: String)] {
        let hits = hits.enumerated().dropFirst(offset).map { rank, hit in
            let snippet = hit.snippet(maxCharacters: snippetCharacters)
            return JSONText.object([
                "rank": String(rank + 1),
                "score": JSONText.number(hit.score),
                "year": JSONText.optional(hit.year),
                "path": JSONText.string(hit.path),
                "document": JSONText.string(DocumentID.of(path: hit.path)),
                "title": JSONText.string(hit.title),
                "passage": JSONText.object([
                    "start": String(hit.passageRange.lowerBound), "end": String(hit.passageRange.upperBound),
                ]),
                "section": JSONText.array(hit.section.map(JSONText.string)),
                "text": JSONText.string(hit.text),
                "highlights": JSONText.ranges(hit.highlights),
                "highlightsUTF16": JSONText.ranges(UTF16Ranges.of(hit.highlights, in: hit.text)),
                "snippet": JSONText.object([
                    "text": JSONText.string(snippet.text), "highlights": JSONText.ranges(snippet.highlights),
                    "highlightsUTF16": JSONText.ranges(UTF16Ranges.of(snippet.highlights, in: snippet.text)),
                ]),
            ])
        }
        return [
            ("query", JSONText.string(query)), ("total", String(totalMatches)),
            ("total_relation", JSONText.string(totalIsExact ? "eq" : "gte")), ("hits", JSONText.array(hits)),
        ]
    }
}
