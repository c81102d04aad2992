import Testing
@testable import Jiansuo

/// Random postings, written by the segment codec and read back (Lucene's
/// BasePostingsFormatTestCase): every codec of the dictionary and postings must give back
/// exactly what it was given — terms in order and found by lookup, absent terms not found,
/// each term's passages, frequencies and positions through `next`, `advance(to:)` to any
/// target, and block bounds that hold for every posting under them. Shapes cover one
/// posting, exactly one block, many blocks, huge gaps and frequencies (patched exceptions).
@Suite struct PostingsFormatConformanceTests {
    struct Model {
        var tokenCounts: [UInt32] = []
        /// Per term, its postings: passage and positions, passages increasing.
        var postings: [String: [(passage: Int, positions: [UInt32])]] = [:]
    }

    /// A random segment: `passages` passages of random lengths, `terms` terms whose
    /// posting-list lengths are drawn from `shape`.
    static func randomModel(passages: Int, terms: Int, seed: UInt64) -> Model {
        var generator = SeededGenerator(state: seed)
        var model = Model()
        model.tokenCounts = (0..<passages).map { _ in
            // Mostly paragraph-sized; now and then a huge one, so frequencies can be large.
            UInt32(Int.random(in: 0..<20, using: &generator) == 0 ? Int.random(in: 300...3_000, using: &generator) : Int.random(in: 1...80, using: &generator))
        }
        let lengths = [1, 2, 127, 128, 129, 256, 300, passages / 3, passages]
        for number in 0..<terms {
            let length = min(passages, number < lengths.count ? lengths[number] : Int.random(in: 1...max(1, passages / 10), using: &generator))
            let chosen = Array(0..<passages).shuffled(using: &generator).prefix(length).sorted()
            var list: [(Int, [UInt32])] = []
            for passage in chosen {
                let tokens = Int(model.tokenCounts[passage])
                let frequency = Int.random(in: 0..<8, using: &generator) == 0 ? Int.random(in: 1...tokens, using: &generator) : Int.random(in: 1...min(3, tokens), using: &generator)
                let positions = Array(0..<tokens).shuffled(using: &generator).prefix(frequency).sorted().map(UInt32.init)
                list.append((passage, positions))
            }
            model.postings["词\(number)·\(String(number, radix: 7))"] = list
        }
        return model
    }

    static func write(_ model: Model) throws -> SegmentReader {
        var builder = SegmentBuilder()
        let document = StoredDocument(
            path: "random", title: "", source: nil, year: nil, text: 0..<0, passages: 0..<model.tokenCounts.count,
            fileSize: 0, modificationNanoseconds: 0, contentHash: 0)
        let passages = model.tokenCounts.map { PassageRecord(document: 0, start: 0, end: 0, tokenCount: $0, year: 0) }
        builder.appendStoredDocument(
            document, text: [], passages: passages, sections: [], firstSection: 0)
        for (term, list) in model.postings.sorted(by: { $0.key < $1.key }) {
            let id = builder.internTerm(Array(term.utf16))
            for (passage, positions) in list {
                builder.appendPosting(term: id, passage: Int32(passage), positions: positions[...])
            }
        }
        let directory = IndexDirectory("/conformance", storage: MemoryStorage())
        try directory.storage.createDirectory(directory.path)
        try SegmentWriter.write(builder, name: "seg-1-0", in: directory, threads: 1)
        return try SegmentReader(directory: directory, name: "seg-1-0")
    }

    @Test(arguments: [(1, 1, UInt64(1)), (200, 20, 2), (1_000, 40, 3), (5_000, 30, 4)])
    func everyPostingComesBackAsWritten(passages: Int, terms: Int, seed: UInt64) throws {
        let model = Self.randomModel(passages: passages, terms: terms, seed: seed)
        let segment = try Self.write(model)
        #expect(segment.termCount == model.postings.count)
        // The dictionary: sorted by UTF-8 bytes, every term found, absent ones not.
        let sortedTerms = model.postings.keys.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
        for (index, term) in sortedTerms.enumerated() {
            #expect(Array(try segment.termBytes(at: index)) == Array(term.utf8))
        }
        for absent in ["", "词", "词9999", "\u{10FFFF}"] {
            #expect(try segment.lookup(Array(absent.utf8)) == nil, "\(absent)")
        }
        var generator = SeededGenerator(state: seed &* 31)
        for (term, list) in model.postings {
            let entry = try #require(try segment.lookup(Array(term.utf8)))
            #expect(entry.passageFrequency == list.count)
            #expect(entry.lastPassage == list.last?.passage)
            #expect(entry.maxFrequency == list.map(\.positions.count).max())
            // Every posting in order.
            let cursor = try segment.postingsCursor(entry)
            for (passage, positions) in list {
                #expect(try cursor.next() == passage)
                #expect(cursor.frequency == positions.count)
                #expect(try cursor.positions() == positions)
            }
            #expect(try cursor.next() == PostingsCursor.end)
            // advance(to:) lands on the first posting at or after any target.
            let jumping = try segment.postingsCursor(entry)
            var target = 0
            while target <= passages {
                let expected = list.first { $0.passage >= target }
                #expect(try jumping.advance(to: target) == expected?.passage ?? PostingsCursor.end, "\(term) → \(target)")
                if let expected { #expect(try jumping.positions() == expected.positions) }
                target += Int.random(in: 1...max(1, passages / 20), using: &generator)
            }
            // Block bounds hold for every posting they cover.
            let shallow = try segment.postingsCursor(entry)
            var previousLast = -1
            while true {
                for (passage, positions) in list where passage > previousLast && passage <= shallow.blockLastPassage {
                    #expect(positions.count <= shallow.blockMaxFrequency)
                    #expect(Int(model.tokenCounts[passage]) >= shallow.blockMinLength)
                }
                previousLast = shallow.blockLastPassage
                guard try shallow.advanceShallow(to: previousLast + 1) else { break }
            }
            #expect(previousLast == list.last?.passage)
        }
    }
}
