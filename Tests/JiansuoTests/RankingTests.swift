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
            "代表建议", options: SearchOptions(defaultOperator: .any, proximity: false, characterBigrams: false, characters: false, questionWordsScore: true)).hits
        #expect(plain.count == 2 && plain[0].score == plain[1].score)
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
