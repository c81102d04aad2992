import Foundation
@testable import Jiansuo

/// What an index answers, reduced to one comparable value: counts, the documents (path and
/// content hash), and for a few queries every hit (path, passage, score) as a set — hits of
/// equal score may come in another order when the index is split differently.
struct IndexFingerprint: Equatable, CustomStringConvertible {
    var documents = 0
    var passages = 0
    var tokens: UInt64 = 0
    var contents: [String] = []
    var hits: [String: [String]] = [:]
    var counts: [String: [String]] = [:]

    static let queries = ["代表建议", "\"人民代表\"", "经济 发展", "会议", "改革"]

    init(directory: String) throws {
        try self.init(IndexDirectory(directory))
    }

    init(_ directory: IndexDirectory) throws {
        let searcher = try Searcher(directory)
        let statistics = try searcher.statistics()
        documents = statistics.documents
        passages = statistics.passages
        tokens = statistics.tokens
        for (index, segment) in searcher.snapshot.segments.enumerated() {
            for document in 0..<segment.documentCount where !searcher.snapshot.isDeleted(segment: index, document: document) {
                let stored = try segment.document(document)
                contents.append("\(stored.path)#\(stored.contentHash)")
            }
        }
        contents.sort()
        for query in Self.queries {
            hits[query] = try searcher.search(query, options: SearchOptions(limit: 100_000)).hits.map {
                // Scores agree to rounding: sums may be taken in another order.
                "\($0.path)#\($0.passageRange.lowerBound)#\(String(format: "%.9f", $0.score))"
            }.sorted()
            counts[query] = try searcher.countByYear(query).map {
                "\($0.year ?? 0):\($0.documents):\($0.passages):\($0.occurrences)"
            }
        }
    }

    var description: String { "\(documents) documents, \(passages) passages, \(tokens) tokens" }
}
