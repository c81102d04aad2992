import Foundation
import Testing
@testable import Jiansuo

/// An index remembers the user dictionary it was segmented with: queries use it, and adding
/// with another one (or none recorded) is refused.
@Suite struct IndexDictionaryTests {
    static let text = "坚持全过程人民民主。\n\n做好疫情防控。\n\n全过程的人民民主。\n"

    static func index(dictionary: UserDictionary?) throws -> String {
        let directory = TestSupport.temporaryDirectory("dictionary-index").path
        let writer = try IndexWriter(directory: directory, dictionary: dictionary)
        try writer.addText(text, path: "a.txt", year: 2023)
        try writer.commit()
        return directory
    }

    static let words = try! UserDictionary(contents: Array("全过程人民民主\n疫情防控\n".utf8))

    @Test func queriesAreAnalyzedWithTheIndexsDictionary() throws {
        let directory = try Self.index(dictionary: Self.words)
        let searcher = try Searcher(directory: directory)
        #expect(searcher.snapshot.dictionary?.contentHash == Self.words.contentHash)
        // Only the passage holding the word matches, not 全过程的人民民主.
        let hits = try searcher.search("全过程人民民主").hits
        #expect(hits.count == 1)
        #expect(hits.first?.text.contains("坚持") == true)
        #expect(try searcher.countByYear("疫情防控").first?.occurrences == 1)
        #expect(hits.first?.highlights == [6..<27])  // the word, one highlight
    }

    @Test func addingWithAnotherDictionaryIsRefused() throws {
        let directory = try Self.index(dictionary: Self.words)
        let other = try UserDictionary(contents: Array("代表建议\n".utf8))
        #expect(throws: JiansuoError.self) { try IndexWriter(directory: directory, mode: .open, dictionary: other) }
        let plain = try Self.index(dictionary: nil)
        #expect(throws: JiansuoError.self) { try IndexWriter(directory: plain, mode: .open, dictionary: Self.words) }
        // Without a dictionary, updating keeps the index's own; rebuilding may change it.
        do {
            let writer = try IndexWriter(directory: directory, mode: .open)
            #expect(writer.dictionary?.contentHash == Self.words.contentHash)
            try writer.addText("疫情防控", path: "b.txt")
            try writer.commit()
        }
        let rebuilt = try IndexWriter(directory: directory, mode: .create, dictionary: other)
        try rebuilt.addText("代表建议", path: "c.txt")
        try rebuilt.commit()
        let names = try FileManager.default.contentsOfDirectory(atPath: directory).filter { $0.hasPrefix("dictionary-") }
        #expect(names == [DictionaryFile.fileName(hash: other.contentHash)])
    }

    @Test func aMissingOrAlteredDictionaryFileIsReported() throws {
        let directory = try Self.index(dictionary: Self.words)
        let path = FileSystem.join(directory, DictionaryFile.fileName(hash: Self.words.contentHash))
        try "改过的\n".write(toFile: path, atomically: true, encoding: .utf8)
        #expect(throws: JiansuoError.self) { try Searcher(directory: directory) }
        try FileManager.default.removeItem(atPath: path)
        do {
            _ = try Searcher(directory: directory)
            Issue.record("opened an index whose dictionary is gone")
        } catch {
            #expect(error.description.contains("rebuild"))
        }
    }
}

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
