import Foundation
import Testing
@testable import Jiansuo

@Suite struct BitPackingTests {
    @Test func everyWidthRoundTrips() throws {
        var generator = SeededGenerator(state: 3)
        for width in 0...32 {
            for count in [1, 7, 128] {
                let limit = width == 32 ? UInt64(UInt32.max) : (UInt64(1) << UInt64(width)) - 1
                var values = (0..<count).map { _ in UInt32(UInt64.random(in: 0...limit, using: &generator)) }
                if count > 1 { values[0] = UInt32(limit) }
                var writer = ByteWriter()
                values.withUnsafeBufferPointer { BitPacking.pack($0, width: width, into: &writer) }
                #expect(writer.count == BitPacking.byteCount(count: count, width: width))
                var decoded = [UInt32](repeating: 99, count: count)
                writer.bytes.withUnsafeBytes { raw in
                    decoded.withUnsafeMutableBufferPointer { BitPacking.unpack(raw, width: width, into: $0) }
                }
                #expect(decoded == values, "width \(width), \(count) values")
            }
        }
    }
}

/// The block postings format conformance suite: cursors over a real index agree with the
/// postings recomputed by analyzing each passage's stored text, and the skip data's bounds are exact.
@Suite
struct PostingsCursorTests {
    /// One term's postings in one segment, computed from the scanned passages.
    struct Expected {
        var passages: [Int] = []
        var positions: [[UInt32]] = []
    }

    /// The terms of each of the segment's passages, from its stored text: the oracle.
    static func passageTerms(_ segment: SegmentReader) throws -> [[String]] {
        let analyzer = try Analyzer()
        return try (0..<segment.passageCount).map { id in
            let record = try segment.passage(id)
            let document = try segment.document(Int(record.document))
            let bytes = try segment.textBytes(of: document, range: Int(record.start)..<Int(record.end))
            return try analyzer.tokens(in: String(decoding: bytes, as: UTF8.self)).map(\.term)
        }
    }

    /// Each passage's character terms (`CharacterTerms`): its phrase text, one term a character.
    static func passageCharacterTerms(_ segment: SegmentReader) throws -> [[String]] {
        let analyzer = try Analyzer()
        return try (0..<segment.passageCount).map { id in
            let record = try segment.passage(id)
            let document = try segment.document(Int(record.document))
            let bytes = try segment.textBytes(of: document, range: Int(record.start)..<Int(record.end))
            return analyzer.phraseText(String(decoding: bytes, as: UTF8.self)).unicodeScalars.map { "\u{1}" + String($0) }
        }
    }

    /// Per passage, its character pairs' terms, each at its first character's position.
    static func passagePairTerms(_ segment: SegmentReader) throws -> [[String]] {
        try passageCharacterTerms(segment).map { characters in
            characters.indices.dropLast().map { "\u{2}" + characters[$0].dropFirst() + characters[$0 + 1].dropFirst() }
        }
    }

    static func expected(_ term: String, _ passageTerms: [[String]]) -> Expected {
        var result = Expected()
        for (id, terms) in passageTerms.enumerated() {
            let positions = terms.indices.filter { terms[$0] == term }.map { UInt32($0) }
            if !positions.isEmpty {
                result.passages.append(id)
                result.positions.append(positions)
            }
        }
        return result
    }

    /// Terms to check: the most frequent (many blocks), ones near a block boundary, and a
    /// random sample.
    static func sampleTerms(_ corpus: SharedCorpusIndex) -> [String] {
        let byFrequency = corpus.passagesByTerm.sorted { ($0.value.count, $0.key) > ($1.value.count, $1.key) }.map(\.key)
        var generator = SeededGenerator(state: 11)
        let nearBoundary = corpus.passagesByTerm.filter { [127, 128, 129, 256, 257].contains($0.value.count) }.keys.sorted()
        return Array(byFrequency.prefix(5)) + nearBoundary.prefix(10)
            + (0..<60).map { _ in byFrequency.randomElement(using: &generator)! }
    }

    @Test func cursorsAgreeWithAScanOfTheText() throws {
        let corpus = try #require(SharedCorpusIndex.governmentReports)
        var generator = SeededGenerator(state: 5)
        var multiBlockTerms = 0
        for segment in corpus.searcher.snapshot.segments {
            let passageTerms = try Self.passageTerms(segment)
            for term in Self.sampleTerms(corpus) {
                let expected = Self.expected(term, passageTerms)
                guard let entry = try segment.lookup(Array(term.utf8)) else {
                    #expect(expected.passages.isEmpty, "\(term) is missing from the dictionary")
                    continue
                }
                #expect(entry.passageFrequency == expected.passages.count)
                if entry.passageFrequency > PostingsEncoder.blockSize { multiBlockTerms += 1 }

                // Iteration with next(), positions for every posting.
                let cursor = try segment.postingsCursor(entry)
                #expect(cursor.passage == -1)
                for (index, passage) in expected.passages.enumerated() {
                    #expect(try cursor.next() == passage)
                    #expect(cursor.frequency == expected.positions[index].count)
                    let positions = try cursor.positions()
                    #expect(positions == expected.positions[index], "\(term) in passage \(passage)")
                }
                #expect(try cursor.next() == PostingsCursor.end)
                #expect(try cursor.next() == PostingsCursor.end)

                // decodePostings gives the same lists.
                let decoded = try segment.decodePostings(entry)
                let samePassages = decoded.passages.map(Int.init) == expected.passages
                let samePositions = decoded.positions == expected.positions.flatMap { $0 }
                #expect(samePassages && samePositions, "decodePostings differs for \(term)")

                try checkAdvance(segment, entry, expected, &generator)
                try checkBlockBounds(segment, entry, expected)
            }
        }
        #expect(multiBlockTerms > 0, "the sample should include terms of several blocks")
    }

    /// advance(to:) at random increasing targets, sometimes after a shallow advance further
    /// ahead, sometimes reading positions only for some postings.
    func checkAdvance(
        _ segment: SegmentReader, _ entry: TermEntry, _ expected: Expected, _ generator: inout SeededGenerator
    ) throws {
        for _ in 0..<3 {
            let cursor = try segment.postingsCursor(entry)
            var target = 0
            while true {
                target += Int.random(in: 0...max(1, segment.passageCount / 40), using: &generator)
                if Bool.random(using: &generator) {
                    try cursor.advanceShallow(to: target + Int.random(in: 0...300, using: &generator))
                }
                let found = try cursor.advance(to: target)
                let index = expected.passages.firstIndex { $0 >= target }
                guard let index else {
                    #expect(found == PostingsCursor.end)
                    break
                }
                #expect(found == expected.passages[index], "advance(to: \(target))")
                #expect(cursor.frequency == expected.positions[index].count, "frequency after advance(to: \(target))")
                if !entry.positions.isEmpty && Bool.random(using: &generator) {
                    let positions = try cursor.positions()
                    #expect(positions == expected.positions[index], "positions after advance(to: \(target))")
                }
                target = found + 1
            }
        }
    }

    /// Each block's bounds are the true maximum frequency and minimum length of its
    /// postings, and its last passage is the last posting's.
    func checkBlockBounds(_ segment: SegmentReader, _ entry: TermEntry, _ expected: Expected) throws {
        let cursor = try segment.postingsCursor(entry)
        #expect(cursor.blockCount == (expected.passages.count + 127) / 128)
        var lengths: [Int] = []
        for passage in expected.passages { lengths.append(Int(try segment.passage(passage).tokenCount)) }
        let frequencies = expected.positions.map(\.count)
        #expect(cursor.maxFrequency == frequencies.max())
        #expect(cursor.minLength == lengths.min())
        #expect(cursor.lastPassage == expected.passages.last)
        for block in 0..<cursor.blockCount {
            let range = block * 128..<min(expected.passages.count, (block + 1) * 128)
            #expect(try cursor.advanceShallow(to: expected.passages[range.lowerBound]))
            #expect(cursor.shallowBlock == block)
            #expect(cursor.blockLastPassage == expected.passages[range.upperBound - 1])
            #expect(cursor.blockMaxFrequency == frequencies[range].max())
            #expect(cursor.blockMinLength == lengths[range].min())
            // The impacts bound every posting's score and are no looser than the two bounds.
            for bm25 in [BM25(), BM25(k1: 0.4, b: 0.2), BM25(k1: 3, b: 1)] {
                func score(_ frequency: Int, _ length: Int) -> Double {
                    bm25.termScore(idf: 1.5, frequency: frequency, length: length, averageLength: 7)
                }
                let best = range.map { score(frequencies[$0], lengths[$0]) }.max() ?? 0
                let impacts = try cursor.maxOverBlockImpacts(score)
                #expect(impacts >= best)
                #expect(impacts <= score(cursor.blockMaxFrequency, cursor.blockMinLength))
            }
        }
        #expect(try !cursor.advanceShallow(to: expected.passages.last! + 1))
    }
}

@Suite struct BlockImpactTests {
    /// The kept impacts are the pairs no other beats on both, by increasing frequency and
    /// length, at most `maximumImpacts`, and together they dominate every pair.
    @Test func impactsDominateEveryPairAndNoneDominatesAnother() {
        var generator = SeededGenerator(state: 41)
        for trial in 0..<500 {
            let count = Int.random(in: 1...128, using: &generator)
            let pairs: [(frequency: UInt32, length: UInt32)] = (0..<count).map { _ in
                (UInt32.random(in: 1...(trial % 2 == 0 ? 4 : 40), using: &generator),
                 UInt32.random(in: 0...200, using: &generator))
            }
            var impacts = pairs
            PostingsEncoder.keepDominant(&impacts)
            #expect(!impacts.isEmpty && impacts.count <= PostingsEncoder.maximumImpacts)
            for (earlier, later) in zip(impacts, impacts.dropFirst()) {
                #expect(later.frequency > earlier.frequency && later.length > earlier.length)
            }
            for pair in pairs {
                #expect(impacts.contains { $0.frequency >= pair.frequency && $0.length <= pair.length })
            }
            let frontier = pairs.filter { pair in
                !pairs.contains {
                    ($0.frequency > pair.frequency && $0.length <= pair.length)
                        || ($0.frequency == pair.frequency && $0.length < pair.length)
                }
            }
            let distinct = Set(frontier.map { "\($0.frequency),\($0.length)" })
            if distinct.count <= PostingsEncoder.maximumImpacts {
                #expect(Set(impacts.map { "\($0.frequency),\($0.length)" }) == distinct)
            }
        }
    }
}

/// Damaged postings, positions and dictionaries whose checksums were recomputed — so only
/// the decoders' own checks stand between the damage and a crash — give errors naming the
/// file, never a crash or a read out of bounds.
@Suite struct PostingsCorruptionTests {
    static func smallIndex() throws -> String {
        let directory = TestSupport.temporaryDirectory("postings-fuzz").path
        let writer = try IndexWriter(directory: directory)
        let words = ["代表", "建议", "人民", "会议", "经济", "发展", "改革", "开放"]
        var generator = SeededGenerator(state: 9)
        for document in 0..<60 {
            var text = ""
            for _ in 0..<12 {
                for _ in 0..<Int.random(in: 3...20, using: &generator) { text += words.randomElement(using: &generator)! }
                text += "。\n\n"
            }
            try writer.addText(text, path: "doc-\(document).txt", year: 2000 + document % 5)
        }
        try writer.commit()
        return directory
    }

    /// Reads every term's postings and positions, and every block bound.
    static func readEverything(_ directory: String) throws(JiansuoError) {
        let searcher = try Searcher(directory: directory)
        for segment in searcher.snapshot.segments {
            for index in 0..<segment.termCount {
                let entry = try segment.termEntry(at: index)
                _ = try segment.decodePostings(entry)
                let cursor = try segment.postingsCursor(entry)
                var target = 0
                while try cursor.advanceShallow(to: target) {
                    target = cursor.blockLastPassage + 1
                    _ = try cursor.advance(to: target - 1)
                }
            }
        }
    }

    @Test(arguments: [IndexFile.Kind.postings, .positions, .terms])
    func damageIsReportedNotFatal(kind: IndexFile.Kind) throws {
        let directory = try Self.smallIndex()
        try Self.readEverything(directory)
        let name = try #require(try FileManager.default.contentsOfDirectory(atPath: directory).first {
            $0.hasSuffix("." + kind.fileExtension)
        })
        let path = directory + "/" + name
        let file = try MappedFile(path: path, kind: kind, storage: FileStorage())
        let body = try withExtendedLifetime(file) { Array(try file.verifiedBody()) }
        #expect(body.count > 200)
        var generator = SeededGenerator(state: 21)
        var detected = 0
        for _ in 0..<300 {
            var damaged = body
            for _ in 0..<Int.random(in: 1...3, using: &generator) {
                let offset = Int.random(in: 0..<damaged.count, using: &generator)
                damaged[offset] = UInt8.random(in: 0...255, using: &generator)
            }
            try FileSystem.writeDurably(IndexFile.encode(kind: kind, body: damaged), to: path)
            do {
                try Self.readEverything(directory)
            } catch {
                guard case .corruptIndex = error else {
                    Issue.record("unexpected error \(error)")
                    continue
                }
                detected += 1
            }
        }
        #expect(detected > 0)
    }
}

/// The conformance checks on generated text, so they run where ../shared is absent too:
/// every term of a small index, several of them spanning many blocks.
@Suite struct GeneratedTextPostingsTests {
    @Test func cursorsAgreeWithTheTextForEveryTerm() throws {
        let searcher = try Searcher(directory: try PostingsCorruptionTests.smallIndex())
        var generator = SeededGenerator(state: 13)
        var multiBlockTerms = 0
        for segment in searcher.snapshot.segments {
            let passageTerms = try PostingsCursorTests.passageTerms(segment)
            let passageCharacters = try PostingsCursorTests.passageCharacterTerms(segment)
            let passagePairs = try PostingsCursorTests.passagePairTerms(segment)
            for index in 0..<segment.termCount {
                let term = String(decoding: try segment.termBytes(at: index), as: UTF8.self)
                let entry = try segment.termEntry(at: index)
                // A single character has no positions; a pair's are its first character's.
                let single = term.hasPrefix("\u{1}")
                let expected = PostingsCursorTests.expected(
                    term, single ? passageCharacters : term.hasPrefix("\u{2}") ? passagePairs : passageTerms)
                #expect(entry.passageFrequency == expected.passages.count, "\(term)")
                if entry.passageFrequency > PostingsEncoder.blockSize { multiBlockTerms += 1 }
                let decoded = try segment.decodePostings(entry)
                #expect(decoded.passages.map(Int.init) == expected.passages, "\(term)")
                #expect(decoded.frequencies.map(Int.init) == expected.positions.map(\.count), "\(term)")
                #expect(decoded.positions == (single ? [] : expected.positions.flatMap { $0 }), "\(term)")
                try PostingsCursorTests().checkAdvance(segment, entry, expected, &generator)
                try PostingsCursorTests().checkBlockBounds(segment, entry, expected)
            }
        }
        #expect(multiBlockTerms >= 4)
    }
}
