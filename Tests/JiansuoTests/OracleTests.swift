import Testing
@testable import Jiansuo

/// The index must return exactly the passages a brute-force scan of the same analyzed
/// text finds, for terms and phrases sampled from the real government work reports.
@Suite(.enabled(if: TestSupport.sharedIsAvailable, Comment(rawValue: TestSupport.sharedMissing)))
struct OracleTests {
    struct Key: Hashable {
        let path: String
        let range: Range<Int>
    }

    func indexed(_ searcher: Searcher, _ elements: [[String]]) throws -> Set<Key> {
        Set(try searcher.allMatches(AnalyzedQuery(elements: elements), years: nil).map { Key(path: $0.path, range: $0.passageRange) })
    }

    func scanned(_ corpus: SharedCorpusIndex, _ phrase: [String]) -> Set<Key> {
        Set(corpus.scan(phrase).keys.map { Key(path: corpus.passages[$0].path, range: corpus.passages[$0].range) })
    }

    @Test func termQueriesFindExactlyThePassagesContainingTheTerm() throws {
        let corpus = try #require(SharedCorpusIndex.governmentReports)
        var generator = SeededGenerator(state: 1954)
        let vocabulary = Array(Set(corpus.passages.flatMap(\.terms))).sorted()
        // Half drawn by occurrence (common words), half uniformly from the vocabulary (rare ones).
        var sample = Set<String>()
        while sample.count < 100 {
            let passage = corpus.passages.randomElement(using: &generator)!
            if let term = passage.terms.randomElement(using: &generator) { sample.insert(term) }
        }
        while sample.count < 220 { sample.insert(vocabulary.randomElement(using: &generator)!) }
        for term in sample.sorted() {
            let expected = scanned(corpus, [term])
            #expect(try indexed(corpus.searcher, [[term]]) == expected, "term \(term)")
        }
    }

    @Test func phraseQueriesFindExactlyThePassagesContainingThePhrase() throws {
        let corpus = try #require(SharedCorpusIndex.governmentReports)
        var generator = SeededGenerator(state: 1978)
        var tested = 0
        while tested < 200 {
            let passage = corpus.passages.randomElement(using: &generator)!
            let length = Int.random(in: 2...3, using: &generator)
            guard passage.terms.count >= length else { continue }
            let start = Int.random(in: 0...(passage.terms.count - length), using: &generator)
            let phrase = Array(passage.terms[start..<start + length])
            let expected = scanned(corpus, phrase)
            #expect(expected.contains(Key(path: passage.path, range: passage.range)))
            #expect(try indexed(corpus.searcher, [phrase]) == expected, "phrase \(phrase)")
            tested += 1
        }
    }

    @Test func quotedQueriesTypedAsTextMatchTheScan() throws {
        let corpus = try #require(SharedCorpusIndex.governmentReports)
        let analyzer = try Analyzer()
        for query in ["代表建议", "人民代表大会", "改革开放", "經濟建設", "１９９５年", "社会主义现代化", "五年计划"] {
            let phrase = try analyzer.tokens(in: query).map(\.term)
            let found = Set(try corpus.searcher.allMatches("\"\(query)\"").map { Key(path: $0.path, range: $0.passageRange) })
            #expect(found == scanned(corpus, phrase), "query \(query)")
            #expect(!found.isEmpty, "query \(query) should occur in the reports")
        }
    }

    @Test func aTraditionalQueryFindsTheTraditional1954Report() throws {
        let corpus = try #require(SharedCorpusIndex.governmentReports)
        let matches = try corpus.searcher.allMatches("\"会议\"", years: 1954...1954)
        #expect(!matches.isEmpty)
        #expect(matches.allSatisfy { $0.path.contains("/1954/") })
        let traditional = try corpus.searcher.allMatches("會議", years: 1954...1954)
        #expect(Set(traditional) == Set(matches))
    }
}
