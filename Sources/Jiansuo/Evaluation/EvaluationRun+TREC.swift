extension EvaluationRun {
    /// The rankings in TREC run format, `query Q0 document rank score run` per line, queries
    /// in `order`: what trec_eval reads, and what a failure analysis needs per question.
    /// Rankings keep no scores, so the score column falls with the rank.
    public func trecRun(order: [String], name: String = "jiansuo") -> String {
        var text = ""
        for query in order {
            guard let ranking = rankings[query] else { continue }
            for (index, document) in ranking.enumerated() {
                text += "\(query) Q0 \(document) \(index + 1) \(ranking.count - index) \(name)\n"
            }
        }
        return text
    }

    /// Writes `trecRun(order:)` to `path`.
    public func writeTRECRun(order: [String], toFile path: String) throws(JiansuoError) {
        try FileSystem.writeDurably(Array(trecRun(order: order).utf8), to: path)
    }
}
