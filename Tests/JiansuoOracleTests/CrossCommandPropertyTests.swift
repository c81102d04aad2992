import Foundation
import Testing
@testable import Jiansuo

/// Properties every query must keep, over query shapes generated from the real reports
/// (words, runs, phrases, OR, NOT, parentheses, proximity, year filters): no crash; search's
/// total equals the passages counted and listed; a phrase's concordance lines equal its
/// counted occurrences and its highlights; `a b` with `--operator any` equals `a OR b`.
@Suite(.enabled(if: TestSupport.sharedIsAvailable, Comment(rawValue: TestSupport.sharedMissing)))
struct CrossCommandPropertyTests {
    /// Builds queries from random stretches of real passages.
    struct QueryGenerator {
        let corpus: SharedCorpusIndex
        var random: SeededGenerator

        /// A few consecutive words of a random passage, typed together or apart.
        mutating func words(maximum: Int = 3) -> String {
            while true {
                let passage = corpus.passages.randomElement(using: &random)!
                let terms = passage.terms.filter { $0.unicodeScalars.allSatisfy { !$0.properties.isWhitespace } }
                let length = Int.random(in: 1...maximum, using: &random)
                guard terms.count >= length else { continue }
                let start = Int.random(in: 0...(terms.count - length), using: &random)
                let separator = Bool.random(using: &random) ? " " : ""
                return terms[start..<start + length].joined(separator: separator)
            }
        }

        /// One word, as the index holds it.
        mutating func word() -> String {
            words(maximum: 1)
        }

        /// A quoted run of 1–6 characters of a random passage's text.
        mutating func phrase() -> String {
            while true {
                let characters = corpus.passages.randomElement(using: &random)!.characters
                let length = Int.random(in: 1...6, using: &random)
                guard characters.count >= length else { continue }
                let start = Int.random(in: 0...(characters.count - length), using: &random)
                let text = String(String.UnicodeScalarView(characters[start..<start + length].compactMap(Unicode.Scalar.init)))
                guard !text.contains("\""), !text.contains("~") else { continue }
                return "\"\(text)\""
            }
        }

        /// A query of a random shape.
        mutating func query() -> String {
            switch Int.random(in: 0..<8, using: &random) {
            case 0: words()
            case 1: phrase()
            case 2: "\(word()) OR \(phrase())"
            case 3: "\(words()) -\(word())"
            case 4: "(\(word()) OR \(word())) \(word())"
            case 5: "\"\(word()) \(word())\"~\(Int.random(in: 0...8, using: &random))"
            case 6: "\(words()) year:\(Int.random(in: 1954...2000, using: &random))..\(Int.random(in: 2000...2025, using: &random))"
            default: "\(phrase()) NOT \(phrase())"
            }
        }
    }

    static func isHan(_ scalar: Unicode.Scalar) -> Bool {
        (0x3400...0x9FFF).contains(scalar.value) || (0x20000...0x3FFFF).contains(scalar.value)
    }

    static func totalPassages(_ counts: [YearCount]) -> Int { counts.reduce(0) { $0 + $1.passages } }
    static func totalOccurrences(_ counts: [YearCount]) -> Int { counts.reduce(0) { $0 + $1.occurrences } }

    @Test func searchCountAndMatchesAgreeOnEveryShape() throws {
        let corpus = try #require(SharedCorpusIndex.governmentReports)
        let searcher = corpus.searcher
        var generator = QueryGenerator(corpus: corpus, random: SeededGenerator(state: 10))
        for _ in 0..<120 {
            let query = generator.query()
            let counts: [YearCount]
            do {
                counts = try searcher.countByYear(query)
            } catch let error {
                // Only a query of nothing searchable (punctuation) may be refused.
                guard case .malformedQuery = error else { throw error }
                continue
            }
            let passages = Self.totalPassages(counts)
            #expect(try searcher.allMatches(query).count == passages, "\(query)")
            for limit in [0, 1, 10, Int.max] {
                let results = try searcher.search(query, options: SearchOptions(limit: limit))
                #expect(results.totalMatches == passages || !results.totalIsExact, "\(query) limit \(limit)")
                #expect(results.totalMatches <= passages, "\(query) limit \(limit)")
                let exact = try searcher.search(query, options: SearchOptions(limit: limit, exactTotalUpTo: Int.max))
                #expect(exact.totalMatches == passages && exact.totalIsExact, "\(query) limit \(limit)")
                #expect(exact.hits == results.hits, "\(query) limit \(limit)")
                #expect(results.hits.count == min(limit, passages), "\(query) limit \(limit)")
            }
            let grouped = try searcher.searchGroupedByDocument(query, options: SearchOptions(limit: 5))
            #expect(grouped.totalMatches == passages || !grouped.totalIsExact, "\(query) grouped")
            #expect(Set(grouped.hits.map(\.path)).count == grouped.hits.count, "\(query): a document twice")
            let any = try searcher.search(query, options: SearchOptions(limit: 0, defaultOperator: .any))
            #expect(any.totalMatches >= passages, "\(query): any finds less than all")
        }
    }

    /// For a phrase or a run of words typed together, every count of its occurrences agrees:
    /// the occurrences counted, the concordance lines (in every order, at every width) and
    /// the highlights of all its passages.
    @Test func aPhrasesLinesOccurrencesAndHighlightsAgree() throws {
        let corpus = try #require(SharedCorpusIndex.governmentReports)
        let searcher = corpus.searcher
        var generator = QueryGenerator(corpus: corpus, random: SeededGenerator(state: 20))
        for index in 0..<60 {
            let query = index % 2 == 0 ? generator.phrase() : generator.words().replacingOccurrences(of: " ", with: "")
            // Only runs of Han characters are matched as typed; `元1956` is two required words,
            // whose occurrences count complete matches (`YearCount.occurrences`), not highlights.
            if !query.hasPrefix("\""), !query.unicodeScalars.allSatisfy(Self.isHan), try Analyzer().tokens(in: query).count > 1 {
                continue
            }
            guard let counts = try? searcher.countByYear(query) else { continue }
            let occurrences = Self.totalOccurrences(counts)
            let hits = try searcher.search(query, options: SearchOptions(limit: Int.max)).hits
            #expect(hits.reduce(0) { $0 + $1.highlights.count } == occurrences, "\(query): highlights")
            for order in ConcordanceOrder.allCases {
                let lines = try searcher.concordance(query, options: ConcordanceOptions(contextWidth: order == .year ? 0 : 20, order: order))
                #expect(lines.count == occurrences, "\(query) \(order): concordance lines")
            }
            // A run of Han characters ICU splits is matched as typed: exactly as the phrase.
            let isPhrase = query.hasPrefix("\"")
            let wordCount = try Analyzer().tokens(in: query).count
            guard isPhrase || (query.unicodeScalars.allSatisfy(Self.isHan) && wordCount > 1) else { continue }
            let quoted = query.hasPrefix("\"") ? query : "\"\(query)\""
            #expect(Self.totalOccurrences(try searcher.countByYear(quoted)) == occurrences, "\(query) = \(quoted)")
            #expect(Self.totalPassages(try searcher.countByYear(quoted)) == Self.totalPassages(counts), "\(query) = \(quoted)")
        }
    }

    @Test func anyOperatorEqualsOr() throws {
        let corpus = try #require(SharedCorpusIndex.governmentReports)
        let searcher = corpus.searcher
        var generator = QueryGenerator(corpus: corpus, random: SeededGenerator(state: 30))
        for _ in 0..<60 {
            let (a, b) = (generator.word(), generator.word())
            guard let asAny = try? searcher.search("\(a) \(b)", options: SearchOptions(limit: 0, defaultOperator: .any))
            else { continue }
            #expect(try searcher.search("\(a) OR \(b)", options: SearchOptions(limit: 0)).totalMatches == asAny.totalMatches, "\(a) \(b)")
            // Runs typed together stay runs under either operator.
            let (c, d) = (generator.words(), generator.words())
            let runs = try searcher.search("\(c) \(d)", options: SearchOptions(limit: 0, defaultOperator: .any))
            let alternatives = try searcher.search("\(c) OR \(d)", options: SearchOptions(limit: 0, defaultOperator: .any))
            #expect(runs.totalMatches == alternatives.totalMatches, "\(c) \(d)")
        }
    }

    /// The documents of a ranking are the same however the index is segmented: an index
    /// built in many small commits ranks exactly as one built at once, ties included.
    @Test func equalScoresAreOrderedByPathNotBySegment() throws {
        let documents = (0..<24).map { index in
            (path: String(format: "reports/%02d.txt", (index * 7) % 24),
             text: "人大代表提出建议。政协委员提出提案。" + String(repeating: "其他内容。", count: index % 3))
        }
        let whole = TestSupport.temporaryDirectory("ties-whole").path
        let writer = try IndexWriter(directory: whole)
        for document in documents { try writer.addText(document.text, path: document.path, year: 2020) }
        try writer.commit()
        let pieces = TestSupport.temporaryDirectory("ties-pieces").path
        for document in documents.reversed() {
            let writer = try IndexWriter(directory: pieces, mode: .open)
            writer.mergePolicy = MergePolicy(segmentsPerTier: 100)
            try writer.addText(document.text, path: document.path, year: 2020)
            try writer.commit()
        }
        for query in ["人大代表 OR 政协委员", "\"提出\"", "代表", "建议 提案"] {
            for pruning in [true, false] {
                let options = SearchOptions(limit: 15, pruning: pruning)
                let a = try Searcher(directory: whole).search(query, options: options).hits
                let b = try Searcher(directory: pieces).search(query, options: options).hits
                #expect(a.map(\.path) == b.map(\.path), "\(query) pruning \(pruning)")
                #expect(a.map(\.score) == b.map(\.score), "\(query) pruning \(pruning)")
                // Among equal scores, paths ascend.
                for (first, second) in zip(a, a.dropFirst()) where first.score == second.score {
                    #expect(first.path <= second.path, "\(query)")
                }
            }
        }
    }
}
