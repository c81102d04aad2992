/// The JSON of what an index holds, shared by `jiansuo stats --json` and the HTTP API.
extension IndexStatistics {
    public func json() -> String {
        JSONText.object([
            "documents": String(documents),
            "passages": String(passages),
            "tokens": String(tokens),
            "distinctTerms": String(distinctTerms),
            "textBytes": String(textBytes),
            "segments": String(segments),
            "generation": String(generation),
            "documentsByYear": JSONText.array(documentsByYear.map {
                JSONText.object(["year": String($0.year), "documents": String($0.documents)])
            }),
            "documentsOfUnknownYear": String(documentsOfUnknownYear),
            "bytesByFileKind": JSONText.array(bytesByFileKind.map {
                JSONText.object(["kind": JSONText.string($0.kind), "bytes": String($0.bytes)])
            }),
        ])
    }
}
