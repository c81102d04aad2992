import Foundation
import Testing
@testable import Jiansuo

/// Top-10 scores must equal BM25 computed here from a scan of the analyzed passages.
@Suite
struct BM25Tests {
    /// One part of a query: a word, an exact phrase weighed by its words' idfs, or a typed
    /// run of Han characters ICU splits — required as the contiguous text, scored by its words.
    enum Element {
        case word(String)
        case phrase(text: [UInt32], words: [String])
        case run(text: [UInt32], words: [String])
    }

    /// Textbook BM25 (Lucene's idf), written out independently of the library's `BM25`.
    static func expectedTopScores(
        _ corpus: SharedCorpusIndex, elements: [Element], k1: Double, b: Double, limit: Int
    ) -> [Double] {
        let n = Double(corpus.passages.count)
        let averageLength = Double(corpus.passages.reduce(0) { $0 + $1.terms.count }) / n
        func idf(_ word: String) -> Double {
            let df = Double(corpus.scan([word]).count)
            return log(1 + (n - df + 0.5) / (df + 0.5))
        }
        // What must occur, and what scores: (idf, frequency per passage).
        var required: [[Int: Int]] = []
        var scored: [(idf: Double, frequencies: [Int: Int])] = []
        for element in elements {
            switch element {
            case .word(let word):
                required.append(corpus.scan([word]))
                scored.append((idf(word), required[required.count - 1]))
            case .phrase(let text, let words):
                required.append(corpus.scanCharacters(text))
                scored.append((words.reduce(0) { $0 + idf($1) }, required[required.count - 1]))
            case .run(let text, let words):
                required.append(corpus.scanCharacters(text))
                for word in Set(words).sorted() { scored.append((idf(word), corpus.scan([word]))) }
            }
        }
        let matching = required.dropFirst().reduce(Set(required[0].keys)) { $0.intersection($1.keys) }
        let scores = matching.map { passage in
            let dl = Double(corpus.passages[passage].terms.count)
            return scored.reduce(0.0) { score, element in
                let f = Double(element.frequencies[passage] ?? 0)
                return score + element.idf * f * (k1 + 1) / (f + k1 * (1 - b + b * dl / averageLength))
            }
        }
        return Array(scores.sorted(by: >).prefix(limit))
    }

    /// The query's scored elements, read off its parse tree (words and quoted phrases).
    static func elements(_ query: String, analyzer: Analyzer) throws -> [Element] {
        let root = try Query.parse(query).root
        let clauses: [QueryNode]
        if case .and(let children) = root { clauses = children } else { clauses = [root] }
        var elements: [Element] = []
        for clause in clauses {
            switch clause {
            case .words(let text):
                let words = try analyzer.tokens(in: text).map(\.term)
                if words.count > 1 {  // the test's queries are runs of Han characters
                    elements.append(.run(text: analyzer.phraseText(text).unicodeScalars.map(\.value), words: words))
                } else {
                    elements += words.map(Element.word)
                }
            case .phrase(let text):
                elements.append(.phrase(
                    text: analyzer.phraseText(text).unicodeScalars.map(\.value),
                    words: try analyzer.tokens(in: text).map(\.term)))
            default:
                Issue.record("unexpected clause \(clause)")
            }
        }
        return elements
    }

    @Test(arguments: [
        "代表", "代表 建议", "经济 发展", "\"人民 代表 大会\"", "改革开放", "社会主义 现代化 建设", "\"五年计划\" 工业",
    ])
    func topTenScoresEqualTheFormula(query: String) throws {
        let corpus = try #require(SharedCorpusIndex.governmentReports)
        let analyzer = try Analyzer()
        let elements = try Self.elements(query, analyzer: analyzer)
        for (k1, b) in [(1.2, 0.75), (0.9, 0.4), (2.0, 1.0)] {
            let expected = Self.expectedTopScores(corpus, elements: elements, k1: k1, b: b, limit: 10)
            let options = SearchOptions(limit: 10, bm25: BM25(k1: k1, b: b, delta: 0), proximity: false, characterBigrams: false, characters: false, questionWordsScore: true)
            let actual = try corpus.searcher.search(query, options: options).hits.map(\.score)
            #expect(actual.count == expected.count, "\(query): \(actual.count) hits, expected \(expected.count)")
            for (got, want) in zip(actual, expected) {
                #expect(abs(got - want) <= 1e-6 * abs(want), "\(query) k1=\(k1) b=\(b): \(got) vs \(want)")
            }
        }
    }
}
