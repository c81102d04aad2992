import ArgumentParser
import Jiansuo

/// The ranking options `search` and `eval` share, so both rank alike by default.
struct RankingOptions: ParsableArguments {
    @Option(help: "BM25 term-frequency saturation.")
    var k1 = BM25().k1

    @Option(help: "BM25 length normalization, 0–1.")
    var b = BM25().b

    @Option(help: "BM25L's shift of each present term's length-normalized frequency, so long passages holding a word once are not scored as if they lacked it; 0: textbook BM25.")
    var delta = BM25().delta

    @Option(help: "Score typed words standing together in the passage: on (default) or off.")
    var proximity: Switch = .on

    @Option(help: "Score pairs of typed Han characters standing together: on (default) or off.")
    var characterBigrams: Switch = .on

    @Option(help: "Score each typed Han character found in the passage: on (default) or off.")
    var characters: Switch = .on

    @Option(help: "Let question words (什么, 哪, 多少, 是否 …) score: on, or off (default: they only match). On, with the three above off and --delta 0: textbook BM25.")
    var questionWords: Switch = .off

    /// Search options with these settings.
    func searchOptions(limit: Int, scope: ScopeOptions? = nil, defaultOperator: DefaultOperator) throws -> SearchOptions {
        SearchOptions(
            limit: limit, years: try scope?.range(), collection: scope?.collection, source: scope?.source,
            bm25: BM25(k1: k1, b: b, delta: delta), defaultOperator: defaultOperator,
            proximity: proximity == .on, characterBigrams: characterBigrams == .on, characters: characters == .on,
            questionWordsScore: questionWords == .on)
    }
}
