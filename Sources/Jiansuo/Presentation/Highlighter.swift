/// Finds where a query's words and phrases stand in a passage, by analyzing the passage
/// again exactly as it was indexed.
struct Highlighter {
    let plan: QueryPlan

    /// Sorted, disjoint byte ranges into `text.utf8`, one per occurrence: touching ranges
    /// stay apart (代表建议代表建议 holds "代表建议" twice), overlapping ones are joined.
    func highlights(in text: String, analyzer: Analyzer) throws(JiansuoError) -> [Range<Int>] {
        Self.merged(try occurrences(in: text, analyzer: analyzer))
    }

    /// Every occurrence of the query's highlighted words and phrases, as byte ranges into
    /// `text.utf8` in text order; occurrences of different leaves may overlap (人大代表建议
    /// holds "人大代表" and "代表建议"). A concordance lists each.
    func occurrences(in text: String, analyzer: Analyzer) throws(JiansuoError) -> [Range<Int>] {
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
        return Set(ranges).sorted { ($0.lowerBound, $0.upperBound) < ($1.lowerBound, $1.upperBound) }
    }

    /// Index ranges where `needle` occurs in `haystack`, left to right, each after the end of
    /// the previous one (as `PositionalMatching.phraseCount` counts them).
    static func runs<Element: Equatable>(of needle: [Element], in haystack: [Element]) -> [Range<Int>] {
        guard !needle.isEmpty, haystack.count >= needle.count else { return [] }
        var found: [Range<Int>] = []
        var start = 0
        while start <= haystack.count - needle.count {
            if needle.indices.allSatisfy({ haystack[start + $0] == needle[$0] }) {
                found.append(start..<start + needle.count)
                start += needle.count
            } else {
                start += 1
            }
        }
        return found
    }

    static func merged(_ ranges: [Range<Int>]) -> [Range<Int>] {
        var merged: [Range<Int>] = []
        for range in ranges.sorted(by: { $0.lowerBound < $1.lowerBound }) {
            if let last = merged.last, range.lowerBound < last.upperBound {
                merged[merged.count - 1] = last.lowerBound..<max(last.upperBound, range.upperBound)
            } else {
                merged.append(range)
            }
        }
        return merged
    }
}
