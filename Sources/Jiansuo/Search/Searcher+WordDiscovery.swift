extension Searcher {
    /// Terms the index's analyzer splits but its text uses as words (`WordDiscovery`), best
    /// first: a dictionary for `IndexWriter(dictionary:)` to review and feed back.
    /// - Parameters:
    ///   - minimumCount: occurrences a term needs to be proposed.
    ///   - limit: at most this many proposals.
    public func proposeWords(minimumCount: Int = 10, limit: Int = 200) throws(JiansuoError) -> [ProposedWord] {
        guard minimumCount >= 1 else { throw .invalidArgument("the minimum count must be ≥ 1, not \(minimumCount)") }
        guard limit >= 0 else { throw .invalidArgument("limit must be ≥ 0, not \(limit)") }
        let analyzer = try analyzer()
        var discovery = WordDiscovery(minimumCount: minimumCount)
        for pass in 0..<2 {
            if pass == 1 { discovery.prepareSecondPass() }
            for (segmentIndex, segment) in snapshot.segments.enumerated() {
                for index in 0..<segment.passageCount where !snapshot.isDeleted(segment: segmentIndex, passage: index) {
                    let passage = try segment.passage(index)
                    let document = try segment.document(Int(passage.document))
                    let bytes = try segment.textBytes(of: document, range: Int(passage.start)..<Int(passage.end))
                    discovery.add(try analyzer.tokens(in: String(decoding: bytes, as: UTF8.self)))
                }
            }
        }
        return Array(discovery.proposals().prefix(limit))
    }
}
