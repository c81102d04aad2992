import ArgumentParser
import Jiansuo

struct EvalCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eval",
        abstract: "Measure ranking quality on a query set: MRR@10, Recall@10, Recall@100, nDCG@10.",
        discussion: """
            Each query is searched as plain words (any may match, by default), its best \
            passages become a ranking of documents identified by file name without \
            extension, and the ranking is scored against the judgments. With --docs the \
            folder is indexed first (into --index if given, else a temporary index). Example:
              jiansuo eval --docs ../shared/eval/cmrc2018/docs \\
                --queries ../shared/eval/cmrc2018/queries-dev.tsv --qrels ../shared/eval/cmrc2018/qrels-dev.tsv
            """
    )

    @Option(help: "Queries: id<TAB>text per line.")
    var queries: String

    @Option(help: "Judgments: query<TAB>document per line, or TREC 'query 0 document relevance'.")
    var qrels: String

    @Option(help: "Index this folder first (the documents to rank).")
    var docs: String?

    @Option(help: "The index to search (or to build, with --docs; default: Index, or a temporary one with --docs).")
    var index: String?

    @Option(help: "With --docs: segment with this user dictionary (see `jiansuo index --dictionary`).")
    var dictionary: String?

    @Option(help: "How a query's words combine: any (default; questions are long) or all.")
    var `operator`: DefaultOperator = .any

    @OptionGroup var ranking: RankingOptions

    @Option(help: "Passages retrieved per query (documents are ranked from them).")
    var limit = 100

    @Option(help: "Queries run at once (default: one per core).")
    var threads: Int?

    @Flag(help: "Print JSON.")
    var json = false

    @Option(name: .customLong("run"), help: "Also write each query's document ranking to this file, in TREC run format (for trec_eval and failure analysis).")
    var runFile: String?

    func validate() throws {
        guard limit > 0 else { throw ValidationError("--limit must be > 0") }
        if let threads, threads <= 0 { throw ValidationError("--threads must be > 0") }
    }

    func run() throws {
        let threads = self.threads ?? IndexWriter.coreCount
        let clock = ContinuousClock()
        var temporary: TemporaryDirectory?
        if docs != nil && index == nil { temporary = try TemporaryDirectory(prefix: "jiansuo-eval") }
        defer { temporary?.remove() }
        let directory = temporary?.path ?? index ?? "Index"

        let indexingStarted = clock.now
        if let docs {
            try reportingErrors { () throws(JiansuoError) in
                let writer = try IndexWriter(
                    directory: directory, threads: threads, dictionary: try UserDictionary.make(contentsOfOptional: dictionary))
                let report = try writer.addFolder(docs)
                for skipped in report.skipped { Terminal.printWarning("skipped \(skipped.reason)") }
                try writer.commit()
            }
        }
        let indexingSeconds = NumberFormatting.seconds(clock.now - indexingStarted)

        let searchStarted = clock.now
        let options = try ranking.searchOptions(limit: limit, defaultOperator: `operator`)
        let run = try reportingErrors { () throws(JiansuoError) in
            let querySet = try Evaluation.readQueries(path: queries)
            let judgments = try Evaluation.readQrels(path: qrels)
            let outcome = try Searcher(directory: directory).evaluate(querySet, qrels: judgments, options: options, threads: threads)
            if let runFile { try outcome.writeTRECRun(order: querySet.map(\.id), toFile: runFile) }
            return (outcome, querySet.count)
        }
        let searchSeconds = NumberFormatting.seconds(clock.now - searchStarted)
        guard run.0.metrics.queries > 0 else {
            Terminal.printError("none of the \(NumberFormatting.grouped(run.1)) queries of \(queries) has a judgment in \(qrels)")
            throw ExitCode.failure
        }
        for failure in run.0.failures.prefix(5) {
            Terminal.printWarning("query \(failure.id) could not be run: \(failure.error)")
        }
        if json {
            print(Self.json(run.0, asked: run.1, limit: limit, searchSeconds: searchSeconds))
        } else {
            print(Self.text(
                run.0, asked: run.1, limit: limit, indexingSeconds: docs == nil ? nil : indexingSeconds,
                searchSeconds: searchSeconds), terminator: "")
        }
    }

    /// The measures, each with the depth of ranking it needs: one deeper than `--limit`
    /// passages cannot be measured (a ranking of 5 has no Recall@100).
    static func measures(_ metrics: RetrievalMetrics) -> [(name: String, key: String, depth: Int, value: Double)] {
        [
            ("MRR@10", "mrrAt10", 10, metrics.mrrAt10), ("Recall@10", "recallAt10", 10, metrics.recallAt10),
            ("Recall@100", "recallAt100", 100, metrics.recallAt100), ("nDCG@10", "ndcgAt10", 10, metrics.ndcgAt10),
        ]
    }

    static func text(
        _ run: EvaluationRun, asked: Int, limit: Int, indexingSeconds: Double?, searchSeconds: Double
    ) -> String {
        let metrics = run.metrics
        let rows = [["judged queries", NumberFormatting.grouped(metrics.queries)]]
            + measures(metrics).filter { $0.depth <= limit }.map { [$0.name, NumberFormatting.decimal($0.value, places: 4)] }
        var output = TextTable.render(header: ["measure", "value"], rows: rows)
        let unmeasured = measures(metrics).filter { $0.depth > limit }.map(\.name)
        if !unmeasured.isEmpty {
            output += "Not measured with --limit \(limit): \(unmeasured.joined(separator: ", ")).\n"
        }
        output += "\(NumberFormatting.grouped(asked)) queries; \(NumberFormatting.grouped(run.unjudgedQueries)) without judgments, "
            + "\(NumberFormatting.grouped(run.failures.count)) could not be run.\n"
        if let indexingSeconds { output += "Indexed the documents in \(NumberFormatting.decimal(indexingSeconds, places: 2)) s. " }
        output += "Searched in \(NumberFormatting.decimal(searchSeconds, places: 2)) s "
            + "(\(NumberFormatting.decimal(Double(asked) / max(searchSeconds, 1e-9), places: 0)) queries/s).\n"
        return output
    }

    /// Measures deeper than `limit` are `null`.
    static func json(_ run: EvaluationRun, asked: Int, limit: Int, searchSeconds: Double) -> String {
        let counts: [(key: String, value: String)] = [
            ("queries", String(asked)), ("judgedQueries", String(run.metrics.queries)),
            ("unjudgedQueries", String(run.unjudgedQueries)), ("failedQueries", String(run.failures.count)),
        ]
        let values = measures(run.metrics).map { measure in
            (key: measure.key, value: measure.depth <= limit ? JSONText.number(measure.value) : "null")
        }
        return JSONText.object(counts + values + [("searchSeconds", JSONText.number(searchSeconds))])
    }
}
