import Foundation
import Testing
@testable import Jiansuo

/// Retrieval measures on hand-made runs, against values worked out by hand.
@Suite struct EvaluationTests {
    @Test func measuresOfAHandMadeRunMatchTheHandComputedValues() {
        let filler = (1...60).map { "x\($0)" }
        let rankings: [String: [String]] = [
            "q1": ["d5", "d1", "d7"],                   // relevant at rank 2
            "q2": ["d2", "d8", "d9", "d3"],             // two relevant, at ranks 1 and 4
            "q3": [],                                   // nothing found
            "q4": Array(filler.prefix(49)) + ["d50"],   // relevant at rank 50
        ]
        let qrels: [String: Set<String>] = ["q1": ["d1"], "q2": ["d2", "d3"], "q3": ["d9"], "q4": ["d50"]]
        // By hand. q1: RR 1/2; R@10 1; nDCG (1/log2 3) / 1 = 0.630930.
        // q2: RR 1; R@10 1; DCG 1 + 1/log2 5 = 1.430677, ideal 1 + 1/log2 3 = 1.630930 → 0.877215.
        // q3: all 0. q4: RR 0, R@10 0, R@100 1, nDCG 0.
        let metrics = Evaluation.metrics(rankings: rankings, qrels: qrels)
        #expect(metrics.queries == 4)
        #expect(abs(metrics.mrrAt10 - (0.5 + 1) / 4) < 1e-9)
        #expect(abs(metrics.recallAt10 - 2.0 / 4) < 1e-9)
        #expect(abs(metrics.recallAt100 - 3.0 / 4) < 1e-9)
        #expect(abs(metrics.ndcgAt10 - (0.630930 + 0.877215) / 4) < 1e-6)

        let q1 = Evaluation.metrics(ranking: ["d5", "d1"], relevant: ["d1"])
        #expect(q1.mrrAt10 == 0.5)
        #expect(abs(q1.ndcgAt10 - 1 / log2(3.0)) < 1e-12)
        // A relevant document at rank 11 is beyond MRR@10 and Recall@10, within Recall@100.
        let late = Evaluation.metrics(ranking: Array(filler.prefix(10)) + ["d1"], relevant: ["d1"])
        #expect(late.mrrAt10 == 0 && late.recallAt10 == 0 && late.recallAt100 == 1)
    }

    @Test func documentIDsAreFileStems() {
        #expect(Evaluation.documentID(path: "/data/cmrc2018/docs/DEV_12.txt") == "DEV_12")
        #expect(Evaluation.documentID(path: "docs/1147-5.txt") == "1147-5")
        #expect(Evaluation.documentID(path: "plain") == "plain")
    }

    @Test func queryAndJudgmentFilesAreReadAsWritten() throws {
        let folder = TestSupport.temporaryDirectory("eval-files")
        let queries = folder.appendingPathComponent("queries.tsv"), qrels = folder.appendingPathComponent("qrels.tsv")
        try Data("q1\t 有空格的问题 \r\nq2\t第二个问题\n".utf8).write(to: queries)
        try Data("q1\td1\nq2 0 d2 1\nq2 0 d3 0\n".utf8).write(to: qrels)
        let read = try Evaluation.readQueries(path: queries.path)
        #expect(read == [EvaluationQuery(id: "q1", text: " 有空格的问题 "), EvaluationQuery(id: "q2", text: "第二个问题")])
        #expect(try Evaluation.readQrels(path: qrels.path) == ["q1": ["d1"], "q2": ["d2"]])
    }

    @Test func searcherRanksDocumentsByTheirBestPassage() throws {
        let directory = TestSupport.temporaryDirectory("eval-index").path
        let writer = try IndexWriter(directory: directory)
        try writer.addText("长江是中国最长的河流，全长六千三百公里。", path: "docs/river.txt")
        try writer.addText("黄河是中国第二长的河流。", path: "docs/yellow.txt")
        try writer.addText("泰山位于山东省。", path: "docs/mountain.txt")
        try writer.commit()
        let searcher = try Searcher(directory: directory)
        let queries = [
            EvaluationQuery(id: "a", text: "中国最长的河流是哪一条？"),
            EvaluationQuery(id: "b", text: "泰山在哪个省？"),
            EvaluationQuery(id: "c", text: "，。"),  // no searchable words: fails, counts as nothing found
        ]
        let run = try searcher.evaluate(
            queries, qrels: ["a": ["river"], "b": ["mountain"], "c": ["yellow"]],
            options: SearchOptions(limit: 100, defaultOperator: .any), threads: 2)
        #expect(run.rankings["a"]?.first == "river")
        #expect(run.rankings["b"] == ["mountain"])
        #expect(run.failures.map(\.id) == ["c"])
        #expect(run.metrics.queries == 3)
        #expect(abs(run.metrics.mrrAt10 - 2.0 / 3) < 1e-9)
        // The TREC run holds each ranked document once, in the queries' order; a query that
        // could not run has no lines.
        let lines = run.trecRun(order: ["b", "c", "a"]).split(separator: "\n")
        #expect(lines.first == "b Q0 mountain 1 1 jiansuo")
        #expect(lines.count == 1 + (run.rankings["a"]?.count ?? 0))
        #expect(lines.dropFirst().allSatisfy { $0.hasPrefix("a Q0 ") })
    }
}
