import Dispatch
import Synchronization

/// The outcome of running an evaluation set against an index.
public struct EvaluationRun: Sendable {
    /// Means over the judged queries.
    public let metrics: RetrievalMetrics
    /// Per query id, the documents found (ids from file names), best first.
    public let rankings: [String: [String]]
    /// Queries that could not be run (no searchable words, say), with why; they count as
    /// finding nothing.
    public let failures: [(id: String, error: JiansuoError)]
    /// Queries in the set without judgments, left out of the means.
    public let unjudgedQueries: Int
}

extension Searcher {
    /// Runs every query and measures the document rankings against `qrels`. A query's text
    /// is searched as plain words, never as query syntax (questions hold quotes and brackets
    /// that mean nothing special); its ranked passages (`options.limit` of them) become a
    /// document ranking by file stem, each document at the rank of its best passage. Queries
    /// run on `threads` threads; the searcher is shared.
    public func evaluate(
        _ queries: [EvaluationQuery], qrels: [String: Set<String>], options: SearchOptions, threads: Int
    ) throws(JiansuoError) -> EvaluationRun {
        guard options.limit >= 0 else { throw .invalidArgument("limit must be ≥ 0, not \(options.limit)") }
        let next = Atomic<Int>(0)
        let outcomes = Mutex<[Result<[String], JiansuoError>?]>(Array(repeating: nil, count: queries.count))
        DispatchQueue.concurrentPerform(iterations: max(1, min(threads, queries.count))) { _ in
            while case let index = next.wrappingAdd(1, ordering: .relaxed).oldValue, index < queries.count {
                let outcome: Result<[String], JiansuoError>
                do throws(JiansuoError) {
                    outcome = .success(try documentRanking(queries[index].text, options: options))
                } catch {
                    outcome = .failure(error)
                }
                outcomes.withLock { $0[index] = outcome }
            }
        }
        var rankings: [String: [String]] = [:]
        var failures: [(id: String, error: JiansuoError)] = []
        let results = outcomes.withLock { $0 }
        for (index, query) in queries.enumerated() {
            switch results[index] {
            case .success(let ranking): rankings[query.id] = ranking
            case .failure(let error): failures.append((query.id, error))
            case nil: failures.append((query.id, .internalError("query not run")))
            }
        }
        let asked = Set(queries.map(\.id))
        let judged = qrels.filter { asked.contains($0.key) }
        return EvaluationRun(
            metrics: Evaluation.metrics(rankings: rankings, qrels: judged), rankings: rankings, failures: failures,
            unjudgedQueries: asked.filter { qrels[$0]?.isEmpty ?? true }.count)
    }

    /// Documents of the ranked passages for `text`, in the order of their best passage.
    func documentRanking(_ text: String, options: SearchOptions) throws(JiansuoError) -> [String] {
        var rankingOnly = options
        rankingOnly.highlights = false
        let results = try search(Query(.words(text)), options: rankingOnly)
        var seen = Set<String>()
        var ranking: [String] = []
        for hit in results.hits {
            let id = Evaluation.documentID(path: hit.path)
            if seen.insert(id).inserted { ranking.append(id) }
        }
        return ranking
    }
}
