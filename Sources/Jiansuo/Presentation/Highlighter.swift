/// Finds where a query's words and phrases stand in a passage, by analyzing the passage
/// again exactly as it was indexed.
struct Highlighter {
    let plan: QueryPlan

    /// Sorted, disjoint byte ranges into `text.utf8`; touching ranges are joined, so the
    /// adjacent words of `代表|建议` light up as one.
    func highlights(in text: String, analyzer: Analyzer) throws(JiansuoError) -> [Range<Int>] {
        let leaves = plan.leaves.filter(\.highlighted)
        guard !leaves.isEmpty else { return [] }
        let tokens = try analyzer.tokens(in: text)
        var ranges: [Range<Int>] = []
        var words = Set<String>()
        for leaf in leaves {
            switch leaf.kind {
            case .term(let term):
                words.insert(term)
            case .near(let terms, _):
                words.formUnion(terms)
            case .wordPhrase(let terms):
                ranges += Self.runs(of: terms, in: tokens.map(\.term)).map {
                    tokens[$0.lowerBound].byteRange.lowerBound..<tokens[$0.upperBound - 1].byteRange.upperBound
                }
            case .characters(let characters):
                let found = analyzer.phraseCharacters(in: text)
                ranges += Self.runs(of: characters, in: found.map(\.scalar)).map {
                    found[$0.lowerBound].byteRange.lowerBound..<found[$0.upperBound - 1].byteRange.upperBound
                }
            }
        }
        ranges += tokens.filter { words.contains($0.term) }.map(\.byteRange)
        return Self.merged(ranges)
    }

    /// Index ranges where `needle` occurs in `haystack`.
    static func runs<Element: Equatable>(of needle: [Element], in haystack: [Element]) -> [Range<Int>] {
        guard !needle.isEmpty, haystack.count >= needle.count else { return [] }
        return (0...(haystack.count - needle.count)).filter { start in
            needle.indices.allSatisfy { haystack[start + $0] == needle[$0] }
        }.map { $0..<$0 + needle.count }
    }

    static func merged(_ ranges: [Range<Int>]) -> [Range<Int>] {
        var merged: [Range<Int>] = []
        for range in ranges.sorted(by: { $0.lowerBound < $1.lowerBound }) {
            if let last = merged.last, range.lowerBound <= last.upperBound {
                merged[merged.count - 1] = last.lowerBound..<max(last.upperBound, range.upperBound)
            } else {
                merged.append(range)
            }
        }
        return merged
    }
}
