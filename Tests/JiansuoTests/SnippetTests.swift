import Testing
@testable import Jiansuo

/// Snippets: the window with the most highlights, cut ends marked with …, ranges shifted.
@Suite struct SnippetTests {
    /// Byte ranges of every occurrence of `word` in `text`.
    static func ranges(of word: String, in text: String) -> [Range<Int>] {
        let bytes = Array(text.utf8), needle = Array(word.utf8)
        var ranges: [Range<Int>] = []
        var index = 0
        while index + needle.count <= bytes.count {
            if Array(bytes[index..<index + needle.count]) == needle {
                ranges.append(index..<index + needle.count)
                index += needle.count
            } else {
                index += 1
            }
        }
        return ranges
    }

    static func highlighted(_ snippet: Snippet) -> [String] {
        let utf8 = Array(snippet.text.utf8)
        return snippet.highlights.map { String(decoding: utf8[$0], as: UTF8.self) }
    }

    @Test func shortPassagesAreKeptWhole() {
        let text = "代表建议办理。"
        let snippet = Snippet(text: text, highlights: Self.ranges(of: "代表建议", in: text), maxCharacters: 20)
        #expect(snippet.text == text)
        #expect(snippet.highlights == [0..<12])
        #expect(!snippet.isCutAtStart && !snippet.isCutAtEnd)
    }

    @Test func theWindowHoldsTheMostHighlightsAndMarksBothCuts() {
        // One hit early, three close together in the middle, filler elsewhere.
        let filler = String(repeating: "经济社会发展", count: 10)  // 60 characters
        let text = "代表" + filler + "代表、代表和代表" + filler + "。"
        let snippet = Snippet(text: text, highlights: Self.ranges(of: "代表", in: text), maxCharacters: 30)
        #expect(snippet.isCutAtStart && snippet.isCutAtEnd)
        #expect(snippet.text.hasPrefix("…") && snippet.text.hasSuffix("…"))
        #expect(snippet.text.count == 32)
        #expect(Self.highlighted(snippet) == ["代表", "代表", "代表"])
        #expect(snippet.text.contains("代表、代表和代表"))
        // The spare room is split around the hits: 11 characters before, 11 after.
        #expect(snippet.text.dropFirst().prefix(11) == Substring(filler.suffix(11)))
    }

    @Test func aCutAtOnlyOneEndIsMarkedOnlyThere() {
        let filler = String(repeating: "改革开放", count: 20)
        let early = "人大代表" + filler
        let first = Snippet(text: early, highlights: Self.ranges(of: "人大代表", in: early), maxCharacters: 20)
        #expect(!first.isCutAtStart && first.isCutAtEnd)
        #expect(first.text.hasPrefix("人大代表") && first.text.hasSuffix("…"))
        #expect(first.highlights == [0..<12])
        let late = filler + "人大代表"
        let last = Snippet(text: late, highlights: Self.ranges(of: "人大代表", in: late), maxCharacters: 20)
        #expect(last.isCutAtStart && !last.isCutAtEnd)
        #expect(Self.highlighted(last) == ["人大代表"])
        #expect(last.text.hasSuffix("人大代表"))
    }

    @Test func aHighlightLongerThanTheWindowIsKeptInPart() {
        let text = String(repeating: "甲", count: 10) + String(repeating: "乙", count: 30) + String(repeating: "丙", count: 10)
        let snippet = Snippet(text: text, highlights: Self.ranges(of: String(repeating: "乙", count: 30), in: text), maxCharacters: 10)
        #expect(Self.highlighted(snippet) == [String(repeating: "乙", count: 10)])
        #expect(snippet.text == "…" + String(repeating: "乙", count: 10) + "…")
    }

    @Test func withoutHighlightsTheBeginningIsShown() {
        let text = String(repeating: "文", count: 50)
        let snippet = Snippet(text: text, highlights: [], maxCharacters: 10)
        #expect(snippet.text == String(repeating: "文", count: 10) + "…")
    }
}
