import Foundation
import Testing

/// README's round trip: `words` proposes, `index --full --dictionary` uses, search follows.
@Suite struct WordsCommandTests {
    @Test func proposesSplitTermsAndFeedsThemBack() throws {
        let folder = TestSupport.temporaryDirectory("words")
        var text = ""
        let contexts = ["加强", "坚持", "推进", "改善", "优化", "落实", "深化", "做好", "围绕", "聚焦", "统筹", "强化"]
        let after = ["工作", "建设", "改革", "任务", "措施", "机制", "体系", "举措", "政策", "成效", "水平", "能力"]
        for (index, before) in contexts.enumerated() {
            text += "\(before)营商环境\(after[index])。\n\n\(before)疫情防控\(after[(index + 5) % after.count])。\n\n"
        }
        // Other text, so that the terms' pieces are rarer together by chance than they are.
        text += String(repeating: "人民群众的获得感不断增强，经济社会持续健康发展，生态文明建设取得成效。\n\n", count: 40)
        try Data(text.utf8).write(to: folder.appendingPathComponent("a.txt"))
        #expect(try TestSupport.run(["index", ".", "--quiet"], in: folder).status == 0)
        let proposed = try TestSupport.run(["words", "--min-count", "5", "--limit", "50"], in: folder)
        #expect(proposed.status == 0, "\(proposed.standardError)")
        let words = proposed.standardOutput.split(separator: "\n").filter { !$0.hasPrefix("#") }.map { $0.split(separator: "\t")[0] }
        #expect(words.contains("营商环境"))
        #expect(words.contains("疫情防控"))
        try Data(proposed.standardOutput.utf8).write(to: folder.appendingPathComponent("words.txt"))

        let rebuilt = try TestSupport.run(["index", ".", "--full", "--quiet", "--dictionary", "words.txt"], in: folder)
        #expect(rebuilt.status == 0, "\(rebuilt.standardError)")
        let tokens = try TestSupport.run(["tokenize", "加强营商环境", "--segmented", "--dictionary", "words.txt"], in: folder)
        #expect(tokens.standardOutput == "加强 营商环境\n")
        let search = try TestSupport.run(["search", "营商环境", "--json"], in: folder)
        #expect(search.status == 0)
        #expect(search.standardOutput.contains("\"highlights\":[[6,18]]"))  // the whole word, one highlight
        // Another dictionary is refused with a message to rebuild.
        try Data("代表建议\n".utf8).write(to: folder.appendingPathComponent("other.txt"))
        let refused = try TestSupport.run(["index", ".", "--dictionary", "other.txt"], in: folder)
        #expect(refused.status == 1)
        #expect(refused.standardError.contains("--full"))
    }
}
