import Testing
@testable import Jiansuo

/// Top-k with block-max pruning must return exactly what scoring every match returns:
/// the same passages, in the same order, with the same scores, and the same match count.
@Suite
struct PruningTests {
    /// Pruned and exhaustive search agree for several limits and year filters.
    static func expectPrunedEqualsExhaustive(
        _ parsed: Query, _ query: String, _ searcher: Searcher, defaultOperator: DefaultOperator = .all
    ) throws {
        for limit in [1, 10, 50] {
            for years in [nil, 1980...2000] as [ClosedRange<Int>?] {
                // Totals exact too (`exactTotalUpTo` is tested below).
                var options = SearchOptions(
                    limit: limit, years: years, defaultOperator: defaultOperator, highlights: false, exactTotalUpTo: Int.max)
                let fast = try searcher.search(parsed, options: options)
                options.pruning = false
                let exhaustive = try searcher.search(parsed, options: options)
                #expect(fast.hits == exhaustive.hits, "\(query) limit \(limit) years \(String(describing: years))")
                #expect(fast.totalMatches == exhaustive.totalMatches, "\(query)")
            }
        }
    }

    /// The same for each of `queries` that parses; returns how many of them `isPruned` says
    /// take a pruned path (with the default ranking's plan).
    static func expectPrunedEqualsExhaustive(
        _ queries: [String], _ searcher: Searcher, defaultOperator: DefaultOperator = .all,
        isPruned: (QueryPlan) -> Bool
    ) throws -> Int {
        var pruned = 0
        for query in queries {
            guard let parsed = try? Query.parse(query) else { continue }
            try expectPrunedEqualsExhaustive(parsed, query, searcher, defaultOperator: defaultOperator)
            let plan = try QueryPlan(
                parsed, analyzer: Analyzer(), defaultOperator: defaultOperator, proximity: true, characterBigrams: true,
                characters: true, questionWordsScore: false)
            if isPruned(plan) { pruned += 1 }
        }
        return pruned
    }

    @Test func prunedTopKEqualsExhaustiveScoring() throws {
        let corpus = try #require(SharedCorpusIndex.governmentReports)
        var generator = SeededGenerator(state: 128)
        var queries = ["代表建议", "代表建议 NOT 办理", "经济 发展 NOT \"社会\"", "经济 发展", "人民", "的", "社会主义现代化建设", "改革开放 year:1990..2010", "代表 建议 人民",
                       "改革开放 (year:1985 OR year:2005)", "经济 发展 (year:1980..1990 OR year:2015..2020)"]
        // Real text: one to four consecutive words of random passages, typed as one query.
        while queries.count < 300 {
            let passage = corpus.passages.randomElement(using: &generator)!
            let length = Int.random(in: 1...4, using: &generator)
            guard passage.terms.count >= length else { continue }
            let start = Int.random(in: 0...(passage.terms.count - length), using: &generator)
            let words = passage.terms[start..<start + length]
            switch Int.random(in: 0..<4, using: &generator) {
            case 0: queries.append(words.joined(separator: " "))
            case 1: queries.append(words.joined())  // a typed run: a required character phrase
            case 2: queries.append("\"" + words.joined() + "\"")
            default:  // an exclusion: a word or a quoted run of another passage
                let other = corpus.passages.randomElement(using: &generator)!.terms.prefix(2)
                let excluded = Bool.random(using: &generator) ? String(other.first ?? "的") : "\"" + other.joined() + "\""
                queries.append(words.joined(separator: " ") + " NOT " + excluded)
            }
        }
        let pruned = try Self.expectPrunedEqualsExhaustive(queries, corpus.searcher) { PrunedConjunction($0) != nil }
        // Typed runs, quoted phrases (character phrases) and exclusions take the pruned path as
        // words do.
        #expect(pruned == queries.count, "every query of words and phrases should take the pruned path")
    }

    @Test func prunedDisjunctionsEqualExhaustiveScoring() throws {
        let corpus = try #require(SharedCorpusIndex.governmentReports)
        var generator = SeededGenerator(state: 256)
        var queries = ["代表 OR 委员", "营商环境 OR 乡村振兴", "\"代表建议\" OR \"人民代表\"", "的 OR 和 OR 是", "经济 OR 社会 OR 文化 OR 生态", "改革开放 OR 现代化",
                       "(代表 OR 委员) (year:1990..1995 OR year:2010)"]
        // Two to four words of one random passage, as alternatives.
        while queries.count < 200 {
            let passage = corpus.passages.randomElement(using: &generator)!
            let words = Array(Set(passage.terms)).sorted()
            let count = Int.random(in: 2...4, using: &generator)
            guard words.count >= count else { continue }
            // Each alternative a word, a typed run of two words, or a quoted run.
            let alternatives = words.shuffled(using: &generator).prefix(count).map { word in
                switch Int.random(in: 0..<3, using: &generator) {
                case 0: word
                case 1: word + (passage.terms.randomElement(using: &generator) ?? "")
                default: "\"" + word + (passage.terms.randomElement(using: &generator) ?? "") + "\""
                }
            }
            queries.append(alternatives.joined(separator: " OR "))
        }
        let pruned = try Self.expectPrunedEqualsExhaustive(queries, corpus.searcher) { PrunedDisjunction($0) != nil }
        // A run joined to a number or Latin letters (2017百分, 5g增长) is two required leaves, a
        // shape MaxScore does not take; the rest are pruned (204 of 205 on the real reports,
        // 163 on the generated ones that stand in without ../shared, numbers in most words).
        #expect(pruned > 150, "alternatives of words, typed runs and phrases should take the pruned path")
    }

    /// With any word enough (`--operator any`, what evaluation and the bench's OR form run),
    /// a query's words and typed runs are one OR with the pairs of the whole query beside it.
    @Test func anyWordQueriesEqualExhaustiveScoring() throws {
        let corpus = try #require(SharedCorpusIndex.governmentReports)
        var generator = SeededGenerator(state: 512)
        var queries = ["高质量 发展", "代表建议", "营商环境 乡村振兴", "人民 国家 改革", "全过程人民民主"]
        // Two to five consecutive words of a random passage, typed apart or run together.
        while queries.count < 150 {
            let passage = corpus.passages.randomElement(using: &generator)!
            let length = Int.random(in: 2...5, using: &generator)
            guard passage.terms.count >= length else { continue }
            let start = Int.random(in: 0...(passage.terms.count - length), using: &generator)
            let words = passage.terms[start..<start + length]
            queries.append(words.map { $0 + (Bool.random(using: &generator) ? " " : "") }.joined())
        }
        let pruned = try Self.expectPrunedEqualsExhaustive(queries, corpus.searcher, defaultOperator: .any) {
            PrunedDisjunction($0) != nil || PrunedConjunction($0) != nil
        }
        #expect(pruned > 120, "queries of words and typed runs should take a pruned path with any word enough")
    }

    /// Past `exactTotalUpTo`, pruned search stops counting what it skips: the hits stay the
    /// same, the total becomes a lower bound and says so, in the API and in JSON.
    @Test func aTotalPastTheCountLimitIsALowerBoundAndSaysSo() throws {
        let corpus = try #require(SharedCorpusIndex.governmentReports)
        var lowerBounds = 0
        // Words, disjunctions, a quoted phrase and typed runs (required character phrases).
        for query in ["发展", "经济 OR 社会", "人民 国家", "的 OR 和", "人民 OR 国家 OR 发展", "\"发展\"", "\"人民\"", "经济发展",
                      "社会主义 OR 现代化"] {
            let exact = try corpus.searcher.search(query, options: SearchOptions(limit: 3, exactTotalUpTo: Int.max))
            let bounded = try corpus.searcher.search(query, options: SearchOptions(limit: 3, exactTotalUpTo: 50))
            let counted = try corpus.searcher.countByYear(query).reduce(0) { $0 + $1.passages }
            #expect(exact.totalIsExact && exact.totalMatches == counted, "\(query)")
            #expect(exact.json(query: query, snippetCharacters: 40).contains(#""total_relation":"eq""#))
            #expect(bounded.hits == exact.hits, "\(query)")
            // Exact still where pruning skipped nothing it would have had to count.
            if bounded.totalIsExact {
                #expect(bounded.totalMatches == counted, "\(query)")
            } else {
                lowerBounds += 1
                #expect(bounded.totalMatches >= 50 && bounded.totalMatches <= counted, "\(query)")
                #expect(bounded.json(query: query, snippetCharacters: 40).contains(#""total_relation":"gte""#))
            }
        }
        #expect(lowerBounds >= 4, "common words, phrases and runs stop counting at the limit")
    }
}
