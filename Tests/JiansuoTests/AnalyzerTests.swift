import Testing
@testable import Jiansuo

@Suite struct AnalyzerTests {
    let analyzer = try! Analyzer()

    @Test func segmentsChineseIntoWordsWithByteOffsets() throws {
        let text = "全国人民代表大会，代表建议。"
        let tokens = try analyzer.tokens(in: text)
        #expect(tokens.map(\.term) == ["全国", "人民", "代表", "大会", "代表", "建议"])
        #expect(tokens.map(\.byteRange) == [0..<6, 6..<12, 12..<18, 18..<24, 27..<33, 33..<39])
        #expect(tokens.map(\.position) == [0, 1, 2, 3, 4, 5])
    }

    @Test func dropsSpacesAndPunctuation() throws {
        let tokens = try analyzer.tokens(in: "　　（一）GDP 增长 5.2%，“十四五”！")
        #expect(tokens.map(\.term) == ["一", "gdp", "增长", "5.2", "十四", "五"])
    }

    @Test func offsetsPointAtTheOriginalText() throws {
        let text = "２０２２年ＧＤＰ增長５．２％，經濟穩中向好"
        let utf8 = Array(text.utf8)
        let tokens = try analyzer.tokens(in: text)
        for token in tokens {
            let original = String(decoding: utf8[token.byteRange], as: UTF8.self)
            #expect(analyzer.normalized(original) == token.term, "\(original) → \(token.term)")
        }
        #expect(tokens.first?.byteRange == 0..<12)
    }

    @Test func fullWidthDigitsGiveTheSameTermsAsASCII() throws {
        #expect(try analyzer.tokens(in: "１９９５年").map(\.term) == analyzer.tokens(in: "1995年").map(\.term))
        #expect(try analyzer.tokens(in: "１９９５年").map(\.term) == ["1995", "年"])
        #expect(try analyzer.tokens(in: "ＧＤＰ增长").map(\.term) == analyzer.tokens(in: "gdp增长").map(\.term))
    }

    @Test func traditionalGivesTheSameTermsAsSimplified() throws {
        let pairs = [
            ("第一屆全國人民代表大會第一次會議", "第一届全国人民代表大会第一次会议"),
            ("經濟建設和國防建設", "经济建设和国防建设"),
            ("發展國民經濟的第一個五年計劃", "发展国民经济的第一个五年计划"),
        ]
        for (traditional, simplified) in pairs {
            #expect(try analyzer.tokens(in: traditional).map(\.term) == analyzer.tokens(in: simplified).map(\.term))
        }
        #expect(try analyzer.tokens(in: "會議").map(\.term) == ["会议"])
    }

    @Test func foldsCaseAndDropsInvisibleCharacters() throws {
        #expect(try analyzer.tokens(in: "\u{200B}WTO和Wto").map(\.term) == ["wto", "和", "wto"])
        #expect(analyzer.normalized("Ａ\u{3000}Ｂ") == "a b")
    }

    @Test func emptyAndPunctuationOnlyTextHasNoTokens() throws {
        #expect(try analyzer.tokens(in: "").isEmpty)
        #expect(try analyzer.tokens(in: "，。！？……　 \n").isEmpty)
    }
}
