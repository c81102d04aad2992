import Testing
@testable import Jiansuo

@Suite struct PassageSplitterTests {
    let splitter = PassageSplitter()

    func passages(_ text: String) -> [String] {
        let utf8 = Array(text.utf8)
        return splitter.passages(in: text).map { String(decoding: utf8[$0], as: UTF8.self) }
    }

    @Test func blankLinesSeparateParagraphs() {
        let text = "第一段说明了去年的主要工作，成绩来之不易。\n\n第二段提出了今年的主要任务，需要加倍努力。"
        #expect(passages(text) == ["第一段说明了去年的主要工作，成绩来之不易。", "第二段提出了今年的主要任务，需要加倍努力。"])
    }

    @Test func aSentenceEndFollowedByANewLineStartsAParagraph() {
        let text = "第一段说明了去年的主要工作，成绩来之不易。\n第二段提出了今年的主要任务，需要加倍努力。"
        #expect(passages(text).count == 2)
    }

    @Test func linesBrokenMidSentenceAreMended() {
        let text = "会议听取了国务院总理所作的\n政府工作报告\n。会议充分肯定过去一年的工作，同意报告提出的各项任务。"
        #expect(passages(text) == [text])
    }

    /// A heading is a passage of its own, so no phrase or snippet runs from it into the text.
    @Test func headingsArePassagesOfTheirOwn() {
        let text = "一、过去一年的工作回顾\n\n　　过去一年，我们坚持稳中求进工作总基调，经济社会发展取得新的成绩。"
        #expect(passages(text) == ["一、过去一年的工作回顾", "过去一年，我们坚持稳中求进工作总基调，经济社会发展取得新的成绩。"])
    }

    @Test func passagesAreTrimmedOfIndentsAndZeroWidthSpaces() {
        let text = "\u{200B}　　现在，我代表国务院，向大会报告政府工作，请予审议。　\n"
        #expect(passages(text) == ["现在，我代表国务院，向大会报告政府工作，请予审议。"])
    }

    @Test func longParagraphsAreCutAtSentenceEnds() {
        let sentence = "我们坚持以人民为中心的发展思想，着力保障和改善民生。"
        let text = String(repeating: sentence, count: 60)
        let utf8 = Array(text.utf8)
        let ranges = splitter.passages(in: text)
        #expect(ranges.count > 1)
        for range in ranges {
            #expect(range.count <= splitter.maximumBytes)
            #expect(String(decoding: utf8[range], as: UTF8.self).hasSuffix("。"))
        }
        #expect(ranges.first?.lowerBound == 0 && ranges.last?.upperBound == utf8.count)
    }

    @Test func aSentenceEndAcrossTheLimitIsNotCutInside() {
        // 40 bytes of ASCII, then 。 starting one byte before the 48-byte limit.
        let splitter = PassageSplitter(maximumBytes: 48, minimumBytes: 1)
        let text = String(repeating: "a", count: 40) + "bbbbbbb。" + String(repeating: "汉", count: 30)
        let utf8 = Array(text.utf8)
        for range in splitter.passages(in: text) {
            #expect(utf8[range.lowerBound] & 0xC0 != 0x80, "a passage starts inside a character at \(range.lowerBound)")
            #expect(range.upperBound == utf8.count || utf8[range.upperBound] & 0xC0 != 0x80)
        }
    }

    @Test func textWithoutAnyBreakIsStillCutOnCharacterBoundaries() {
        let text = String(repeating: "汉", count: 2_000)
        let ranges = splitter.passages(in: text)
        #expect(ranges.reduce(0) { $0 + $1.count } == text.utf8.count)
        for range in ranges { #expect(range.lowerBound % 3 == 0 && range.upperBound % 3 == 0) }
    }

    @Test func emptyAndBlankTextHasNoPassages() {
        #expect(passages("").isEmpty)
        #expect(passages(" \n\n　\n").isEmpty)
    }
}

@Suite struct YearDetectionTests {
    func year(_ path: String, _ text: String = "") -> Int? {
        Array(text.utf8).withUnsafeBufferPointer { YearDetection.year(path: path, text: $0) }
    }

    @Test func prefersThePath() {
        #expect(year("corpus/gov-work-reports/2019/政府工作报告.txt", "2018年工作回顾") == 2019)
        #expect(year("reports/2022年政府工作报告.md") == 2022)
        #expect(year("a/1999/b/2004/c.txt") == 2004)
    }

    @Test func ignoresNumbersThatAreNotYears() {
        #expect(year("archive/12019/report-3.txt") == nil)
        #expect(year("archive/1850/report.txt") == nil)
    }

    @Test func fallsBackToAnEarlyDatedLine() {
        #expect(year("report.txt", "政府工作报告\n（2023年3月5日在第十四届全国人民代表大会第一次会议上）") == 2023)
        #expect(year("report.txt", "政府工作报告\n——２０２２年３月５日") == 2022)
        #expect(year("report.txt", "报告\n二〇二六年一月二十七日") == 2026)
        #expect(year("report.txt", "没有日期的文本，只有数字12345。") == nil)
    }

    @Test func aYearMentionedInASentenceIsNoDate() {
        #expect(year("report.txt", "代表建议 in 1998年 somewhere") == nil)
        #expect(year("report.txt", "报告\n全市生产总值比2019年增长百分之六。") == nil)
        #expect(year("report.txt", "2022年政府工作报告\n正文") == 2022)
        #expect(year("report.txt", "报告\n  （２０２１年十二月） ") == 2021)
        #expect(year("report.txt", "比2019年增长，\n2020年12月31日") == 2020)
    }
}

@Suite struct UTF8ValidationTests {
    func firstInvalid(_ bytes: [UInt8]) -> Int? {
        bytes.withUnsafeBufferPointer { UTF8Validation.firstInvalidOffset(in: $0) }
    }

    @Test func acceptsValidText() {
        #expect(firstInvalid(Array("代表建议 ok 😀".utf8)) == nil)
    }

    @Test func findsTheFirstBadByte() {
        #expect(firstInvalid([0x41, 0xB4, 0xFA]) == 1)  // GBK 代 after an ASCII letter
        #expect(firstInvalid([0xE4, 0xBB]) == 0)  // truncated sequence
        #expect(firstInvalid([0xC0, 0xAF]) == 0)  // overlong
        #expect(firstInvalid([0xED, 0xA0, 0x80]) == 0)  // surrogate
        #expect(firstInvalid([0xF4, 0x90, 0x80, 0x80]) == 0)  // past U+10FFFF
    }
}
@Suite struct PassageCutTests {
    @Test func aSentenceEndStraddlingTheLimitIsNotCutThrough() {
        // "。" (3 bytes) starts one byte before the 16-byte limit of the first piece.
        let text = "一二三四五。六七八九十甲乙丙丁。"
        let splitter = PassageSplitter(maximumBytes: 16, minimumBytes: 0, headingBytes: 0)
        let utf8 = Array(text.utf8)
        for range in splitter.passages(in: text) {
            #expect(String(validating: utf8[range], as: UTF8.self) != nil, "\(range) cuts a character")
        }
    }
}
