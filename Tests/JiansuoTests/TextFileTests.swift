import Foundation
import Testing
@testable import Jiansuo

/// The stored text in zstd blocks (`TextFile`): any range reads back as written, across
/// block boundaries and from any thread order; damage to a block or its offsets is an
/// error naming the file.
@Suite struct TextFileTests {
    static func reader(for text: [UInt8], body transform: ([UInt8]) -> [UInt8] = { $0 }) throws -> (TextFile.Reader, String) {
        let path = TestSupport.temporaryDirectory("textfile").appendingPathComponent("seg.text").path
        let body = transform(TextFile.encode(text, threads: 2))
        try FileSystem.writeDurably(IndexFile.encode(kind: .text, body: body), to: path)
        return (try TextFile.Reader(file: try MappedFile(path: path, kind: .text, storage: FileStorage())), path)
    }

    static func document(_ text: [UInt8]) -> StoredDocument {
        StoredDocument(
            path: "d", title: "", source: nil, year: nil, text: 0..<text.count, passages: 0..<0, fileSize: text.count,
            modificationNanoseconds: 0, contentHash: 0)
    }

    /// Report-like text: repetitive enough to compress, varied enough to catch misplaced blocks.
    static func text(bytes: Int) -> [UInt8] {
        var generator = SeededGenerator(state: 9)
        let words = ["代表建议", "人民代表大会", "高质量发展，", "乡村振兴。\n", "2024年", "　　"]
        var text: [UInt8] = []
        while text.count < bytes { text += Array(words[Int.random(in: 0..<words.count, using: &generator)].utf8) }
        return text
    }

    /// The reader's cache keeps the blocks read last and drops the least recently used.
    @Test func theBlockCacheKeepsTheMostRecentlyUsedBlocks() {
        var cache = TextFile.BlockCache()
        for block in 0..<TextFile.BlockCache.capacity { cache.keep([UInt8(block)], of: block) }
        #expect(cache.bytes(of: 0) == [0])  // now the most recently used
        cache.keep([99], of: 99)  // drops block 1, the least recently used
        #expect(cache.bytes(of: 1) == nil)
        #expect(cache.bytes(of: 0) == [0] && cache.bytes(of: 99) == [99] && cache.bytes(of: 2) == [2])
        cache.keep([7], of: 2)  // a block kept again replaces its entry
        #expect(cache.bytes(of: 2) == [7])
    }

    @Test func everyRangeReadsBackAsWritten() throws {
        let text = Self.text(bytes: 5 * TextFile.blockSize + 1_234)
        let (reader, _) = try Self.reader(for: text)
        let document = Self.document(text)
        #expect(reader.length == text.count)
        var generator = SeededGenerator(state: 3)
        let edges = [0, TextFile.blockSize - 1, TextFile.blockSize, TextFile.blockSize + 1, text.count - 1, text.count]
        var ranges = edges.flatMap { a in edges.filter { $0 >= a }.map { a..<$0 } }
        for _ in 0..<200 {
            let a = Int.random(in: 0...text.count, using: &generator), b = Int.random(in: 0...text.count, using: &generator)
            ranges.append(min(a, b)..<max(a, b))
        }
        // Random order, so the one-block cache is missed as often as it is hit.
        for range in ranges.shuffled(using: &generator) {
            #expect(try reader.bytes(of: document, range: range) == Array(text[range]), "\(range)")
        }
        #expect(throws: JiansuoError.self) { try reader.bytes(of: document, range: 0..<text.count + 1) }
        let compressed = try #require(try FileManager.default.attributesOfItem(atPath: try Self.reader(for: text).1)[.size] as? Int)
        #expect(compressed < text.count / 3, "report-like text compresses")
    }

    @Test func anEmptyTextHasNoBlocks() throws {
        let (reader, _) = try Self.reader(for: [])
        #expect(reader.length == 0)
        #expect(try reader.bytes(of: Self.document([]), range: 0..<0) == [])
    }

    @Test func damagedBlocksAndOffsetsAreErrorsNamingTheFile() throws {
        let text = Self.text(bytes: 3 * TextFile.blockSize)
        let document = Self.document(text)
        let tableEnd = TextFile.headerSize + 8 * 4
        let damages: [(String, ([UInt8]) -> [UInt8])] = [
            ("a byte of the last block", { var b = $0; b[b.count - 10] ^= 0xFF; return b }),
            ("an offset past the data", { var b = $0; b[tableEnd - 8 + 3] = 0x7F; return b }),
            ("offsets out of order", { var b = $0; b[TextFile.headerSize + 8] = 0xFF; b[TextFile.headerSize + 9] = 0xFF; return b }),
            ("a block count too small", { var b = $0; b[12] = 1; return b }),
            ("the data cut short", { Array($0.dropLast(100)) }),
        ]
        for (name, damage) in damages {
            do {
                let (reader, path) = try Self.reader(for: text, body: damage)
                #expect {
                    for block in 0..<3 {
                        _ = try reader.bytes(of: document, range: block * TextFile.blockSize..<(block + 1) * TextFile.blockSize)
                    }
                } throws: { error in
                    guard case .corruptIndex(let file, _)? = error as? JiansuoError else { return false }
                    return file == path
                }
            } catch let error as JiansuoError {
                guard case .corruptIndex = error else { Issue.record("\(name): \(error)"); continue }
            }
        }
    }
}
