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
