import Foundation
import Testing
@testable import Jiansuo

@Suite struct UserDictionaryTests {
    static func dictionary(_ text: String) throws -> UserDictionary {
        try UserDictionary(contents: Array(text.utf8), file: "test.dict")
    }

    @Test func readsWordsFrequenciesAndComments() throws {
        let dictionary = try Self.dictionary("# reports\n疫情防控\n十四五\t20\n\n  全過程人民民主 \r\n")
        #expect(dictionary.wordCount == 3)
        #expect(dictionary.contains("疫情防控"))
        #expect(dictionary.contains("全过程人民民主"))  // folded like text: 過 → 过
        #expect(!dictionary.contains("疫情"))  // a prefix only
        #expect(dictionary.totalFrequency == 22)
    }

    @Test func badLinesAreErrorsNamingFileAndLine() {
        #expect(throws: JiansuoError.malformedDictionary(file: "test.dict", line: 2, reason: "frequency \"x\" is not a positive whole number")) {
            try Self.dictionary("疫情防控\n十四五\tx\n")
        }
        #expect(throws: JiansuoError.malformedDictionary(file: "test.dict", line: 1, reason: "a word may not be empty or contain spaces")) {
            try Self.dictionary("人民 民主\n")
        }
        #expect(throws: JiansuoError.malformedDictionary(file: "test.dict", line: 0, reason: "not valid UTF-8")) {
            try UserDictionary(contents: [0xFF, 0x0A], file: "test.dict")
        }
    }

    @Test func dictionaryWordsBecomeTokensAndTheRestStaysICUs() throws {
        let plain = try Analyzer()
        let withWords = try Analyzer(dictionary: Self.dictionary("疫情防控\n全过程人民民主\n十四五\n"))
        let text = "坚持全过程人民民主，做好疫情防控，实施十四五规划，代表建议。"
        #expect(try plain.tokens(in: text).map(\.term).contains("疫"))
        let terms = try withWords.tokens(in: text).map(\.term)
        #expect(terms == ["坚持", "全过程人民民主", "做好", "疫情防控", "实施", "十四五", "规划", "代表", "建议"])
        // Traditional text meets the simplified entry; offsets still point at the original.
        let traditional = "堅持全過程人民民主"
        let tokens = try withWords.tokens(in: traditional)
        #expect(tokens.map(\.term) == ["坚持", "全过程人民民主"])
        #expect(String(decoding: Array(traditional.utf8)[tokens[1].byteRange], as: UTF8.self) == "全過程人民民主")
    }

    @Test func frequenciesChooseBetweenOverlappingWords() throws {
        // 研究生命 is 研究生|命 or 研究|生命: the commoner words win.
        let rare = try Analyzer(dictionary: Self.dictionary("研究生\t100\n研究\t1\n生命\t1\n命\t1\n"))
        #expect(try rare.segmentedWords(in: "研究生命") == ["研究生", "命"])
        let common = try Analyzer(dictionary: Self.dictionary("研究生\t1\n研究\t100\n生命\t100\n命\t1\n"))
        #expect(try common.segmentedWords(in: "研究生命") == ["研究", "生命"])
    }

    @Test func segmentedWordsCoverEveryCharacterOnce() throws {
        let analyzer = try Analyzer(dictionary: Self.dictionary("代表建议\n"))
        let text = "（一）2022年GDP增长6.1%，代表建议㈠ 办结率达到１００％。"
        let words = try analyzer.segmentedWords(in: text)
        #expect(words.joined() == text.filter { !$0.isWhitespace })
        #expect(words.contains("代表建议"))
        #expect(words.contains("2022年"))
        #expect(words.contains("6.1%"))
        #expect(words.contains("１００％"))
        #expect(try Analyzer().segmentedWords(in: text).joined() == text.filter { !$0.isWhitespace })
    }

    @Test func scoresCountWordsAtTheirPlaces() throws {
        let score = try SegmentationScore(proposed: [["中国", "人民"], ["代表", "建议"]], gold: [["中国人民"], ["代表", "建议"]])
        #expect(score.goldWords == 3 && score.proposedWords == 4 && score.rightWords == 2)
        #expect(abs(score.f1 - 2 * 0.5 * (2.0 / 3) / (0.5 + 2.0 / 3)) < 1e-12)
        // A character moved to the neighbouring line in the gold file is still aligned.
        let moved = try SegmentationScore(proposed: [["他", "说"], ["“", "好"]], gold: [["他", "说", "“"], ["好"]])
        #expect(moved.rightWords == 4)
        #expect(throws: JiansuoError.self) { try SegmentationScore(proposed: [["甲"]], gold: [["乙"]]) }
    }
}
