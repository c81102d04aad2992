import Foundation
import Testing
@testable import Jiansuo

/// Phrases matched on character pairs (`CharacterTerms.phraseKeys`) count exactly what a
/// scan of the text counts, on text made to hold the hard cases: repeated characters (代代代,
/// where pairs overlap), repeated pairs (代表代表), phrases of odd and even length.
@Suite struct CharacterPairTests {
    @Test func phraseKeysCoverEveryCharacterWithAsFewPairsAsPossible() {
        func offsets(_ length: Int) -> [Int] { CharacterTerms.phraseKeys(Array(repeating: 0x4E00, count: length)).map(\.offset) }
        #expect(offsets(1) == [0])
        #expect(offsets(2) == [0])
        #expect(offsets(3) == [0, 1])
        #expect(offsets(4) == [0, 2])
        #expect(offsets(5) == [0, 2, 3])
        #expect(CharacterTerms.phraseKeys([0x4EE3]).map(\.key) == [CharacterTerms.key(0x4EE3)])
        #expect(CharacterTerms.phraseKeys([0x4EE3, 0x8868]).map(\.key) == [CharacterTerms.pairKey(0x4EE3, 0x8868)])
    }

    @Test func phraseCountsEqualAScanOnRepetitiveText() throws {
        let alphabet: [Character] = ["代", "表", "建", "议"]
        var generator = SeededGenerator(state: 99)
        let directory = TestSupport.temporaryDirectory("character-pairs").path
        let writer = try IndexWriter(directory: directory)
        var texts: [String: String] = [:]
        for document in 0..<60 {
            let length = Int.random(in: 1...40, using: &generator)
            let text = String((0..<length).map { _ in alphabet.randomElement(using: &generator)! })
            let path = "doc\(document).txt"
            texts[path] = text
            try writer.addText(text + "\n", path: path, year: 2000 + document % 5)
        }
        _ = try writer.commit()
        let searcher = try Searcher(directory: directory)
        for _ in 0..<150 {
            let length = Int.random(in: 1...6, using: &generator)
            let phrase = String((0..<length).map { _ in alphabet.randomElement(using: &generator)! })
            var expected: [String: Int] = [:]
            for (path, text) in texts {
                let count = Highlighter.runs(of: Array(phrase), in: Array(text)).count
                if count > 0 { expected[path] = count }
            }
            let counted = try searcher.counts("\"\(phrase)\"", by: .doc)
            #expect(Dictionary(uniqueKeysWithValues: counted.map { ($0.key, $0.occurrences) }) == expected, "\(phrase)")
            let byYear = try searcher.countByYear("\"\(phrase)\"")
            #expect(byYear.reduce(0) { $0 + $1.occurrences } == expected.values.reduce(0, +), "\(phrase) by year")
        }
    }

    /// Only single characters may lack positions: a word whose dictionary entry says it has
    /// none (a damaged file, its checksums valid) is a problem for `check` and stops a merge.
    @Test func aWordWithoutPositionsIsReportedAndNotMerged() throws {
        let directory = TestSupport.temporaryDirectory("word-without-positions").path
        let writer = try IndexWriter(directory: directory)
        try writer.addText("代表建议办理情况。\n\n人民代表大会会议。\n", path: "a.txt", year: 2020)
        _ = try writer.commit()
        let name = try #require(try FileManager.default.contentsOfDirectory(atPath: directory).first { $0.hasSuffix(".terms") })
        var terms: [([UInt8], TermEntry)] = []
        try IndexSnapshot(directory: IndexDirectory(directory)).segments[0].forEachTerm { _, term, entry in
            terms.append((term, entry))
        }
        // The last term is a word (character terms' marker bytes sort first): no term's
        // offsets follow from its lengths.
        let (word, entry) = try #require(terms.last)
        #expect(!CharacterTerms.isCharacterTerm(first: word.first))
        terms[terms.count - 1].1.positions = entry.positions.lowerBound..<entry.positions.lowerBound
        var dictionary = TermsFile.Writer(termCount: terms.count)
        for (term, entry) in terms { dictionary.append(term, entry) }
        try FileSystem.writeDurably(IndexFile.encode(kind: .terms, body: dictionary.body), to: directory + "/" + name)

        let report = IndexChecker.check(directory: directory)
        #expect(report.problems.contains { $0.message.contains("lacks positions") }, "\(report.problems)")
        let snapshot = try IndexSnapshot(directory: IndexDirectory(directory))
        #expect {
            _ = try SegmentMerger.merge(
                [.init(reader: snapshot.segments[0], deletions: snapshot.deletions[0])], name: "seg-ff-0",
                in: IndexDirectory(directory), threads: 1)
        } throws: { error in
            guard case JiansuoError.corruptIndex(_, let reason) = error else { return false }
            return reason.contains("has no positions")
        }
    }
}
