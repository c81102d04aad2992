import Testing
@testable import Jiansuo

/// Highlights as `String.Index` ranges slice the same text as the byte ranges.
@Suite struct StringRangesTests {
    @Test func indexRangesSliceWhatByteRangesSlice() throws {
        let directory = TestSupport.temporaryDirectory("string-ranges").path
        let writer = try IndexWriter(directory: directory)
        try writer.addText("2023年，代表建议😀办理；“代表建议”再次提出。\n", path: "a.txt", year: 2023)
        _ = try writer.commit()
        let hit = try #require(try Searcher(directory: directory).search("代表建议").hits.first)
        #expect(hit.highlightRanges.count == hit.highlights.count)
        #expect(hit.highlights.count == 2)
        let utf8 = Array(hit.text.utf8)
        for (bytes, range) in zip(hit.highlights, hit.highlightRanges) {
            #expect(String(hit.text[range]) == String(decoding: utf8[bytes], as: UTF8.self))
            #expect(String(hit.text[range]) == "代表建议")
        }
    }

    @Test func boundsInsideACharacterMoveToItsStart() {
        let text = "代表"  // 3 bytes each
        let ranges = StringRanges.of([1..<4, 3..<99], in: text)
        #expect(String(text[ranges[0]]) == "代")
        #expect(String(text[ranges[1]]) == "表")
    }
}
