/// Finds where a query's words and phrases stand in a passage, by analyzing the passage
/// again exactly as it was indexed.
struct Highlighter {
    let query: AnalyzedQuery

    /// Sorted, disjoint byte ranges into `text.utf8`; touching ranges are joined, so the
    /// adjacent words of `代表|建议` light up as one.
    func highlights(in text: String, analyzer: Analyzer) throws(JiansuoError) -> [Range<Int>] {
        let tokens = try analyzer.tokens(in: text)
        var ranges: [Range<Int>] = []
        for element in query.elements {
            guard tokens.count >= element.count else { continue }
            for start in 0...(tokens.count - element.count)
            where element.indices.allSatisfy({ tokens[start + $0].term == element[$0] }) {
                ranges.append(tokens[start].byteRange.lowerBound..<tokens[start + element.count - 1].byteRange.upperBound)
            }
        }
        ranges.sort { $0.lowerBound < $1.lowerBound }
        var merged: [Range<Int>] = []
        for range in ranges {
            if let last = merged.last, range.lowerBound <= last.upperBound {
                merged[merged.count - 1] = last.lowerBound..<max(last.upperBound, range.upperBound)
            } else {
                merged.append(range)
            }
        }
        return merged
    }
}
