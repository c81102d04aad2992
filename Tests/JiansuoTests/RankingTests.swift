import Testing
@testable import Jiansuo

@Suite struct RankingTests {
    static func searcher(_ documents: [String: String]) throws -> Searcher {
        let directory = TestSupport.temporaryDirectory("ranking").path
        let writer = try IndexWriter(directory: directory)
        for (path, text) in documents.sorted(by: { $0.key < $1.key }) { try writer.addText(text, path: path) }
        try writer.commit()
        return try Searcher(directory: directory)
    }

    @Test func wordsStandingTogetherRankAboveWordsFarApart() throws {
        // Same words, same length; only where 代表 and 建议 stand differs. Typed as one run,
        // 代表建议 must stand together to match at all, so the words are asked for as alternatives.
        let searcher = try Self.searcher([
            "apart.txt": "代表在会上提出了很多关于教育和医疗的意见，政府认真研究这些建议。",
            "together.txt": "在会上提出了很多关于教育和医疗的意见，政府认真研究这些代表建议。",
        ])
        let ranked = try searcher.search("代表建议", options: SearchOptions(defaultOperator: .any)).hits
        try #require(ranked.map(\.path) == ["together.txt", "apart.txt"])
        #expect(ranked[0].score > ranked[1].score)
        // Plain BM25 cannot tell them apart.
        let plain = try searcher.search(
            "代表建议", options: SearchOptions(
                defaultOperator: .any, proximity: false, characterBigrams: false, characters: false, questionWordsScore: true)).hits
        #expect(plain.count == 2 && plain[0].score == plain[1].score)
    }

    @Test func aProximityPairSaturatesAtItsOwnK1() throws {
        // Both passages hold the same words once, so each is as long as the average (norm 1):
        // what proximity adds to together.txt is the pair's idf (its two words') times BM25L
        // at f = 1 with the pair's k1, whatever k1 the words are given.
        let searcher = try Self.searcher([
            "apart.txt": "代表在会上提出了很多关于教育和医疗的意见，政府认真研究这些建议。",
            "together.txt": "在会上提出了很多关于教育和医疗的意见，政府认真研究这些代表建议。",
        ])
        for k1 in [1.2, 2.0] {
            let bm25 = BM25(k1: k1)
            func score(proximity: Bool) throws -> Double {
                let options = SearchOptions(
                    bm25: bm25, defaultOperator: .any, proximity: proximity, characterBigrams: false, characters: false)
                return try #require(try searcher.search("代表建议", options: options).hits.first { $0.path == "together.txt" }).score
            }
            let idf = 2 * BM25.idf(passageCount: 2, passageFrequency: 2)
            let pair = BM25(k1: QueryPlan.proximityK1, b: bm25.b, delta: bm25.delta)
                .termScore(idf: idf, frequency: 1, length: 1, averageLength: 1)
            let added = try score(proximity: true) - score(proximity: false)
            #expect(abs(added - pair) < 1e-9, "k1 \(k1): proximity added \(added), expected \(pair)")
        }
    }

    @Test func characterPairsRewardTextSegmentedDifferently() throws {
        let searcher = try Self.searcher([
            "pair.txt": "坚持疫情防控和经济社会发展两手抓。",
            "scattered.txt": "坚持防止疫病，情况控制和经济社会发展两手抓。",
        ])
        let hits = try searcher.search("疫情防控", options: SearchOptions(defaultOperator: .all)).hits
        #expect(hits.first?.path == "pair.txt")
    }

    @Test func questionWordsMatchButDoNotScore() throws {
        let searcher = try Self.searcher([
            "asks.txt": "为什么这样做，谁也说不清楚。",
            "answers.txt": "人大代表提出的建议已经全部办结。",
        ])
        let options = SearchOptions(defaultOperator: .any, characters: false)
        let hits = try searcher.search("谁提出的建议", options: options).hits
        #expect(hits.map(\.path) == ["answers.txt", "asks.txt"])
        #expect(hits.last?.score == 0)
        var scoring = options
        scoring.questionWordsScore = true
        #expect(try searcher.search("谁提出的建议", options: scoring).hits.first { $0.path == "asks.txt" }?.score ?? 0 > 0)
    }

    @Test func bm25LShiftKeepsTheTextbookFormulaAtZeroAndTheBoundsPruningUses() {
        let idf = 2.5, averageLength = 40.0
        for (k1, b) in [(1.2, 0.75), (0.4, 0.2), (3.0, 1.0), (0.0, 0.5)] {
            let textbook = BM25(k1: k1, b: b, delta: 0)
            for frequency in 1...6 {
                for length in [1, 10, 40, 400] {
                    let f = Double(frequency), norm = 1 - b + b * Double(length) / averageLength
                    #expect(textbook.termScore(idf: idf, frequency: frequency, length: length, averageLength: averageLength)
                        == idf * f * (k1 + 1) / (f + k1 * norm))
                }
            }
            // Pruning bounds a leaf by its most frequent, shortest passage, and a proximity
            // group by idf · (k1 + 1): with δ the score must still grow with f, fall with
            // length and stay below that.
            for delta in [0.25, 0.5, 2.0] {
                let bm25 = BM25(k1: k1, b: b, delta: delta)
                #expect(bm25.termScore(idf: idf, frequency: 0, length: 10, averageLength: averageLength) == 0)
                for frequency in 1...6 {
                    for length in [1, 10, 40, 400] {
                        // Rounding may differ in the last place where the two sides are equal (k1 = 0).
                        let slack = 1e-12 * idf * (k1 + 1)
                        let score = bm25.termScore(idf: idf, frequency: frequency, length: length, averageLength: averageLength)
                        #expect(score <= idf * (k1 + 1) + slack)
                        #expect(score + slack >= textbook.termScore(idf: idf, frequency: frequency, length: length, averageLength: averageLength))
                        #expect(score <= bm25.termScore(idf: idf, frequency: frequency + 1, length: length, averageLength: averageLength) + slack)
                        #expect(score + slack >= bm25.termScore(idf: idf, frequency: frequency, length: length * 2, averageLength: averageLength))
                    }
                }
            }
        }
    }

    @Test func charactersScoreWhereWordsDiffer() throws {
        // ICU reads 防疫 as one word and 疫情 as another: only the characters meet.
        let searcher = try Self.searcher(["a.txt": "做好防疫工作。", "b.txt": "做好经济工作。"])
        let with = try searcher.search("疫情 工作", options: SearchOptions(defaultOperator: .any)).hits
        #expect(with.first?.path == "a.txt")
        #expect(with[0].score > with[1].score)
        let without = try searcher.search("疫情 工作", options: SearchOptions(defaultOperator: .any, characters: false)).hits
        #expect(without.count == 2 && without[0].score == without[1].score)
    }
}
