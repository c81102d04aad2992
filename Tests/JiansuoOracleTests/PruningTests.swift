import Testing
@testable import Jiansuo

/// Top-k with block-max pruning must return exactly what scoring every match returns:
/// the same passages, in the same order, with the same scores, and the same match count.
@Suite
struct PruningTests {
    /// Pruned and exhaustive search agree for several limits and year filters.
    static func expectPrunedEqualsExhaustive(_ parsed: Query, _ query: String, _ searcher: Searcher) throws {
        for limit in [1, 10, 50] {
            for years in [nil, 1980...2000] as [ClosedRange<Int>?] {
                var options = SearchOptions(limit: limit, years: years, highlights: false)
                let fast = try searcher.search(parsed, options: options)
                options.pruning = false
                let exhaustive = try searcher.search(parsed, options: options)
                #expect(fast.hits == exhaustive.hits, "\(query) limit \(limit) years \(String(describing: years))")
                #expect(fast.totalMatches == exhaustive.totalMatches, "\(query)")
            }
        }
    }

    @Test func prunedTopKEqualsExhaustiveScoring() throws {
        let corpus = try #require(SharedCorpusIndex.governmentReports)
        var generator = SeededGenerator(state: 128)
        var queries = ["代表建议", "经济 发展", "人民", "的", "社会主义现代化建设", "改革开放 year:1990..2010", "代表 建议 人民"]
        // Real text: one to four consecutive words of random passages, typed as one query.
        while queries.count < 300 {
            let passage = corpus.passages.randomElement(using: &generator)!
            let length = Int.random(in: 1...4, using: &generator)
            guard passage.terms.count >= length else { continue }
            let start = Int.random(in: 0...(passage.terms.count - length), using: &generator)
            let separator = Bool.random(using: &generator) ? " " : ""
            queries.append(passage.terms[start..<start + length].joined(separator: separator))
        }
        var pruned = 0
        for query in queries {
            guard let parsed = try? Query.parse(query) else { continue }
            try Self.expectPrunedEqualsExhaustive(parsed, query, corpus.searcher)
            if PrunedConjunction(try QueryPlan(parsed, analyzer: Analyzer(), proximity: true, characterBigrams: true)) != nil {
                pruned += 1
            }
        }
        // Words typed as one run that ICU splits must stand together (a character phrase),
        // which only exhaustive evaluation handles so far: about half the generated queries.
        #expect(pruned > 150, "most queries of separate words should take the pruned path")
    }

    @Test func prunedDisjunctionsEqualExhaustiveScoring() throws {
        let corpus = try #require(SharedCorpusIndex.governmentReports)
        var generator = SeededGenerator(state: 256)
        var queries = ["代表 OR 委员", "的 OR 和 OR 是", "经济 OR 社会 OR 文化 OR 生态", "改革开放 OR 现代化"]
        // Two to four words of one random passage, as alternatives.
        while queries.count < 200 {
            let passage = corpus.passages.randomElement(using: &generator)!
            let words = Array(Set(passage.terms)).sorted()
            let count = Int.random(in: 2...4, using: &generator)
            guard words.count >= count else { continue }
            queries.append(words.shuffled(using: &generator).prefix(count).joined(separator: " OR "))
        }
        var pruned = 0
        for query in queries {
            guard let parsed = try? Query.parse(query) else { continue }
            try Self.expectPrunedEqualsExhaustive(parsed, query, corpus.searcher)
            if PrunedDisjunction(try QueryPlan(parsed, analyzer: Analyzer(), proximity: true, characterBigrams: true)) != nil {
                pruned += 1
            }
        }
        #expect(pruned > 150, "most queries should take the pruned path")
    }
}
