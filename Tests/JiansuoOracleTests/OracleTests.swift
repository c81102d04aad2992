import Testing
@testable import Jiansuo

/// The index must return exactly the passages a brute-force scan of the same analyzed
/// text finds, for terms and phrases sampled from the real government work reports.
@Suite
struct OracleTests {
    struct Key: Hashable {
        let path: String
        let range: Range<Int>
    }

    func indexed(_ searcher: Searcher, _ kind: PlanLeaf.Kind) throws -> Set<Key> {
        let plan = QueryPlan(requiring: [PlanLeaf(kind: kind, idfTerms: [], highlighted: true)])
        return Set(try searcher.allMatches(plan).map { Key(path: $0.path, range: $0.passageRange) })
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
            #expect(try indexed(corpus.searcher, .term(term)) == expected, "term \(term)")
        }
    }

    @Test func wordPhrasesFindExactlyThePassagesWithTheWordsInARow() throws {
        let corpus = try #require(SharedCorpusIndex.governmentReports)
        var generator = SeededGenerator(state: 1978)
        for _ in 0..<200 {
            let (passage, phrase) = Self.sample(corpus, lengths: 2...3, of: \.terms, using: &generator)
            let expected = scanned(corpus, phrase)
            #expect(expected.contains(Key(path: passage.path, range: passage.range)))
            #expect(try indexed(corpus.searcher, .wordPhrase(phrase)) == expected, "phrase \(phrase)")
        }
    }

    /// A random run of `lengths` elements (terms or characters) of a random passage.
    static func sample<Element>(
        _ corpus: SharedCorpusIndex, lengths: ClosedRange<Int>, of elements: KeyPath<ScannedPassage, [Element]>,
        using generator: inout SeededGenerator
    ) -> (ScannedPassage, [Element]) {
        while true {
            let passage = corpus.passages.randomElement(using: &generator)!
            let length = Int.random(in: lengths, using: &generator)
            let all = passage[keyPath: elements]
            guard all.count >= length else { continue }
            let start = Int.random(in: 0...(all.count - length), using: &generator)
            return (passage, Array(all[start..<start + length]))
        }
    }

    func scannedCharacters(_ corpus: SharedCorpusIndex, _ text: [UInt32]) -> Set<Key> {
        Set(corpus.scanCharacters(text).keys.map { Key(path: corpus.passages[$0].path, range: corpus.passages[$0].range) })
    }

    /// 2,000 random substrings of 1–8 characters of the normalized passages, many crossing
    /// word boundaries: each must find exactly the passages a scan finds.
    @Test func exactPhrasesFindEverySubstringOccurrence() throws {
        let corpus = try #require(SharedCorpusIndex.governmentReports)
        var generator = SeededGenerator(state: 2_000)
        for _ in 0..<2_000 {
            let (passage, text) = Self.sample(corpus, lengths: 1...8, of: \.characters, using: &generator)
            let expected = scannedCharacters(corpus, text)
            #expect(expected.contains(Key(path: passage.path, range: passage.range)))
            let found = try indexed(corpus.searcher, .characters(text))
            #expect(found == expected, "phrase \(String(String.UnicodeScalarView(text.compactMap(Unicode.Scalar.init))))")
        }
    }

    /// Typed as users type them — traditional, full-width, crossing ICU's word boundaries —
    /// quoted queries find what a scan of the normalized text finds.
    @Test func quotedQueriesTypedAsTextMatchTheScan() throws {
        let corpus = try #require(SharedCorpusIndex.governmentReports)
        let analyzer = try Analyzer()
        let queries = [
            "代表建议", "人民代表大会", "改革开放", "經濟建設", "１９９５年", "社会主义现代化", "五年计划", "税", "5G",
            "2022年", "十四五", "政府工作报告", "會議", "表大", "议和", "国内生产总值", "业发",
        ]
        for query in queries {
            let text = analyzer.phraseText(query).unicodeScalars.map(\.value)
            let found = Set(try corpus.searcher.allMatches("\"\(query)\"").map { Key(path: $0.path, range: $0.passageRange) })
            #expect(found == scannedCharacters(corpus, text), "query \(query)")
            // Generated reports (without ../shared) need not hold every one of them.
            if TestSupport.sharedIsAvailable { #expect(!found.isEmpty, "query \(query) should occur in the reports") }
        }
    }

    @Test func aTraditionalQueryFindsTheTraditional1954Report() throws {
        let corpus = try #require(SharedCorpusIndex.governmentReports)
        let matches = try corpus.searcher.allMatches("\"会议\"", options: CountOptions(years: 1954...1954))
        #expect(!matches.isEmpty)
        #expect(matches.allSatisfy { $0.path.contains("/1954/") })
        let traditional = try corpus.searcher.allMatches("會議", options: CountOptions(years: 1954...1954))
        #expect(Set(traditional) == Set(matches))
    }
}
