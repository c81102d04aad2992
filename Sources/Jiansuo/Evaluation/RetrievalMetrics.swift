#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Retrieval quality of a ranking against relevance judgments (binary relevance): the
/// measures of ../shared/eval, so ranking changes can be judged by numbers.
public struct RetrievalMetrics: Sendable, Equatable {
    /// Queries the means are over.
    public var queries: Int
    /// Mean reciprocal rank of the first relevant document, 0 when none is in the top 10.
    public var mrrAt10: Double
    /// Mean share of the relevant documents found in the top 10.
    public var recallAt10: Double
    /// Mean share of the relevant documents found in the top 100.
    public var recallAt100: Double
    /// Mean normalized discounted cumulative gain over the top 10: Σ rel_i / log2(i + 1),
    /// divided by the same sum for an ideal ranking.
    public var ndcgAt10: Double

    public init(queries: Int, mrrAt10: Double, recallAt10: Double, recallAt100: Double, ndcgAt10: Double) {
        self.queries = queries
        self.mrrAt10 = mrrAt10
        self.recallAt10 = recallAt10
        self.recallAt100 = recallAt100
        self.ndcgAt10 = ndcgAt10
    }
}

/// A query of an evaluation set.
public struct EvaluationQuery: Sendable, Equatable {
    public let id: String
    public let text: String

    public init(id: String, text: String) {
        self.id = id
        self.text = text
    }
}

public enum Evaluation {
    /// The measures of one ranking (document ids, best first, no repeats) given the
    /// relevant documents; `queries` is 1.
    public static func metrics(ranking: [String], relevant: Set<String>) -> RetrievalMetrics {
        guard !relevant.isEmpty else { return RetrievalMetrics(queries: 1, mrrAt10: 0, recallAt10: 0, recallAt100: 0, ndcgAt10: 0) }
        let firstRelevant = ranking.prefix(10).firstIndex { relevant.contains($0) }
        var dcg = 0.0
        for (index, document) in ranking.prefix(10).enumerated() where relevant.contains(document) {
            dcg += 1 / log2(Double(index + 2))
        }
        var idealDCG = 0.0
        for index in 0..<min(relevant.count, 10) { idealDCG += 1 / log2(Double(index + 2)) }
        func recall(_ k: Int) -> Double {
            Double(Set(ranking.prefix(k)).intersection(relevant).count) / Double(relevant.count)
        }
        return RetrievalMetrics(
            queries: 1, mrrAt10: firstRelevant.map { 1 / Double($0 + 1) } ?? 0, recallAt10: recall(10),
            recallAt100: recall(100), ndcgAt10: dcg / idealDCG)
    }

    /// The mean measures over every query that has judgments; a judged query without a
    /// ranking counts as one that found nothing.
    public static func metrics(rankings: [String: [String]], qrels: [String: Set<String>]) -> RetrievalMetrics {
        var sum = RetrievalMetrics(queries: 0, mrrAt10: 0, recallAt10: 0, recallAt100: 0, ndcgAt10: 0)
        for (query, relevant) in qrels where !relevant.isEmpty {
            let one = metrics(ranking: rankings[query] ?? [], relevant: relevant)
            sum.queries += 1
            sum.mrrAt10 += one.mrrAt10
            sum.recallAt10 += one.recallAt10
            sum.recallAt100 += one.recallAt100
            sum.ndcgAt10 += one.ndcgAt10
        }
        guard sum.queries > 0 else { return sum }
        let count = Double(sum.queries)
        return RetrievalMetrics(
            queries: sum.queries, mrrAt10: sum.mrrAt10 / count, recallAt10: sum.recallAt10 / count,
            recallAt100: sum.recallAt100 / count, ndcgAt10: sum.ndcgAt10 / count)
    }

    /// A document's id in judgments: its file name without the extension (`docs/DEV_12.txt` → `DEV_12`).
    public static func documentID(path: String) -> String {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return name }
        return String(name[..<dot])
    }

    /// Queries from a TSV file: `id<TAB>text` per line. The text is kept as written, spaces
    /// included (some questions begin or end with one).
    public static func readQueries(path: String) throws(JiansuoError) -> [EvaluationQuery] {
        var queries: [EvaluationQuery] = []
        for (number, line) in try lines(of: path).enumerated() where !line.isEmpty {
            guard let tab = line.firstIndex(of: "\t") else {
                throw .invalidArgument("\(path):\(number + 1): expected query id<TAB>text")
            }
            queries.append(EvaluationQuery(id: String(line[..<tab]), text: String(line[line.index(after: tab)...])))
        }
        return queries
    }

    /// Judgments: `query<TAB>document` per line (every listed document relevant), or TREC's
    /// `query 0 document relevance` (relevant when relevance > 0).
    public static func readQrels(path: String) throws(JiansuoError) -> [String: Set<String>] {
        var qrels: [String: Set<String>] = [:]
        for (number, line) in try lines(of: path).enumerated() where !line.isEmpty {
            let fields = line.split(whereSeparator: { $0 == "\t" || $0 == " " }).map(String.init)
            switch fields.count {
            case 2:
                qrels[fields[0], default: []].insert(fields[1])
            case 4:
                guard let relevance = Int(fields[3]) else {
                    throw .invalidArgument("\(path):\(number + 1): relevance '\(fields[3])' is not a number")
                }
                if relevance > 0 {
                    qrels[fields[0], default: []].insert(fields[2])
                } else if qrels[fields[0]] == nil {
                    qrels[fields[0]] = []  // judged, nothing relevant (yet): left out of the means
                }
            default:
                throw .invalidArgument("\(path):\(number + 1): expected query<TAB>document or TREC 'query 0 document relevance'")
            }
        }
        guard !qrels.isEmpty else { throw .invalidArgument("\(path) holds no judgments") }
        return qrels
    }

    private static func lines(of path: String) throws(JiansuoError) -> [String] {
        let bytes = try FileSystem.readFile(path)
        if let offset = bytes.withUnsafeBufferPointer({ UTF8Validation.firstInvalidOffset(in: $0) }) {
            throw .invalidUTF8(path: path, byteOffset: offset)
        }
        // Split the bytes on LF (a String would keep CR LF together as one character) and
        // drop a CR before it: questions keep every other white space.
        return bytes.split(separator: 0x0A, omittingEmptySubsequences: false).map { line in
            String(decoding: line.last == 0x0D ? line.dropLast() : line, as: UTF8.self)
        }
    }
}
